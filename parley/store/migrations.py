"""Schema migrations: small, named, each applied once in its own transaction.

A migration is a name and a list of SQL statements. Write statements in the SQL both
SQLite and PostgreSQL understand; where they differ, give a dict {"sqlite": ..., "postgresql": ...}.
Append new migrations at the end; never edit one that has shipped.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Migration:
    name: str
    statements: tuple  # str, or {dialect: str}


MIGRATIONS: tuple[Migration, ...] = (
    Migration("0001_initial", (
        """CREATE TABLE articles (
            uid TEXT PRIMARY KEY, id TEXT NOT NULL, source TEXT, url TEXT, title TEXT,
            published TEXT, outlet TEXT, authors TEXT, text TEXT NOT NULL,
            pipeline_version TEXT, spacy_model TEXT, sentences TEXT, ingested_at TEXT)""",
        "CREATE INDEX articles_id ON articles (id)",
        "CREATE INDEX articles_published ON articles (published)",
        """CREATE TABLE actors (
            uid TEXT PRIMARY KEY, article_uid TEXT NOT NULL REFERENCES articles (uid),
            id TEXT NOT NULL, name TEXT NOT NULL, kind TEXT NOT NULL, country TEXT,
            sector TEXT, role TEXT, aliases TEXT, registry_id TEXT)""",
        "CREATE INDEX actors_article ON actors (article_uid)",
        "CREATE INDEX actors_name ON actors (name)",
        """CREATE TABLE mentions (
            actor_uid TEXT NOT NULL REFERENCES actors (uid), article_uid TEXT NOT NULL,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL, text TEXT, kind TEXT,
            sent_start INTEGER, sent_end INTEGER, PRIMARY KEY (actor_uid, start_char, end_char))""",
        "CREATE INDEX mentions_article ON mentions (article_uid)",
        """CREATE TABLE attributions (
            uid TEXT PRIMARY KEY, article_uid TEXT NOT NULL REFERENCES articles (uid),
            id TEXT NOT NULL, kind TEXT NOT NULL, speaker_uid TEXT, speaker_start INTEGER,
            speaker_end INTEGER, cue TEXT, cue_lemma TEXT, cue_start INTEGER, cue_end INTEGER,
            content TEXT NOT NULL, content_start INTEGER NOT NULL, content_end INTEGER NOT NULL,
            sent_start INTEGER, sent_end INTEGER, via TEXT, confidence REAL)""",
        "CREATE INDEX attributions_article ON attributions (article_uid)",
        "CREATE INDEX attributions_speaker ON attributions (speaker_uid)",
        """CREATE TABLE events (
            uid TEXT PRIMARY KEY, article_uid TEXT NOT NULL REFERENCES articles (uid),
            id TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, cameo TEXT, trigger TEXT,
            trigger_start INTEGER, trigger_end INTEGER, sent_start INTEGER, sent_end INTEGER,
            date TEXT, date_start INTEGER, date_end INTEGER, place_name TEXT, place_country TEXT,
            lat REAL, lon REAL, place_start INTEGER, place_end INTEGER, negated INTEGER,
            hypothetical INTEGER, attribution_uid TEXT, confidence REAL, intensity REAL, quad TEXT)""",
        "CREATE INDEX events_article ON events (article_uid)",
        "CREATE INDEX events_type_date ON events (type, date)",
        """CREATE TABLE event_actors (
            event_uid TEXT NOT NULL REFERENCES events (uid), actor_uid TEXT NOT NULL,
            role TEXT NOT NULL, position INTEGER NOT NULL,
            PRIMARY KEY (event_uid, role, position))""",
        "CREATE INDEX event_actors_actor ON event_actors (actor_uid)",
        """CREATE TABLE rejections (
            uid TEXT PRIMARY KEY, id TEXT, source TEXT, reason TEXT NOT NULL, detail TEXT,
            rejected_at TEXT)""",
        "CREATE INDEX rejections_reason ON rejections (reason)",
    )),
    # 01xx: the actor registry (issue 4). Entries, the names they are known by (kind_class
    # '*' for names imported from a dictionary, which match actors of any kind), the dated
    # codes of imported dictionaries, and which corrections of the corrections file are applied.
    Migration("0101_actor_registry", (
        """CREATE TABLE registry (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT, country TEXT, sector TEXT,
            origin TEXT NOT NULL, locked INTEGER NOT NULL DEFAULT 0, merged_into TEXT,
            created_at TEXT)""",
        "CREATE INDEX registry_merged ON registry (merged_into)",
        """CREATE TABLE registry_names (
            name_key TEXT NOT NULL, registry_id TEXT NOT NULL, kind_class TEXT NOT NULL,
            PRIMARY KEY (name_key, registry_id))""",
        "CREATE INDEX registry_names_entry ON registry_names (registry_id)",
        """CREATE TABLE registry_codes (
            registry_id TEXT NOT NULL, code TEXT NOT NULL, country TEXT, sector TEXT,
            start_date TEXT NOT NULL, end_date TEXT NOT NULL, source TEXT NOT NULL,
            PRIMARY KEY (registry_id, code, start_date, end_date))""",
        """CREATE TABLE registry_applied (correction_id TEXT PRIMARY KEY, applied_at TEXT)""",
        "CREATE INDEX actors_registry ON actors (registry_id)",
    )),
)
