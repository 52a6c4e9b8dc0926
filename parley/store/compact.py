"""Migration 1811: rows keep spans of the article's text, not copies of it (issue 18).

A mention's `text` and a quote's `content` are, for everything the pipeline writes, the
article's text at their span; the rows stored both. Since 1811 a row keeps NULL where the
copy equals its span (and the string only where it differs), and readers take the span
(`parley/store/rows.py`: MENTION_TEXT, content_sql). SQLite cannot drop a NOT NULL
constraint in place, so `attributions` is copied into a table without it, its indexes made
again; PostgreSQL drops the constraint. `VACUUM` (SQLite) or `VACUUM FULL` (PostgreSQL)
gives the freed pages back to the file system.
"""
from __future__ import annotations

import re

MENTIONS_NULL = ("UPDATE mentions SET text = NULL WHERE text IS NOT NULL AND text = "
                 "(SELECT SUBSTR(a.text, mentions.start_char + 1, mentions.end_char - mentions.start_char) "
                 "FROM articles a WHERE a.uid = mentions.article_uid)")
CONTENT_NULL = ("UPDATE attributions SET content = NULL WHERE content = "
                "(SELECT SUBSTR(a.text, attributions.content_start + 1, attributions.content_end - attributions.content_start) "
                "FROM articles a WHERE a.uid = attributions.article_uid)")


def spans_not_copies(store) -> None:
    if store.dialect != "sqlite":
        store.execute("ALTER TABLE attributions ALTER COLUMN content DROP NOT NULL")
        store.execute(MENTIONS_NULL)
        store.execute(CONTENT_NULL)
        return
    store.execute(MENTIONS_NULL)
    analyze(store, ("mentions",))
    table = store.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'attributions'")[0]["sql"]
    loose = re.sub(r"\bcontent\s+TEXT\s+NOT\s+NULL", "content TEXT", table, count=1)
    if loose == table:                          # no constraint to drop: the values only
        store.execute(CONTENT_NULL)
        return
    indexes = [r["sql"] for r in store.query("SELECT sql FROM sqlite_master WHERE type = 'index' "
                                             "AND tbl_name = 'attributions' AND sql IS NOT NULL")]
    columns = [r["name"] for r in store.query("SELECT name FROM pragma_table_info('attributions') ORDER BY cid")]
    cols = ", ".join(columns)
    picked = ", ".join(
        "CASE WHEN q.content = SUBSTR(a.text, q.content_start + 1, q.content_end - q.content_start) "
        "THEN NULL ELSE q.content END" if c == "content" else f"q.{c}" for c in columns)
    store.execute(re.sub(r"^CREATE TABLE\s+\"?attributions\"?", "CREATE TABLE attributions_1811", loose, count=1))
    store.execute(f"INSERT INTO attributions_1811 ({cols}) SELECT {picked} FROM attributions q "
                  "LEFT JOIN articles a ON a.uid = q.article_uid")
    store.execute("DROP TABLE attributions")
    store.execute("ALTER TABLE attributions_1811 RENAME TO attributions")
    for sql in indexes:
        store.execute(sql)
    analyze(store, ("attributions",))


# Migration 1812 (SQLite): tables keyed by several text columns and read through their key only
# store each row once. A rowid table with such a PRIMARY KEY keeps the key twice (in the table
# and in its automatic index: mentions' key was 2.6 KB per article beside a 4.2 KB table).
# Tables whose other indexes would then carry the whole key instead of a rowid (actors,
# event_actors, the pairs and dyads) are left as they are.
WITHOUT_ROWID = ("mentions", "agg_actor_months", "agg_actor_groups", "agg_actor_places")


def keys_stored_once(store) -> None:
    if store.dialect != "sqlite":
        return
    for table in WITHOUT_ROWID:
        got = store.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,))
        if not got or "WITHOUT ROWID" in got[0]["sql"].upper():
            continue
        indexes = [r["sql"] for r in store.query("SELECT sql FROM sqlite_master WHERE type = 'index' "
                                                 "AND tbl_name = ? AND sql IS NOT NULL", (table,))]
        columns = ", ".join(r["name"] for r in store.query(f"SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))
        create = re.sub(rf"^CREATE TABLE\s+\"?{table}\"?", f"CREATE TABLE {table}_1812", got[0]["sql"].strip(), count=1)
        store.execute(create + " WITHOUT ROWID")
        store.execute(f"INSERT INTO {table}_1812 ({columns}) SELECT {columns} FROM {table}")
        store.execute(f"DROP TABLE {table}")
        store.execute(f"ALTER TABLE {table}_1812 RENAME TO {table}")
        for sql in indexes:
            store.execute(sql)
        analyze(store, (table,))


def analyze(store, tables) -> None:
    """Planner statistics for tables a migration made again (SQLite drops a table's rows of
    sqlite_stat1 with the table: without them the planner chose other indexes and the pages of
    the 10k-article bench store were slower), where the store had statistics before (a new or
    small store has none: its first `ANALYZE` is the bulk load's or never)."""
    if store.dialect != "sqlite" or not store.query(
            "SELECT 1 AS one FROM sqlite_master WHERE name = 'sqlite_stat1'") or not store.query(
            "SELECT 1 AS one FROM sqlite_stat1 LIMIT 1"):
        return
    for table in tables:
        store.execute(f"ANALYZE {table}")
