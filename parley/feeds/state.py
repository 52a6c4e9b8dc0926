"""What `parley watch` remembers between polls and restarts, kept in the store (migration
0701_watch_state): each feed's validators, each page's validators, the feed entry it was
last fetched for, its content hash and stored article, and every stored version of a page."""
from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class FeedState:
    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None
    ok_at: str | None = None
    status: str | None = None          # ok | not_modified | error
    error: str | None = None
    entries: int | None = None


@dataclass(frozen=True)
class PageState:
    url: str
    feed_url: str | None = None
    entry_key: str | None = None       # the feed entry (id, dates, title, summary) last acted on
    etag: str | None = None
    last_modified: str | None = None
    content_hash: str | None = None    # of the fetched body
    article_uid: str | None = None     # of the clean text last stored
    version: int = 0                   # 1 for the first stored text, +1 for each changed one
    fetched_at: str | None = None
    status: str | None = None          # stored | unchanged | rejected | error
    error: str | None = None


class WatchState:
    """Reads and writes the watch tables through a Store's public methods (SQLite or PostgreSQL)."""

    def __init__(self, store):
        self.store = store

    def feed(self, url: str) -> FeedState:
        row = self.store.watch_row("watch_feeds", url)
        return FeedState(**row) if row else FeedState(url)

    def page(self, url: str) -> PageState:
        row = self.store.watch_row("watch_pages", url)
        return PageState(**row) if row else PageState(url)

    def save_feed(self, state: FeedState) -> None:
        self.store.save_watch_row("watch_feeds", _row(state))

    def save_page(self, state: PageState, new_version: bool = False) -> None:
        """Save a page's state; with new_version, also list its stored text as that version."""
        version = {"url": state.url, "version": state.version, "article_uid": state.article_uid,
                   "fetched_at": state.fetched_at} if new_version else None
        self.store.save_watch_row("watch_pages", _row(state), version)

    def versions(self, url: str) -> list[dict]:
        return self.store.watch_versions(url)


def _row(state) -> dict:
    return {f.name: getattr(state, f.name) for f in fields(state)}
