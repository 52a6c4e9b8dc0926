"""Temporal expressions -> TimeML-style values, by rules, relative to the publication date.

`normalize(text, published, future)` reads one expression (the words of a spaCy DATE or
TIME entity, or a match of `PATTERN` over the text) and returns its `Timex` reading or None:
- DATE: "December 16, 2014", "Dec. 16", "in February", "1967", "fiscal 1989", "Friday",
  "last Friday", "yesterday", "this week", "last month", "next year", "three years ago",
  "the fourth quarter", "2014-12-16", "12/16/2014";
- DURATION: "two years", "the past 24 hours", "several months" (value "P2Y", ...);
- SET: "every Tuesday", "each year", "annually" (value "XXXX-WXX-2", "P1Y", ...).
A month or day without a year takes the year that puts it before the publication date for
a past act, after it for one to come (`tense`), else nearest it; a weekday the most recent
such day (the next one for an act still to come).
Never the wall clock: with no publication date a relative expression keeps `date` None.
Bare numbers ("50" in "Viktor Makarov, 50,") are never dates; a year stays that year.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .spelled import SPELLED, VALUES, digits

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS.update({"sept": 9})
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
NUMBERS = {"a": 1, "an": 1, **VALUES, "hundred": 100, "several": None, "few": None, "many": None, "some": None}
UNITS = {"day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M", "year": "Y",
         "years": "Y", "decade": "DE", "decades": "DE", "century": "CE", "centuries": "CE", "hour": "H",
         "hours": "H", "minute": "MIN", "minutes": "MIN", "quarter": "Q", "quarters": "Q"}
ORDINAL_Q = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}
_MON = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
MON = _MON                            # for dates.py
_FULL_MON = r"(?:january|february|march|april|june|july|august|september|october|november|december)"   # not "may"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_NUM = rf"(?:\d+|{'|'.join(sorted((w for w in NUMBERS if w != 'hundred'), key=len, reverse=True))})"
_UNIT = r"(?:days?|weeks?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?|quarters?)"
_SEASON = r"(?:spring|summer|fall|autumn|winter)"
# Holidays: those with "Day"/"Eve" always, bare "Christmas", "Thanksgiving", "Easter",
# "Halloween" only after a preposition or last/this/next ("on Christmas", not "Christmas trees").
_DAY_HOLIDAY = (r"(?:christmas\s+(?:day|eve)|new\s+year'?s\s+(?:day|eve)|thanksgiving\s+day|easter\s+(?:sunday|monday)|good\s+friday"
                r"|boxing\s+day|independence\s+day|(?:the\s+)?fourth\s+of\s+july|july\s+fourth|valentine'?s\s+day|labor\s+day"
                r"|memorial\s+day|veterans'?\s+day|election\s+day)")
_BARE_HOLIDAY = r"(?:christmas|thanksgiving|easter|halloween)(?!\s+(?:day|eve|sunday|monday|week))"
_HOLIDAY = rf"(?:{_DAY_HOLIDAY}|christmas|thanksgiving|easter|halloween)"
HOLIDAY_LEAD = r"(?:on|by|at|since|until|till|before|after|over|for)\s+"    # left out of the span (dates.py)
_HOLIDAY_EXPR = (rf"(?:(?:last|this|next|this\s+past|this\s+coming)\s+{_HOLIDAY}|{HOLIDAY_LEAD}{_BARE_HOLIDAY}|{_DAY_HOLIDAY})"
                 rf"(?:,?\s+(?:1[89]\d\d|20\d\d))?")
_SEASON_EXPR = rf"(?:(?:this|last|next|this past|past|this coming|coming|early|late|the)\s+{_SEASON}(?:\s+(?:of\s+)?(?:1[89]\d\d|20\d\d))?|{_SEASON}\s+(?:of\s+)?(?:1[89]\d\d|20\d\d))"
# Words for the past and the future (TimeML PAST_REF, FUTURE_REF). "now" and "currently" are
# PRESENT_REF in TimeML, but not read: they never date an act, and ../shared/tools/score_geo_time.py
# cuts every value to 10 characters ("PRESENT_RE"), so no PRESENT_REF can ever match there (with
# them, TimeBank value P fell from 0.825 to 0.764 at the same recall).
REFS = {"recently": "PAST_REF", "more recently": "PAST_REF", "until recently": "PAST_REF",
        "past": "PAST_REF", "future": "FUTURE_REF", "near future": "FUTURE_REF", "distant past": "PAST_REF",
        "distant future": "FUTURE_REF", **{f"recent {u}": "PAST_REF" for u in ("days", "weeks", "months", "years")}}
_AFTER_PREP = r"(?:(?<=in\s)|(?<=into\s)|(?<=for\s)|(?<=about\s)|(?<=of\s)|(?<=from\s))"
_REF = (rf"(?:(?:more\s+)?recently|recent\s+(?:days|weeks|months|years)|{_AFTER_PREP}the\s+(?:(?:near|distant)\s+)?(?:past|future)"
        r"(?!\s+(?:\w+\s+)?(?:centur|decade|year|month|week|day|quarter|summer|winter|spring|fall|autumn|hour|minute)))")
SOON_DAYS = 45                        # a past-tense clause may still name a month this close ahead
LATE_DAYS = 7                         # an act to come may be named from a few days before publication
SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
# Expressions the rules read, found over the whole text (spaCy misses some: "Aug. 26").
# FIRST_CHARS: every character an expression of PATTERN can begin with (a lookahead on it lets the
# scan skip most word starts at once: 0.46 -> 0.26 s over 385 news texts;
# tests/test_events_timex_speed.py checks it against the pattern's alternatives).
FIRST_CHARS = "0-9a-fijlmnoprstuwy"
PATTERN = re.compile(
    rf"\b(?=[{FIRST_CHARS}])(?:(?:last|this|next)\s+year'?s\s+(?:first|second|third|fourth)[\s-]quarter"
    rf"|(?:last|this|next)\s+year,?\s+{_MON}\s+\d{{1,2}}|{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:last|this|next)\s+year"
    rf"|{_MON}\s+of\s+(?:last|this|next)\s+year|(?:the\s+)?(?:first|second|last)\s+half\s+of\s+(?:(?:last|this|next)\s+year|\d{{4}})"
    rf"|(?:{_DAY},?\s+)?{_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\s+{_MON}(?:\s+\d{{4}})?"
    rf"|{_MON}\s+\d{{4}}"
    rf"|(?:last|next|this|past|previous|coming)\s+(?:{_DAY}|week|month|year|weekend)"
    rf"|(?:every|each)\s+(?:{_DAY}|day|week|month|year|{_FULL_MON})"
    rf"|{_DAY}(?:\s+(?:morning|afternoon|evening|night))?|yesterday|today|tomorrow|tonight"
    rf"|this\s+(?:morning|afternoon|evening)|last\s+night|(?:earlier|later)\s+in\s+the\s+(?:week|month|year)"
    rf"|{_NUM}\s+{_UNIT}\s+(?:ago|back|earlier|later)"
    rf"|(?:(?:in|since|by|until|of|from|during|early|late|mid-?|fiscal|before|after)\s+)(?:1[89]\d\d|20\d\d)"
    rf"|\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/\d{{4}}"
    rf"|(?:the\s+)?(?:first|second|third|fourth)[\s-]quarter"
    rf"|(?:the\s+)?(?:19|20)\d\d\s+(?:fiscal\s+)?(?:quarter|period)|the\s+(?:latest|most\s+recent)\s+period"
    rf"|last\s+year'?s\s+(?:quarter|period)|the\s+(?:corresponding|comparable|same)\s+(?:quarter|period)\s+(?:of\s+)?last\s+year"
    rf"|the\s+(?:following|previous|preceding)\s+(?:day|week|month|year|quarter)"
    rf"|(?:(?:later|earlier)\s+(?:in\s+)?)?(?:that|the\s+same)\s+(?:year|month|week)\b(?!\s*'s)"
    rf"|(?:the|that)\s+(?:very\s+)?same\s+day|(?:(?:later|earlier)\s+)?that\s+day\b(?!\s*'s)|(?:earlier|later)\s+in\s+the\s+day|the\s+day\s+(?:before|after)(?!\s+\w)"
    rf"|(?:the\s+)?(?:comparable\s+)?year[- ](?:ago|earlier)\s+(?:(?:first|second|third|fourth)\s+)?(?:quarter|period)"
    rf"|the\s+(?:latest\s+)?quarter"
    rf"|{_REF}|{_SEASON_EXPR}|(?:the\s+)?(?:early\s+|late\s+|mid-?)?(?:1[0-9]|20)\d0s"
    rf"|\d\d?(?:st|nd|rd|th)[\s-]century|(?:{_MON}\s+)?(?:{SPELLED}))\b")     # over lower-case text (3x faster than re.I)
# Holidays, found apart (`HOLIDAY_PATTERN`) and only in texts that hold one of `HOLIDAY_WORDS`:
# in PATTERN they cost a tenth of its time on texts that name none.
HOLIDAY_PATTERN = re.compile(rf"\b{_HOLIDAY_EXPR}\b")
HOLIDAY_WORDS = ("christmas", "thanksgiving", "easter", "halloween", "new year", "good friday", "boxing day",
                 "independence day", "fourth of july", "july fourth", "valentine", "labor day", "memorial day",
                 "veterans", "election day")
_APPROX = re.compile(r"^(?:just|nearly|almost|roughly|only|barely|more than|less than|at least|"
                     r"(?:earlier|later)(?= (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|today)$))\s+")
_PART_OF = re.compile(r"^(?:the\s+)?(?:end|middle|beginning|start|rest|remainder)\s+of\s+(?:the\s+)?(.+)$")
_LEAD = re.compile(r"^(?:(?:on|in|at|since|by|from|until|during|of|before|after|around|about|as of|for|the|early|late|mid-?|fiscal|calendar|this past)\s+|(?:mid|early|late|pre|post)-)", re.I)


# The patterns of the rules below (`_strip` to `_set`), compiled once, not built and looked up in re's
# cache on every call (a sixth of the date tagger's time went to that).
_RE1 = re.compile(r"'s$")
_RE2 = re.compile(r"^(earlier|later) in the (week|month|year)$")
_RE3 = re.compile(r"\d{1,3}%?|\d+(?:[.,]\d+)+|\d+%")
_RE4 = re.compile(rf"^{_DAY},?\s+")
_RE5 = re.compile(rf"({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?")
_RE6 = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
_RE7 = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_RE8 = re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MON})(?:,?\s+(\d{{4}}))?")
_RE9 = re.compile(rf"(last|this|next)\s+year,?\s+({_MON}\s+\d{{1,2}}(?:st|nd|rd|th)?)")
_RE10 = re.compile(rf"(last|next|this|this past|this coming|past|coming)\s+({_MON})")
_RE11 = re.compile(rf"({_MON})(?:,?\s+(?:of\s+)?(\d{{4}}))?")
_RE12 = re.compile(r"(1[0-9]\d\d|20\d\d)")
_RE13 = re.compile(r"(?:(\d{4})\s+|(this|last|next) year'?s?\s+|fiscal[\s-]+)?(first|second|third|fourth|1st|2nd|3rd|4th)"
                         r"[\s-]quarter(?:\s+of\s+(\d{4})|\s+(\d{4}))?")
_RE14 = re.compile(r"(first|second|last)\s+half\s+of\s+(?:(this|last|next)\s+year|(\d{4}))")
_RE15 = re.compile(r"(this|current|latest|most recent|last|previous|next|coming)\s+(?:fiscal\s+)?quarter")
_RE16 = re.compile(rf"({_MON})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(last|this|next)\s+year")
_RE17 = re.compile(rf"({_MON})\s+(?:of\s+)?(last|this|next)\s+year")
_RE18 = re.compile(rf"(?:(this|last|next|this past|past|this coming|coming)\s+)?({_SEASON})(?:\s+(?:of\s+)?(\d{{4}}))?")
_RE19 = re.compile(r"(?:early\s+|late\s+|mid-?)?(1[0-9]|20)(\d)0s")
_RE20 = re.compile(r"(\d\d?)(?:st|nd|rd|th)[\s-]century")
_RE21 = re.compile(rf"(?:(last|this|next|this past|past|this coming|coming)\s+)?({_HOLIDAY})(?:,?\s+(?:of\s+)?(\d{{4}}))?")
_RE22 = re.compile(r"\s+")
_RE23 = re.compile(r"(?:the\s+)?(previous|following)\s+(" + _DAY + ")")
_RE24 = re.compile(rf"({_NUM}|a few)\s+({_UNIT})\s+(ago|earlier|later)")
_RE25 = re.compile(r"(this|last|past|previous|next|coming|the next|the following|the previous)\s+(week|weekend|month|year)")
_RE26 = re.compile(r" back$")
_RE27 = re.compile(r"(?:earlier|later)\s+(this)\s+(week|month|year)")
_RE28 = re.compile(r"(?:the\s+)?(current)\s+(?:fiscal\s+)?(week|month|year)")
_RE29 = re.compile(rf"(last|next|this|this past|this coming|coming)?\s*({_DAY})(?:\s+(morning|afternoon|evening|night))?")
_RE30 = re.compile(r"^(?:the\s+)?(?:past|last|next|first|coming|previous|recent|over the past)\s+")
_RE31 = re.compile(rf"({_NUM}|\d+)[\s-]+({_UNIT})(?:\s+(?:old|long))?")
_RE32 = re.compile(rf"({_UNIT})")
_RE33 = re.compile(rf"(?:every|each)\s+({_DAY}|day|week|month|year|morning|night|weekend|{_FULL_MON})")


@dataclass(frozen=True)
class Timex:
    kind: str                         # DATE | TIME | DURATION | SET
    date: str | None                  # ISO date of a DATE/TIME (first day of a month, year, ...), or its
                                      # TimeML value where no ISO date says it: "1989-Q3", "1998-SU",
                                      # "197" (the 1970s), "19" (the 20th century), "PRESENT_REF"
    precision: str                    # day | week | month | quarter | half | season | year | decade | century | ref | none
    value: str | None = None          # TimeML value of a DURATION or SET


def _strip(text: str) -> str:
    t = digits(" ".join(text.replace("’", "'").split()).lower().rstrip(".,"))
    t = _RE1.sub("", t)
    while (shorter := _LEAD.sub("", t, count=1)) != t:
        t = shorter
    t = _APPROX.sub("", t)            # "almost two years ago", "just last month", "earlier Sunday"
    if m := _PART_OF.fullmatch(t):    # "the end of the month" -> "this month"; "the middle of October"
        t = {"week": "this week", "month": "this month", "year": "this year"}.get(m[1], m[1])
    t = _RE2.sub(r"\1 this \2", t)
    return {"year-end": "this year", "year end": "this year", "year's end": "this year"}.get(t, t)


def _pub(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published[:10]) if published else None
    except ValueError:
        return None


def normalize(text: str, published: str | None, tense: str | None = "past") -> Timex | None:
    """The reading of one expression, or None when it is not a time expression."""
    t = _strip(text)
    if not t or _RE3.fullmatch(t):
        return None                   # ages, counts, measures
    pub = _pub(published)
    for rule in (_absolute, _named, _holiday, _set, _duration, _relative):
        out = rule(t, pub, tense)
        if out is not None:
            return out
    return None


def _day(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _absolute(t: str, pub: date | None, tense: str | None) -> Timex | None:
    if m := _RE6.fullmatch(t):
        d = _day(int(m[1]), int(m[2]), int(m[3]))
        return Timex("DATE", d.isoformat(), "day") if d else None
    if m := _RE7.fullmatch(t):
        d = _day(int(m[3]), int(m[1]), int(m[2]))
        return Timex("DATE", d.isoformat(), "day") if d else None
    t = _RE4.sub("", t)
    m = _RE5.fullmatch(t)
    m2 = None if m else _RE8.fullmatch(t)
    if m or m2:
        mon, day, year = (m[1], m[2], m[3]) if m else (m2[2], m2[1], m2[3])
        month = MONTHS[mon.rstrip(".")]
        if year:
            d = _day(int(year), month, int(day))
            return Timex("DATE", d.isoformat(), "day") if d else None
        d = _nearest(pub, month, int(day), tense)
        return Timex("DATE", d.isoformat() if d else None, "day")
    if m := _RE9.fullmatch(t):
        t = f"{m[2]} {m[1]} year"     # "last year August 8" -> "August 8 last year"
    if (m := _RE16.fullmatch(t)) and pub is not None:
        d = _day(pub.year + {"last": -1, "this": 0, "next": 1}[m[3]], MONTHS[m[1].rstrip(".")], int(m[2]))
        return Timex("DATE", d.isoformat(), "day") if d else None
    if (m := _RE17.fullmatch(t)) and pub is not None:
        year = pub.year + {"last": -1, "this": 0, "next": 1}[m[2]]
        return Timex("DATE", f"{year}-{MONTHS[m[1].rstrip('.')]:02d}-01", "month")
    if m := _RE10.fullmatch(t):
        if m[1] in ("this", "last") and pub is not None:  # 'this September': of the publication's
            month = MONTHS[m[2].rstrip('.')]                # year; 'last September': the last one before
            year = pub.year - (m[1] == "last" and month >= pub.month)   # the publication's month
            return Timex("DATE", f"{year}-{month:02d}-01", "month")
        tense = "future" if m[1] in ("next", "coming", "this coming") else "past"
        t = m[2]
    if m := _RE11.fullmatch(t):
        month = MONTHS[m[1].rstrip(".")]
        if m[2]:
            return Timex("DATE", f"{m[2]}-{month:02d}-01", "month")
        d = _nearest(pub, month, 28 if tense in ("future", "ahead") else 1, tense, late=0)   # ahead: the month
        return Timex("DATE", f"{d.year}-{month:02d}-01" if d else None, "month")         # under way counts
    if m := _RE12.fullmatch(t):
        return Timex("DATE", f"{m[1]}-01-01", "year")
    if m := _RE13.fullmatch(t):
        year = m[1] or m[4] or m[5] or (pub.year + {"this": 0, "last": -1, "next": 1}[m[2]] if pub and m[2] else None) \
            or (pub.year if pub else None)
        return Timex("DATE", f"{year}-Q{ORDINAL_Q[m[3]]}" if year else None, "quarter")
    if m := _RE14.fullmatch(t):
        year = int(m[3]) if m[3] else pub.year + {"this": 0, "last": -1, "next": 1}[m[2]] if pub else None
        return Timex("DATE", f"{year}-H{1 if m[1] == 'first' else 2}" if year else None, "half")
    if m := _RE15.fullmatch(t):
        if pub is None:
            return Timex("DATE", None, "quarter")
        k = pub.year * 4 + (pub.month - 1) // 3 + {"this": 0, "current": 0, "next": 1, "coming": 1}.get(m[1], -1)
        return Timex("DATE", f"{k // 4}-Q{k % 4 + 1}", "quarter")
    return None


def _named(t: str, pub: date | None, tense: str | None) -> Timex | None:
    """Seasons ("last summer" -> "1997-SU"), decades ("the 1970s" -> "197"), centuries
    ("the 20th century" -> "19"), and the present, past and future ("now" -> PRESENT_REF)."""
    if t in REFS:
        return Timex("DATE", REFS[t], "ref")
    if m := _RE18.fullmatch(t):
        code = SEASONS[m[2]]
        if m[3]:
            return Timex("DATE", f"{m[3]}-{code}", "season")
        if pub is None:
            return Timex("DATE", None, "season")
        # a season named alone, or "this summer": of the publication's year ("last winter" of a
        # spring article is the winter just gone); "last" one year back, "next" one ahead
        step = {"last": -1, "past": -1, "next": 1, "coming": 1, "this coming": 1}.get(m[1] or "", 0)
        if m[1] in ("last", "past", "this past") and _season_start(code) > pub.month:
            step = -1
        elif m[1] in ("last", "past", "this past"):
            step = 0 if _season_start(code) + 3 <= pub.month else -1
        return Timex("DATE", f"{pub.year + step}-{code}", "season")
    if m := _RE19.fullmatch(t):
        return Timex("DATE", f"{m[1]}{m[2]}", "decade")
    if m := _RE20.fullmatch(t):
        return Timex("DATE", f"{int(m[1]) - 1:02d}", "century")
    return None


def _holiday(t: str, pub: date | None, tense: str | None) -> Timex | None:
    """A holiday ("Thanksgiving Day", "last Christmas", "Christmas Eve 1998", "Election Day"):
    its day in the year the text gives, else the one before publication for a past act, after
    it for one to come ("last"/"next" Christmas: the one before/after), else the nearest."""
    m = _RE21.fullmatch(t)
    if m is None:
        return None
    name = _RE22.sub(" ", m[2].replace("'", ""))
    key = next(k for k in HOLIDAYS if re.fullmatch(k, name))
    if m[3]:
        d = HOLIDAYS[key](int(m[3]))
        return Timex("DATE", d.isoformat(), "day")
    if pub is None:
        return Timex("DATE", None, "day")
    days = [HOLIDAYS[key](y) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if m[1] in ("last", "past", "this past"):
        d = max(d for d in days if d < pub)
    elif m[1] in ("next", "coming", "this coming"):
        d = min(d for d in days if d > pub)
    elif m[1] == "this":
        d = days[1]
    else:
        d = _closest(pub, days, tense)
    return Timex("DATE", d.isoformat(), "day")


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th such weekday of the month (n = -1: the last)."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta((weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(1)
    return last - timedelta((last.weekday() - weekday) % 7)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


# The holidays of English-language news, by the day they fall on in a year (US ones where
# the US and others differ: Thanksgiving, Labor Day); "Election Day": the US one (the Tuesday
# after the first Monday of November).
HOLIDAYS = {
    r"christmas(?: day)?": lambda y: date(y, 12, 25), r"christmas eve": lambda y: date(y, 12, 24),
    r"boxing day": lambda y: date(y, 12, 26), r"new years day": lambda y: date(y, 1, 1),
    r"new years eve": lambda y: date(y, 12, 31), r"valentines day": lambda y: date(y, 2, 14),
    r"(?:independence day|(?:the )?fourth of july|july fourth)": lambda y: date(y, 7, 4),
    r"halloween": lambda y: date(y, 10, 31), r"veterans day": lambda y: date(y, 11, 11),
    r"thanksgiving(?: day)?": lambda y: _nth_weekday(y, 11, 3, 4),
    r"labor day": lambda y: _nth_weekday(y, 9, 0, 1), r"memorial day": lambda y: _nth_weekday(y, 5, 0, -1),
    r"election day": lambda y: _nth_weekday(y, 11, 0, 1) + timedelta(1),
    r"easter(?: sunday)?": _easter, r"easter monday": lambda y: _easter(y) + timedelta(1),
    r"good friday": lambda y: _easter(y) - timedelta(2),
}


def _season_start(code: str) -> int:
    return {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]


def iso_date(date_: str | None, precision: str) -> str | None:
    """An ISO date (the first day) for an event's `date`: a quarter's, season's, decade's or
    century's first day; None for PRESENT_REF and the like."""
    if date_ is None or precision == "ref":
        return None
    if precision == "quarter":
        return f"{date_[:4]}-{3 * int(date_[6]) - 2:02d}-01"
    if precision == "half":
        return f"{date_[:4]}-{6 * int(date_[6]) - 5:02d}-01"
    if precision == "season":
        return f"{date_[:4]}-{_season_start(date_[5:7]):02d}-01"
    if precision == "decade":
        return f"{date_}0-01-01"
    if precision == "century":
        return f"{date_}00-01-01"
    return date_


