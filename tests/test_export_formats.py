"""Every export format, written from a real store and loaded back with the tools analysts use."""
import csv
import json

import networkx as nx
import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import run_parley

from parley import open_store
from parley.export import ExportOptions, export
from parley.export.tables import ACLED_COLUMNS, ATTRIBUTION_COLUMNS, GDELT_COLUMNS

ACLED_CORE = ["event_date", "actor1", "assoc_actor_1", "actor2", "event_type", "sub_event_type", "iso",
              "country", "location", "latitude", "longitude", "source", "notes"]


@pytest.fixture(scope="module")
def db(syndicated, tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("export") / "export.db")
    with open_store(path) as store:
        for x in syndicated.values():
            store.put(x)
    return path


def _export(db, tmp_path, fmt, name, **kw) -> str:
    out = str(tmp_path / name)
    with open_store(db) as store:
        export(store, ExportOptions(fmt=fmt, **kw), out)
    return out


def test_export_csv_acled_layout_once_per_story(db, tmp_path, syndicated):
    out = tmp_path / "events.csv"
    run_parley("export", "--format", "csv", "--out", str(out), "--db", db)
    df = pd.read_csv(out)
    assert set(ACLED_CORE) <= set(df.columns) and list(df.columns) == ACLED_COLUMNS
    with open_store(db) as store:
        assert len(df) == len(list(store.story_events())) > 0
    assert df["notes"].notna().all() and df["event_type"].notna().all()
    assert (df["reports"] >= 1).all() and df["reports"].max() == 3 and df["outlets"].max() == 3
    assert df.loc[df["outlets"] == 3, "source"].str.contains("Outlet B").all()
    per_report = pd.read_csv(_export(db, tmp_path, "csv", "all.csv", per_report=True))
    assert len(per_report) == sum(len(syndicated[k].events) for k in ("sample-a", "sample-copy-b", "distinct-c"))
    assert len(per_report) > len(df)
    placed = df[df["country"].notna()]
    assert placed.empty or placed["iso"].notna().all()


def test_export_parquet_typed(db, tmp_path):
    table = pq.read_table(_export(db, tmp_path, "parquet", "events.parquet"))
    df = pd.read_csv(_export(db, tmp_path, "csv", "events.csv"))
    assert table.num_rows == len(df) and table.column_names == ACLED_COLUMNS
    types = {f.name: str(f.type) for f in table.schema}
    assert types["year"] == "int64" and types["latitude"] == "double" and types["negated"] == "bool"
    quotes = pq.read_table(_export(db, tmp_path, "parquet", "quotes.parquet", table="attributions"))
    assert quotes.column_names == ATTRIBUTION_COLUMNS and quotes.num_rows > 0
    empty = pq.read_table(_export(db, tmp_path, "parquet", "none.parquet", date_to="1990-01-01"))
    assert empty.num_rows == 0 and empty.column_names == ACLED_COLUMNS


def test_export_jsonl_articles_and_tables(db, tmp_path):
    articles = [json.loads(line) for line in open(_export(db, tmp_path, "jsonl", "a.jsonl"), encoding="utf-8")]
    assert sorted(a["id"] for a in articles) == ["distinct-c", "sample-a", "sample-copy-b"]
    assert all(a["schema"] == "parley.article/1" for a in articles)
    rows = [json.loads(line) for line in open(_export(db, tmp_path, "jsonl", "e.jsonl", table="events"),
                                              encoding="utf-8")]
    assert rows and set(rows[0]) == set(ACLED_COLUMNS)


def test_export_gdelt_tab_separated(db, tmp_path):
    df = pd.read_csv(_export(db, tmp_path, "gdelt", "events.tsv"), sep="\t", quoting=csv.QUOTE_NONE)
    acled = pd.read_csv(_export(db, tmp_path, "csv", "events.csv"))
    assert list(df.columns) == GDELT_COLUMNS and len(df) == len(acled)
    assert df["GLOBALEVENTID"].is_unique and df["SQLDATE"].between(19000101, 21000101).all()
    assert set(df["QuadClass"].dropna()) <= {1, 2, 3, 4}
    assert sorted(df["NumSources"]) == sorted(acled["outlets"])
    assert df["Evidence"].str.len().gt(0).all()


def test_export_actor_network_graphml_gexf(db, tmp_path):
    g = nx.read_graphml(_export(db, tmp_path, "graphml", "actors.graphml"))
    assert g.is_directed() and g.number_of_edges() > 0
    with open_store(db) as store:
        events = list(store.story_events())
    pairs = sum(1 for e in events for s in e.sources for t in e.targets if s.key != t.key)
    assert sum(d["weight"] for _, _, d in g.edges(data=True)) == pairs
    assert all(-10 <= d["mean_intensity"] <= 10 and d["types"] for _, _, d in g.edges(data=True))
    assert all(g.nodes[n]["label"] for n in g.nodes)
    gexf = nx.read_gexf(_export(db, tmp_path, "gexf", "actors.gexf"))
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    kept = sorted({e.type for e in events if e.sources and e.targets})[:1]
    only = nx.read_graphml(_export(db, tmp_path, "graphml", "one.graphml", types=tuple(kept)))
    assert only.number_of_edges() and all(d["types"].split()[0] == kept[0] for _, _, d in only.edges(data=True))
    none = nx.read_graphml(_export(db, tmp_path, "graphml", "none.graphml", date_from="2030-01-01"))
    assert none.number_of_nodes() == 0


def test_export_filters_and_errors(db, tmp_path):
    out = tmp_path / "t.csv"
    proc = run_parley("export", "--format", "csv", "--type", "consult,agree", "--from", "2014-12-18",
                      "--to", "2014-12-31", "--out", str(out), "--db", db)
    assert "rows written" in proc.stderr
    df = pd.read_csv(out)
    assert set(df["event_type"]) <= {"CONSULT", "AGREE"} and (df["event_date"] <= "2014-12-31").all()
    bad = run_parley("export", "--format", "parquet", "--db", db, check=False)
    assert bad.returncode != 0 and "--out" in bad.stderr


def test_export_search_cli_shows_sentences(db):
    out = run_parley("search", "Lavrov", "--limit", "3", "--db", db)
    assert out.stdout.count("Lavrov") >= 3 and "3 hits" in out.stderr
    quotes = run_parley("search", "Moscow", "--kind", "direct", "--db", db).stdout
    assert "direct quote" in quotes and "sentence ·" not in quotes
    listed = run_parley("stories", "--db", db).stdout
    with open_store(db) as store:
        (story,) = store.stories(min_reports=2)
    assert story["id"][:8] in listed and "2014-12-19" in listed
