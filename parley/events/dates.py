"""Dates: temporal expressions (spaCy's DATE and TIME entities, and the patterns of
`timex.py` it misses) read by the rules of `timex.py` against the publication date, with
the clause's tense ("will meet on Friday": the next Friday). What the rules cannot read is
left out (dateparser, once the fallback, read nothing right on TimeBank and TR-News that the
rules miss: "four 72" -> 1972-04, "6.4" -> 2012-06-04; and it cost a tenth of the time).

`dates` of the output holds DATE and TIME expressions with their date and precision;
`durations` holds DURATION ("two years") and SET ("every Tuesday") ones with their TimeML
value and no date: they are not when an act happened. Never the wall clock: without a publication date a
relative expression keeps `date` null (one warning per process). Ages and counts are not
dates; a past year stays that year ("in 1967"). An event takes the date of its own clause,
else the first date of its sentence, else the publication date with `date_span` null.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache

from spacy.tokens import Token

from ..nlp import sentences
from ..records import CALENDAR_KINDS, DateMention
from .anchors import anchored, is_anaphor
from .timex import HOLIDAY_LEAD, HOLIDAY_PATTERN, HOLIDAY_WORDS, MON, PATTERN, iso_date, normalize

log = logging.getLogger(__name__)
_BARE_YEAR = re.compile(r"(?<![\d$.,-])(?:1[89]\d\d|20\d\d)(?![\d%s])")   # a year inside an unread entity ("between 1985 and 1987")
_YEAR_LEAD = re.compile(rf"(?:in|since|by|until|of|from|during|before|after)\s+(?=\d{{4}}\b)|{HOLIDAY_LEAD}(?=christmas|thanksgiving|easter|halloween)", re.I)
# Verbs whose dated object lies ahead ("scheduled for Friday", "expires Dec. 7").
FUTURE_VERBS = frozenset({"schedule", "plan", "expire", "expect", "due", "set", "slate", "begin", "start"})
# Verbs of plans made or moved: in the past tense, their date may lie either side of publication.
MOVED = frozenset({"plan", "schedule", "reschedule", "postpone", "delay", "defer", "slate", "push", "move"})
# Verbs of an intention: what they govern lies ahead even when they are told in the past
# ("agreed to meet on Monday"), unlike a purpose ("staged celebrations to mark the entry on Friday").
INTENT = frozenset({"agree", "decide", "promise", "vow", "pledge", "want", "hope", "intend", "aim", "seek", "offer",
                    "threaten", "vote", "prepare", "ask", "urge", "call", "invite", "order", "tell", "plan", "expect"})
# Acts a present tense puts on a timetable ("Arafat meets Albright Monday", "the summit opens Friday").
SCHEDULED = frozenset({"meet", "begin", "start", "open", "arrive", "visit", "leave", "hold", "resume", "close",
                       "convene", "travel", "fly", "return", "vote", "host", "attend", "face", "end"})
STARTS = frozenset({"begin", "start", "expire"})     # their past participle is past ("begun on ...")
# Words just before a date that put it ahead of publication, or behind it.
AHEAD_CUES = frozenset({"payable", "effective", "record", "until", "till", "expires", "expire", "extended"})
PAST_CUES = frozenset({"since", "ended"})

# The second day of "December 5 and 6" ("5 and 6 December" keeps its month after it: left out).
_AND_DAY = re.compile(rf"\b(?P<m>{MON})\s+\d{{1,2}}(?:st|nd|rd|th)?\s+(?:and|or|&)\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?![\d,.%]\d|\s+(?:percent|people|of)\b)")
_LEADING = re.compile(r"^(?:on|in|at|since|by|from|until|during|early|late|mid-?|the)\s*", re.I)
_FOUR_DIGITS = re.compile(r"\d{4}")
_SMALL_NUMBER = re.compile(r"\W*\d{1,3}\W*")
_WEEKDAY = re.compile(r"^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)$", re.I)


@dataclass(frozen=True)
class DateRef:
    """A resolved date in a parsed text: the record, its tokens and the clause it belongs to."""

    mention: DateMention
    start: int                        # token index in its Doc
    clause: int                       # token index of the verb its clause hangs from
    sentence: int                     # sentence index in its Doc


def resolve_date(text: str, published: str | None, tense: str | None = "past") -> tuple[str, str] | None:
    """'December 16' / 'on Wednesday' / 'last year' -> (ISO date, precision) relative to
    `published`; None for durations, sets and texts the rules cannot read, and for relative
    expressions when there is no publication date (never the wall clock)."""
    t = normalize(text, published, tense)
    if t is not None and t.kind in ("DATE", "TIME") and t.date is not None:
        return t.date, t.precision
    return None


def ahead(mention: DateMention, published: str | None) -> DateMention:
    """A weekday resolved to the past, moved to the next such day, for an act still to come
    ('will meet on Friday')."""
    if not published or not mention.date or not _WEEKDAY.match(resolve_text(mention.text)) \
            or mention.date >= published[:10]:
        return mention
    later = datetime.fromisoformat(mention.date).date() + timedelta(days=7)
    return replace(mention, date=later.isoformat())


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
    """Every temporal expression of `doc`: spaCy's DATE and TIME entities and the
    expressions of `timex.PATTERN` it missed, read by the rules (DATE, TIME, DURATION, SET)."""
    out = []
    index = sentences(doc)
    taken: set[int] = set()
    for start, end, label in _expressions(doc):
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or any(i in taken for i in range(span.start, span.end)):
            continue
        text = index.text[start:end]
        if _count(span) or _generic(span):
            continue
        words, label = (f"{label[4:]} {text}", "") if label.startswith("DAY:") else (text, label)
        mention = _mention(words, (start + offset, end + offset), published, _cue(span) or _tense(span.root), label)
        if mention is None or label == "PART" and mention.kind not in CALENDAR_KINDS:
            continue                  # a side of "two to three years" is no duration of its own
        mention = replace(mention, text=text)
        taken.update(range(span.start, span.end))
        out.append(DateRef(mention, span.start, clause_of(span.root), index.index(span.start)))
    out = anchored(sorted(out, key=lambda r: r.mention.span), published)
    if published is None and any(r.mention.date is None and r.mention.kind == "DATE" for r in out):
        _warn_no_publication()
    return out


def _expressions(doc) -> list[tuple[int, int, str]]:
    """Character spans to read: entities first (a pattern inside one that the rules cannot
    read whole replaces it), then pattern matches outside every entity."""
    ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    lower = sentences(doc).text.lower()
    found = list(PATTERN.finditer(lower))
    if any(w in lower for w in HOLIDAY_WORDS):
        found = sorted(found + list(HOLIDAY_PATTERN.finditer(lower)), key=lambda m: m.start())
    matches = [(m.start() + _lead(m.group()), m.end(), "") for m in found]
    longer = [m for m in matches if any(m[0] <= e[0] and e[1] <= m[1] and m[:2] != e[:2] for e in ents)]
    inner = [m for m in matches if any(e[0] <= m[0] and m[1] <= e[1] and m[:2] != e[:2] for e in ents)]
    outside = [m for m in matches if not any(e[0] < m[1] and m[0] < e[1] for e in ents)]
    text = sentences(doc).text
    years = [(e[0] + y.start(), e[0] + y.end(), "DATE") for e in ents if e[2] == "DATE"
             for y in _BARE_YEAR.finditer(text[e[0]:e[1]])]
    days = [(m.start("d"), m.end("d"), f"DAY:{m['m']}") for m in _AND_DAY.finditer(lower)]
    parts = [(e[0] + a, e[0] + b, "PART") for e in ents if e[2] == "DATE" and _JOINED.search(text, e[0], e[1])
             for a, b in _parts(text[e[0]:e[1]])]      # "Friday to December's": each side read alone
    return sorted(longer, key=lambda m: m[0] - m[1]) + ents + inner + years + outside + days + parts


_JOINED = re.compile(r"\s(?:to|and|or|through|until)\s")


def _parts(text: str) -> list[tuple[int, int]]:
    """The sides of an entity that joins two expressions ("Friday to December's")."""
    out, start = [], 0
    for m in _JOINED.finditer(text):
        out.append((start, m.start()))
        start = m.end()
    return [(a, b) for a, b in out + [(start, len(text))] if b > a]


def _count(span) -> bool:
    """A four-digit number that counts, not a year: "1846 persons were hospitalized", "the
    number of cases is 1501"."""
    if len(span) != 1 or not _FOUR_DIGITS.fullmatch(span.text):
        return False
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start else None
    return bool(after is not None and after.tag_ == "NNS" or before is not None and before.lemma_ == "be")


