"""`parley watch`: poll RSS/Atom feeds, fetch new and changed article pages, ingest them.

One poll of one feed:
    1. fetch the feed: a conditional GET (304: nothing new), with robots.txt, the host's
       rate limit, a timeout and retries with back-off
    2. parse it (feedparser); a malformed feed without entries is this round's error
    3. pick the entries to act on: pages never fetched, pages whose entry changed (id,
       dates, title or summary) since, and pages whose last fetch failed for now
    4. fetch each page (conditional GET with its stored ETag / Last-Modified)
    5. clean it (trafilatura); a text already stored for the URL is "unchanged"
    6. run the pipeline over the new texts and store them; a changed page is stored as a
       new version: a new article (same id, its own uid), listed in watch_versions
    7. remember validators, entry keys and hashes, page by page, so a restart refetches
       nothing; the feed's own validators only once all its pages are done
A feed that is down, malformed or slow is reported and tried again next round; the other
feeds go on. Every page ends stored, unchanged, rejected with its reason, or to retry.

With `parallel` > 1 a round polls the feeds of different hosts at once, one thread per host
(its feeds one after another), each thread with its own store connection. A thread holds one
shared lock whenever it is not waiting on the network, so the store and the pipeline see one
thread at a time, and the waits (the hosts' answers and rate limits) overlap. The threads
share one Fetcher, whose per-host clocks and robots.txt cache are locked: every host still
gets one request per host_interval (or Crawl-delay) whichever thread asks.
"""
from __future__ import annotations

import hashlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from urllib.parse import urldefrag, urljoin, urlsplit

import feedparser

from ..clock import now
from ..ingest import to_article
from ..ingest.html import decode_html
from ..pipeline import Pipeline
from ..records import Article, RawItem, Rejection, content_hash
from ..settings import Settings
from ..store.writer import Writer
from .fetch import Fetcher, FetchError
from .state import FeedState, PageState, WatchState

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class FeedReport:
    """What one poll of one feed did."""

    url: str
    status: str = "ok"            # ok | not_modified | error
    error: str | None = None
    entries: int = 0              # in the feed
    fetched: int = 0              # pages downloaded (200)
    stored: int = 0               # new articles, first versions and changed pages
    changed: int = 0              # of those, new versions of pages stored before
    unchanged: int = 0            # 304, the same bytes, or the same clean text
    rejected: int = 0             # robots.txt, 4xx, not HTML, no article body, ...
    retry: int = 0                # pages that failed for now (timeouts, 5xx)


@dataclass(frozen=True)
class Pending:
    """A page fetched and cleaned in steps 4-5, waiting for the pipeline (step 6)."""

    article: Article
    state: PageState


