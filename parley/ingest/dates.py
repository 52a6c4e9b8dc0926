"""Publication dates: normalise what inputs give (ISO dates, datetimes, HTTP dates)."""
from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime

_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def normalise_date(value: object) -> str | None:
    """'2014-12-18', '2014-12-18T10:00:00Z' or an RFC 2822 date -> '2014-12-18'; else None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    m = _ISO_DAY.match(text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    try:
        return parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return None
