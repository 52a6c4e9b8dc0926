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
    """Reads and writes the watch tables through a Store (SQLite or PostgreSQL)."""

    def __init__(self, store):
        self.store = store

    def feed(self, url: str) -> FeedState:
        rows = self.store.query("SELECT * FROM watch_feeds WHERE url = ?", (url,))
        return FeedState(**rows[0]) if rows else FeedState(url)

    def page(self, url: str) -> PageState:
        rows = self.store.query("SELECT * FROM watch_pages WHERE url = ?", (url,))
        return PageState(**rows[0]) if rows else PageState(url)

    def save_feed(self, state: FeedState) -> None:
        self._upsert("watch_feeds", _row(state))
        self.store.conn.commit()

    def save_page(self, state: PageState, new_version: bool = False) -> None:
        """Save a page's state; with new_version, also list its stored text as that version."""
        self._upsert("watch_pages", _row(state))
        if new_version:
            self.store.execute("INSERT INTO watch_versions (url, version, article_uid, fetched_at) "
                               "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                               (state.url, state.version, state.article_uid, state.fetched_at))
        self.store.conn.commit()

    def versions(self, url: str) -> list[dict]:
        return self.store.query("SELECT * FROM watch_versions WHERE url = ? ORDER BY version", (url,))

    def _upsert(self, table: str, row: dict) -> None:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "url")
        self.store.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks}) "
                           f"ON CONFLICT (url) DO UPDATE SET {updates}", tuple(row.values()))


def _row(state) -> dict:
    return {f.name: getattr(state, f.name) for f in fields(state)}
