"""Dates in a sentence, resolved against the publication date with dateparser."""
from __future__ import annotations

import logging
import re
from datetime import datetime
from functools import lru_cache

import dateparser

logging.getLogger("dateparser").setLevel(logging.ERROR)
# DATE entities that are durations or vague ages, not points in time.
_NOT_A_POINT = re.compile(r"\b(ago|years?|months?|weeks?|days?|decades?|centur(?:y|ies))\b$"
                          r"|^(?:some|several|many|recent|the past|the last|the next)\b", re.I)
_LEADING = re.compile(r"^(?:on|in|at|since|by|from|until|during)\s+", re.I)


def resolve_date(text: str, published: str | None) -> str | None:
    """'December 16' / 'on Wednesday' / 'last year' -> ISO date, relative to `published`."""
    text = _LEADING.sub("", text.strip())
    if not text or _NOT_A_POINT.search(text) and not text.lower().startswith(("last", "next")):
        return None
    return _parse(text, published)


@lru_cache(maxsize=4096)
def _parse(text: str, published: str | None) -> str | None:
    base = datetime.fromisoformat(published) if published else None
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first", "REQUIRE_PARTS": []}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    try:
        parsed = dateparser.parse(text, languages=["en"], settings=settings)
    except (ValueError, OverflowError, TypeError):
        return None
    return parsed.date().isoformat() if parsed else None
