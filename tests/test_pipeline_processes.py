"""--processes 2 gives the same records as 1; a worker that dies costs only its chunk."""
from __future__ import annotations

import json
import os

from conftest import run_parley
from scale_inputs import mixed_inputs

from parley import pipeline
from parley.records import RawItem, Rejection
from parley.settings import Settings


def _objects(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh]


def test_pipeline_two_processes_same_records_as_one(tmp_path):
    inputs = [str(p) for p in mixed_inputs(tmp_path / "in", n_jsonl=14)]
    one, two = tmp_path / "p1.jsonl", tmp_path / "p2.jsonl"
    run_parley("extract", *inputs, "--processes", "1", "--out", str(one))
    run_parley("extract", *inputs, "--processes", "2", "--batch-size", "3", "--out", str(two))
    a, b = _objects(one), _objects(two)
    assert a == b                                   # same objects, same order
    assert sum("rejected" in o for o in a) == 3     # bad JSON line, empty file, image in the WARC
    assert len(a) - 3 >= 18 and all(o.get("actors") for o in a if "rejected" not in o)


def _no_model(settings):
    pass


def _dies_on_boom(chunk):
    if any(getattr(item, "id", "") == "boom" for item in chunk):
        os._exit(1)                                 # as a worker killed for memory would
    return [Rejection(item.id, item.source, "seen", "") for item in chunk]


def test_pipeline_dead_worker_costs_only_its_chunk(monkeypatch):
    monkeypatch.setattr(pipeline, "_init_worker", _no_model)
    monkeypatch.setattr(pipeline, "_work", _dies_on_boom)
    items = [RawItem(f"d{k}", f"s{k}", "text", "x") for k in range(12)]
    items[5] = RawItem("boom", "s5", "text", "x")
    out = list(pipeline._run_parallel(iter(items), Settings(n_process=2, batch_size=1)))
    assert [r.id for r in out] == [i.id for i in items]            # in order, nothing lost
    crashed = [r.id for r in out if r.reason == "worker_crashed"]
    assert crashed == ["d4", "boom"]                 # chunks of two: boom and its neighbour
    assert all(r.reason == "seen" for r in out if r.id not in crashed)
