"""The embedded default: one SQLite file."""
from __future__ import annotations

import sqlite3
from pathlib import Path

from ..errors import StoreError
from .base import SQLStore


class SQLiteStore(SQLStore):
    dialect = "sqlite"
    placeholder = "?"

    def __init__(self, path: str | Path):
        self.path = str(path)
        super().__init__()

    def _connect(self):
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=30)
        except sqlite3.Error as exc:
            raise StoreError(f"[P011] cannot open SQLite store {self.path!r}: {exc}; "
                             "check the path is a writable file") from None
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    def _begin(self) -> None:
        # sqlite3 opens transactions only before DML; BEGIN makes DDL transactional too
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")
