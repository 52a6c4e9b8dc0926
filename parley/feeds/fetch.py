"""Polite HTTP for feeds and pages: robots.txt, a per-host rate limit, conditional requests
(ETag / If-Modified-Since), timeouts, and retries with exponential back-off.

`Fetcher.get(url, etag, last_modified)` returns a `Fetched` (status 200 with the body, or
304 when the validators still hold) or raises `FetchError` with a reason:

    disallowed          robots.txt forbids the URL for our user agent
    robots_unreachable  robots.txt answered 5xx or not at all: nothing on the host is fetched
    timeout, network    after every retry
    http_<status>       a 4xx (not retried; 429 is) or a 5xx after every retry
    too_large           the body passed MAX_BYTES
"""
from __future__ import annotations

import logging
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx

from ..settings import Settings

log = logging.getLogger(__name__)

# Statuses worth another try: rate limited, or the server failing for now.
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# Bodies larger than this are refused: no news page or feed is 20 MB.
MAX_BYTES = 20 * 1024 * 1024
# Longest wait a Retry-After header may impose before a retry.
MAX_RETRY_AFTER = 300.0
# How long a host's robots.txt is trusted before it is read again, and how long a host
# whose robots.txt could not be read is left alone before it is tried again.
ROBOTS_TTL = 24 * 3600.0
ROBOTS_RETRY = 300.0


class FetchError(Exception):
    def __init__(self, url: str, reason: str, detail: str, retry_after: float | None = None):
        super().__init__(f"{url}: {detail}")
        self.url, self.reason, self.detail, self.retry_after = url, reason, detail, retry_after

    @property
    def permanent(self) -> bool:
        """A 4xx other than 429, or robots.txt: trying again soon will not help."""
        return self.reason == "disallowed" or (self.reason.startswith("http_4") and self.reason != "http_429")


@dataclass(frozen=True)
class Fetched:
    url: str                      # after redirects
    status: int                   # 200 or 304
    body: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """One HTTP client for a watch session; its robots.txt cache and host clocks live here."""

    def __init__(self, settings: Settings, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.agent = settings.user_agent.split("/")[0].split()[0] or "*"
        self.clock, self.sleep = clock, sleep
        self.client = httpx.Client(timeout=settings.fetch_timeout, follow_redirects=True,
                                   headers={"User-Agent": settings.user_agent})
        self._next_ok: dict[str, float] = {}          # host -> earliest time of the next request
        # Several hosts may be fetched at once (Watcher.round with parallel > 1): the host
        # clocks are read and advanced under one lock, each host's robots.txt read once.
        self._clock_lock = threading.Lock()
        self._robots_locks: dict[str, threading.Lock] = {}
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None]] = {}

    # -- the public call ----------------------------------------------------------------
    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET `url` politely; 304 when `etag` / `last_modified` still hold."""
        self._check_robots(url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._with_retries(url, headers)

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- retries ----------------------------------------------------------------------------
    def _with_retries(self, url: str, headers: dict[str, str]) -> Fetched:
        attempts = self.settings.fetch_retries + 1
        for attempt in range(attempts):
            try:
                return self._once(url, headers)
            except FetchError as exc:
                if exc.permanent or attempt == attempts - 1:
                    raise
                delay = exc.retry_after or self.settings.fetch_backoff * 2 ** attempt
                log.info("retrying %s in %.1fs (%s)", url, delay, exc.detail)
                self.sleep(min(delay, MAX_RETRY_AFTER))
        raise AssertionError("unreachable")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        self._wait_turn(url)
        try:
            with self.client.stream("GET", url, headers=headers) as resp:
                if resp.status_code in RETRY_STATUSES or resp.status_code >= 400:
                    raise _status_error(url, resp)
                body = b"" if resp.status_code == 304 else _read_capped(url, resp)
        except httpx.TimeoutException as exc:
            raise FetchError(url, "timeout", f"no answer within {self.settings.fetch_timeout}s "
                             f"({type(exc).__name__})") from None
        except httpx.HTTPError as exc:
            raise FetchError(url, "network", f"{type(exc).__name__}: {exc}") from None
        return Fetched(url=str(resp.url), status=304 if resp.status_code == 304 else 200, body=body,
                       content_type=resp.headers.get("content-type", ""),
                       etag=resp.headers.get("etag"), last_modified=resp.headers.get("last-modified"))

    # -- politeness ---------------------------------------------------------------------
    def _wait_turn(self, url: str) -> None:
        """Sleep until this host may be asked again (host_interval, or robots' Crawl-delay)."""
        host = urlsplit(url).netloc
        interval = self._interval(host)
        with self._clock_lock:                 # take the next slot of this host, then wait for it
            now = self.clock()
            ready = self._next_ok.get(host, now)
            self._next_ok[host] = max(ready, now) + interval
        if ready > now:
            self.sleep(ready - now)

    def _interval(self, host: str) -> float:
        rp = self._robots.get(host, (0.0, None))[1]
        delay = rp.crawl_delay(self.agent) if rp is not None else None
        return max(self.settings.host_interval, float(delay or 0))

    def _check_robots(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.path in ("/robots.txt",):
            return
        rp = self._robots_for(parts.scheme, parts.netloc)
        if not rp.can_fetch(self.agent, url):
            raise FetchError(url, "disallowed", f"robots.txt of {parts.netloc} disallows this URL "
                             f"for {self.agent}")

    def _robots_for(self, scheme: str, host: str) -> urllib.robotparser.RobotFileParser:
        with self._clock_lock:
            lock = self._robots_locks.setdefault(host, threading.Lock())
        with lock:
            return self._robots_read(scheme, host)

    def _robots_read(self, scheme: str, host: str) -> urllib.robotparser.RobotFileParser:
        """RFC 9309: a 4xx robots.txt allows everything; 5xx or no answer forbids everything
        (for now: the next call tries again)."""
        url = f"{scheme}://{host}/robots.txt"
        read_at, cached = self._robots.get(host, (float("-inf"), None))
        age = self.clock() - read_at
        if cached is not None and age < ROBOTS_TTL:
            return cached
        if cached is None and age < ROBOTS_RETRY:
            raise FetchError(url, "robots_unreachable", f"robots.txt of {host} could not be read "
                             f"{age:.0f}s ago; the host is left alone for {ROBOTS_RETRY:.0f}s")
        rp = urllib.robotparser.RobotFileParser(url)
        try:
            fetched = self._with_retries(url, {})
            rp.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        except FetchError as exc:
            if not (exc.reason.startswith("http_4") and exc.reason != "http_429"):
                self._robots[host] = (self.clock(), None)
                raise FetchError(url, "robots_unreachable",
                                 f"robots.txt of {host} could not be read ({exc.detail}); "
                                 "nothing on this host is fetched until it can be") from None
            rp.allow_all = True
        self._robots[host] = (self.clock(), rp)
        return rp


def _status_error(url: str, resp: httpx.Response) -> FetchError:
    return FetchError(url, f"http_{resp.status_code}", f"HTTP {resp.status_code} {resp.reason_phrase}",
                      retry_after=_retry_after(resp.headers.get("retry-after")))


def _retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (a number or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _read_capped(url: str, resp: httpx.Response) -> bytes:
    chunks, size = [], 0
    for chunk in resp.iter_bytes():
        size += len(chunk)
        if size > MAX_BYTES:
            raise FetchError(url, "too_large", f"body larger than {MAX_BYTES // 2**20} MB")
        chunks.append(chunk)
    return b"".join(chunks)
