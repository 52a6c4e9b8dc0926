"""Stores: one interface (SQLStore), a SQLite file by default, PostgreSQL by URL."""
from __future__ import annotations

from ..errors import Errors, StoreError
from .base import TABLES, SQLStore
from .sqlite import SQLiteStore

__all__ = ["open_store", "store_failure", "SQLStore", "SQLiteStore", "TABLES"]


# The store this process opened last: named in errors met while using it (see store_failure).
last_opened = ""


def open_store(url: str = "parley.db", *, must_exist: bool = False,
               create_parents: bool = True) -> SQLStore:
    """'parley.db' or 'sqlite:///path.db' -> SQLiteStore; 'postgresql://...' -> PostgresStore.

    `must_exist`: refuse a SQLite path with no file (commands that read); `create_parents`:
    create missing parent folders of a new SQLite file. A file that is not a Parley store,
    is damaged or stays locked raises StoreError with a coded one-line message."""
    global last_opened
    last_opened = url
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore
        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    return SQLiteStore(url, must_exist=must_exist, create_parents=create_parents)


def store_failure(exc: BaseException, url: str = "") -> StoreError | None:
    """The coded StoreError for a database driver error met while using a store, or None."""
    import sqlite3
    if isinstance(exc, sqlite3.Error):
        from .sqlite import sqlite_failure
        return sqlite_failure(exc, url or last_opened.removeprefix("sqlite:///") or "(the store)")
    if type(exc).__module__.startswith("psycopg"):
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        return StoreError(Errors.P415.format(why=f"{type(exc).__name__}: {first}"))
    return None
