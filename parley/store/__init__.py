"""Stores: one interface (SQLStore), a SQLite file by default, PostgreSQL by URL."""
from __future__ import annotations

from .base import TABLES, SQLStore
from .sqlite import SQLiteStore

__all__ = ["open_store", "SQLStore", "SQLiteStore", "TABLES"]


def open_store(url: str = "parley.db") -> SQLStore:
    """'parley.db' or 'sqlite:///path.db' -> SQLiteStore; 'postgresql://...' -> PostgresStore."""
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore
        return PostgresStore(url)
    if url.startswith("sqlite:///"):
        url = url[len("sqlite:///"):]
    return SQLiteStore(url)