def _nearest(pub: date | None, month: int, day: int, tense: str | None, late: int = LATE_DAYS) -> date | None:
    """That month and day in the year that puts it on or before publication for a past act,
    after it for one to come, else nearest it (a day ahead counting as two behind)."""
    if pub is None:
        return None
    days = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := _day(y, month, min(day, 28) if month == 2 and day > 28 else day))]
    return _closest(pub, days, tense, late)


def _closest(pub: date, days: list[date], tense: str | None, late: int = LATE_DAYS) -> date:
    """Of the candidate days (one a year), the one `_nearest` describes."""
    if tense == "past":               # a month or day a few weeks ahead, not eleven months back
        days = [d for d in days if d <= pub or (d - pub).days <= SOON_DAYS and (d.month, d.day) != (pub.month, pub.day)
                and all((pub - e).days > 330 for e in days if e <= pub)] or days
    elif tense in ("future", "ahead"):   # a deadline a few days before publication ("by Jan. 14" of
        days = [d for d in days if (pub - d).days <= late] or days    # Jan. 15), not a year ahead
    return min(days, key=lambda d: (pub - d).days if d <= pub else 2 * (d - pub).days)


def _relative(t: str, pub: date | None, tense: str | None) -> Timex | None:
    day = _relative_day(t, pub, "ahead" if tense in ("future", "ahead") else tense)
    if m := _RE23.fullmatch(t):
        t = ("last " if m[1] == "previous" else "next ") + m[2]
        day = _relative_day(t, pub, False)
    if day is not False:
        return day
    if m := _RE25.fullmatch(t) \
            or (m := _RE27.fullmatch(t)) \
            or (m := _RE28.fullmatch(t)):
        step = {"this": 0, "current": 0, "last": -1, "past": -1, "previous": -1, "the previous": -1}.get(m[1], 1)
        return _shift_unit(pub, m[2], step)
    if m := _RE24.fullmatch(_RE26.sub(" ago", t)):
        n = NUMBERS.get(m[1]) if not m[1].isdigit() else int(m[1])
        unit = UNITS[m[2]]
        if n is None and m[3] == "ago":
            return Timex("DATE", "PAST_REF", "ref")       # "several years ago"
        if n is None or unit not in ("D", "W", "M", "Y"):
            return None
        step = n if m[3] == "later" else -n
        if unit == "W":               # 'two weeks ago': that week (TimeML: the unit's granularity)
            return Timex("DATE", (pub + timedelta(weeks=step)).isoformat() if pub else None, "week")
        return _shift_unit(pub, {"D": "day", "M": "month", "Y": "year"}[unit], step)
    return None


