"""The embedded default: one SQLite file.

Opening refuses, with one coded line naming the fix, what is not a Parley store: a path
that does not exist (for commands that read), a missing parent folder (unless asked to
create it), a file that is not SQLite, a SQLite database of another program, a damaged
file, or one locked by another process past the lock timeout.
"""
from __future__ import annotations

import os
import sqlite3
from collections import Counter
from pathlib import Path

from ..errors import Errors, StoreError
from .base import SQLStore

SQLITE_HEADER = b"SQLite format 3\x00"
# Seconds a command waits for another process's lock (PARLEY_LOCK_TIMEOUT) before giving up.
LOCK_TIMEOUT_S = 30.0
STORE_SUFFIXES = (".db", ".sqlite", ".sqlite3")
# Connections this process holds open, per file. SQLite's locks are POSIX record locks, which
# the kernel drops for the whole process when ANY descriptor of the file is closed: reading the
# header with open()/close() while another connection of this process (ingest's writer beside
# its checkpoint reader) had the file open released the writer's locks, so another process's
# last connection could checkpoint and delete the WAL under it and the writer's later commits
# were lost (tests/test_store_resume.py). A file already open here was checked when it opened.
_OPEN_HERE: Counter = Counter()


class SQLiteStore(SQLStore):
    dialect = "sqlite"
    placeholder = "?"

    def __init__(self, path: str | Path, must_exist: bool = False, create_parents: bool = True):
        self.path = str(path)
        self.must_exist = must_exist
        self.create_parents = create_parents
        super().__init__()

    def _connect(self):
        existed = self.path != ":memory:" and Path(self.path).is_file() and Path(self.path).stat().st_size > 0
        key = os.path.realpath(self.path)
        if self.path != ":memory:" and not _OPEN_HERE[key]:
            self._check_path(Path(self.path))
        try:
            conn = sqlite3.connect(self.path, timeout=lock_timeout())
            # an existing file is checked before anything is written to it; a new one is made a
            # WAL database at once (before another process can open it and hold that back)
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")} \
                if existed else set()
            if tables and "schema_migrations" not in tables:
                conn.close()
                shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
                raise StoreError(Errors.P412.format(
                    path=self.path, what=f"a SQLite database of another program (tables: {shown})"))
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA synchronous=NORMAL")
        except sqlite3.Error as exc:
            raise sqlite_failure(exc, self.path) from None
        _OPEN_HERE[key] += 1
        return conn

    def close(self) -> None:
        super().close()
        key = os.path.realpath(self.path)
        if _OPEN_HERE[key] > 0:
            _OPEN_HERE[key] -= 1

    def _check_path(self, path: Path) -> None:
        if path.is_dir():
            raise StoreError(Errors.P011.format(path=path, why=f"a folder; a store in it: {path / 'parley.db'}"))
        if not path.exists():
            if self.must_exist:
                raise StoreError(missing_store_message(path))
            if not path.parent.is_dir():
                if not self.create_parents:
                    raise StoreError(Errors.P411.format(folder=path.parent))
                path.parent.mkdir(parents=True, exist_ok=True)
            return
        try:
            with open(path, "rb") as f:
                head = f.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(Errors.P011.format(path=path, why=exc.strerror)) from None
        if head and head != SQLITE_HEADER:
            raise StoreError(Errors.P412.format(path=path, what=f"a file of another kind (it starts with {head[:8]!r})"))

    def _begin(self) -> None:
        # sqlite3 opens transactions only before DML; BEGIN makes DDL transactional too
        if not self.conn.in_transaction:
            self.conn.execute("BEGIN")

    def failure(self, exc: BaseException) -> StoreError | None:
        return sqlite_failure(exc, self.path) if isinstance(exc, sqlite3.Error) else None


def lock_timeout() -> float:
    try:
        return float(os.environ.get("PARLEY_LOCK_TIMEOUT", LOCK_TIMEOUT_S))
    except ValueError:
        return LOCK_TIMEOUT_S


def sqlite_failure(exc: BaseException, path: str) -> StoreError:
    """A coded one-line error for a SQLite failure, with what to do about it."""
    msg = str(exc)
    low = msg.lower()
    if "locked" in low or "busy" in low:
        return StoreError(Errors.P414.format(path=path, why=msg, seconds=lock_timeout()))
    if "not a database" in low or "malformed" in low or "corrupt" in low or "disk i/o" in low:
        return StoreError(Errors.P413.format(path=path, why=msg))
    return StoreError(Errors.P011.format(path=path, why=f"{type(exc).__name__}: {msg}"))


def missing_store_message(path: Path) -> str:
    """'no store at nwes.db; stores here: news.db' with the fix."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        near = sorted(p.name for p in folder.iterdir() if p.is_file() and p.suffix in STORE_SUFFIXES)
    except OSError:
        near = []
    here = f"; stores in {folder}: {', '.join(near[:10])}" if near else f"; there is no store in {folder}"
    return Errors.P410.format(path=path, here=here)
