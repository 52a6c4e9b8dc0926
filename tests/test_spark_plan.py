"""Local JSONL files are split into byte ranges on the driver; read back range by range they
give exactly the items `parley extract` reads (line numbers, \\r\\n and \\r line ends, a
BOM, blank and bad lines, characters str.splitlines() would break at)."""
from __future__ import annotations

import json
import random

import pytest

from parley.ingest.jsonl import read_jsonl
import parley.spark.plan as plan


@pytest.mark.parametrize("seed", range(40))
def test_spark_plan_jsonl_ranges_read_as_extract_does(tmp_path, monkeypatch, seed):
    rnd = random.Random(seed)
    lines = []
    for i in range(rnd.randint(0, 25)):
        r = rnd.random()
        lines.append("" if r < 0.1 else "{bad" if r < 0.15 else
                     json.dumps({"id": f"d{i}", "text": "Lavrov\u2028said\x85so. " * rnd.randint(1, 40)},
                                ensure_ascii=False))
    data = "".join(line + rnd.choice(["\n", "\r\n", "\r", "\r\r\n"]) for line in lines)
    data = ("\ufeff" if seed % 5 == 0 else "") + (data.rstrip("\r\n") if seed % 2 else data)
    path = tmp_path / "in.jsonl"
    path.write_bytes(data.encode("utf-8"))
    monkeypatch.setattr(plan, "CHUNK", rnd.choice([1, 2, 5, 64, 1 << 20]))
    parts = rnd.randint(1, 9)
    ranges = plan.jsonl_ranges(path, parts)
    assert len(ranges) <= parts and all(a < b for a, b, _ in ranges)
    got = list(plan.raw_items(("range", "in.jsonl", str(path), a, b, n) for a, b, n in ranges))
    assert got == list(read_jsonl(data.lstrip("\ufeff"), "in.jsonl"))


def test_spark_plan_bad_utf8_line_rejected_alone(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(b'{"id": "a", "text": "ok"}\n{"id": "b", "text": "caf\xe9"}\n{"id": "c", "text": "ok"}\n')
    items = list(plan.raw_items([("range", "in.jsonl", str(path), 0, path.stat().st_size, 1)]))
    assert [(i.id, getattr(i, "reason", None)) for i in items] == [("a", None), ("in.jsonl:2", "undecodable"),
                                                                   ("c", None)]
