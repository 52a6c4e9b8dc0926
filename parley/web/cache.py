"""Page records cached per store version: a read-only server answers the same page from
memory until the store changes.

The key is the page function, its query parameters and the store's version: for a SQLite
file the size and modification time of the file and its write-ahead log (every commit of an
ingest changes them), so a page is never older than the store. PostgreSQL stores are not
cached (their changes cannot be seen from here). At most MAX_ENTRIES records are kept, the
least recently used going first, so hostile queries cannot grow it without bound.

PARLEY_PAGE_CACHE=0 turns the cache off (every page computed on every request): the cold,
first-visit cost, as `python bench/load.py --no-cache` measures it.
"""
from __future__ import annotations

import functools
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

MAX_ENTRIES = 512
_MISSING = object()
CACHE_ENV = "PARLEY_PAGE_CACHE"


def cache_enabled() -> bool:
    return os.environ.get(CACHE_ENV, "1").strip().lower() not in ("0", "off", "no", "false")


class PageCache:
    def __init__(self, db: str, max_entries: int = MAX_ENTRIES, enabled: bool = True):
        self.path = None if "://" in db and not db.startswith("sqlite:///") else db.removeprefix("sqlite:///")
        if not enabled or not cache_enabled():   # every page computed (PARLEY_PAGE_CACHE=0, bench/scale.py)
            self.path = None          # version() None: nothing is cached
        self.max_entries = max_entries
        self._items: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()
        self._flights: dict[tuple, threading.Lock] = {}
        self.hits = self.misses = 0

    def version(self) -> tuple | None:
        if self.path is None:
            return None
        out = []
        for p in (self.path, self.path + "-wal"):
            try:
                st = os.stat(p)
                out += [st.st_size, st.st_mtime_ns]
            except OSError:
                out += [None, None]
        return tuple(out)

    def call(self, fn: Callable, kwargs: dict) -> Any:
        """fn(**kwargs), cached under fn and kwargs (but `db`, the store pool)."""
        key = (fn.__module__, fn.__qualname__, _freeze({k: v for k, v in kwargs.items() if k != "db"}))
        return self.memo(key, lambda: fn(**kwargs))

    def memo(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """compute(), cached under `key` for the store's current version."""
        version = self.version()
        if version is None:
            return compute()
        key = (version, key)
        hit = self._get(key)
        if hit is not _MISSING:
            return hit
        with self._lock:
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:              # one computation per key; concurrent callers wait for it
            hit = self._get(key)
            if hit is not _MISSING:
                return hit
            value = compute()
            with self._lock:
                self.misses += 1
                self._items[key] = value
                self._flights.pop(key, None)
                while len(self._items) > self.max_entries:
                    self._items.popitem(last=False)
        return value

    def _get(self, key: tuple) -> Any:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
        return _MISSING

    def wrap(self, fn: Callable) -> Callable:
        @functools.wraps(fn)
        def cached(**kwargs):
            return self.call(fn, kwargs)
        return cached


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(_freeze(v) for v in value)
    return value
