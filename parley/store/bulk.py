"""Bulk loading: many rows into an empty (or nearly empty) store, fast.

    with BulkLoad(store) as load:
        load.rows("articles", columns, tuples)     # as many batches as needed
        ...
    # on exit: indexes rebuilt, full-text index rebuilt, aggregates back-filled, ANALYZE

1. secondary indexes and the full-text triggers are dropped first (each is remembered by its
   CREATE statement), so rows go in without index maintenance
2. rows go in one batch at a time: SQLite `executemany` inside one transaction,
   PostgreSQL `COPY ... FROM STDIN`
3. on exit the indexes are created again, SQLite's FTS5 index is rebuilt from `search_units`
   in one pass, the pre-aggregated tables (aggregates.py) are recomputed in SQL, and the
   planner statistics are refreshed

The caller gives rows already in the store's shape (the columns of migrations.py); nothing
here checks contents, so `Store.put` stays the way to store pipeline results one by one.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import aggregates


def _saved_sqlite(store) -> list[tuple[str, str, str]]:
    return [(r["type"], r["name"], r["sql"]) for r in store.query(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', 'trigger') "
        "AND sql IS NOT NULL AND tbl_name NOT LIKE 'search_fts%' ORDER BY type, name")]


def _saved_postgres(store) -> list[tuple[str, str, str]]:
    return [("index", r["indexname"], r["indexdef"]) for r in store.query(
        "SELECT i.indexname, i.indexdef FROM pg_indexes i WHERE i.schemaname = current_schema() "
        "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname) "
        "ORDER BY i.indexname")]


class BulkLoad:
    def __init__(self, store):
        self.store = store
        self.saved: list[tuple[str, str, str]] = []
        self.rows_in = 0

    # 1 ---------------------------------------------------------------------------------
    def __enter__(self) -> "BulkLoad":
        s = self.store
        s._begin()
        self.saved = _saved_sqlite(s) if s.dialect == "sqlite" else _saved_postgres(s)
        for kind, name, _ in self.saved:
            s.execute(f"DROP {kind.upper()} IF EXISTS {name}")
        if s.dialect == "sqlite":
            s.conn.commit()
            for pragma in ("foreign_keys=OFF", "synchronous=OFF", "cache_size=-262144", "temp_store=MEMORY"):
                s.execute(f"PRAGMA {pragma}")
        s.conn.commit()
        s._begin()
        return self

    # 2 ---------------------------------------------------------------------------------
    def rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> int:
        s = self.store
        cols = ", ".join(columns)
        n = 0
        if s.dialect == "sqlite":
            marks = ", ".join("?" for _ in columns)
            cur = s.conn.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})", rows)
            n = cur.rowcount
        else:
            with s.conn.cursor().copy(f"COPY {table} ({cols}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
                    n += 1
        self.rows_in += n
        return n

    # 3 ---------------------------------------------------------------------------------
    def __exit__(self, exc_type, exc, tb) -> None:
        s = self.store
        if exc_type is not None:
            s.conn.rollback()
            s._begin()
        else:
            s.conn.commit()
            s._begin()
        for _kind, _, sql in sorted(self.saved, key=lambda t: t[0]):   # indexes before triggers
            s.execute(sql)
        if exc_type is None and s.dialect == "sqlite":
            s.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
        if exc_type is None:
            aggregates.rebuild(s)
        s.conn.commit()
        if s.dialect == "sqlite":
            for pragma in ("foreign_keys=ON", "synchronous=NORMAL"):
                s.execute(f"PRAGMA {pragma}")
        if exc_type is None:
            s.execute("ANALYZE")
            s.conn.commit()
