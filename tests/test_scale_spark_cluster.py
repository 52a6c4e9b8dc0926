"""`parley spark` on a real standalone Spark cluster (issue 18): a master and two workers, each
its own Java process started from the pyspark distribution on 127.0.0.1; the records equal
`parley extract`'s on the same inputs (JSONL split across partitions, HTML, WARC, rejections)."""
from __future__ import annotations

import json
import os
import shutil

import pytest
from conftest import run_parley
from scale_inputs import mixed_inputs

from parley.spark import read_manifest, read_output
from parley.spark.cluster import StandaloneCluster


@pytest.mark.skipif(not os.environ.get("PARLEY_SPARK_CLUSTER"),
                    reason="six minutes on 2 cores: `make bench-spark-cluster` runs it (PARLEY_SPARK_CLUSTER=1)")
@pytest.mark.skipif(shutil.which("java") is None, reason="a Spark cluster needs Java (java on PATH)")
def test_spark_standalone_cluster_records_equal_extract(tmp_path):
    inputs = [str(p) for p in mixed_inputs(tmp_path / "in", n_jsonl=8, n_html=1, n_warc=1)]
    run_parley("extract", *inputs, "--out", str(tmp_path / "extract.jsonl"))
    local = [json.loads(line) for line in (tmp_path / "extract.jsonl").read_text(encoding="utf-8").splitlines()]
    with StandaloneCluster(workers=2, cores=1, memory="1g") as cluster:
        assert cluster.alive_workers() == 2
        done = run_parley("spark", *inputs, "--out", str(tmp_path / "out"), "--master", cluster.master,
                          "--partitions", "4")
        apps = cluster.state().get("completedapps", []) + cluster.state().get("activeapps", [])
    assert cluster.master in done.stderr
    spark = list(read_output(tmp_path / "out"))
    assert len(spark) == len(local) >= 10
    assert {o["source"]: o for o in spark} == {o["source"]: o for o in local}
    assert read_manifest(tmp_path / "out")["master"] == cluster.master
    assert [a["name"] for a in apps] == ["parley"]            # the job ran on this cluster