# Nouns of the present or future in general: "today's youth", "today's world" name no day.
GENERIC_NOUNS = frozenset({"world", "youth", "society", "generation", "generations", "children", "kids", "economy",
                           "culture", "standards", "technology", "age", "era", "young", "people", "teenagers",
                           "families", "politics", "computers", "consumers", "workers", "students", "parents"})


def _generic(span) -> bool:
    """"today" or "tomorrow" of no day: "today's youth", "the people of tomorrow"; a holiday
    that names a kind of thing ("Christmas trees", "Easter week")."""
    if len(span) != 1:
        return False
    doc, word = span.doc, span[0].lower_
    if word in ("christmas", "thanksgiving", "easter", "halloween"):
        return span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN") \
            and doc[span.end].lower_ not in ("day", "eve", "sunday", "monday")
    if word not in ("today", "tomorrow"):
        return False
    after = [t for t in doc[span.end:span.end + 4] if t.lower_ not in ("'s", "’s", "'")]
    if span.end < len(doc) and doc[span.end].lower_ in ("'s", "’s", "'"):
        noun = next((t for t in after if t.pos_ in ("NOUN", "PROPN")), None)
        return noun is not None and noun.lower_ in GENERIC_NOUNS
    return span.start > 1 and doc[span.start - 1].lower_ == "of" and doc[span.start - 2].pos_ == "NOUN"


