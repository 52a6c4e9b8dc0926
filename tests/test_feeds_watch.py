"""`parley watch` against a real HTTP server on 127.0.0.1 (no outside network): a feed with
pages from PolNeAR, a feed that is down, a malformed feed, a slow feed, robots.txt
disallowing a path, one page changing between polls, restarts that refetch nothing."""
from __future__ import annotations

import hashlib
import html
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from parley.feeds import Fetcher, FetchError, page_id
from parley.settings import Settings
from parley.store import open_store

from conftest import need, run_parley

LAST_MODIFIED = "Wed, 18 Nov 2015 10:00:00 GMT"
FETCH_TIMEOUT = 2.0                # seconds (PARLEY_FETCH_TIMEOUT of the `parley watch` runs)
HOST_INTERVAL = 0.2                # seconds between two requests to one host (PARLEY_HOST_INTERVAL)
# The server sees a request when its thread starts, up to tens of milliseconds late on a loaded
# machine: gaps between requests are checked with this much slack.
SLACK = 0.05


@dataclass
class Route:
    body: bytes
    ctype: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    fail_first: int = 0            # answer 503 this many times before `status`


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[float, str, int, dict]] = field(default_factory=list)

    def hits(self, path: str) -> list[tuple[int, dict]]:
        return [(status, headers) for _, p, status, headers in self.log if p == path]


def serve(site: Site) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # http.server's name
            started = time.monotonic()
            route = site.routes.get(self.path)
            status, body = self._answer(route)
            site.log.append((started, self.path, status, dict(self.headers)))
            if route and route.delay:
                time.sleep(route.delay)
            try:
                self.send_response(status)
                if route and status in (200, 304):
                    self.send_header("ETag", _etag(route.body))
                    self.send_header("Last-Modified", LAST_MODIFIED)
                    self.send_header("Content-Type", route.ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass                                   # the client gave up (timeout)

        def _answer(self, route):
            if route is None:
                return 404, b"not found"
            if route.fail_first > 0:
                route.fail_first -= 1
                return 503, b"busy"
            if route.status != 200:
                return route.status, b"unavailable"
            if self.headers.get("If-None-Match") == _etag(route.body):
                return 304, b""
            return 200, route.body

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def _etag(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:16] + '"'


def page(title: str, paragraphs: list[str]) -> bytes:
    ps = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html><head><title>{html.escape(title)}</title></head><body>"
            f"<nav><a href='/'>Home</a> | <a href='/politics'>Politics</a></nav>"
            f"<article><h1>{html.escape(title)}</h1>{ps}</article>"
            f"<footer>Copyright the example site</footer></body></html>").encode("utf-8")


def rss(base: str, items: list[tuple[str, str, str]]) -> bytes:
    """items: (path, title, pubDate)."""
    xml = "".join(f"<item><title>{html.escape(t)}</title><link>{base}{p}</link><guid>{base}{p}</guid>"
                  f"<pubDate>{d}</pubDate></item>" for p, t, d in items)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Example News</title>'
            f"<link>{base}/</link><description>test feed</description>{xml}</channel></rss>").encode("utf-8")


def articles(n: int) -> list[tuple[str, list[str]]]:
    """(title, paragraphs) of the first n PolNeAR train texts with at least four paragraphs."""
    out = []
    for path in sorted(need("polnear/train/text").glob("*.txt")):
        paras = [p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()]
        if len(paras) >= 5:
            out.append((paras[0], paras[1:8]))
        if len(out) == n:
            return out
    pytest.skip("too few PolNeAR texts")


@pytest.fixture()
def site():
    site = Site()
    server = serve(site)
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture()
def fast_fetch(monkeypatch):
    # the timeout leaves room for a loaded machine (the watch process also loads spaCy); the slow
    # feed's delay is three timeouts, so both of its tries still time out
    for name, value in (("FETCH_TIMEOUT", str(FETCH_TIMEOUT)), ("FETCH_RETRIES", "1"), ("FETCH_BACKOFF", "0.05"),
                        ("HOST_INTERVAL", str(HOST_INTERVAL))):
        monkeypatch.setenv(f"PARLEY_{name}", value)


