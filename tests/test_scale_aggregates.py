"""The pre-aggregated tables (issue 18): kept on ingest they equal a rebuild from the rows,
on SQLite and PostgreSQL; pages answered from them equal the exact queries over the rows;
a bulk load gives the same store as `Store.put`."""
from __future__ import annotations

import pytest

from parley import open_store
from parley.store import aggregates as A
from parley.store.bulk import BulkLoad
from parley.web import pages, queries as Q, rollups
from parley.web.network import network_page
from parley.web.selectors import key_sql, parse_actor, parse_side

ORDERED = {"agg_totals": "metric, key", "agg_actors": "actor_key",
           "agg_pairs": "month, src, tgt, src_country, tgt_country, type, polarity",
           "agg_country_pairs": "month, src, tgt, type, polarity", "agg_dyads": "level, src, tgt",
           "agg_nodes": "level, key", "agg_actor_months": "actor_key, role, month, type, polarity"}


def snapshot(store) -> dict:
    out = {}
    for table, order in ORDERED.items():
        rows = store.query(f"SELECT * FROM {table} ORDER BY {order}")
        out[table] = [{k: (round(v, 6) if isinstance(v, float) else v) for k, v in r.items()} for r in rows]
    return out


@pytest.fixture(scope="module")
def records(web_db):
    with open_store(web_db) as store:
        return list(store.extractions())


def test_key_sql_is_the_web_key():
    assert A._key("s") == key_sql("s")


def test_aggregates_kept_on_put_equal_a_rebuild(store_url, records):
    with open_store(store_url) as store:
        for x in records:
            assert store.put(x) == "stored"
        kept = snapshot(store)
        assert kept["agg_pairs"] and kept["agg_actor_months"] and kept["agg_dyads"]
        store._begin()
        A.rebuild(store)
        store.conn.commit()
        assert snapshot(store) == kept
        for table, n in A.totals(store).items():
            assert n == store.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"], table


@pytest.fixture()
def exact(monkeypatch):
    """Run the web queries without the aggregates."""
    def use_exact():
        monkeypatch.setattr(rollups, "answerable", lambda filt: False)
        monkeypatch.setattr(Q, "counterparts_rollup", lambda *a, **k: None)
    return use_exact


FILTERS = (Q.EventFilter(), Q.EventFilter(("ACCUSE", "CONSULT", "SUPPORT", "REJECT")),
           Q.EventFilter(date_from="2019", date_to="2019-12-31"), Q.EventFilter(date_from="2014-12"))


def _answers(store) -> dict:
    out = {}
    top, _ = Q.actors(store, limit=8)
    for k, f in enumerate(FILTERS):
        for level in ("actor", "country"):
            net = network_page(store, level, f, 300)
            out[f"network {level} {k}"] = (
                sorted((n.key, n.events) for n in net.nodes),
                sorted((e.source, e.target, e.events, e.cooperation, e.conflict) for e in net.edges))
        for a in top:
            sel = parse_actor(a["actor_key"])
            if not sel.registry_id:
                continue
            out[f"months {a['actor_key']} {k}"] = _rows(Q.event_months(store, either=sel, filt=f))
            out[f"types {a['actor_key']} {k}"] = _rows(Q.event_types_of(store, sel, f))
    edges = Q.network_edges(store, "actor", Q.EventFilter()) + Q.network_edges(store, "country", Q.EventFilter())
    for e in edges[:12]:
        a, b = parse_side(e["src"]), parse_side(e["tgt"])
        out[f"dyad {e['src']} {e['tgt']}"] = _rows(Q.event_months(store, source=a, target=b, filt=Q.EventFilter()))
    for a in top:
        sel = parse_actor(a["actor_key"])
        out[f"counterparts {a['actor_key']}"] = sorted(
            (r["role"], r["actor_key"], r["n"], r["cooperation"], r["conflict"])
            for r in Q.counterparts(store, sel, Q.EventFilter(), limit=100))
    return out


def _rows(rows) -> list:
    return sorted(tuple((k, round(v, 6) if isinstance(v, float) else v) for k, v in sorted(r.items())
                        if k not in ("intensity_sum",) or v) for r in rows)


def test_pages_from_aggregates_equal_exact_queries(store_url, records, exact):
    with open_store(store_url) as store:
        for x in records:
            store.put(x)
        for a in Q.actors(store, limit=3)[0]:
            pages.actor_page(store, a["actor_key"])          # every part of the page runs here
        fast = _answers(store)
        exact()
        slow = _answers(store)
    assert any(k.startswith("months") for k in fast) and any(k.startswith("dyad") for k in fast)
    assert {k for k, v in fast.items() if v} and fast == slow


def test_overview_reads_aggregates(web_db):
    with open_store(web_db) as store:
        page = pages.overview_page(store)
        assert page.counts["events"] == store.query("SELECT COUNT(*) AS n FROM events")[0]["n"] > 0
        exact = Q.network_edges(store, "actor", Q.EventFilter())
        assert [(d.source.key, d.target.key, d.events) for d in page.top_dyads][:5] == \
               [(e["src"], e["tgt"], e["n"]) for e in exact][:5] or \
               sorted(d.events for d in page.top_dyads) == sorted(e["n"] for e in exact[:15])


TABLES = ("articles", "actors", "mentions", "attributions", "events", "event_actors", "search_units",
          "story_articles", "reports")


def test_bulk_load_gives_the_store_put_gives(store_url, web_db):
    with open_store(web_db) as src, open_store(store_url) as dst:
        with BulkLoad(dst) as load:
            for t in TABLES:
                rows = src.query(f"SELECT * FROM {t}")
                for r in rows:
                    r.pop("id", None) if t == "search_units" else None
                    r.pop("tsv", None)
                cols = list(rows[0])
                load.rows(t, cols, ([r[c] for c in cols] for r in rows))
        for t in TABLES:
            assert dst.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"] == src.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]
        assert snapshot(dst)["agg_dyads"] == snapshot(src)["agg_dyads"]
        assert snapshot(dst)["agg_actors"] == snapshot(src)["agg_actors"]
        # the same hits (their order is each database's ranking)
        assert sorted((h.article_uid, h.sentence_span) for h in dst.search("Iran", limit=500)) == \
               sorted((h.article_uid, h.sentence_span) for h in src.search("Iran", limit=500))
        assert len(dst.search("Iran")) > 0
        if dst.dialect == "sqlite":
            names = {r["name"] for r in dst.query("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
            assert {"search_units_ai", "search_units_ad"} <= names