def _lead(text: str) -> int:
    """Length of a leading preposition the span leaves out ('in 1967' -> '1967')."""
    m = _YEAR_LEAD.match(text)
    return m.end() if m else 0


def _mention(text: str, span: tuple[int, int], published: str | None, tense: str | None,
             label: str) -> DateMention | None:
    """The reading of one expression (`label`: its spaCy entity label, '' for a pattern match)."""
    t = normalize(text, published, tense)
    if (t is None or t.kind == "DURATION") and is_anaphor(text):
        return DateMention(text, span, None, "year")      # read against an earlier date (anchors.py)
    if t is None:
        if _SMALL_NUMBER.fullmatch(text):
            return None               # an age or a count tagged DATE ("Viktor Makarov, 50,")
        return None
    kind = "TIME" if t.kind == "DATE" and label == "TIME" else t.kind
    return DateMention(text, span, t.date, t.precision, kind, t.value)


def _cue(span) -> str | None:
    """The direction the word before the expression gives ('payable Dec. 1', 'effective
    Feb. 1', 'until Friday': ahead; 'since Jan. 13': past), else None."""
    doc = span.doc
    words = {doc[i].lower_ for i in range(max(0, span.start - 2), span.start)}
    if span.start and doc[span.start - 1].lower_ in PAST_CUES:
        return "past"
    if span.start > 2 and doc[span.start - 1].lower_ == "as" and doc[span.start - 2].lower_ in ("soon", "early") \
            and doc[span.start - 3].lower_ == "as":     # "could come as early as Tuesday"
        return None if _tense(span.root) == "past" else "ahead"
    if words & AHEAD_CUES - {"until", "till"}:
        return "ahead"
    if words & {"until", "till"}:     # "had given them until Thursday", "led it until December": past
        return None if _tense(span.root) == "past" else "ahead"
    return None