def test_feeds_watch_outage_malformed_slow_robots_changed_page_restart(site, fast_fetch, tmp_path):
    texts = articles(4)
    b = site.base
    site.routes.update({
        "/robots.txt": Route(b"User-agent: *\nDisallow: /private/\n", ctype="text/plain"),
        "/news/1.html": Route(page(*texts[0])),
        "/news/2.html": Route(page(*texts[1])),
        "/private/3.html": Route(page(*texts[2])),
        "/news/4.html": Route(page(*texts[3])),
        "/bad.xml": Route(b"<<this is { not a feed", ctype="application/rss+xml"),
        "/down.xml": Route(rss(b, [("/news/4.html", texts[3][0], "Thu, 19 Nov 2015 09:00:00 GMT")]),
                           ctype="application/rss+xml", status=503),
        "/slow.xml": Route(rss(b, []), ctype="application/rss+xml", delay=3 * FETCH_TIMEOUT),
    })
    items = [("/news/1.html", texts[0][0], "Wed, 18 Nov 2015 09:00:00 GMT"),
             ("/news/2.html", texts[1][0], "Wed, 18 Nov 2015 08:00:00 GMT"),
             ("/private/3.html", texts[2][0], "Wed, 18 Nov 2015 07:00:00 GMT")]
    site.routes["/feed.xml"] = Route(rss(b, items), ctype="application/rss+xml")
    feeds = [f"{b}/feed.xml", f"{b}/down.xml", f"{b}/bad.xml", f"{b}/slow.xml"]
    db = str(tmp_path / "watch.db")

    # Poll 1: the good feed is ingested; the others are reported and do not stop the run.
    out = run_parley("watch", *feeds, "--once", "--db", db).stderr
    assert "down.xml: http_503" in out and "bad.xml: malformed" in out and "slow.xml: timeout" in out
    url = {k: f"{b}/news/{k}.html" for k in (1, 2, 4)}
    with open_store(db) as store:
        ids = {r["id"] for r in store.query("SELECT id FROM articles")}
        assert ids == {page_id(url[1]), page_id(url[2])}
        rejected = {r.source: r.reason for r in store.rejections()}
        assert rejected == {f"{b}/private/3.html": "robots_disallowed"}
        x = store.extraction(page_id(url[1]))
        assert x.article.published == "2015-11-18" and x.article.outlet == "Example News"
        assert texts[0][1][0] in x.article.text and texts[0][1][-1] in x.article.text
        assert "Copyright" not in x.article.text and "Politics" not in x.article.text
    assert not site.hits("/private/3.html")                      # robots.txt honoured
    assert len(site.hits("/slow.xml")) == 2                      # timed out, retried once
    starts = [t for t, *_ in site.log]
    assert min(b2 - a for a, b2 in zip(starts, starts[1:])) >= HOST_INTERVAL - SLACK   # per-host rate limit

    # The outage ends; page 1 changes (its feed entry says so).
    site.routes["/down.xml"].status = 200
    site.routes["/news/1.html"] = Route(page(texts[0][0], texts[0][1] + ["Correction: an earlier "
                                        "version of this story misstated the date of the debate."]))
    items[0] = ("/news/1.html", texts[0][0] + " (updated)", "Wed, 18 Nov 2015 12:00:00 GMT")
    site.routes["/feed.xml"] = Route(rss(b, items), ctype="application/rss+xml")

    # Poll 2, a new process: page 1 is stored as version 2, page 2 is not fetched again.
    run_parley("watch", *feeds, "--once", "--db", db)
    assert len(site.hits("/news/2.html")) == 1
    first, second = site.hits("/news/1.html")
    assert second[1].get("If-None-Match") == _etag(page(*texts[0])) and second[0] == 200
    with open_store(db) as store:
        rows = store.query("SELECT uid FROM articles WHERE id = ?", (page_id(url[1]),))
        assert len(rows) == 2
        versions = store.query("SELECT version, article_uid FROM watch_versions WHERE url = ?", (url[1],))
        assert [v["version"] for v in versions] == [1, 2]
        assert {v["article_uid"] for v in versions} == {r["uid"] for r in rows}
        assert store.query("SELECT 1 AS one FROM articles WHERE id = ?", (page_id(url[4]),))

    # Poll 3, nothing changed: the feeds answer 304 to the stored validators; no page is fetched.
    pages_before = sum(1 for _, p, *_ in site.log if p.endswith(".html"))
    out = run_parley("watch", f"{b}/feed.xml", f"{b}/down.xml", "--once", "--db", db).stderr
    assert out.count("not modified") == 2
    assert site.hits("/feed.xml")[-1][0] == 304
    assert sum(1 for _, p, *_ in site.log if p.endswith(".html")) == pages_before


def test_feeds_fetch_retries_with_backoff_then_succeeds(site):
    site.routes["/robots.txt"] = Route(b"", ctype="text/plain", status=404)   # 4xx: all allowed
    site.routes["/flaky.html"] = Route(b"<html><body>ok</body></html>", fail_first=2)
    waits: list[float] = []
    settings = Settings(fetch_timeout=2.0, fetch_retries=3, fetch_backoff=0.01, host_interval=0.0)
    with Fetcher(settings, sleep=lambda s: (waits.append(s), time.sleep(s))) as f:
        got = f.get(f"{site.base}/flaky.html")
        assert got.status == 200 and got.body.startswith(b"<html>")
        assert waits == [0.01, 0.02]                            # exponential back-off
        again = f.get(f"{site.base}/flaky.html", got.etag, got.last_modified)
        assert again.not_modified and again.body == b""
        with pytest.raises(FetchError) as err:
            f.get(f"{site.base}/missing.html")
        assert err.value.reason == "http_404" and err.value.permanent
    assert [s for s, _ in site.hits("/flaky.html")] == [503, 503, 200, 304]
    assert len(site.hits("/missing.html")) == 1                # a 404 is not retried