class Watcher:
    """Polls feeds into a store; one per `parley watch` process."""

    def __init__(self, store, settings: Settings, fetcher: Fetcher | None = None, parallel: int = 1,
                 pipeline: Pipeline | None = None):
        self.store, self.settings, self.parallel = store, settings, max(1, parallel)
        self.state = WatchState(store)
        self.writer = Writer(store, settings.actors_file)
        self.fetcher = fetcher or Fetcher(settings)
        self.pipeline = pipeline or Pipeline(settings)
        self.lock = threading.Lock()          # store and pipeline: one thread at a time

    def round(self, feeds: list[str]) -> list[FeedReport]:
        """Poll every feed once; reports in the order of `feeds`."""
        self.store.reconnect_if_lost()      # a PostgreSQL server restarted since the last round
        groups: dict[str, list[str]] = {}
        for url in feeds:
            groups.setdefault(urlsplit(url).netloc, []).append(url)
        if self.parallel == 1 or len(groups) == 1:
            return [self.poll(url) for url in feeds]
        with ThreadPoolExecutor(max_workers=min(self.parallel, len(groups))) as pool:
            done = pool.map(self._poll_host, groups.values())
            by_url = {r.url: r for reports in done for r in reports}
        return [by_url[url] for url in feeds]

    def _poll_host(self, feeds: list[str]) -> list[FeedReport]:
        """One host's feeds in a worker thread, through its own store connection."""
        from ..store import open_store
        with self.lock, open_store(store_url(self.store)) as store:
            worker = Watcher(store, self.settings, _Unlocked(self.fetcher, self.lock), pipeline=self.pipeline)
            return [worker.poll(url) for url in feeds]

    def poll(self, feed_url: str) -> FeedReport:
        report = FeedReport(feed_url)
        try:
            self._poll(feed_url, report)
        except Exception as exc:  # one feed's bug must not stop the others
            log.exception("polling %s failed", feed_url)
            report.status, report.error = "error", f"{type(exc).__name__}: {exc}"
        return report

    def _poll(self, feed_url: str, report: FeedReport) -> None:
        old = self.state.feed(feed_url)
        parsed, got = self._fetch_feed(old, report)                            # 1-2
        if parsed is None:
            return
        outlet = parsed.feed.get("title") or urlsplit(feed_url).netloc
        pending = [p for p in (self._fetch_page(feed_url, e, outlet, report)  # 4-5
                               for e in self._entries_to_fetch(feed_url, parsed.entries))  # 3
                   if p is not None]
        self._ingest(pending, report)                                          # 6-7
        done = report.retry == 0   # else keep no validators: the next round reads the feed in full
        self.state.save_feed(replace(old, title=parsed.feed.get("title") or old.title,
                                     etag=got.etag if done else None,
                                     last_modified=got.last_modified if done else None,
                                     checked_at=now(), ok_at=now(), status="ok", error=None,
                                     entries=len(parsed.entries)))

    # -- 1-2: the feed ---------------------------------------------------------------------
    def _fetch_feed(self, old: FeedState, report: FeedReport):
        try:
            got = self.fetcher.get(old.url, old.etag, old.last_modified)
        except FetchError as exc:
            return self._feed_error(old, report, f"{exc.reason}: {exc.detail}"), None
        if got.not_modified:
            report.status = "not_modified"
            self.state.save_feed(replace(old, checked_at=now(), status="not_modified", error=None))
            return None, None
        parsed = feedparser.parse(got.body, response_headers={
            "content-location": got.url, "content-type": got.content_type or "application/xml"})
        if not parsed.entries and (parsed.bozo or not parsed.version):
            why = parsed.get("bozo_exception") or "no RSS or Atom feed found"
            return self._feed_error(old, report, f"malformed: {why}"), None
        report.entries = len(parsed.entries)
        return parsed, got

    def _feed_error(self, old: FeedState, report: FeedReport, error: str) -> None:
        report.status, report.error = "error", error
        log.info("feed %s: %s", old.url, error)
        self.state.save_feed(replace(old, checked_at=now(), status="error", error=error))
        return None

    # -- 3: which entries --------------------------------------------------------------------
    def _entries_to_fetch(self, feed_url: str, entries) -> list[tuple[str, str, object]]:
        """(page URL, entry key, entry) for new, changed and to-retry entries, in feed order."""
        out, seen = [], set()
        for entry in entries:
            link = entry.get("link") or ""
            if not link:
                continue
            url = urldefrag(urljoin(feed_url, link)).url
            if url in seen:
                continue
            seen.add(url)
            key = entry_key(entry, url)
            old = self.state.page(url)
            if old.entry_key != key or old.status == "error":
                out.append((url, key, entry))
        return out

    # -- 4-5: a page ---------------------------------------------------------------------------
    def _fetch_page(self, feed_url: str, job: tuple, outlet: str, report: FeedReport) -> Pending | None:
        url, key, entry = job
        old = self.state.page(url)
        base = replace(old, feed_url=feed_url, fetched_at=now())
        try:
            got = self.fetcher.get(url, old.etag, old.last_modified)
        except FetchError as exc:
            return self._page_failed(base, key, exc, report)
        validators = {"etag": got.etag or old.etag, "last_modified": got.last_modified or old.last_modified}
        body_hash = hashlib.sha256(got.body).hexdigest() if not got.not_modified else old.content_hash
        if got.not_modified or body_hash == old.content_hash:
            return self._unchanged(replace(base, entry_key=key, **validators), report)
        report.fetched += 1
        state = replace(base, entry_key=key, content_hash=body_hash, **validators)
        if not is_html(got.content_type, got.body):
            return self._reject(state, Rejection(page_id(url), url, "not_html",
                                f"{url} is {got.content_type or 'of no stated type'}, not an HTML page"), report)
        raw = RawItem(id=page_id(url), source=url, kind="html", content=decode_html(got.body), url=url,
                      title=entry.get("title"), published=entry_date(entry), outlet=outlet)
        article = to_article(raw, self.settings)
        if isinstance(article, Rejection):
            return self._reject(state, article, report)
        if article.uid == old.article_uid:          # only the page around the text changed
            return self._unchanged(state, report)
        return Pending(article, state)

    def _page_failed(self, state: PageState, key: str, exc: FetchError, report: FeedReport) -> None:
        if not exc.permanent:                        # timeouts, 5xx, robots unreachable: next round
            report.retry += 1
            self.state.save_page(replace(state, status="error", error=f"{exc.reason}: {exc.detail}"))
            return None
        reason = "robots_disallowed" if exc.reason == "disallowed" else "fetch_failed"
        return self._reject(replace(state, entry_key=key),
                            Rejection(page_id(state.url), state.url, reason, exc.detail), report)

    def _unchanged(self, state: PageState, report: FeedReport) -> None:
        report.unchanged += 1
        self.state.save_page(replace(state, status="unchanged", error=None))

    def _reject(self, state: PageState, rejection: Rejection, report: FeedReport) -> None:
        report.rejected += 1
        self.writer.put(rejection)
        self.state.save_page(replace(state, status="rejected", error=f"{rejection.reason}: {rejection.detail}"))

    # -- 6-7: pipeline and store -----------------------------------------------------------------
    def _ingest(self, pending: list[Pending], report: FeedReport) -> None:
        results = self.pipeline.run_articles([p.article for p in pending])
        for p, result in zip(pending, results):
            self.writer.put(result)
            if isinstance(result, Rejection):
                report.rejected += 1
                self.state.save_page(replace(p.state, status="rejected",
                                             error=f"{result.reason}: {result.detail}"))
                continue
            report.stored += 1
            report.changed += p.state.version > 0
            self.state.save_page(replace(p.state, article_uid=p.article.uid, version=p.state.version + 1,
                                         status="stored", error=None), new_version=True)


