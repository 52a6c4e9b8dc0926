"""Schema migrations: small, named, each applied once in its own transaction.

A migration is a name and a list of SQL statements. Write statements in the SQL both
SQLite and PostgreSQL understand; where they differ, give a dict {"sqlite": ..., "postgresql": ...}.
Append new migrations at the end; never edit one that has shipped. A statement may also be
a callable taking the store: it runs in the same transaction (used to back-fill new tables
from rows an older Parley stored).
"""
from __future__ import annotations

from dataclasses import dataclass

from ..plover import PLOVER_QUADS


def _backfill(module: str, function: str):
    """A migration step that calls parley.store.<module>.<function>(store), imported lazily."""
    def step(store) -> None:
        import importlib
        getattr(importlib.import_module(f"{__package__}.{module}"), function)(store)
    step.__name__ = f"{module}.{function}"
    return step


# 1810: the text of a search unit is its article's text at the unit's span
_UNIT_TEXT = "SUBSTR(a.text, {u}.start_char + 1, {u}.end_char - {u}.start_char)"
SEARCH_TEXT_VIEW = ("CREATE VIEW search_text AS SELECT u.id AS id, " + _UNIT_TEXT.format(u="u") + " AS body "
                    "FROM search_units u JOIN articles a ON a.uid = u.article_uid")
SEARCH_FTS = """CREATE VIRTUAL TABLE search_fts USING fts5(
            body, content='search_text', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2')"""
SEARCH_INSERT_TRIGGER = ("CREATE TRIGGER search_units_ai AFTER INSERT ON search_units BEGIN "
                         "INSERT INTO search_fts (rowid, body) SELECT new.id, " + _UNIT_TEXT.format(u="new") +
                         " FROM articles a WHERE a.uid = new.article_uid; END")
SEARCH_DELETE_TRIGGER = ("CREATE TRIGGER search_units_ad AFTER DELETE ON search_units BEGIN "
                         "INSERT INTO search_fts (search_fts, rowid, body) SELECT 'delete', old.id, " +
                         _UNIT_TEXT.format(u="old") + " FROM articles a WHERE a.uid = old.article_uid; END")
