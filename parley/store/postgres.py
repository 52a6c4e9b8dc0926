"""The shared database: PostgreSQL through psycopg 3.

Same schema and SQL as the SQLite file (see base.py); what differs is said here: the
`%s` placeholder, the dialect name the migrations pick their statements by, and how
a connection is opened.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..errors import Errors, StoreError
from .base import SQLStore

try:
    import psycopg
except ImportError:  # pragma: no cover - psycopg is a pinned dependency
    psycopg = None


class PostgresStore(SQLStore):
    dialect = "postgresql"
    placeholder = "%s"

    def __init__(self, url: str):
        self.url = url if not url.startswith("postgres://") else "postgresql://" + url[len("postgres://"):]
        super().__init__()

    def _begin(self) -> None:
        """Nothing to do: psycopg opens a transaction on the first statement (DDL included)."""
        return None

    def _connect(self):
        if psycopg is None:
            raise StoreError(Errors.P012)
        try:
            return psycopg.connect(self.url, connect_timeout=15)
        except psycopg.Error as exc:
            raise StoreError(Errors.P013.format(url=_redact(self.url), why=str(exc).strip())) from None

    def reconnect_if_lost(self) -> bool:
        """After a server restart the old connection fails on its next use: a cheap query
        finds out first, and a new connection replaces it (a long-running `serve` or `watch`
        then goes on; a transaction under way is not retried here)."""
        if not (self.conn.closed or self.conn.broken):
            try:
                self.conn.execute("SELECT 1")
                return False
            except psycopg.OperationalError:
                pass
        try:
            self.conn.close()
        except psycopg.Error:
            pass
        self.conn = self._connect()
        return True

    def _sql(self, sql: str) -> str:
        # psycopg reads % as the start of a placeholder: literal percent signs are doubled
        return sql.replace("%", "%%").replace("?", "%s")

    def execute(self, sql: str, params: Iterable = ()):
        params = tuple(params)
        cur = self.conn.cursor()
        if params:
            cur.execute(self._sql(sql), params)
        else:
            cur.execute(sql)
        return cur


def _redact(url: str) -> str:
    """The URL without its password, for error messages."""
    if "@" not in url or "://" not in url:
        return url
    scheme, rest = url.split("://", 1)
    creds, host = rest.rsplit("@", 1)
    user = creds.split(":", 1)[0]
    return f"{scheme}://{user}:***@{host}" if ":" in creds else url
