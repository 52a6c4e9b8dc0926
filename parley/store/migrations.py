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
    # 07xx: `parley watch` fetch state (issue 7): feeds and pages with their HTTP validators,
    # the entry each page was last fetched for, and every version of a page that was stored.
    Migration("0701_watch_state", (
        """CREATE TABLE watch_feeds (
            url TEXT PRIMARY KEY, title TEXT, etag TEXT, last_modified TEXT,
            checked_at TEXT, ok_at TEXT, status TEXT, error TEXT, entries INTEGER)""",
        """CREATE TABLE watch_pages (
            url TEXT PRIMARY KEY, feed_url TEXT, entry_key TEXT, etag TEXT, last_modified TEXT,
            content_hash TEXT, article_uid TEXT, version INTEGER NOT NULL DEFAULT 0,
            fetched_at TEXT, status TEXT, error TEXT)""",
        """CREATE TABLE watch_versions (
            url TEXT NOT NULL, version INTEGER NOT NULL, article_uid TEXT NOT NULL,
            fetched_at TEXT, PRIMARY KEY (url, version))""",
    )),
)
