"""Actor and dyad pages of a large store, timed one request at a time: wall and CPU ms.

    python bench/actor_pages.py --db out/scale/scale-100000.db [--rounds 3] [--json out.json]

Every page and its /api twin through the app in this process (TestClient, page cache off,
no start-up check), after one warm-up request each. To compare two commits on a loaded
machine, run this script from each checkout in turns (PYTHONPATH=<checkout>, from outside
the repository) and compare the medians side by side.
"""
from __future__ import annotations

import argparse
import json
import statistics
import time
import warnings
from urllib.parse import quote, urlencode


def paths(db: str) -> dict[str, str]:
    import sqlite3
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    busy = [r[0] for r in con.execute("SELECT key FROM agg_nodes WHERE level = 'actor' ORDER BY n DESC LIMIT 3")]
    tail = con.execute("SELECT key FROM agg_nodes WHERE level = 'actor' AND n BETWEEN 20 AND 30 "
                       "ORDER BY key LIMIT 1").fetchone()[0]
    pair = con.execute("SELECT src, tgt FROM agg_dyads WHERE level = 'actor' AND src = ? AND tgt = ? ",
                       (busy[0], busy[1])).fetchone() or (busy[0], busy[1])
    out = {f"actor {k}": f"/actors/{quote(k, safe=':')}" for k in busy + [tail]}
    out[f"actor api {busy[0]}"] = f"/api/actors/{quote(busy[0], safe=':')}"
    out["dyad busy-busy"] = f"/dyad?{urlencode({'a': pair[0], 'b': pair[1]})}"
    out["dyad api busy-busy"] = f"/api/dyad?{urlencode({'a': pair[0], 'b': pair[1]})}"
    out["dyad busy-tail"] = f"/dyad?{urlencode({'a': busy[0], 'b': tail})}"
    out["statements by busy"] = f"/statements?{urlencode({'speaker': busy[0]})}"
    return out


def client(db: str):
    warnings.filterwarnings("ignore")
    from fastapi.testclient import TestClient

    from parley.web import create_app, endpoints
    endpoints.quick_check = lambda store: None      # older code has no check=False
    return TestClient(create_app(db, page_cache=False))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json")
    args = ap.parse_args()
    todo = paths(args.db)
    out: dict[str, list] = {}
    with client(args.db) as c:
        for name, path in todo.items():
            assert c.get(path).status_code == 200, path
            for _ in range(args.rounds):
                w, p = time.perf_counter(), time.process_time()
                c.get(path)
                out.setdefault(name, []).append((1000 * (time.perf_counter() - w), 1000 * (time.process_time() - p)))
    for name, runs in out.items():
        print(f"{name:36s} wall {statistics.median(r[0] for r in runs):7.0f} ms  "
              f"cpu {statistics.median(r[1] for r in runs):6.0f} ms")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"paths": todo, "runs": out}, f, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
