"""Per-actor tables (issue 18): agg_actor_events (migration 1807), agg_actor_groups and
agg_actor_statements (1808). An actor's and a dyad's events, an actor's summary and its
statements by and about it read from them equal the exact queries over the rows, for every
registry actor and pair of the web store, page by page; the migrations fill the tables of an
existing store; kept on ingest they equal a fill (SQLite and PostgreSQL)."""
from __future__ import annotations

import shutil
import sqlite3

from parley import open_store
from parley.store import actor_tables as T
from parley.web import actor_summary as S, queries as Q, rollups, statements as ST
from parley.web.maps import event_places
from parley.web.selectors import parse_actor

from test_scale_aggregates import snapshot

FILTERS = (Q.EventFilter(), Q.EventFilter(asserted_only=False), Q.EventFilter(("ACCUSE", "CONSULT", "SUPPORT")),
           Q.EventFilter(date_from="2014-12-18"))


def _keys(store) -> list[str]:
    rows = store.query("SELECT DISTINCT 'r:' || registry_id AS k FROM actors a JOIN event_actors ea "
                       "ON ea.actor_uid = a.uid WHERE registry_id IS NOT NULL ORDER BY k")
    return [r["k"] for r in rows]


def _pairs(store) -> list[tuple[str, str]]:
    rows = store.query("SELECT DISTINCT 'r:' || s.registry_id AS s, 'r:' || t.registry_id AS t "
                       "FROM event_actors es JOIN actors s ON s.uid = es.actor_uid "
                       "JOIN event_actors et ON et.event_uid = es.event_uid JOIN actors t ON t.uid = et.actor_uid "
                       "WHERE es.role = 'source' AND et.role = 'target' AND s.registry_id IS NOT NULL "
                       "AND t.registry_id IS NOT NULL ORDER BY s, t")
    return [(r["s"], r["t"]) for r in rows]


def _reads(store, keys, pairs) -> dict:
    out = {}
    for k in keys:
        sel = parse_actor(k)
        out[f"summary {k}"] = S.actor_summary(store, sel)
        out[f"summary 3 {k}"] = S.actor_summary(store, sel, recent=3)
        for field in ("speaker", "about"):
            for limit, offset in ((20, 0), (2, 0), (2, 3)):
                out[f"statements {field} {k} {limit} {offset}"] = ST.statements_counted(
                    store, ST.StatementFilter(**{field: sel}), limit=limit, offset=offset)
        for limit, offset in ((30, 0), (3, 0), (3, 2), (2, 5)):
            out[f"events {k} {limit} {offset}"] = Q.events(store, either=sel, limit=limit, offset=offset)
        for i, f in enumerate(FILTERS):
            out[f"places {k} {i}"] = event_places(store, either=sel, filt=f)
            out[f"counts {k} {i}"] = sorted(Q.event_type_counts(store, either=sel, filt=f),
                                            key=lambda r: (r["type"], r["polarity"]))
    for s, t in pairs:
        src, tgt = parse_actor(s), parse_actor(t)
        for limit, offset in ((50, 0), (2, 1)):
            out[f"dyad {s} {t} {limit} {offset}"] = Q.events(store, source=src, target=tgt, limit=limit, offset=offset)
        for i, f in enumerate(FILTERS):
            out[f"dyad places {s} {t} {i}"] = event_places(store, source=src, target=tgt, filt=f)
            out[f"dyad events {s} {t} {i}"] = Q.events(store, source=src, target=tgt, filt=f)
    return out


