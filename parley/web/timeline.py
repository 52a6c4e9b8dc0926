"""Event counts by month (or by year, for long spans) for the timeline plots."""
from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from .views import Period

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
# Beyond six years of months the bars get too thin to read: count by year instead.
MAX_MONTHS = 72


def _month_index(month: str) -> int | None:
    m = _MONTH.match(month or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return int(m.group(1)) * 12 + int(m.group(2)) - 1


def _label(index: int, by_year: bool) -> str:
    return f"{index // 12:04d}" if by_year else f"{index // 12:04d}-{index % 12 + 1:02d}"


def periods(rows: list[dict[str, Any]]) -> tuple[Period, ...]:
    """Rows of (month, polarity, n, intensity_sum, intensity_n) -> one Period per month,
    the months without events included, so that gaps show as gaps."""
    indexed = [(i, r) for r in rows if (i := _month_index(r["month"])) is not None]
    if not indexed:
        return ()
    lo, hi = min(i for i, _ in indexed), max(i for i, _ in indexed)
    by_year = hi - lo + 1 > MAX_MONTHS
    step = 12 if by_year else 1
    acc: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for i, r in indexed:
        bucket = acc[_label(i, by_year)]
        bucket[r["polarity"]] += r["n"]
        bucket["isum"] += r["intensity_sum"] or 0
        bucket["inum"] += r["intensity_n"] or 0
    start = lo - lo % 12 if by_year else lo
    out = []
    for i in range(start, hi + 1, step):
        b = acc.get(_label(i, by_year), {})
        mean = round(b["isum"] / b["inum"], 2) if b.get("inum") else None
        out.append(Period(_label(i, by_year), int(b.get("cooperation", 0)),
                          int(b.get("conflict", 0)), int(b.get("other", 0)), mean))
    return tuple(out)
