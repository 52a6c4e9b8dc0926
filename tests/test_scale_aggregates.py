"""The pre-aggregated tables (issue 18): kept on ingest they equal a rebuild from the rows,
on SQLite and PostgreSQL; pages answered from them equal the exact queries over the rows;
a bulk load gives the same store as `Store.put`."""
from __future__ import annotations

import dataclasses

import pytest

from parley import open_store
from parley.store import aggregates as A
from parley.store.bulk import BulkLoad
from parley.web import pages, queries as Q, rollups
from parley.web.network import network_page
from parley.web.selectors import country_sql, key_sql, name_sql

ORDERED = {"agg_totals": "metric, key", "agg_actors": "actor_key",
           "agg_pairs": "month, src, tgt, src_country, tgt_country, type, polarity",
           "agg_country_pairs": "month, src, tgt, type, polarity", "agg_dyads": "level, src, tgt",
           "agg_nodes": "level, key", "agg_actor_months": "actor_key, role, month, type, polarity",
           "agg_names": "name", "agg_specific_pairs": "month, src, tgt, type, polarity",
           "agg_actor_events": "actor_key, role, day, article_uid, trigger_start, event_uid"}


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
    assert A._name("s") == name_sql("s") and A._country("s") == country_sql("s")


def test_aggregates_kept_on_put_equal_a_rebuild(store_url, records):
    with open_store(store_url) as store:
        for x in records:
            assert store.put(x) == "stored"
        kept = snapshot(store)
        assert kept["agg_pairs"] and kept["agg_actor_months"] and kept["agg_dyads"] and kept["agg_actor_events"]
        store._begin()
        A.rebuild(store)
        store.conn.commit()
        assert snapshot(store) == kept
        for table, n in A.totals(store).items():
            assert n == store.query(f"SELECT COUNT(*) AS n FROM {table}")[0]["n"], table


