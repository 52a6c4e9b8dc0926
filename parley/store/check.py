"""`parley check`: is the store whole? Each check returns the problems it found (strings).

1. integrity     SQLite's PRAGMA integrity_check (pages, indexes) and foreign_key_check;
                 on PostgreSQL (whose server checks pages and keys) indexes left invalid and
                 constraints never validated
2. spans         every stored offset lies inside its article's text, and a mention's text
                 is the text at its span
3. search        every article with text has search units, none points at a missing
                 article, and the FTS5 index agrees with its content table
4. stories       every article is in exactly one story and has a report; matched articles
                 exist and are in the same story
5. checkpoint    every input marked stored points at a stored article

`quick(store)` runs SQLite's quick_check only (the server's start-up check).
"""
from __future__ import annotations

from collections.abc import Callable

from ..errors import Errors, StoreError

# Problems listed per check; the count of the rest is given.
MAX_LISTED = 20


def quick(store) -> None:
    """Raise StoreError (P413) when SQLite's quick_check finds the file damaged."""
    if store.dialect != "sqlite":
        return
    try:
        rows = [r[0] for r in store.conn.execute("PRAGMA quick_check(5)").fetchall()]
    except Exception as exc:
        coded = store.failure(exc)
        raise (coded or exc) from None
    if rows != ["ok"]:
        path = getattr(store, "path", "")
        raise StoreError(Errors.P413.format(path=path, why="; ".join(rows)))


def run_checks(store) -> dict[str, list[str]]:
    """Each check's name -> its problems (an empty list: it passed)."""
    out: dict[str, list[str]] = {}
    for name, check in CHECKS:
        try:
            out[name] = check(store)
        except Exception as exc:
            coded = store.failure(exc)
            out[name] = [str(coded or f"{type(exc).__name__}: {exc}")]
        finally:
            store.conn.rollback()
    return out


# PostgreSQL: indexes a failed build left unusable, constraints added NOT VALID (rows they
# were never checked against), both in the store's schema.
_PG_INTEGRITY = (
    ("index not valid (rebuild it: REINDEX INDEX name)",
     "SELECT c.relname AS bad FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
     "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() "
     "AND NOT (i.indisvalid AND i.indisready)"),
    ("constraint not validated (ALTER TABLE ... VALIDATE CONSTRAINT name)",
     "SELECT r.conname AS bad FROM pg_constraint r JOIN pg_namespace n ON n.oid = r.connamespace "
     "WHERE n.nspname = current_schema() AND NOT r.convalidated"),
)


def integrity(store) -> list[str]:
    if store.dialect != "sqlite":
        return [p for what, sql in _PG_INTEGRITY for p in _listed(store, sql, what)]
    rows = [r[0] for r in store.conn.execute(f"PRAGMA integrity_check({MAX_LISTED})").fetchall()]
    problems = [] if rows == ["ok"] else rows
    for table, rowid, parent, _ in store.conn.execute("PRAGMA foreign_key_check").fetchmany(MAX_LISTED):
        problems.append(f"{table} row {rowid} refers to a missing row of {parent}")
    return problems


# (what, SQL selecting a label per bad row): offsets outside the text, reversed spans.
_SPAN_CHECKS = (
    ("mention", "SELECT m.actor_uid || ' ' || m.start_char || '-' || m.end_char AS bad FROM mentions m "
     "JOIN articles a ON a.uid = m.article_uid WHERE m.start_char < 0 OR m.end_char > LENGTH(a.text) "
     "OR m.start_char > m.end_char OR (m.text IS NOT NULL AND "
     "SUBSTR(a.text, m.start_char + 1, m.end_char - m.start_char) <> m.text)"),
    ("attribution content", "SELECT q.uid AS bad FROM attributions q JOIN articles a ON a.uid = q.article_uid "
     "WHERE q.content_start < 0 OR q.content_end > LENGTH(a.text) OR q.content_start > q.content_end"),
    ("attribution speaker", "SELECT q.uid AS bad FROM attributions q JOIN articles a ON a.uid = q.article_uid "
     "WHERE q.speaker_start IS NOT NULL AND (q.speaker_start < 0 OR q.speaker_end > LENGTH(a.text) "
     "OR q.speaker_start > q.speaker_end)"),
    ("event trigger", "SELECT e.uid AS bad FROM events e JOIN articles a ON a.uid = e.article_uid "
     "WHERE e.trigger_start IS NOT NULL AND (e.trigger_start < 0 OR e.trigger_end > LENGTH(a.text) "
     "OR e.trigger_start > e.trigger_end)"),
    ("event sentence", "SELECT e.uid AS bad FROM events e JOIN articles a ON a.uid = e.article_uid "
     "WHERE e.sent_start IS NOT NULL AND (e.sent_start < 0 OR e.sent_end > LENGTH(a.text) "
     "OR e.sent_start > e.sent_end)"),
    ("search unit", "SELECT u.id AS bad FROM search_units u JOIN articles a ON a.uid = u.article_uid "
     "WHERE u.start_char < 0 OR u.end_char > LENGTH(a.text) OR u.start_char > u.end_char"),
)