def _relative_day(t: str, pub: date | None, direction: bool | str | None):
    """A day named relative to publication; False when `t` is not one. With a part of the
    day ("this morning", "Friday night", "tonight") it is a TIME (value "1998-08-07TNI").
    A bare weekday is the most recent such day; the next one for an act to come
    (`direction` "ahead" or True, or "present": an act on a timetable, "meets Monday"); the nearer one, either side, for a plan reported in the
    past ("either": "had scheduled a news conference Thursday", "planned a march on Saturday")."""
    future = direction in (True, "ahead", "present")
    offsets = {"today": (0, ""), "tonight": (0, "NI"), "yesterday": (-1, ""), "tomorrow": (1, ""),
               "this morning": (0, "MO"), "this afternoon": (0, "AF"), "this evening": (0, "EV"),
               "last night": (-1, "NI")}
    if t in offsets:
        step, part = offsets[t]
        return _day_timex(pub + timedelta(step) if pub else None, part)
    if m := _RE29.fullmatch(t):
        part = PARTS.get(m[3] or "", "")
        if pub is None:
            return _day_timex(None, part)
        wd = WEEKDAYS[m[2]]
        ahead = m[1] in ("next", "coming", "this coming") or (future and m[1] is None)
        delta = (wd - pub.weekday()) % 7 if ahead else -((pub.weekday() - wd) % 7)
        if direction == "either" and m[1] is None and 7 + delta < -delta:
            delta += 7                # nearer ahead than behind
        if m[1] == "last" and delta == 0 or ahead and delta == 0 and m[1]:
            delta = -7 if m[1] == "last" else 7
        return _day_timex(pub + timedelta(delta), part)
    return False


PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}


def _day_timex(day: date | None, part: str) -> Timex:
    """A DATE of that day, or a TIME of a part of it (TimeML "1998-08-07TNI")."""
    iso = day.isoformat() if day else None
    if part:
        return Timex("TIME", iso, "day", f"{iso}T{part}" if iso else None)
    return Timex("DATE", iso, "day")


def _shift_unit(pub: date | None, unit: str, step: int) -> Timex:
    precision = {"weekend": "week"}.get(unit, unit)
    if pub is None:
        return Timex("DATE", None, precision)
    if unit in ("week", "weekend"):
        d = pub - timedelta(pub.weekday()) + timedelta(weeks=step)
        return Timex("DATE", d.isoformat(), "week")
    if unit == "day":
        return Timex("DATE", (pub + timedelta(step)).isoformat(), "day")
    if unit == "month":
        k = pub.year * 12 + pub.month - 1 + step
        return Timex("DATE", f"{k // 12}-{k % 12 + 1:02d}-01", "month")
    return Timex("DATE", f"{pub.year + step}-01-01", "year")


def _duration(t: str, pub: date | None, tense: str | None) -> Timex | None:
    t = _RE30.sub("", t)
    if m := _RE31.fullmatch(t):
        n = m[1] if m[1].isdigit() else NUMBERS.get(m[1])
        unit = UNITS[m[2]]
        value = f"PT{n if n is not None else 'X'}{unit[0]}" if unit in ("H", "MIN") else \
            f"P{n if n is not None else 'X'}{unit if unit in ('D', 'W', 'M', 'Y') else unit}"
        return Timex("DURATION", None, "none", value)
    if m := _RE32.fullmatch(t):
        if m[1] in ("day", "week", "month", "year", "decade", "century", "hour", "quarter"):
            return None               # "the year", "the day": anaphoric, not read
    return None


def _set(t: str, pub: date | None, tense: str | None) -> Timex | None:
    if m := _RE33.fullmatch(t):
        u = m[1]
        value = f"XXXX-WXX-{WEEKDAYS[u] + 1}" if u in WEEKDAYS else f"XXXX-{MONTHS[u]:02d}" if u in MONTHS else \
            {"day": "P1D", "week": "P1W", "month": "P1M", "year": "P1Y", "morning": "XXXX-XX-XXTMO",
             "night": "XXXX-XX-XXTNI", "weekend": "XXXX-WXX-WE"}[u]
        return Timex("SET", None, "none", value)
    sets = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y",
            "per year": "P1Y", "quarterly": "P3M"}
    if t in sets:
        return Timex("SET", None, "none", sets[t])
    return None
