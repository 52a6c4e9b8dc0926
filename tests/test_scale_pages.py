"""Pages at scale (issue 18): the GraphML export written directly reads back as the graph
networkx writes; migration 1806's covering indexes serve the filtered network's node sums."""
from __future__ import annotations

import io

import networkx as nx

from parley import open_store
from parley.web import network as N
from parley.web.views import Edge, NetworkPage, Node


def _page() -> NetworkPage:
    nodes = (Node("r:a&b", 'Ann "A" <Smith>', "person", "USA", 12, 100.5, 200.0),
             Node("RUS", "Russia", "country", None, 3, 1.0, 2.25), Node("x", "Ünïcode – name", "org", "", 1, 0.0, 0.0))
    edges = (Edge("r:a&b", "RUS", 7, 4, 3, 0, 1.25, "cooperation"), Edge("RUS", "r:a&b", 2, 0, 2, 0, None, "conflict"),
             Edge("x", "RUS", 1, 0, 0, 1, -3.5, "other"))
    return NetworkPage("actor", "2019-01-01", None, ("ACCUSE", "AID"), nodes, edges, 0)


def test_graphml_reads_back_as_the_graph_networkx_writes():
    for page in (_page(), NetworkPage("country", None, None, (), (), (), 0)):
        ours = nx.read_graphml(io.BytesIO(N.export(page, "graphml")))
        buf = io.BytesIO()
        nx.write_graphml(N.to_graph(page), buf)
        theirs = nx.read_graphml(io.BytesIO(buf.getvalue()))
        assert ours.graph == theirs.graph and isinstance(ours, nx.DiGraph)
        assert list(ours.nodes(data=True)) == list(theirs.nodes(data=True))
        assert list(ours.edges(data=True)) == list(theirs.edges(data=True))
    assert ours.number_of_nodes() == 0


def test_filtered_network_sums_read_covering_indexes(tmp_path):
    with open_store(str(tmp_path / "s.db")) as store:
        names = {r["name"] for r in store.query("SELECT name FROM sqlite_master WHERE type = 'index'")}
        for table in ("agg_pairs", "agg_specific_pairs", "agg_country_pairs"):
            assert {f"{table}_type_cover", f"{table}_month_cover"} <= names
        assert not {"agg_pairs_type", "agg_specific_pairs_type"} & names
        for cond, params in (("p.type IN (?, ?)", ["ACCUSE", "AID"]), ("p.month >= ? AND p.month <= ?", ["2019-01", "2019-12"])):
            plan = " ".join(r["detail"] for r in store.query(
                f"EXPLAIN QUERY PLAN SELECT p.src, p.tgt, p.n FROM agg_specific_pairs p WHERE {cond}", params))
            assert "COVERING INDEX" in plan, plan


def test_migration_1806_on_a_store_with_rows_keeps_the_network_pages(web_db, tmp_path, monkeypatch):
    """A store as 1805 left it (the old type indexes, no covering ones) migrates to 1806 on
    open; every network page read from the aggregates then equals the exact one over the rows."""
    import shutil
    import sqlite3

    from parley.web import queries as Q
    from parley.web import rollups

    db = str(tmp_path / "old.db")
    shutil.copy(web_db, db)
    with sqlite3.connect(db) as conn:
        for table in ("agg_pairs", "agg_specific_pairs", "agg_country_pairs"):
            for name in ("type_cover", "month_cover"):
                conn.execute(f"DROP INDEX {table}_{name}")
        conn.execute("CREATE INDEX agg_pairs_type ON agg_pairs (type, month)")
        conn.execute("CREATE INDEX agg_specific_pairs_type ON agg_specific_pairs (type, month)")
        conn.execute("DELETE FROM schema_migrations WHERE name = '1806_pairs_covering'")
    filters = [Q.EventFilter(), Q.EventFilter(types=("ACCUSE", "CONSULT")), Q.EventFilter(date_from="2014-01-01"),
               Q.EventFilter(date_from="2014-12-01", date_to="2014-12-31")]
    with open_store(db) as store:
        done = {r["name"] for r in store.query("SELECT name FROM schema_migrations")}
        read = [N.network_page(store, level, f, 40, generic) for level in ("actor", "country")
                for f in filters for generic in (False, True)]
        monkeypatch.setattr(rollups, "ENABLED", False)
        exact = [N.network_page(store, level, f, 40, generic) for level in ("actor", "country")
                 for f in filters for generic in (False, True)]
    assert "1806_pairs_covering" in done and read == exact and any(p.edges for p in read)
