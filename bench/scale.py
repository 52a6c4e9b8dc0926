"""A large store, built fast and measured: `make bench-scale [SIZES=100000 PG=1]`.

    python bench/scale.py --sizes 100000 [1000000] [--postgres] [--json out/scale/figures.json]

1. templates: real extractions (bench/scale_corpus.py), cached under out/scale/
2. per size: bulk-load a SQLite store (out/scale/scale-N.db) and, with --postgres, a database
   on a private PostgreSQL server (tests/pg.py); rows/s and bytes per article
3. serve it with `parley serve` (its own process, so its peak memory is its own) and time
   every page kind and its /api twin under 4 concurrent keep-alive clients: p50/p95 per kind
4. `parley search` on the store: the command's own wall time, process start included, p95
5. print the figures (and write them with --json); exit 1 when a budget is missed
   (web p95 150 ms, search p95 300 ms, serve memory 1 GB)
"""
from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import quote, urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import scale_corpus as C  # noqa: E402
from web_latency import _free_port, percentile  # noqa: E402

BIN = Path(sys.executable).parent
SEARCHES = ("Iran", '"prime minister"', "president said", "sanctions", "election campaign",
            "police", "talks or negotiations")
WEB_P95, SEARCH_P95, SERVE_MB = 150.0, 300.0, 1024
SERVE_START: dict[str, float] = {}


