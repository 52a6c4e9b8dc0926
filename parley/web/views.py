"""What each page shows, as frozen records: the JSON of /api/... and the data of the HTML page.

FastAPI describes these in /openapi.json, so the JSON twin of every page is documented by
the same types the templates read.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ActorRef:
    key: str                          # see selectors.py: r:<registry id> | kind:country:name
    name: str
    kind: str
    country: str | None = None


@dataclass(frozen=True)
class ArticleRef:
    uid: str
    id: str
    title: str | None
    published: str | None
    outlet: str | None


@dataclass(frozen=True)
class Statement:
    """One attribution: who said what, where, and through whom."""

    uid: str
    id: str
    article: ArticleRef
    kind: str                         # direct | indirect | mixed
    speaker: ActorRef | None
    cue: str | None
    content: str
    via: tuple[str, ...]
    sentence: str
    sentence_start: int               # anchor of the sentence on the article page


@dataclass(frozen=True)
class EventItem:
    uid: str
    id: str
    article: ArticleRef
    type: str
    mode: str | None
    cameo: str | None
    trigger: str
    date: str | None
    polarity: str                     # cooperation | conflict | other
    intensity: float | None
    negated: bool
    hypothetical: bool
    claimed: bool                     # reported through an attribution, not by the outlet
    sources: tuple[ActorRef, ...]
    targets: tuple[ActorRef, ...]
    sentence: str
    sentence_start: int
    trigger_span: tuple[int, int] | None = None   # the trigger, offsets in `sentence`


@dataclass(frozen=True)
class Period:
    """Events of one month (or year, for long spans) in a timeline."""

    period: str
    cooperation: int
    conflict: int
    other: int
    mean_intensity: float | None

    @property
    def total(self) -> int:
        return self.cooperation + self.conflict + self.other


@dataclass(frozen=True)
class Count:
    label: str
    n: int


@dataclass(frozen=True)
class MapPoint:
    """One place on a map: its name, where it is, and how often it counts."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str | None = None
    count: int = 1
    cooperation: int = 0
    conflict: int = 0


@dataclass(frozen=True)
class Overview:
    counts: dict[str, int]
    first_published: str | None
    last_published: str | None
    top_actors: tuple[ActorListItem, ...]
    top_dyads: tuple[DyadCount, ...]
    events_by_type: tuple[Count, ...]
    recent_articles: tuple[ArticleRef, ...]


@dataclass(frozen=True)
class DyadCount:
    source: ActorRef
    target: ActorRef
    events: int
    cooperation: int
    conflict: int


@dataclass(frozen=True)
class Role:
    role: str
    first: str | None
    last: str | None
    articles: int


@dataclass(frozen=True)
class TypeCount:
    type: str
    as_source: int
    as_target: int


@dataclass(frozen=True)
class Counterpart:
    actor: ActorRef
    as_source: int                    # events where the page's actor acts on this one
    as_target: int                    # events where this one acts on the page's actor
    cooperation: int
    conflict: int


@dataclass(frozen=True)
class ActorPage:
    actor: ActorRef
    country_name: str
    sectors: tuple[Count, ...]
    roles: tuple[Role, ...]
    aliases: tuple[str, ...]
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    statements_by: tuple[Statement, ...]
    statements_by_total: int
    statements_about: tuple[Statement, ...]
    statements_about_total: int
    events_by_type: tuple[TypeCount, ...]
    counterparts: tuple[Counterpart, ...]
    timeline: tuple[Period, ...]
    events: tuple[EventItem, ...]
    recent_articles: tuple[ArticleRef, ...]
    places: tuple[MapPoint, ...] = ()  # where the actor's events took place
    statements_by_capped: bool = False        # the count stopped at its cap: at least that many
    statements_about_capped: bool = False     # at least that many: counted in the newest articles (a name
                                              # key; a registry actor's all counted) or past the cap


@dataclass(frozen=True)
class Side:
    key: str
    label: str
    is_country: bool
    country: str | None = None        # the actor's country, or the country itself


@dataclass(frozen=True)
class Direction:
    source: Side
    target: Side
    total: int
    cooperation: int
    conflict: int
    mean_intensity: float | None
    timeline: tuple[Period, ...]
    by_type: tuple[Count, ...]
    events: tuple[EventItem, ...]
    undated: int = 0                  # events counted in `total` that the timeline cannot place


@dataclass(frozen=True)
class DyadPage:
    a: Side
    b: Side
    forward: Direction                # a -> b
    backward: Direction               # b -> a
    places: tuple[MapPoint, ...] = ()  # where the events of both directions took place


@dataclass(frozen=True)
class Node:
    key: str
    label: str
    kind: str
    country: str | None
    events: int
    x: float
    y: float


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    events: int
    cooperation: int
    conflict: int
    other: int
    mean_intensity: float | None
    polarity: str                     # the larger of cooperation and conflict


@dataclass(frozen=True)
class NetworkPage:
    level: str                        # actor | country
    date_from: str | None
    date_to: str | None
    types: tuple[str, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    hidden_nodes: int                 # nodes beyond the limit, left out


@dataclass(frozen=True)
class StatementsPage:
    total: int
    offset: int
    limit: int
    statements: tuple[Statement, ...]
    speaker: ActorRef | None = None
    total_capped: bool = False        # counting stopped at `total`: there are at least that many


@dataclass(frozen=True)
class ActorsPage:
    total: int
    offset: int
    limit: int
    actors: tuple[ActorListItem, ...]


@dataclass(frozen=True)
class ActorListItem:
    actor: ActorRef
    articles: int


@dataclass(frozen=True)
class Mark:
    """One highlighted span of the article text."""

    kind: str                         # actor | speaker | cue | content | via | trigger
    start: int
    end: int
    record: str                       # the id of the actor, attribution or event
    label: str
    polarity: str | None = None       # triggers: cooperation | conflict | other


@dataclass(frozen=True)
class ArticlePage:
    article: ArticleRef
    url: str | None
    authors: tuple[str, ...]
    pipeline: str
    text: str
    sentences: tuple[tuple[int, int], ...]
    marks: tuple[Mark, ...]
    actors: tuple[ArticleActor, ...]
    statements: tuple[Statement, ...]
    events: tuple[EventItem, ...]
    places: tuple[MapPoint, ...] = ()          # towns and regions, one per place, with their mentions
    countries: tuple[str, ...] = ()            # ISO3 of every country the article names or holds a place of


@dataclass(frozen=True)
class ArticleActor:
    ref: ActorRef
    id: str
    role: str | None
    sector: str | None
    mentions: int
    first_sentence: int


@dataclass(frozen=True)
class SearchResult:
    article: ArticleRef
    source: str                       # article (a sentence) | attribution (a statement)
    attribution_id: str | None
    kind: str | None                  # the statement's kind
    speaker: str | None               # the statement's speaker
    sentence: str
    sentence_start: int               # anchor of the sentence on the article page
    matches: tuple[tuple[int, int], ...]   # matched words, offsets in `sentence`
    snippet: str
    score: float


@dataclass(frozen=True)
class SearchPage:
    q: str
    total: int
    offset: int
    limit: int
    results: tuple[SearchResult, ...]
    outlets: tuple[str, ...] = ()
