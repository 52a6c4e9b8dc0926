"""`parley watch` with several hosts at once (issue 18): three real HTTP servers on 127.0.0.1
(three hosts), each with a feed of PolNeAR pages, a slow answer and a robots.txt that
disallows a path. One round polls the hosts at the same time, while each host still gets at
most one request per host interval and nothing robots.txt disallows."""
from __future__ import annotations


from test_feeds_watch import Route, Site, articles, page, rss, serve

from parley.feeds.watch import Watcher
from parley.settings import Settings
from parley.store import open_store

INTERVAL = 0.4
DATE = "Wed, 18 Nov 2015 10:00:00 GMT"


def _sites(n: int):
    texts = articles(2 * n)
    sites, servers = [], []
    for k in range(n):
        site = Site()
        server = serve(site)
        site.base = f"http://127.0.0.1:{server.server_address[1]}"
        items = []
        for j in range(2):
            title, paras = texts[2 * k + j]
            path = f"/news/{k}-{j}"
            site.routes[path] = Route(page(title, paras), delay=0.15)
            items.append((path, title, DATE))
        site.routes["/private/leak"] = Route(page("Private", ["Not for robots."] * 5))
        items.append(("/private/leak", "Private", DATE))
        site.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", ctype="text/plain")
        site.routes["/feed.xml"] = Route(rss(site.base, items), ctype="application/rss+xml", delay=0.15)
        sites.append(site)
        servers.append(server)
    return sites, servers


def test_watch_polls_hosts_at_once_each_at_its_own_rate(tmp_path, monkeypatch):
    for name, value in (("HOST_INTERVAL", str(INTERVAL)), ("FETCH_TIMEOUT", "10"), ("FETCH_RETRIES", "0")):
        monkeypatch.setenv(f"PARLEY_{name}", value)
    sites, servers = _sites(3)
    db = str(tmp_path / "watch.db")
    try:
        settings = Settings.load(db=db)
        with open_store(db) as store:
            watcher = Watcher(store, settings, parallel=3)
            reports = watcher.round([s.base + "/feed.xml" for s in sites])
            watcher.fetcher.close()
            stored = store.query("SELECT COUNT(*) AS n FROM articles")[0]["n"]
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()
    assert [r.url for r in reports] == [s.base + "/feed.xml" for s in sites]
    assert all(r.status == "ok" and r.stored == 2 and r.rejected == 1 for r in reports), reports
    assert stored == 6
    for site in sites:
        assert not site.hits("/private/leak")                 # robots.txt kept
        starts = sorted(t for t, _, _, _ in site.log)
        assert len(starts) == 4                               # robots, feed, two pages
        gaps = [b - a for a, b in zip(starts, starts[1:])]
        # the host's rate limit kept (seen by the server: thread scheduling on a busy machine
        # moves arrivals by tens of ms; requests at once would be ~0 s apart)
        assert min(gaps) >= 0.7 * INTERVAL, gaps
    firsts = [min(t for t, _, _, _ in s.log) for s in sites]
    lasts = [max(t for t, _, _, _ in s.log) for s in sites]
    # at once: every host was asked before any host was done (one after another, the last
    # host's first request would come after the others' four requests, 3 intervals each)
    assert max(firsts) < min(lasts), (firsts, lasts)
    assert max(firsts) - min(firsts) < 2 * INTERVAL