def page_list(url: str) -> dict[str, list[str]]:
    """3. Paths by page kind: fixed ones plus the store's busiest and some long-tail actors."""
    from parley import open_store
    from parley.web import queries as Q
    rng = random.Random(7)
    with open_store(url) as store:
        top, total = Q.actors(store, limit=20)
        tail, _ = Q.actors(store, limit=5, offset=max(0, total // 2))
        edges = Q.network_edges(store, "actor", Q.EventFilter())[:3]
        arts = [r["article_uid"] for r in Q.recent_articles(store, 3)]
        arts += [f"syn{rng.randrange(store.counts()['articles']):09d}" for _ in range(3)]
    keys = [a["actor_key"] for a in top[:3] + tail[:3]]
    return {
        "overview": ["/"],
        "search": [f"/search?{urlencode({'q': q})}" for q in SEARCHES[:4]] +
                  [f"/search?{urlencode({'q': 'said', 'outlet': 'Outlet 001', 'date_from': '2019'})}",
                   f"/search?{urlencode({'q': 'minister', 'event_type': 'ACCUSE'})}"],
        "article": [f"/articles/{u}" for u in arts],
        "actors": ["/actors", "/actors?country=USA", "/actors?name=john", "/actors?offset=400"],
        "actor": [f"/actors/{quote(k, safe=':')}" for k in keys],
        "dyad": [f"/dyad?{urlencode({'a': e['src'], 'b': e['tgt']})}" for e in edges] +
                ["/dyad?a=USA&b=RUS", "/dyad?a=IRN&b=USA&date_from=2018&date_to=2019"],
        "statements": ["/statements", "/statements?kind=direct", "/statements?first_hand=true",
                       f"/statements?{urlencode({'speaker': keys[0]})}",
                       f"/statements?{urlencode({'speaker': keys[-1]})}"],
        "network": ["/network", "/network?level=country", "/network?types=ACCUSE&types=REJECT",
                    "/network?date_from=2020-01&date_to=2020-12"],
        "export": ["/api/network/export?format=graphml"],
    }


def serve(url: str, page_cache: bool = False) -> tuple[subprocess.Popen, int]:
    """`parley serve` on the store; without its page cache unless asked (a cached page costs
    a dictionary lookup: the figures would say nothing of the queries)."""
    port = _free_port()
    cache = "--page-cache" if page_cache else "--no-page-cache"
    proc = subprocess.Popen([str(BIN / "parley"), "serve", "--db", url, "--port", str(port), cache],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    import http.client
    started = time.perf_counter()
    # the server checks the whole file (PRAGMA quick_check) before it listens: minutes at this size
    while time.perf_counter() - started < 1800 and proc.poll() is None:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/api/statements?limit=1")
            c.getresponse().read()
            SERVE_START["s"] = round(time.perf_counter() - started, 1)
            return proc, port
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit(f"parley serve did not start: {proc.stderr.read().decode()[-2000:]}")


def peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def time_pages(port: int, kinds: dict[str, list[str]], clients: int, rounds: int) -> dict:
    """3. Every request once (warm-up), then `rounds` passes by `clients` threads at once."""
    import http.client
    from web_latency import get
    paths = [(k, p) for k, ps in kinds.items() for path in ps
             for p in ([path] if path.startswith("/api/") else [path, "/api" + path])]
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for _, p in paths:
        get(warm, p)
    times: dict[str, list[float]] = {}
    lock = threading.Lock()

    def client(seed: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        order = paths * rounds
        random.Random(seed).shuffle(order)
        for kind, p in order:
            t = get(conn, p)
            with lock:
                times.setdefault(kind + (" api" if p.startswith("/api/") else ""), []).append(t)
                times.setdefault("_slow", []).append((t, p))
    threads = [threading.Thread(target=client, args=(s,)) for s in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    slow = sorted(times.pop("_slow"), reverse=True)[:8]
    every = [t for v in times.values() for t in v]
    out = {k: {"n": len(v), "p50_ms": round(percentile(v, 50), 1), "p95_ms": round(percentile(v, 95), 1)}
           for k, v in sorted(times.items())}
    out["all"] = {"n": len(every), "p50_ms": round(percentile(every, 50), 1),
                  "p95_ms": round(percentile(every, 95), 1)}
    out["slowest"] = [{"ms": round(t, 1), "path": p} for t, p in slow]
    return out


def time_search(url: str, rounds: int = 2) -> dict:
    """4. `parley search` as a user runs it: wall time of the whole command, and its CPU time
    (user + system: what the command costs whatever else the machine runs)."""
    import resource
    times, cpu = [], []
    for _ in range(rounds):
        for q in SEARCHES:
            start, used = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([str(BIN / "parley"), "search", q, "--db", url], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append((time.perf_counter() - start) * 1000)
            now = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append((now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime) * 1000)
    from parley import open_store
    inner = []
    with open_store(url) as store:
        for q in SEARCHES * rounds:
            start = time.perf_counter()
            store.search(q, limit=20)
            inner.append((time.perf_counter() - start) * 1000)
    return {"cli_p50_ms": round(percentile(times, 50), 1), "cli_p95_ms": round(percentile(times, 95), 1),
            "cli_cpu_p95_ms": round(percentile(cpu, 95), 1), "query_p50_ms": round(percentile(inner, 50), 1),
            "query_p95_ms": round(percentile(inner, 95), 1)}


def measure(url: str, clients: int, rounds: int, page_cache: bool = False) -> dict:
    kinds = page_list(url)
    proc, port = serve(url, page_cache)
    try:
        web = time_pages(port, kinds, clients, rounds)
        mem = peak_mb(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"web": web, "page_cache": page_cache, "serve_peak_mb": round(mem), "serve_start_s": SERVE_START.get("s"),
            "search": time_search(url)}


def one(url: str, size: int, templates: list, args, label: str) -> dict:
    saved = C.OUT / f"build-{label}.json"
    if args.reuse and saved.exists():
        built = json.loads(saved.read_text())
    else:
        print(f"{label}: building {size} articles", file=sys.stderr)
        built = C.build(url, size, templates, args.actors)
        saved.write_text(json.dumps(built) + "\n")
    print(json.dumps(built), file=sys.stderr)
    result = {"store": label, "build": built}
    if label.startswith("sqlite"):
        import sqlite3
        with sqlite3.connect(url) as conn:           # the WAL back into the file before sizing it
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        path = Path(url)
        b = path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(path.name + "-*"))
        result["bytes_per_article"] = round(b / size)
    else:
        from parley import open_store
        with open_store(url) as s:
            b = s.query("SELECT pg_database_size(current_database()) AS n")[0]["n"]
        result["bytes_per_article"] = round(b / size)
    result.update(measure(url, args.clients, args.rounds, args.page_cache))
    print(json.dumps(result, indent=1), file=sys.stderr)
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    ap.add_argument("--postgres", action="store_true", help="also each size on a private PostgreSQL server")
    ap.add_argument("--sqlite", action=argparse.BooleanOptionalAction, default=True)
    ap.add_argument("--data", type=Path, default=Path(os.environ.get("PARLEY_DATA_DIR", "../shared/data")))
    ap.add_argument("--polnear", type=int, default=60, help="PolNeAR texts among the templates")
    ap.add_argument("--actors", type=int, default=30_000, help="synthetic actors in the registry")
    ap.add_argument("--reuse", action="store_true",
                    help="measure the SQLite stores an earlier run built (out/scale/scale-N.db) again")
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--page-cache", action="store_true",
                    help="serve with the page cache (timed rounds then repeat cached pages)")
    ap.add_argument("--json", type=Path, default=C.OUT / "figures.json")
    args = ap.parse_args()
    templates = C.template_rows(C.templates_jsonl(args.data, args.polnear))          # 1
    results = []
    server = None                      # one PostgreSQL server for every size, started on first use
    for size in args.sizes:                                                          # 2
        if args.sqlite:
            db = C.OUT / f"scale-{size}.db"
            if not (args.reuse and db.exists()):
                for p in C.OUT.glob(db.name + "*"):
                    p.unlink()
            results.append(one(str(db), size, templates, args, f"sqlite-{size}"))
        if args.postgres:
            import pg
            server = server or pg.start_server()
            results.append(one(pg.create_database(server.url), size, templates, args, f"postgresql-{size}"))
    args.json.write_text(json.dumps(results, indent=1) + "\n")                      # 5
    ok = True
    for r in results:
        w, s = r["web"]["all"], r["search"]
        worst = max(v["p95_ms"] for k, v in r["web"].items() if isinstance(v, dict) and "p95_ms" in v)
        good = worst <= WEB_P95 and s["cli_p95_ms"] <= SEARCH_P95 and r["serve_peak_mb"] <= SERVE_MB
        ok &= good
        print(f"{r['store']}: load {r['build']['rows_per_s']} rows/s, {r['bytes_per_article']} B/article, "
              f"web p95 {w['p95_ms']} ms (worst kind {worst} ms), parley search p95 {s['cli_p95_ms']} ms, "
              f"serve {r['serve_peak_mb']} MB: {'PASS' if good else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
