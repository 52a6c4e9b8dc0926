"""Dates named from another date of the text, not from publication (TimeML's anchored
expressions): "a year earlier", "two days later", "the following year", "the previous day",
"the year-ago quarter", "the same day", "the day before", "later in the day", "that year".
Each is read against the last date the text named before it, in its own or the two sentences
before; without one, publication is the anchor as before ("the same day": the last day the
article named on or before publication, else publication; "that year" without one is dropped). "The year", "the full
year", "the fiscal year" (of a company's results) are the year of a date named before them in
their own sentence, else the publication's year (TimeBank's convention); "the current year"
always the publication's.

A shift by a unit keeps the anchor's granularity when the anchor is finer than the unit
("the third quarter ... a year earlier" -> the third quarter of the year before, "Aug. 12,
1989 ... a year earlier" -> 1988-08-12); "the following year" is a year.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import replace
from datetime import date, timedelta

from .timex import NUMBERS, iso_date

ANAPHOR = re.compile(
    r"(?:(?P<n>a|an|one|two|three|four|five|six|\d+)\s+(?P<unit>day|week|month|year|quarter)s?\s+(?P<dir>earlier|later|before|after)"
    r"|(?:the\s+)?(?P<rel>following|previous|preceding|next)\s+(?P<unit2>day|week|month|year|quarter)"
    r"|(?:the\s+)?(?:comparable\s+|corresponding\s+)?(?:year[- ](?:ago|earlier))(?:\s+(?:quarter|period))?"
    r"|(?:the\s+)?(?:quarter|period)\s+a\s+year\s+(?:ago|earlier)"
    r"|(?P<ago>a\s+year\s+ago)"
    r"|(?P<same>(?:the|that)\s+(?:very\s+)?same\s+day|(?:(?:later|earlier)\s+)?that\s+day|(?:earlier|later)\s+(?:in\s+)?the\s+day)"
    r"|the\s+day\s+(?P<ba>before|after)"
    r"|(?:(?:later|earlier)\s+(?:in\s+)?)?(?:that|the\s+same)\s+(?P<sunit>year|month|week)"
    r"|(?P<theyear>the\s+(?:(?P<current>current)\s+|full\s+|fiscal\s+|entire\s+|whole\s+)?year))", re.I)
# The quarter a company's report is about, named again: "the quarter", "that quarter", "the
# latest period", "the 1988 quarter" (that quarter of 1988), "the year-ago third quarter".
QUARTERLY = re.compile(
    r"(?:the|that)\s+(?:latest\s+|most\s+recent\s+|same\s+)?(?:fiscal\s+)?(?:quarter|period)"
    r"|(?:the\s+)?(?P<qyear>(?:19|20)\d\d)\s+(?:fiscal\s+)?(?:quarter|period)"
    r"|(?:the\s+)?(?:comparable\s+|corresponding\s+)?year[- ](?:ago|earlier)\s+(?P<ord>first|second|third|fourth)\s+quarter"
    r"|(?P<lastyear>last\s+year'?s\s+(?:quarter|period)|the\s+(?:corresponding|comparable|same)\s+(?:quarter|period)\s+(?:of\s+)?last\s+year)",
    re.I)
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
_FINE = {"day": 0, "week": 1, "month": 2, "quarter": 3, "year": 4}


def is_anaphor(text: str) -> bool:
    """Whether `text` is read against another date of the text (or the report's quarter)."""
    words = _words(text)
    return bool(ANAPHOR.fullmatch(words) or QUARTERLY.fullmatch(words))
SENTENCES_BACK = 2


def anchored(refs: list, published: str | None) -> list:
    """`refs` (DateRefs in text order) with each anchored expression re-read against the
    last dated expression before it ("a year ago" only after a quarter: the year-ago quarter)."""
    out = []
    for r in refs:
        if q := QUARTERLY.fullmatch(_words(r.mention.text)):
            value = _quarter(q, out, published)
            r = replace(r, mention=replace(r.mention, date=value, precision="quarter", kind="DATE", value=None))
            if value is not None or not published:
                out.append(r)
            continue
        m = ANAPHOR.fullmatch(_words(r.mention.text))
        anchor = _anchor(out, r) if m else None
        if anchor is not None and not (m["ago"] and anchor.mention.precision != "quarter") and not (m["theyear"] and (m["current"] or anchor.sentence != r.sentence)):
            if (shifted := _shift(anchor.mention, m)) is not None:
                r = replace(r, mention=replace(r.mention, date=shifted[0], precision=shifted[1], kind="DATE", value=None))
        elif m and (m["same"] or m["ba"]) and published:     # "the same day": the last day named, else publication
            r = _same_day(r, m, out, published)
        elif m and m["theyear"] and published:              # "for the full year": the year under way
            r = replace(r, mention=replace(r.mention, date=f"{published[:4]}-01-01", precision="year", kind="DATE", value=None))
        if r.mention.date is not None or r.mention.kind != "DATE" or not published:
            out.append(r)               # an anchored expression left unread is dropped
    return out


def _same_day(r, m, before: list, published: str):
    """A day anaphor with no date in the sentences before: the last day the article named,
    else the publication day (moved by "before"/"after")."""
    last = next((a.mention.date for a in reversed(before) if a.mention.kind == "DATE" and a.mention.precision == "day"
                 and a.mention.date and not a.mention.date.endswith("REF")
                 and a.mention.date[:10] <= published[:10]), published[:10])   # not a court date ahead
    day = date.fromisoformat(last[:10]) + timedelta({"before": -1, "after": 1}.get((m["ba"] or "").lower(), 0))
    return replace(r, mention=replace(r.mention, date=day.isoformat(), precision="day", kind="DATE", value=None))


def _quarter(q, before: list, published: str | None) -> str | None:
    """The quarter the report is about (the last quarter named before, else the last whole
    quarter before publication), in the year the expression gives."""
    focus = next((a.mention.date for a in reversed(before) if a.mention.kind == "DATE"
                  and a.mention.precision == "quarter" and a.mention.date and "-Q" in a.mention.date
                  and not is_anaphor(a.mention.text)), None)
    whole = None                        # the last whole quarter before publication
    if published:
        k = int(published[:4]) * 4 + (int(published[5:7]) - 1) // 3 - 1
        whole = f"{k // 4}-Q{k % 4 + 1}"
    if focus is None or whole and (q["lastyear"] or re.search(r"latest|recent", q[0], re.I)) and focus > whole:
        focus = whole                   # "the latest quarter" (and the one a year before it) is a whole
                                        # one, not "a fourth-quarter charge" ahead
    if focus is None:
        return None
    if q["lastyear"]:
        return f"{int(focus[:4]) - 1}-{focus[5:]}"
    if q["qyear"]:
        return f"{q['qyear']}-{focus[5:]}"
    if q["ord"]:
        return f"{int(focus[:4]) - 1}-Q{ORDINALS[q['ord'].lower()]}"
    return focus


_LEAD_WORD = re.compile(r"^(?:in|on|at|during|for|from|by|of|nearly|almost|about|just)\s+")


def _words(text: str) -> str:
    t = " ".join(text.split()).lower().rstrip(".,")
    return _LEAD_WORD.sub("", t)


def _anchor(before: list, r):
    for a in reversed(before):
        if r.sentence - a.sentence > SENTENCES_BACK:
            return None
        m = a.mention
        if m.kind == "DATE" and m.precision in _FINE and iso_date(m.date, m.precision) and not m.date.endswith("REF") \
                and not ANAPHOR.fullmatch(_words(m.text)):      # never an anchored one: no chains
            return a
    return None


def _shift(anchor, m) -> tuple[str, str] | None:
    """The anchor moved by the expression's step, at the granularity it gives ("the same day",
    "the day before": the anchor's day, or its eve; nothing when the anchor is no day)."""
    if m["same"] or m["ba"]:
        if anchor.precision != "day":
            return None
        step = {"before": -1, "after": 1}.get((m["ba"] or "").lower(), 0)
        return (date.fromisoformat(anchor.date[:10]) + timedelta(step)).isoformat(), "day"
    if m["sunit"] or m["theyear"]:      # "that year", "later that month": the anchor's year, month
        unit = (m["sunit"] or "year").lower()
        if _FINE[anchor.precision] > _FINE[unit]:
            return None
        start = date.fromisoformat(iso_date(anchor.date, anchor.precision))
        return _at(start - timedelta(start.weekday()) if unit == "week" else start, unit), unit
    if m["unit"]:
        unit, n = m["unit"].lower(), NUMBERS.get(m["n"].lower(), None) if not m["n"].isdigit() else int(m["n"])
        step = n if m["dir"].lower() in ("later", "after") else -n
        precision = min(anchor.precision, unit, key=_FINE.get)
    elif m["unit2"]:
        unit, step = m["unit2"].lower(), 1 if m["rel"].lower() in ("following", "next") else -1
        precision = unit if _FINE[unit] >= _FINE[anchor.precision] else anchor.precision
    else:                               # the year-ago quarter / period
        unit, step = "year", -1
        precision = "quarter" if "quarter" in m[0].lower() else anchor.precision
    if m["rel"] and m["rel"].lower() == "next" and unit != "day":
        return None                     # "the next year": read against publication (timex.py)
    start = date.fromisoformat(iso_date(anchor.date, anchor.precision))
    moved = _move(start, unit, step)
    return _at(moved, precision), precision


def _move(d: date, unit: str, step: int) -> date:
    if unit == "day":
        return d + timedelta(step)
    if unit == "week":
        return d + timedelta(weeks=step)
    months = {"month": 1, "quarter": 3, "year": 12}[unit] * step
    k = d.year * 12 + d.month - 1 + months
    year, month = k // 12, k % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def _at(d: date, precision: str) -> str:
    if precision == "quarter":
        return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if precision == "year":
        return f"{d.year}-01-01"
    if precision == "month":
        return f"{d.year}-{d.month:02d}-01"
    return d.isoformat()
