"""The one clock: the time Parley stamps on what it stores, in UTC, ISO 8601 to the second."""
from __future__ import annotations

from datetime import datetime, timezone


def now() -> str:
    """The current time as stored: '2026-12-07T00:28:14+00:00'."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
