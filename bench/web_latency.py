"""Latency of the web UI: p50 and p95 over a fixed list of requests, pages and JSON alike.

    python bench/web_latency.py --db demo.db [--rounds 5] [--max-p95 150]

1. serve the app over the store with uvicorn on 127.0.0.1 (a free port), as `parley serve` does
2. build the request list: fixed paths and queries, plus the store's busiest actors, dyads,
   articles and speakers (chosen by count, so the same store gives the same list)
3. warm up: every request once (templates compiled, caches and SQLite pages filled)
4. time every request `rounds` times over one keep-alive HTTP connection
5. print p50 / p95 / max, pages and API apart, and the slowest requests; exit 1 when the
   p95 is over --max-p95 milliseconds
"""
from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

SEARCHES = ("Iran", '"hasty measures"', "president said", "sanctions", "ceasefire talks")
FIXED = ("/", "/actors", "/actors?country=USA", "/statements", "/statements?first_hand=true",
         "/statements?kind=direct", "/network", "/network?level=country",
         "/network?level=country&types=ACCUSE&types=REJECT", "/dyad?a=IRN&b=USA")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db: str):
    """1. The app on a free port, in a thread; returns (server, thread, port)."""
    import uvicorn

    from parley.web import create_app
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port,
                                           log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise SystemExit("the web app did not start: see the error above")
        time.sleep(0.05)
    return server, thread, port


def store_paths(db: str) -> list[str]:
    """2. Pages about what the store holds most of."""
    from parley import open_store
    from parley.web import queries as Q
    from parley.web.selectors import parse_actor
    with open_store(db) as store:
        actors, _ = Q.actors(store, limit=5)
        dyads = Q.network_edges(store, "actor", Q.EventFilter())[:3]
        countries = Q.network_edges(store, "country", Q.EventFilter())[:2]
        articles = [r["article_uid"] for r in Q.recent_articles(store, 4)]
        statements, _ = Q.statements(store, Q.StatementFilter(speaker=parse_actor(actors[0]["actor_key"])),
                                     limit=1) if actors else ([], 0)
    paths = [f"/actors/{quote(a['actor_key'], safe=':')}" for a in actors]
    paths += [f"/dyad?{urlencode({'a': d['src'], 'b': d['tgt']})}" for d in dyads + countries]
    paths += [f"/articles/{uid}" for uid in articles] + ["/articles/000_af679a3f55185a80"]
    if statements:
        paths.append(f"/statements?{urlencode({'speaker': actors[0]['actor_key']})}")
    paths += [f"/search?{urlencode({'q': q})}" for q in SEARCHES]
    return list(FIXED) + paths


def request_list(db: str) -> list[str]:
    """Each page and its JSON twin, and one export."""
    out = []
    for path in store_paths(db):
        out += [path, "/api" + path]
    return out + ["/api/network/export?format=graphml"]


def get(conn: http.client.HTTPConnection, path: str) -> float:
    start = time.perf_counter()
    conn.request("GET", path)
    resp = conn.getresponse()
    resp.read()
    elapsed = (time.perf_counter() - start) * 1000
    if resp.status != 200:
        raise SystemExit(f"GET {path} answered {resp.status}: the benchmark needs every page to work")
    return elapsed


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def summary(times: dict[str, list[float]]) -> dict:
    every = [t for ts in times.values() for t in ts]
    api = [t for p, ts in times.items() if p.startswith("/api/") for t in ts]
    pages = [t for p, ts in times.items() if not p.startswith("/api/") for t in ts]

    def stats(v: list[float]) -> dict:
        return {"n": len(v), "p50_ms": round(statistics.median(v), 1), "p95_ms": round(percentile(v, 95), 1),
                "max_ms": round(max(v), 1)}
    slowest = sorted(times, key=lambda p: -statistics.median(times[p]))[:5]
    return {"all": stats(every), "pages": stats(pages), "api": stats(api),
            "slowest": [{"path": p, "median_ms": round(statistics.median(times[p]), 1)} for p in slowest]}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="demo.db", help="store to serve (default demo.db, from `make demo`)")
    ap.add_argument("--rounds", type=int, default=5, help="timed passes over the request list")
    ap.add_argument("--max-p95", type=float, default=150.0, help="budget for the p95, milliseconds")
    ap.add_argument("--json", type=Path, help="also write the figures here")
    args = ap.parse_args()
    if not Path(args.db).is_file():
        raise SystemExit(f"no store at {args.db}: run `make demo` first (or pass --db)")
    server, thread, port = serve(args.db)                                      # 1
    paths = request_list(args.db)                                              # 2
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for path in paths:                                                         # 3
        get(conn, path)
    times: dict[str, list[float]] = {p: [] for p in paths}
    for _ in range(args.rounds):                                               # 4
        for path in paths:
            times[path].append(get(conn, path))
    conn.close()
    server.should_exit = True
    thread.join(timeout=10)
    result = summary(times)                                                    # 5
    result.update(db=args.db, requests=len(paths), rounds=args.rounds)
    print(json.dumps(result, indent=2))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n")
    ok = result["all"]["p95_ms"] <= args.max_p95
    print(f"web latency over {len(paths)} requests x {args.rounds}: p50 {result['all']['p50_ms']} ms, "
          f"p95 {result['all']['p95_ms']} ms (budget {args.max_p95:g} ms): {'PASS' if ok else 'FAIL'}",
          file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
