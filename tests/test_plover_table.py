"""One PLOVER table: coder, store, web and exports classify every type alike."""
from __future__ import annotations

import sqlite3

from parley.export.tables import QUAD_CLASS as EXPORT_QUADS
from parley.plover import PLOVER_QUADS, PLOVER_TYPES, QUAD_CLASS, polarity
from parley.store import open_store
from parley.store.migrations import MIGRATIONS
from parley.web.queries import POLARITY, polarity_of


def test_every_type_has_one_quad_and_one_polarity():
    assert set(PLOVER_QUADS) == set(PLOVER_TYPES)
    assert polarity(None, "REQUEST") == "conflict"          # verbal conflict in the manual
    assert polarity(None, "RETREAT") == "cooperation"
    assert polarity_of is polarity and EXPORT_QUADS is QUAD_CLASS


def test_sql_polarity_agrees_with_the_table():
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (type TEXT, quad TEXT)")
    conn.executemany("INSERT INTO events VALUES (?, NULL)", [(t,) for t in PLOVER_TYPES])
    rows = conn.execute(f"SELECT e.type, {POLARITY} FROM events e").fetchall()
    assert {t: p for t, p in rows} == {t: polarity(None, t) for t in PLOVER_TYPES}


def test_migration_gives_stored_events_their_quad():
    (statement,) = next(m for m in MIGRATIONS if m.name == "1201_quad_from_plover_table").statements
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE events (type TEXT, quad TEXT)")
    conn.executemany("INSERT INTO events VALUES (?, NULL)", [(t,) for t in PLOVER_TYPES])
    conn.execute("INSERT INTO events VALUES ('ACCUSE', 'verbal conflict')")
    conn.execute(statement)
    rows = conn.execute("SELECT type, quad FROM events").fetchall()
    assert all(q == PLOVER_QUADS[t] for t, q in rows) and len(rows) == len(PLOVER_TYPES) + 1


def test_new_stores_apply_it(tmp_path):
    with open_store(str(tmp_path / "s.db")) as store:
        names = {r["name"] for r in store.query("SELECT name FROM schema_migrations")}
    assert "1201_quad_from_plover_table" in names
