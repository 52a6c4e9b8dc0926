"""Load on the web UI: N concurrent clients for S seconds against `parley serve` on 127.0.0.1.

    python bench/load.py --db demo.db [--clients 50] [--seconds 60] [--workers 2] [--no-cache]

1. start `parley serve --db DB` on a free port in its own process group (as a user runs it)
2. build the request list of bench/web_latency.py (pages and their JSON twins over what the
   store holds most of) and warm up: every request once
3. run CLIENTS asyncio clients, each with one keep-alive connection, each taking the next
   request of the list in turn, for SECONDS; every answer other than 200 and every
   connection error or timeout (10 s) is an error
4. print requests, requests/s, errors, p50/p95/p99 latency and the server's peak memory
   (every process of its group); exit 1 when there were errors or --max-p95 was passed

--no-cache starts the server with PARLEY_PAGE_CACHE=0: every page is computed for every
request, as on a first visit (the store's pages are still warm in the OS and SQLite caches).

The client is its own: asyncio streams with a bounded read (no third-party client), so its
cost on the shared cores stays small beside the server's.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from web_latency import request_list  # noqa: E402

TIMEOUT_S = 10.0
# Passes over the request list before the clock starts (pages cached, SQLite pages read).
WARM_ROUNDS = 3
MAX_BODY = 64 * 1024 * 1024


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: str, port: int, workers: int, cache: bool = True) -> subprocess.Popen:
    """1. `parley serve` in a process group of its own; waits until it answers."""
    cmd = [sys.executable, "-m", "parley", "serve", "--db", db, "--port", str(port)]
    if workers:
        cmd += ["--workers", str(workers)]
    env = dict(os.environ, PARLEY_PAGE_CACHE="1" if cache else "0")
    proc = subprocess.Popen(cmd, start_new_session=True, env=env)
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"parley serve exited with {proc.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("parley serve did not start in 120 s")


async def fetch(reader, writer, path: str, port: int) -> int:
    """One GET over a keep-alive connection; the status (the body is read and dropped)."""
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: keep-alive\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
    if "content-length" in headers:
        n = int(headers["content-length"])
        if n > MAX_BODY:
            raise ValueError(f"body of {n} bytes")
        await reader.readexactly(n)
    elif headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    if headers.get("connection", "").lower() == "close":
        raise ConnectionResetError("server closed the connection")
    return status


async def client(k: int, paths: list[str], port: int, until: float, out: dict) -> None:
    i = k
    conn = None
    while time.perf_counter() < until:
        path = paths[i % len(paths)]
        i += 1
        t = time.perf_counter()
        try:
            if conn is None:
                conn = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), TIMEOUT_S)
            status = await asyncio.wait_for(fetch(*conn, path, port), TIMEOUT_S)
            ok = status == 200
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
            ok, status = False, type(exc).__name__
            if conn is not None:
                conn[1].close()
            conn = None
        out["lat"].append(time.perf_counter() - t)
        if not ok:
            out["errors"].append((path, status))
    if conn is not None:
        conn[1].close()


async def run(paths: list[str], port: int, clients: int, seconds: float) -> dict:
    out: dict = {"lat": [], "errors": []}
    for _ in range(WARM_ROUNDS):                      # 2. warm up (each server worker, likely)
        await asyncio.gather(*(client(k, [p], port, time.perf_counter() + 0.001, {"lat": [], "errors": []})
                               for k, p in enumerate(paths)))
    start = time.perf_counter()
    until = start + seconds
    await asyncio.gather(*(client(k, paths, port, until, out) for k in range(clients)))
    out["elapsed"] = time.perf_counter() - start
    return out


def group_rss_mb(pgid: int) -> float:
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            if os.getpgid(int(status.parent.name)) != pgid:
                continue
            for line in status.read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except (OSError, ValueError):
            continue
    return total / 1024


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))] * 1000 if s else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", default="demo.db")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--workers", type=int, default=0, help="serve --workers (0: serve's default)")
    ap.add_argument("--max-p95", type=float, default=None, help="exit 1 when p95 (ms) is over this")
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    ap.add_argument("--no-cache", action="store_true", help="serve with the page cache off (first-visit cost)")
    a = ap.parse_args()
    paths = request_list(a.db)
    port = free_port()
    server = start_server(a.db, port, a.workers, cache=not a.no_cache)
    peak = [0.0]
    try:
        async def sample_memory():
            while True:
                peak[0] = max(peak[0], group_rss_mb(server.pid))
                await asyncio.sleep(1)

        async def both():
            mem = asyncio.create_task(sample_memory())
            try:
                return await run(paths, port, a.clients, a.seconds)
            finally:
                mem.cancel()
        out = asyncio.run(both())
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(30)
    n = len(out["lat"])
    figures = {"clients": a.clients, "seconds": round(out["elapsed"], 1), "requests": n,
               "per_second": round(n / out["elapsed"], 1), "errors": len(out["errors"]),
               "p50_ms": round(pct(out["lat"], 0.50), 1), "p95_ms": round(pct(out["lat"], 0.95), 1),
               "p99_ms": round(pct(out["lat"], 0.99), 1), "server_peak_mb": round(peak[0]),
               "distinct_requests": len(paths), "page_cache": not a.no_cache}
    print(json.dumps(figures, indent=1))
    for path, status in out["errors"][:10]:
        print(f"error: {status} {path}", file=sys.stderr)
    if a.json:
        Path(a.json).write_text(json.dumps(figures, indent=1) + "\n")
    if out["errors"] or (a.max_p95 is not None and figures["p95_ms"] > a.max_p95):
        sys.exit(1)


if __name__ == "__main__":
    main()