SEARCH_TSV_FUNCTION = ("CREATE OR REPLACE FUNCTION search_units_tsv() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                       "NEW.tsv := to_tsvector('english', (SELECT " + _UNIT_TEXT.format(u="NEW") +
                       " FROM articles a WHERE a.uid = NEW.article_uid)); RETURN NEW; END $$")
SEARCH_TSV_TRIGGER = ("CREATE TRIGGER search_units_tsv BEFORE INSERT OR UPDATE ON search_units "
                      "FOR EACH ROW EXECUTE FUNCTION search_units_tsv()")


@dataclass(frozen=True)
class Migration:
    name: str
    statements: tuple  # str, {dialect: str}, or a callable(store)


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
    # -- storage (02xx): full-text search, story clusters, ingest checkpoints ----------
    Migration("0201_search", (
        {"sqlite": """CREATE TABLE search_units (
            id INTEGER PRIMARY KEY, article_uid TEXT NOT NULL REFERENCES articles (uid),
            source TEXT NOT NULL, attribution_uid TEXT, kind TEXT,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
            sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, body TEXT NOT NULL)""",
         "postgresql": """CREATE TABLE search_units (
            id BIGSERIAL PRIMARY KEY, article_uid TEXT NOT NULL REFERENCES articles (uid),
            source TEXT NOT NULL, attribution_uid TEXT, kind TEXT,
            start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
            sent_start INTEGER NOT NULL, sent_end INTEGER NOT NULL, body TEXT NOT NULL,
            tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED)"""},
        "CREATE INDEX search_units_article ON search_units (article_uid)",
        {"sqlite": """CREATE VIRTUAL TABLE search_fts USING fts5(
            body, content='search_units', content_rowid='id',
            tokenize='porter unicode61 remove_diacritics 2')""",
         "postgresql": "CREATE INDEX search_units_tsv ON search_units USING GIN (tsv)"},
        {"sqlite": """CREATE TRIGGER search_units_ai AFTER INSERT ON search_units BEGIN
            INSERT INTO search_fts (rowid, body) VALUES (new.id, new.body); END""",
         "postgresql": None},
        {"sqlite": """CREATE TRIGGER search_units_ad AFTER DELETE ON search_units BEGIN
            INSERT INTO search_fts (search_fts, rowid, body) VALUES ('delete', old.id, old.body); END""",
         "postgresql": None},
        _backfill("search", "index_all"),
    )),
    Migration("0202_stories", (
        """CREATE TABLE story_articles (
            article_uid TEXT PRIMARY KEY REFERENCES articles (uid), story_id TEXT NOT NULL,
            matched_uid TEXT, similarity REAL, shingles INTEGER, signature TEXT)""",
        "CREATE INDEX story_articles_story ON story_articles (story_id)",
        """CREATE TABLE story_buckets (
            bucket TEXT NOT NULL, article_uid TEXT NOT NULL, PRIMARY KEY (bucket, article_uid))""",
        """CREATE TABLE reports (
            key TEXT PRIMARY KEY, article_uid TEXT NOT NULL REFERENCES articles (uid),
            outlet_key TEXT NOT NULL, outlet TEXT, url TEXT, source TEXT, published TEXT,
            reported_at TEXT)""",
        "CREATE INDEX reports_article ON reports (article_uid)",
        "ALTER TABLE events ADD COLUMN story_key TEXT",
        "ALTER TABLE attributions ADD COLUMN story_key TEXT",
        """CREATE VIEW stories AS
            SELECT sa.story_id AS id, COUNT(DISTINCT sa.article_uid) AS articles,
                   COUNT(r.key) AS reports, COUNT(DISTINCT r.outlet_key) AS outlets,
                   MIN(r.published) AS first_published, MAX(r.published) AS last_published
            FROM story_articles sa JOIN reports r ON r.article_uid = sa.article_uid
            GROUP BY sa.story_id""",
        _backfill("stories", "assign_all"),
    )),
    Migration("0203_ingest_inputs", (
        """CREATE TABLE ingest_inputs (
            key TEXT PRIMARY KEY, source TEXT, status TEXT NOT NULL, article_uid TEXT,
            reason TEXT, done_at TEXT)""",
    )),
    # issue 5: events keep their PLOVER score and modality; articles their resolved dates
    Migration("0501_event_scores_and_dates", (
        "ALTER TABLE events ADD COLUMN plover_score REAL",
        "ALTER TABLE events ADD COLUMN modality TEXT",
        "ALTER TABLE articles ADD COLUMN dates TEXT",
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
    # issue 12: one PLOVER table (parley/plover.py); events stored without a quad class take
    # their type's, so every reader classifies them alike.
    Migration("1201_quad_from_plover_table", (
        "UPDATE events SET quad = CASE type "
        + " ".join(f"WHEN '{t}' THEN '{q}'" for t, q in PLOVER_QUADS.items()) + " END "
        "WHERE quad IS NULL OR quad = ''",
    )),
    # 19xx: hardening (issue 19): the language found and the encoding the input was read in
    Migration("1901_article_language_encoding", (
        "ALTER TABLE articles ADD COLUMN language TEXT",
        "ALTER TABLE articles ADD COLUMN encoding TEXT",
    )),
    # issue 16: an event's place keeps its kind, first-level region and GeoNames id
    Migration("1601_event_place_detail", (
        "ALTER TABLE events ADD COLUMN place_kind TEXT",
        "ALTER TABLE events ADD COLUMN place_admin1 TEXT",
        "ALTER TABLE events ADD COLUMN place_geonames_id TEXT",
    )),
    # 18xx: a store of millions of events (issue 18): indexes for every filter of the web UI and
    # the pre-aggregated tables of aggregates.py, back-filled from the rows already stored.
    Migration("1801_scale_aggregates", (
        """CREATE TABLE agg_totals (metric TEXT NOT NULL, key TEXT NOT NULL, n BIGINT NOT NULL,
            PRIMARY KEY (metric, key))""",
        """CREATE TABLE agg_actors (actor_key TEXT PRIMARY KEY, name TEXT, kind TEXT, country TEXT,
            articles BIGINT NOT NULL, mentions BIGINT NOT NULL)""",
        "CREATE INDEX agg_actors_rank ON agg_actors (articles DESC, name)",
        "CREATE INDEX agg_actors_kind ON agg_actors (kind, articles DESC)",
        "CREATE INDEX agg_actors_country ON agg_actors (country, articles DESC)",
        """CREATE TABLE agg_pairs (month TEXT NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL,
            src_country TEXT NOT NULL, tgt_country TEXT NOT NULL, type TEXT NOT NULL,
            polarity TEXT NOT NULL, n BIGINT NOT NULL, intensity_sum REAL, intensity_n BIGINT NOT NULL,
            PRIMARY KEY (month, src, tgt, src_country, tgt_country, type, polarity))""",
        "CREATE INDEX agg_pairs_src ON agg_pairs (src, tgt)",
        "CREATE INDEX agg_pairs_tgt ON agg_pairs (tgt, src)",
        "CREATE INDEX agg_pairs_type ON agg_pairs (type, month)",
        """CREATE TABLE agg_country_pairs (month TEXT NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL,
            type TEXT NOT NULL, polarity TEXT NOT NULL, n BIGINT NOT NULL, intensity_sum REAL,
            intensity_n BIGINT NOT NULL, PRIMARY KEY (month, src, tgt, type, polarity))""",
        """CREATE TABLE agg_dyads (level TEXT NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL,
            n BIGINT NOT NULL, cooperation BIGINT NOT NULL, conflict BIGINT NOT NULL,
            intensity_sum REAL, intensity_n BIGINT NOT NULL, PRIMARY KEY (level, src, tgt))""",
        "CREATE INDEX agg_dyads_rank ON agg_dyads (level, n DESC)",
        "CREATE INDEX agg_dyads_tgt ON agg_dyads (level, tgt, n DESC)",
        """CREATE TABLE agg_nodes (level TEXT NOT NULL, key TEXT NOT NULL, n BIGINT NOT NULL,
            PRIMARY KEY (level, key))""",
        "CREATE INDEX agg_nodes_rank ON agg_nodes (level, n DESC)",
        """CREATE TABLE agg_actor_months (month TEXT NOT NULL, actor_key TEXT NOT NULL,
            role TEXT NOT NULL, type TEXT NOT NULL, polarity TEXT NOT NULL, n BIGINT NOT NULL,
            intensity_sum REAL, intensity_n BIGINT NOT NULL,
            PRIMARY KEY (actor_key, role, month, type, polarity))""",
        "CREATE INDEX articles_outlet ON articles (outlet, published)",
        {"sqlite": "CREATE INDEX articles_recent ON articles (published DESC, id)",
         "postgresql": "CREATE INDEX articles_recent ON articles (published DESC NULLS LAST, id)"},
        "CREATE INDEX attributions_kind ON attributions (kind)",
        "CREATE INDEX actors_country ON actors (country)",
        _backfill("aggregates", "rebuild"),
    )),
    # issue 16: every toponym of an article (its `places`), for the article map and the place
    # filter of search; back-filled from the event places an older Parley stored.
    Migration("1602_article_places", (
        """CREATE TABLE places (
            article_uid TEXT NOT NULL REFERENCES articles (uid), start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL, text TEXT NOT NULL, name TEXT, name_key TEXT, kind TEXT,
            country TEXT, admin1 TEXT, lat REAL, lon REAL, geonames_id TEXT, role TEXT,
            actor_uid TEXT, source TEXT, PRIMARY KEY (article_uid, start_char))""",
        "CREATE INDEX places_country ON places (country, article_uid)",
        "CREATE INDEX places_name ON places (name_key, article_uid)",
        """INSERT INTO places (article_uid, start_char, end_char, text, name, name_key, kind, country,
            admin1, lat, lon, geonames_id, role, source)
            SELECT article_uid, place_start, MIN(place_end), MIN(place_name), MIN(place_name),
                   LOWER(MIN(place_name)), MIN(place_kind), MIN(place_country), MIN(place_admin1),
                   MIN(lat), MIN(lon), MIN(place_geonames_id), 'place', 'text'
            FROM events WHERE place_start IS NOT NULL GROUP BY article_uid, place_start""",
    )),
    # issue 18: pages answered from the aggregates as the exact queries answer them: registry
    # names, generic descriptions left out of rankings and the network, the name filter's
    # row names; an index that finds an article's date without reading its text.
    Migration("1802_aggregates_specific", (
        "ALTER TABLE agg_actors ADD COLUMN specific_articles BIGINT NOT NULL DEFAULT 0",
        "CREATE INDEX agg_actors_specific ON agg_actors (specific_articles DESC, name)",
        "CREATE TABLE agg_names (name TEXT PRIMARY KEY)",
        """CREATE TABLE agg_specific_pairs (month TEXT NOT NULL, src TEXT NOT NULL, tgt TEXT NOT NULL,
            type TEXT NOT NULL, polarity TEXT NOT NULL, n BIGINT NOT NULL, intensity_sum REAL,
            intensity_n BIGINT NOT NULL, PRIMARY KEY (month, src, tgt, type, polarity))""",
        "CREATE INDEX agg_specific_pairs_type ON agg_specific_pairs (type, month)",
        "CREATE INDEX articles_uid_published ON articles (uid, published)",
        _backfill("aggregates", "add_specific"),
    )),
    # issue 18: the search filter on an event type reads an article's events of that type only
    Migration("1803_search_event_index", (
        "CREATE INDEX events_article_type ON events (article_uid, type, sent_start, sent_end)",
    )),
    # issue 18: the statements page walks articles newest first in its exact order
    Migration("1804_articles_newest", (
        {"sqlite": "CREATE INDEX articles_newest ON articles (published DESC, uid)",
         "postgresql": "CREATE INDEX articles_newest ON articles (published DESC NULLS LAST, uid)"},
    )),
    # issue 18: statements about an actor read the quotes of its articles from an index
    Migration("1805_attributions_content", (
        "CREATE INDEX attributions_content ON attributions (article_uid, content_start, content_end, speaker_uid, uid)",
    )),
    # issue 18: a network filtered by event type or by months sums its nodes' events from
    # indexes holding every column it reads (it looked up each pair's row: 0.6 s at 100k)
    Migration("1806_pairs_covering", (
        "DROP INDEX agg_pairs_type", "DROP INDEX agg_specific_pairs_type", *(
            f"CREATE INDEX {table}_{name} ON {table} ({columns})"
            for table in ("agg_pairs", "agg_specific_pairs", "agg_country_pairs")
            for name, columns in (("type_cover", "type, month, src, tgt, n"), ("month_cover", "month, src, tgt, n")))
    )),
    # issue 18: an actor's and a dyad's newest events read as the first rows of the actor
    # key's range (the busiest actor's page sorted its 2,000 events, joined through 6,000
    # actor rows, for the 30 it shows); the table also gives the events of an actor or a dyad
    # without joining actor rows (maps, counts)
    Migration("1807_actor_events", (
        {"sqlite": """CREATE TABLE agg_actor_events (actor_key TEXT NOT NULL, role TEXT NOT NULL,
            day TEXT NOT NULL, article_uid TEXT NOT NULL, trigger_start INTEGER NOT NULL,
            event_uid TEXT NOT NULL,
            PRIMARY KEY (actor_key, role, day DESC, article_uid, trigger_start, event_uid)) WITHOUT ROWID""",
         "postgresql": """CREATE TABLE agg_actor_events (actor_key TEXT NOT NULL, role TEXT NOT NULL,
            day TEXT NOT NULL, article_uid TEXT NOT NULL, trigger_start INTEGER NOT NULL,
            event_uid TEXT NOT NULL, PRIMARY KEY (actor_key, role, event_uid))"""},
        {"postgresql": "CREATE INDEX agg_actor_events_newest ON agg_actor_events "
                       "(actor_key, role, day DESC, article_uid, trigger_start, event_uid)"},
        _backfill("aggregates", "fill_actor_events"),
    )),
    # issue 18: the actor page's summary (its rows' names, sectors, roles and dates) and its
    # statements by and about it, read from per-actor tables kept on ingest (the busiest
    # actor's 6,000 rows and 6,000 statements were read for each view: 150-300 ms a query)
    Migration("1808_actor_tables", (
        """CREATE TABLE agg_actor_groups (actor_key TEXT NOT NULL, name TEXT NOT NULL, aliases TEXT NOT NULL,
            sector TEXT NOT NULL, role TEXT NOT NULL, n BIGINT NOT NULL, first_pub TEXT, last_pub TEXT,
            first_row TEXT NOT NULL, PRIMARY KEY (actor_key, name, aliases, sector, role))""",
        {"sqlite": """CREATE TABLE agg_actor_statements (actor_key TEXT NOT NULL, role TEXT NOT NULL,
            published TEXT NOT NULL, article_uid TEXT NOT NULL, content_start INTEGER NOT NULL, uid TEXT NOT NULL,
            PRIMARY KEY (actor_key, role, published DESC, article_uid, content_start, uid)) WITHOUT ROWID""",
         "postgresql": """CREATE TABLE agg_actor_statements (actor_key TEXT NOT NULL, role TEXT NOT NULL,
            published TEXT NOT NULL, article_uid TEXT NOT NULL, content_start INTEGER NOT NULL, uid TEXT NOT NULL,
            PRIMARY KEY (actor_key, role, uid))"""},
        {"postgresql": "CREATE INDEX agg_actor_statements_newest ON agg_actor_statements "
                       "(actor_key, role, published DESC, article_uid, content_start, uid)"},
        _backfill("actor_tables", "fill_1808"),
    )),
    # issue 18: the actor page's map from the actor's places (2,000 events looked up: 40 ms)
    Migration("1809_actor_places", (
        """CREATE TABLE agg_actor_places (actor_key TEXT NOT NULL, name TEXT NOT NULL, country TEXT NOT NULL,
            lat REAL NOT NULL, lon REAL NOT NULL, polarity TEXT NOT NULL, kind TEXT, n BIGINT NOT NULL,
            PRIMARY KEY (actor_key, name, country, lat, lon, polarity))""",
        _backfill("actor_tables", "fill_places"),
    )),
    # issue 18: a search unit keeps its span, not a copy of its text (26% of the store was
    # search; `body` was 101 characters a unit, 5.2 M units at 100k articles). SQLite's FTS5
    # index reads the text through the view `search_text` (the article's text cut at the
    # unit's span, as check.py always checked it equal); PostgreSQL keeps the `tsvector`
    # (now filled by a trigger from the same span) and cuts headlines from the article text.
    # The SQLite index is rebuilt (38 s for 1810 and 1811 on a 10k-article store); the freed
    # pages go back to the file system with `sqlite3 STORE VACUUM` (15 s at 10k articles).
    Migration("1810_search_units_spans", (
        _backfill("search", "units_without_text"),
    )),
    # issue 18: a mention's text and a quote's content are kept only where they differ from
    # the article's text at their span (parley/store/compact.py; readers: rows.py)
    Migration("1811_spans_not_copies", (
        _backfill("compact", "spans_not_copies"),
    )),
    # issue 18 (SQLite): mentions and the per-actor month, group and place tables keep their
    # key once (WITHOUT ROWID; parley/store/compact.py)
    Migration("1812_keys_stored_once", (
        _backfill("compact", "keys_stored_once"),
    )),
    # issue 15: a quote split around its cue keeps its pieces (JSON [[start, end], ...]; NULL
    # when the content is one piece), so an article reads back as it was extracted
    Migration("1501_attribution_pieces", (
        "ALTER TABLE attributions ADD COLUMN content_spans TEXT",
    )),
)
