"""Typed records that flow between Parley's stages.

Every record is a frozen dataclass of plain values (no spaCy Doc, lxml tree or
database handle), so records cross process, Spark and database boundaries
unchanged. Ids are derived from content hashes: the same input always gives the
same ids.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


Span = tuple[int, int]

ACTOR_KINDS = ("person", "organization", "country", "group")
ATTRIBUTION_KINDS = ("direct", "indirect", "mixed")


def content_hash(*parts: object, length: int = 16) -> str:
    """A stable hex digest of `parts` (joined with a separator that cannot occur in text)."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass(frozen=True)
class RawItem:
    """One input before cleaning: a text, an HTML page or a JSONL line."""

    id: str
    source: str                       # path, path:line, WARC path#record or URL
    kind: str                         # "text" | "html"
    content: str
    verbatim: bool = False            # JSONL "text": taken character for character
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    encoding: str | None = None       # the encoding the bytes were read in (None: JSONL, str input)


@dataclass(frozen=True)
class Article:
    """A clean article; every offset of every later record indexes `text`."""

    id: str
    text: str
    source: str
    title: str | None = None
    url: str | None = None
    published: str | None = None      # ISO date (YYYY-MM-DD)
    outlet: str | None = None
    authors: tuple[str, ...] = ()
    encoding: str | None = None       # the encoding the input was read in (utf-8, cp1252, ...)
    language: str | None = None       # ISO 639-1 code of the language found ("en")

    @property
    def uid(self) -> str:
        """The store key: a hash of the clean text, so a re-ingest stores nothing new."""
        return content_hash("article", self.text)


@dataclass(frozen=True)
class Mention:
    """One place in the text where an actor is mentioned."""

    start: int
    end: int
    text: str
    kind: str = "name"                # name | surname | alias | description | pronoun | demonym
    sentence: Span | None = None


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str                         # person | organization | country | group
    mentions: tuple[Mention, ...]
    country: str | None = None        # ISO 3166-1 alpha-3
    sector: str | None = None         # GOV, MIL, REB, OPP, IGO, NGO, MED, ...
    role: str | None = None
    aliases: tuple[str, ...] = ()
    registry_id: str | None = None    # the corpus-wide actor this one joins, when known


@dataclass(frozen=True)
class Via:
    """An intermediary between a speaker and the outlet ("according to RIA")."""

    text: str
    span: Span | None
    actor: str | None = None


@dataclass(frozen=True)
class Attribution:
    id: str
    kind: str                         # direct | indirect | mixed
    content: str
    content_span: Span
    speaker: str | None = None        # actor id
    speaker_span: Span | None = None
    cue: str | None = None
    cue_lemma: str | None = None
    cue_span: Span | None = None
    via: tuple[Via, ...] = ()
    sentence_span: Span | None = None
    confidence: float = 1.0
    # The content's pieces when its own cue clause interrupts it ('“A,” he said, “B.”': the
    # two quotes, as PolNeAR marks them); () when the content is one piece (content_span).
    content_spans: tuple[Span, ...] = ()


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    span: Span | None = None
    kind: str | None = None           # country | admin1 | admin2 | city | continent | region
    admin1: str | None = None         # first-level region (state, province), by name
    geonames_id: str | None = None


PLACE_KINDS = ("country", "admin1", "admin2", "city", "continent", "region")
PLACE_ROLES = ("place", "actor", "modifier")


@dataclass(frozen=True)
class PlaceMention:
    """A toponym in the text ("in Moscow", "Moscow said", "Syrian") and the place it names."""

    text: str
    span: Span
    name: str | None = None           # the gazetteer's name; None when no place was found
    kind: str | None = None           # one of PLACE_KINDS
    country: str | None = None        # ISO 3166-1 alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonames_id: str | None = None
    role: str = "place"               # place ("in Moscow") | actor ("Moscow said") | modifier ("Russian troops")
    actor: str | None = None          # the actor whose mention this is, when there is one
    source: str = "text"              # text | dateline

    def as_place(self) -> Place:
        return Place(name=self.name or self.text, country=self.country, lat=self.lat, lon=self.lon,
                     span=self.span, kind=self.kind, admin1=self.admin1, geonames_id=self.geonames_id)


DATE_KINDS = ("DATE", "TIME", "DURATION", "SET")
CALENDAR_KINDS = ("DATE", "TIME")     # the kinds of `dates`; DURATION and SET are `durations`


@dataclass(frozen=True)
class DateMention:
    """A temporal expression in the text; DATE and TIME ones resolved against the publication
    date (`date` None when relative and the article has no publication date)."""

    text: str
    span: Span
    date: str | None                  # ISO date (YYYY-MM-DD): the first day of a month or year
    precision: str = "day"            # day | week | month | year
    kind: str = "DATE"                # DATE | TIME | DURATION | SET (TimeML)
    value: str | None = None          # TimeML value of a DURATION or SET ("P3Y", "P1W")


@dataclass(frozen=True)
class Event:
    id: str
    type: str                         # one of PLOVER_TYPES
    trigger: str
    trigger_span: Span
    sentence_span: Span
    source: tuple[str, ...] = ()      # actor ids
    target: tuple[str, ...] = ()
    mode: str | None = None
    cameo: str | None = None
    date: str | None = None
    date_span: Span | None = None
    place: Place | None = None
    negated: bool = False
    hypothetical: bool = False
    attribution: str | None = None    # id of the attribution whose content holds the trigger
    confidence: float = 0.5
    intensity: float | None = None    # Goldstein-style conflict-cooperation score, -10..10
    quad: str | None = None           # verbal/material cooperation/conflict
    plover_score: float | None = None  # PLOVER conflict-cooperation score of type and mode
    modality: str = "asserted"        # asserted | future | intended | conditional | speculative


@dataclass(frozen=True)
class Rejection:
    """An input that could not become an article, with the reason and how to fix it."""

    id: str
    source: str
    reason: str                       # empty | binary | undecodable | no_article_body | ...
    detail: str

    @property
    def uid(self) -> str:
        return content_hash("rejection", self.source, self.reason)


@dataclass(frozen=True)
class PipelineInfo:
    version: str
    spacy_model: str


@dataclass(frozen=True)
class Extraction:
    """Everything Parley found in one article."""

    article: Article
    pipeline: PipelineInfo
    actors: tuple[Actor, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    events: tuple[Event, ...] = ()
    sentences: tuple[Span, ...] = field(default=(), repr=False)
    dates: tuple[DateMention, ...] = ()       # calendar expressions: DATE and TIME
    places: tuple[PlaceMention, ...] = ()
    durations: tuple[DateMention, ...] = ()   # DURATION and SET expressions (no `date`)