TABLES = ("registry", "articles", "actors", "mentions", "attributions", "events", "event_actors", "search_units",
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


# -- pages answered from the aggregates equal the exact queries over the rows -----------------

FILTERS = (Q.EventFilter(), Q.EventFilter(("ACCUSE", "CONSULT", "SUPPORT", "REJECT", "COOPERATE")),
           Q.EventFilter(date_from="2014", date_to="2014-12-31"), Q.EventFilter(date_from="2014-12"),
           Q.EventFilter(date_from="2014-12-18"))      # a cut month: the exact queries answer it


def _pages(store) -> dict:
    """Every page kind the aggregates serve, as plain values."""
    out = {"overview": pages.overview_page(store), "overview generic": pages.overview_page(store, generic=True)}
    for generic in (False, True):
        out[f"actors {generic}"] = pages.actors_page(store, None, None, None, 40, 0, generic=generic)
        out[f"actors person {generic}"] = pages.actors_page(store, None, "person", None, 40, 0, generic=generic)
        out[f"actors USA {generic}"] = pages.actors_page(store, None, None, "USA", 40, 0, generic=generic)
    for name in ("a", "obama", "minister"):
        out[f"actors name {name}"] = pages.actors_page(store, name, None, None, 40, 0)
    for k, f in enumerate(FILTERS):
        for level in ("actor", "country"):
            for generic in (False, True):
                out[f"network {level} {k} {generic}"] = network_page(store, level, f, 25, generic=generic)
    top, _ = Q.actors(store, limit=6, generic=True)
    for a in top:
        out[f"actor {a['actor_key']}"] = pages.actor_page(store, a["actor_key"])
    edges = Q.network_edges(store, "actor", Q.EventFilter()) + Q.network_edges(store, "country", Q.EventFilter())
    for e in edges[:10]:
        for k, f in enumerate(FILTERS):
            out[f"dyad {e['src']} {e['tgt']} {k}"] = pages.dyad_page(store, e["src"], e["tgt"], f)
    return {k: dataclasses.asdict(v) for k, v in out.items()}


def test_pages_from_aggregates_equal_exact_queries(web_db, monkeypatch):
    with open_store(web_db) as store:
        assert store.query("SELECT COUNT(*) AS n FROM actors WHERE registry_id IS NOT NULL")[0]["n"] > 0
        fast = _pages(store)
        monkeypatch.setattr(rollups, "ENABLED", False)
        slow = _pages(store)
    assert fast["overview"]["top_dyads"] and fast["network actor 0 False"]["nodes"]
    assert any(v["forward"]["timeline"] for k, v in fast.items() if k.startswith("dyad"))
    for key in slow:
        assert fast[key] == slow[key], key


def test_generic_descriptions_are_counted_apart(web_db):
    with open_store(web_db) as store:
        both, n_both = Q.actors(store, limit=1000, generic=True)
        named, n_named = Q.actors(store, limit=1000, generic=False)
    assert n_named < n_both and {a["actor_key"] for a in named} < {a["actor_key"] for a in both}


def test_statements_walk_newest_articles_as_the_sorted_query(web_db, monkeypatch):
    from parley.web import statements as S
    filters = (S.StatementFilter(), S.StatementFilter(kind="direct"), S.StatementFilter(first_hand=True),
               S.StatementFilter(date_from="2014-12-18"))
    with open_store(web_db) as store:
        walked = [S.statements_counted(store, f, limit, offset) for f in filters for limit, offset in
                  ((3, 0), (3, 3), (200, 0))]
        monkeypatch.setattr(S, "_walk", lambda *a: None)
        sorted_ = [S.statements_counted(store, f, limit, offset) for f in filters for limit, offset in
                   ((3, 0), (3, 3), (200, 0))]
        exact = store.query("SELECT COUNT(*) AS n FROM attributions")[0]["n"]
    assert walked == sorted_ and walked[0][1] == exact and len(walked[2][0]) == min(exact, 200)


def test_statements_about_an_actor_are_its_mentions_inside_quotes(web_db):
    from parley.web import statements as S
    from parley.web.selectors import parse_actor
    with open_store(web_db) as store:
        top, _ = Q.actors(store, limit=5, generic=True)
        for a in top:
            sel = parse_actor(a["actor_key"])
            cond, params = sel.where("a")
            want = {r["uid"] for r in store.query(
                "SELECT qq.uid AS uid FROM actors a JOIN mentions m ON m.actor_uid = a.uid JOIN attributions qq "
                "ON qq.article_uid = m.article_uid AND qq.content_start <= m.start_char AND m.end_char <= qq.content_end "
                f"WHERE {cond} AND (qq.speaker_uid IS NULL OR qq.speaker_uid <> a.uid)", params)}
            rows, total, capped = S.statements_counted(store, S.StatementFilter(about=sel), limit=1000)
            assert {r["uid"] for r in rows} == want and total == len(want) and not capped


def test_actor_summary_counts_what_the_rows_say(web_db):
    """The actor page's figures counted in SQL equal those read row by row (as it once did)."""
    import json
    from collections import Counter

    from parley.web.actor_summary import actor_summary
    from parley.web.selectors import parse_actor
    with open_store(web_db) as store:
        top, _ = Q.actors(store, limit=15, generic=True)
        for a in top:
            sel = parse_actor(a["actor_key"])
            rows, s = Q.actor_rows(store, sel), actor_summary(store, sel)
            published = [r["published"] for r in rows if r["published"]]
            assert (s.articles, s.mentions) == (len({r["article_uid"] for r in rows}), sum(r["mentions"] for r in rows))
            assert (s.first_seen, s.last_seen) == (min(published, default=None), max(published, default=None))
            assert s.sectors == tuple(Counter(r["sector"] for r in rows if r["sector"]).most_common())
            names: Counter = Counter()
            for r in rows:
                names[r["name"]] += 1
                names.update(json.loads(r["aliases"] or "[]"))
            names.pop(s.name, None)
            assert s.aliases == tuple(n for n, _ in names.most_common(30))
            roles: dict = {}
            for r in rows:
                if r["role"]:
                    roles.setdefault(r["role"], []).append(r["published"])
            assert s.roles == tuple(sorted(((k, min(filter(None, v), default=None), max(filter(None, v), default=None),
                                             len(v)) for k, v in roles.items()), key=lambda x: (x[1] or "", x[0])))
            assert [r["article_uid"] for r in s.recent] == list({r["article_uid"]: r for r in reversed(rows)})[:20]


def test_statements_by_a_speaker_page_and_count_from_one_list(web_db):
    from parley.web import statements as S
    from parley.web.selectors import parse_actor
    with open_store(web_db) as store:
        top, _ = Q.actors(store, limit=8, generic=True)
        for a in top:
            sel = parse_actor(a["actor_key"])
            cond, params = sel.where("a")
            want = [r["uid"] for r in store.query(
                "SELECT q.uid AS uid FROM attributions q JOIN articles ar ON ar.uid = q.article_uid WHERE "
                f"q.speaker_uid IN (SELECT a.uid FROM actors a WHERE {cond}) ORDER BY {S.ORDER}", params)]
            for limit, offset in ((3, 0), (3, 2), (100, 0)):
                rows, total, capped = S.statements_counted(store, S.StatementFilter(speaker=sel), limit, offset)
                assert [r["uid"] for r in rows] == want[offset:offset + limit] and total == len(want) and not capped
