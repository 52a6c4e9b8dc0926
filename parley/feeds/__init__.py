"""Live feeds: `parley watch` polls RSS/Atom feeds and ingests new and changed pages.

    fetch.py   polite HTTP: robots.txt, per-host rate limit, conditional GET, retries
    state.py   what is remembered between polls and restarts (tables in the store)
    watch.py   one poll of one feed, as numbered steps
"""
from .fetch import Fetched, Fetcher, FetchError
from .state import FeedState, PageState, WatchState
from .watch import FeedReport, Watcher, page_id

__all__ = ["Fetcher", "Fetched", "FetchError", "FeedState", "PageState", "WatchState",
           "Watcher", "FeedReport", "page_id"]
