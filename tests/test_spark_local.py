"""`parley spark` on local[2] writes the same records as `parley extract` on the same
inputs (JSONL split across partitions, text, HTML, WARC, rejections), as Parquet
partitioned by publication date; `parley load` puts them in a store."""
from __future__ import annotations

import json

import pyarrow.dataset as ds
import pytest
from conftest import run_parley
from scale_inputs import mixed_inputs

from parley.spark import read_manifest, read_output
from parley.store import open_store


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("spark")
    inputs = [str(p) for p in mixed_inputs(tmp / "in", n_jsonl=26)]
    run_parley("extract", *inputs, "--out", str(tmp / "extract.jsonl"))
    run_parley("spark", *inputs, "--out", str(tmp / "out"), "--master", "local[2]", "--partitions", "6")
    with open(tmp / "extract.jsonl", encoding="utf-8") as fh:
        local = [json.loads(line) for line in fh]
    return tmp, local, list(read_output(tmp / "out"))


def _by_source(objs):
    return {o["source"]: o for o in objs}


def test_spark_records_equal_extract(runs):
    _, local, spark = runs
    assert len(local) == len(spark) >= 30
    assert _by_source(spark) == _by_source(local)
    assert {o["rejected"]["reason"] for o in spark if "rejected" in o} == {"bad_json", "empty", "not_html"}


def test_spark_parquet_by_publication_date_and_manifest(runs):
    tmp, local, _ = runs
    out = tmp / "out"
    dates = {p.name for p in (out / "articles").iterdir() if p.is_dir()}
    want = {f"published={o['published'] or '__HIVE_DEFAULT_PARTITION__'}" for o in local if "rejected" not in o}
    assert dates == want and len(dates) >= 4
    table = ds.dataset(out / "articles", format="parquet", partitioning="hive").to_table()
    assert {"uid", "id", "source", "events", "contract", "published"} <= set(table.column_names)
    manifest = read_manifest(out)
    assert manifest["master"] == "local[2]" and manifest["articles"] == table.num_rows
    assert manifest["rejections"] == {"bad_json": 1, "empty": 1, "not_html": 1}


def test_spark_load_into_store_is_repeatable(runs):
    tmp, local, _ = runs
    db = str(tmp / "loaded.db")
    run_parley("load", str(tmp / "out"), "--db", db)
    again = run_parley("load", str(tmp / "out"), "--db", db)
    articles = [o for o in local if "rejected" not in o]
    assert f"{len(articles)} duplicate" in again.stderr
    with open_store(db) as store:
        assert store.counts()["articles"] == len({o["uid"] for o in articles})
        assert store.counts()["rejections"] == 3
        some = articles[0]
        x = store.extraction(some["uid"])
        assert len(x.events) == len(some["events"]) and len(x.actors) == len(some["actors"])