class _Unlocked:
    """The shared Fetcher for a worker thread: the round's lock is let go while it waits."""

    def __init__(self, fetcher: Fetcher, lock: threading.Lock):
        self.fetcher, self.lock = fetcher, lock

    def get(self, *args, **kwargs):
        self.lock.release()
        try:
            return self.fetcher.get(*args, **kwargs)
        finally:
            self.lock.acquire()


# -- ids, keys, dates ----------------------------------------------------------------------

def store_url(store) -> str:
    """The URL that opens another connection to `store` (SQLite path or PostgreSQL URL)."""
    return getattr(store, "url", None) or store.path


def page_id(url: str) -> str:
    """A stable article id for a page: its host and a hash of its URL."""
    host = urlsplit(url).netloc.replace(":", "_") or "page"
    return f"{host}-{content_hash('url', url, length=12)}"


def entry_key(entry, url: str) -> str:
    """What identifies one state of a feed entry: a new key means the page may have changed."""
    return content_hash("entry", entry.get("id") or url, entry.get("updated") or "",
                        entry.get("published") or "", entry.get("title") or "", entry.get("summary") or "")


def is_html(content_type: str, body: bytes) -> bool:
    """An HTML content type, or none stated and a body that starts like HTML."""
    kind = content_type.split(";")[0].strip().lower()
    if kind:
        return kind in HTML_TYPES
    head = body[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def entry_date(entry) -> str | None:
    """The entry's publication date (else its update date) as YYYY-MM-DD."""
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return datetime(*t[:6], tzinfo=timezone.utc).date().isoformat()
    return None