def spans(store) -> list[str]:
    problems = []
    for what, sql in _SPAN_CHECKS:
        problems += _listed(store, sql + f" LIMIT {MAX_LISTED + 1}", f"{what} span outside its article's text")
    return problems


def search_index(store) -> list[str]:
    problems = _listed(store, "SELECT a.uid AS bad FROM articles a WHERE LENGTH(TRIM(a.text)) > 0 AND NOT EXISTS "
                       "(SELECT 1 FROM search_units u WHERE u.article_uid = a.uid)",
                       "article missing from the search index")
    problems += _listed(store, "SELECT u.id AS bad FROM search_units u WHERE NOT EXISTS "
                        "(SELECT 1 FROM articles a WHERE a.uid = u.article_uid)",
                        "search unit of a missing article")
    if store.dialect == "sqlite":
        try:
            store.conn.execute("INSERT INTO search_fts (search_fts, rank) VALUES ('integrity-check', 1)")
        except Exception as exc:
            problems.append(f"the full-text index disagrees with the search units ({exc}); rebuild it "
                            "with: sqlite3 STORE \"INSERT INTO search_fts(search_fts) VALUES('rebuild')\"")
    return problems


def stories(store) -> list[str]:
    problems = _listed(store, "SELECT a.uid AS bad FROM articles a WHERE NOT EXISTS "
                       "(SELECT 1 FROM story_articles s WHERE s.article_uid = a.uid)", "article in no story")
    problems += _listed(store, "SELECT s.article_uid AS bad FROM story_articles s WHERE NOT EXISTS "
                        "(SELECT 1 FROM articles a WHERE a.uid = s.article_uid)", "story member that is no article")
    problems += _listed(store, "SELECT s.article_uid AS bad FROM story_articles s LEFT JOIN story_articles m "
                        "ON m.article_uid = s.matched_uid WHERE s.matched_uid IS NOT NULL "
                        "AND (m.article_uid IS NULL OR m.story_id <> s.story_id)",
                        "story member matched to an article outside its story")
    problems += _listed(store, "SELECT a.uid AS bad FROM articles a WHERE NOT EXISTS "
                        "(SELECT 1 FROM reports r WHERE r.article_uid = a.uid)", "article with no report")
    return problems


def checkpoint(store) -> list[str]:
    return _listed(store, "SELECT i.key AS bad FROM ingest_inputs i WHERE i.status = 'stored' "
                   "AND i.article_uid IS NOT NULL AND NOT EXISTS "
                   "(SELECT 1 FROM articles a WHERE a.uid = i.article_uid)",
                   "input marked stored whose article is missing")


def _listed(store, sql: str, what: str) -> list[str]:
    rows = store.query(sql if " LIMIT " in sql else sql + f" LIMIT {MAX_LISTED + 1}")
    out = [f"{what}: {r['bad']}" for r in rows[:MAX_LISTED]]
    if len(rows) > MAX_LISTED:
        out.append(f"{what}: ... and more")
    return out


CHECKS: tuple[tuple[str, Callable], ...] = (
    ("integrity", integrity), ("spans", spans), ("search index", search_index),
    ("stories", stories), ("checkpoint", checkpoint),
)