def test_actor_and_dyad_reads_equal_the_exact_queries(web_db, monkeypatch):
    monkeypatch.setattr(S, "WALK_FROM", 0)              # every actor's newest articles by the walk
    monkeypatch.setattr(ST, "ABOUT_ARTICLES", 10 ** 9)  # the exact statements about an actor: all of them
    with open_store(web_db) as store:
        keys = [r["k"] for r in store.query("SELECT DISTINCT 'r:' || registry_id AS k FROM actors "
                                            "WHERE registry_id IS NOT NULL ORDER BY k")]
        pairs = _pairs(store)
        assert len(keys) >= 5 and len(pairs) >= 3
        fast = _reads(store, keys, pairs)
        monkeypatch.setattr(rollups, "ENABLED", False)
        monkeypatch.setattr(S, "WALK_FROM", 10 ** 9)    # newest articles from the actor's rows
        slow = _reads(store, keys, pairs)
    assert sum(1 for k, v in slow.items() if k.startswith("dyad ") and v) >= 3
    assert sum(1 for k, v in slow.items() if k.startswith("events") and len(v) >= 3) >= 3
    assert sum(1 for k, v in slow.items() if k.startswith("statements about") and v[0]) >= 3
    assert sum(1 for k, v in slow.items() if k.startswith("statements speaker") and v[1] >= 3) >= 3
    assert sum(1 for k, v in slow.items() if k.startswith("summary") and v and len(v.recent) >= 3) >= 3
    assert sum(1 for k, v in slow.items() if k.startswith("places") and len(v) >= 2) >= 3
    for key in slow:
        assert fast[key] == slow[key], key


def test_the_newest_articles_walk_answers_busy_actors(web_db):
    """The walk (not its fallback to the actor's rows) finds the newest articles of actors in
    3+ articles, every article of the last date included."""
    with open_store(web_db) as store:
        rows = store.query("SELECT 'r:' || registry_id AS k, COUNT(DISTINCT article_uid) AS n FROM actors "
                           "WHERE registry_id IS NOT NULL GROUP BY registry_id HAVING n >= 3")
        assert len(rows) >= 3
        for r in rows:
            sel = parse_actor(r["k"])
            last = store.query("SELECT MAX(ar.published) AS p FROM actors a JOIN articles ar ON ar.uid = a.article_uid "
                               "WHERE a.registry_id = ?", (sel.registry_id,))[0]["p"]
            uids = S._walk(store, sel, 3, last)
            assert uids is not None and len(set(uids)) >= 3, r


def test_newest_events_read_the_table_not_the_rows(web_db):
    """The page's events come from the key's range: a query plan with no sort of the events."""
    with open_store(web_db) as store:
        key = _keys(store)[0]
        from parley.web import actor_tables as actor_events
        sql, params = actor_events.uids_sql([(None, parse_actor(key))])
        plan = " ".join(str(r) for r in store.query(f"EXPLAIN QUERY PLAN {sql} ORDER BY {actor_events.ORDER} "
                                                     "LIMIT 30", params))
        assert "x0 USING PRIMARY KEY (actor_key=? AND role=?)" in plan and "TEMP B-TREE" not in plan


def _tables(store) -> dict:
    return {"agg_actor_events": snapshot(store)["agg_actor_events"],
            "agg_actor_groups": store.query(f"SELECT * FROM agg_actor_groups ORDER BY {T.GROUP_KEYS}"),
            "agg_actor_statements": store.query(f"SELECT * FROM agg_actor_statements ORDER BY {T.STATEMENT_COLS}"),
            "agg_actor_places": [{k: (round(v, 6) if isinstance(v, float) else v) for k, v in r.items()} for r in
                                 store.query(f"SELECT * FROM agg_actor_places ORDER BY {T.PLACE_KEYS}")]}


def test_migrations_fill_the_tables_of_an_existing_store(web_db, tmp_path):
    with open_store(web_db) as store:
        kept = _tables(store)
    assert all(kept.values())
    old = tmp_path / "old.db"
    shutil.copy(web_db, old)
    with sqlite3.connect(old) as conn:          # the store as migration 1806 left it
        for table in kept:
            conn.execute(f"DROP TABLE {table}")
        conn.execute("DELETE FROM schema_migrations WHERE name IN ('1807_actor_events', '1808_actor_tables', "
                     "'1809_actor_places')")
    with open_store(str(old)) as store:
        assert _tables(store) == kept


def test_table_kept_on_put_equals_a_fill(store_url, web_db):
    from parley.store import aggregates as A
    with open_store(web_db) as src:
        records = list(src.extractions())
    with open_store(store_url) as store:
        for x in records:
            store.put(x)
        kept = _tables(store)
        store._begin()
        A.fill_actor_events(store)
        T.fill(store)
        store.conn.commit()
        assert all(kept.values()) and _tables(store) == kept
