"""Dates: DATE entities resolved against the publication date with dateparser.

Only the entity texts are parsed (dateparser is slow), each text once per publication date
(an LRU cache). "December 16", "on Wednesday", "in February", "last year", "on Sunday" ->
ISO dates, preferring the past relative to publication; durations and ages ("two years",
"the 1991-1995 conflict") are not points in time and are skipped. An event takes the date
of its own clause, else the first date of its sentence, else the publication date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser
from spacy.tokens import Token

from ..nlp import sentences
from ..records import DateMention

# DATE entities that are durations, ranges or vague ages, not points in time.
_NOT_A_POINT = re.compile(r"\b(ago|years?|months?|weeks?|days?|decades?|centur(?:y|ies)|hours?|"
                          r"old|olds?|period|time|times|era|age|season)\b$"
                          r"|^(?:some|several|many|recent|the past|the last|the next|the first|"
                          r"the second|the third|\d+-(?:hour|day|week|month|year))\b"
                          r"|\b\d{4}\s*[-–]\s*\d{2,4}\b|\d{4}s\b", re.I)
_LEADING = re.compile(r"^(?:on|in|at|since|by|from|until|during|early|late|mid-?|the)\s*", re.I)
_RELATIVE_OK = re.compile(r"^(?:last|next|this|earlier|later)\b", re.I)
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_LAST_MONTH = re.compile(rf"^last\s+({_MONTHS})$", re.I)
_WEEKDAY = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.I)


@dataclass(frozen=True)
class DateRef:
    """A resolved date in a parsed text: the record, its tokens and the clause it belongs to."""

    mention: DateMention
    start: int                        # token index in its Doc
    clause: int                       # token index of the verb its clause hangs from
    sentence: int                     # sentence index in its Doc


def resolve_date(text: str, published: str | None) -> tuple[str, str] | None:
    """'December 16' / 'on Wednesday' / 'last year' -> (ISO date, precision) relative to
    `published`; None for durations and texts dateparser cannot read."""
    stripped = resolve_text(text)
    if not stripped or _NOT_A_POINT.search(stripped) and not _RELATIVE_OK.match(stripped):
        return None
    stripped = _LAST_MONTH.sub(r"\1", stripped)     # 'last July': the latest July before publication
    resolved = _parse(stripped, published)
    if resolved and published and _WEEKDAY.match(stripped):
        resolved = (_same_week(resolved[0], published), resolved[1])
    return resolved


def _same_week(iso: str, published: str) -> str:
    """'Thursday' in an article of Thursday is that day, not the week before."""
    day, pub = datetime.fromisoformat(iso).date(), datetime.fromisoformat(published[:10]).date()
    return pub.isoformat() if (pub - day).days == 7 else iso


@lru_cache(maxsize=64)
def _parser(published: str | None) -> DateDataParser:
    """One parser per publication date (dateparser takes the relative base as a setting)."""
    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "PREFER_DAY_OF_MONTH": "first", "PREFER_MONTH_OF_YEAR": "first"}
    if published:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(published[:10])
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=8192)
def _parse(text: str, published: str | None) -> tuple[str, str] | None:
    try:
        data = _parser(published).get_date_data(text)
    except (ValueError, OverflowError, TypeError, AttributeError):
        return None
    if data is None or data.date_obj is None:
        return None
    return data.date_obj.date().isoformat(), data.period or "day"


def ahead(mention: DateMention, published: str | None) -> DateMention:
    """A weekday resolved to the past, moved to the next such day, for an act still to come
    ('will meet on Friday')."""
    if not published or not _WEEKDAY.match(resolve_text(mention.text)) or mention.date >= published[:10]:
        return mention
    later = datetime.fromisoformat(mention.date).date() + timedelta(days=7)
    return DateMention(mention.text, mention.span, later.isoformat(), mention.precision)


def resolve_text(text: str) -> str:
    """The date words without leading prepositions ('on Friday' -> 'Friday')."""
    stripped = " ".join(text.split())
    while (shorter := _LEADING.sub("", stripped, count=1)) != stripped:
        stripped = shorter
    return stripped


def clause_of(tok: Token) -> int:
    """The verb (or root) whose clause holds `tok`."""
    cur = tok
    for _ in range(20):
        if cur.pos_ in ("VERB", "AUX") or cur.head.i == cur.i:
            return cur.i
        cur = cur.head
    return cur.i


def find_dates(doc, published: str | None, offset: int = 0) -> list[DateRef]:
    """Every DATE entity of `doc` that resolves to a point in time."""
    out = []
    index = sentences(doc)
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        resolved = resolve_date(ent.text, published)
        if resolved is None:
            continue
        iso, precision = resolved
        mention = DateMention(text=ent.text, span=(ent.start_char + offset, ent.end_char + offset),
                              date=iso, precision=precision)
        out.append(DateRef(mention, ent.start, clause_of(ent.root), index.index(ent.start)))
    return out


def pick_date(anchor: Token, refs: list[DateRef]) -> DateRef | None:
    """The date of the anchor's clause, else the first date of its sentence."""
    k = sentences(anchor.doc).index(anchor.i)
    same = [r for r in refs if r.sentence == k]
    if not same:
        return None
    clause = clause_of(anchor)
    return next((r for r in same if r.clause == clause), same[0])


def doc_dates(doc, published: str | None) -> list[DateRef]:
    """`find_dates` of the article's own Doc, computed once and kept in doc.user_data."""
    key = f"parley_dates:{published}"
    if key not in doc.user_data:
        doc.user_data[key] = find_dates(doc, published)
    return doc.user_data[key]


def article_dates(doc, published: str | None) -> tuple[DateMention, ...]:
    """The article's resolved date expressions, in text order (the `dates` of the output)."""
    return tuple(r.mention for r in doc_dates(doc, published))