def _tense(tok: Token) -> str | None:
    """'future' for an act still to come (will, 'll, shall), 'ahead' for one planned
    (to-infinitive, scheduled, expires), 'past' for a past-tense clause, else None."""
    if tok.dep_ in ("compound", "amod", "nmod", "poss") and tok.head.pos_ in ("NOUN", "PROPN") and tok.head.i > tok.i:
        return None                   # "under a June agreement": the date of the noun, not of the clause's act
    verb = tok
    for _ in range(20):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    aux = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if aux & {"will", "'ll", "shall", "wo"}:
        return "future"
    if "to" in aux and (verb.dep_ == "xcomp" and _was(verb.head) or verb.head.lemma_ not in INTENT and _past_head(verb)):
        return "either"               # "was expected to end on December 15", "was planning to vote
                                      # on Tuesday", "staged celebrations to mark the entry on Friday":
                                      # once ahead, now either side of publication ("agreed to meet
                                      # on Friday", an intention: still ahead)
    planned = verb.lemma_ in FUTURE_VERBS and (verb.tag_ != "VBD" and not aux & {"had", "was", "were", "has", "have"}) \
        and not (verb.tag_ == "VBN" and verb.lemma_ in STARTS)           # "the emergency begun on November 15"
    if planned and verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and _past_head(verb):
        return "either"               # "a service planned for Saturday was canceled"
    if "to" in aux or "would" in aux or planned:
        return "ahead"                # scheduled, planned: a month or day ahead, not a weekday
    if verb.tag_ in ("VBD", "VBN") or aux & {"had", "was", "were", "did", "has", "have"}:
        return "either" if verb.lemma_ in MOVED else "past"   # "rescheduled to June 2": either side
    if verb.tag_ in ("VBP", "VBZ") and not aux and verb.lemma_ in SCHEDULED:
        return "present"              # "Arafat meets Albright Monday": a weekday ahead (timex.py)
    return None


def _past_head(verb: Token) -> bool:
    """Whether the clause `verb` hangs from (an infinitive's or a participle's) is told in the
    past tense and is no plan itself ("staged celebrations to mark ...", "Among the first to
    accede ... were")."""
    head = verb.head
    for _ in range(20):
        if head.pos_ in ("VERB", "AUX") or head.head.i == head.i:
            break
        head = head.head
    if head.i == verb.i or head.lemma_ in FUTURE_VERBS or head.lemma_ in MOVED:
        return False
    aux = {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    return head.tag_ == "VBD" and not aux & {"will", "would", "to"} or bool(aux & {"was", "were", "had", "did"})


def _was(verb: Token) -> bool:
    """A past progressive or passive: "was planning", "were expected"."""
    return any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("was", "were") for c in verb.children)


@lru_cache(maxsize=1)
def _warn_no_publication() -> None:
    """Once per process: relative dates of articles without a publication date stay null."""
    log.warning("articles without a publication date: relative dates ('last week', 'Friday') are kept "
                "with date null, never resolved against today's clock; give --published DATE to resolve them")


def pick_date(anchor: Token, refs: list[DateRef]) -> DateRef | None:
    """The date of the anchor's clause, else the first date of its sentence (DATE and TIME
    expressions with a date only: a duration or a set is not when an act happened)."""
    k = sentences(anchor.doc).index(anchor.i)
    same = [r for r in refs if r.sentence == k and r.mention.kind in ("DATE", "TIME")
            and iso_date(r.mention.date, r.mention.precision) is not None]
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
    """The article's calendar expressions (DATE and TIME), in text order (the `dates` of the output)."""
    return tuple(r.mention for r in doc_dates(doc, published) if r.mention.kind in CALENDAR_KINDS)


def article_durations(doc, published: str | None) -> tuple[DateMention, ...]:
    """The article's DURATION and SET expressions, in text order (the `durations` of the output):
    how long or how often, never when."""
    return tuple(r.mention for r in doc_dates(doc, published) if r.mention.kind not in CALENDAR_KINDS)
