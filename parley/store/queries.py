"""Reading events and attributions once per story, with the reports and outlets behind each.

`story_events` is what exports are made of: one StoryEvent per distinct event of a story
(the same event in several reports of one wire story is one row, with `reports` and
`outlets`), or one per stored event with `per_report=True`. `event_counts` and
`attribution_counts` aggregate in SQL the same way.
"""
from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby, islice

from ..errors import Errors, StoreError
from ..records import Span

CHUNK = 500


@dataclass(frozen=True)
class ActorRef:
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    registry_id: str | None = None

    @property
    def key(self) -> str:
        """The actor across articles: its registry id, else its lower-cased name."""
        return self.registry_id or " ".join(self.name.lower().split())


@dataclass(frozen=True)
class StoryEvent:
    story_id: str
    key: str                                   # the event within its story
    event_uid: str                             # the earliest report's event row
    article_uid: str
    article_id: str
    title: str | None
    published: str | None
    type: str
    mode: str | None
    cameo: str | None
    date: str | None
    trigger: str
    negated: bool
    hypothetical: bool
    intensity: float | None
    quad: str | None
    confidence: float | None
    place: str | None
    place_country: str | None
    lat: float | None
    lon: float | None
    sources: tuple[ActorRef, ...]
    targets: tuple[ActorRef, ...]
    claimed_by: str | None                     # the speaker of the attribution that claims it
    sentence: str                              # the evidence sentence
    sentence_span: Span
    reports: int                               # reports that tell this event
    outlets: tuple[str, ...]                   # distinct outlets among them
    urls: tuple[str, ...] = ()
    article_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class StoryAttribution:
    story_id: str
    key: str
    attribution_uid: str
    article_uid: str
    article_id: str
    published: str | None
    kind: str
    speaker: ActorRef | None
    cue: str | None
    content: str
    content_span: Span
    via: str | None                            # the `via` chain as JSON text
    reports: int
    outlets: tuple[str, ...]
    urls: tuple[str, ...] = ()


# -- filters ------------------------------------------------------------------------------

def parse_date(value: str | None, name: str) -> date | None:
    """A filter's date ('2016-03-01', or an ISO timestamp) or None; a clear error otherwise."""
    if value is None or value == "":
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        raise StoreError(Errors.P015.format(name=name, value=value)) from None


def _date(value: str | None, name: str) -> str | None:
    d = parse_date(value, name)
    return d.isoformat() if d else None


def event_filters(date_from=None, date_to=None, types: Sequence[str] | None = None) -> tuple[str, list]:
    """WHERE clauses on events e / articles a: the event's date (else the article's), types."""
    where, params = [], []
    when = "COALESCE(e.date, a.published)"
    if (d := _date(date_from, "date_from")) is not None:
        where.append(f"{when} >= ?")
        params.append(d)
    if (d := _date(date_to, "date_to")) is not None:
        where.append(f"SUBSTR({when}, 1, 10) <= ?")
        params.append(d)
    if types:
        where.append(f"e.type IN ({', '.join('?' for _ in types)})")
        params += [t.upper() for t in types]
    return (" WHERE " + " AND ".join(where)) if where else "", params


# -- events ---------------------------------------------------------------------------------

EVENT_SQL = """
SELECT e.uid, e.article_uid, COALESCE(e.story_key, e.uid) AS story_key, e.type, e.mode, e.cameo, e.date,
       e.trigger, e.negated, e.hypothetical, e.intensity, e.quad, e.confidence, e.place_name,
       e.place_country, e.lat, e.lon, e.sent_start, e.sent_end, e.attribution_uid,
       SUBSTR(a.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence, a.id AS article_id,
       a.title, a.published, COALESCE(sa.story_id, a.uid) AS story_id
FROM events e JOIN articles a ON a.uid = e.article_uid
LEFT JOIN story_articles sa ON sa.article_uid = a.uid"""


def story_events(store, date_from=None, date_to=None, types=None,
                 per_report: bool = False) -> Iterator[StoryEvent]:
    """Events once per story (earliest report first), or once per report with per_report."""
    where, params = event_filters(date_from, date_to, types)
    order = ("a.published, a.uid, e.trigger_start" if per_report else
             "story_id, story_key, a.published, a.ingested_at, e.uid")
    rows = store.stream(EVENT_SQL + where + " ORDER BY " + order, params)
    group_key = (lambda r: r["uid"]) if per_report else (lambda r: (r["story_id"], r["story_key"]))
    groups = (list(g) for _, g in groupby(rows, key=group_key))
    while chunk := list(islice(groups, CHUNK)):
        yield from _story_events(store, chunk)


def _story_events(store, groups: list[list[dict]]) -> Iterator[StoryEvent]:
    firsts = [g[0] for g in groups]
    roles = _event_actors(store, [r["uid"] for r in firsts])
    speakers = _speakers(store, [r["attribution_uid"] for r in firsts if r["attribution_uid"]])
    reports = _reports(store, {r["article_uid"] for g in groups for r in g})
    for g, r in zip(groups, firsts):
        n, outlets, urls = _reach(reports, [x["article_uid"] for x in g])
        yield StoryEvent(
            story_id=r["story_id"], key=r["story_key"], event_uid=r["uid"], article_uid=r["article_uid"],
            article_id=r["article_id"], title=r["title"], published=r["published"], type=r["type"],
            mode=r["mode"], cameo=r["cameo"], date=r["date"], trigger=r["trigger"],
            negated=bool(r["negated"]), hypothetical=bool(r["hypothetical"]), intensity=r["intensity"],
            quad=r["quad"], confidence=r["confidence"], place=r["place_name"],
            place_country=r["place_country"], lat=r["lat"], lon=r["lon"],
            sources=roles.get((r["uid"], "source"), ()), targets=roles.get((r["uid"], "target"), ()),
            claimed_by=speakers.get(r["attribution_uid"]) if r["attribution_uid"] else None,
            sentence=r["sentence"] or "", sentence_span=(r["sent_start"], r["sent_end"]),
            reports=n, outlets=outlets, urls=urls,
            article_ids=tuple(dict.fromkeys(x["article_id"] for x in g)))


def _in(values: Sequence) -> str:
    return ", ".join("?" for _ in values)


def _event_actors(store, event_uids: list[str]) -> dict[tuple[str, str], tuple[ActorRef, ...]]:
    out: dict[tuple[str, str], list[ActorRef]] = {}
    if event_uids:
        for r in store.query(
                "SELECT ea.event_uid, ea.role, ac.name, ac.kind, ac.country, ac.sector, ac.registry_id "
                f"FROM event_actors ea JOIN actors ac ON ac.uid = ea.actor_uid WHERE ea.event_uid IN ({_in(event_uids)}) "
                "ORDER BY ea.event_uid, ea.role, ea.position", event_uids):
            out.setdefault((r["event_uid"], r["role"]), []).append(
                ActorRef(r["name"], r["kind"], r["country"], r["sector"], r["registry_id"]))
    return {k: tuple(v) for k, v in out.items()}


def _speakers(store, attribution_uids: list[str]) -> dict[str, str]:
    if not attribution_uids:
        return {}
    return {r["uid"]: r["name"] for r in store.query(
        "SELECT q.uid, ac.name FROM attributions q JOIN actors ac ON ac.uid = q.speaker_uid "
        f"WHERE q.uid IN ({_in(attribution_uids)})", attribution_uids)}


def _reports(store, article_uids: set[str]) -> dict[str, list[dict]]:
    uids = sorted(article_uids)
    out: dict[str, list[dict]] = {}
    if uids:
        for r in store.query("SELECT article_uid, outlet_key, outlet, url FROM reports "
                             f"WHERE article_uid IN ({_in(uids)}) ORDER BY published, key", uids):
            out.setdefault(r["article_uid"], []).append(r)
    return out


def _reach(reports: dict[str, list[dict]], article_uids: list[str]) -> tuple[int, tuple[str, ...], tuple[str, ...]]:
    """(number of reports, distinct outlets, URLs) of the articles that tell one event."""
    rows = [r for uid in dict.fromkeys(article_uids) for r in reports.get(uid, ())]
    outlets = {}
    for r in rows:
        outlets.setdefault(r["outlet_key"], _outlet_label(r))
    urls = tuple(dict.fromkeys(r["url"] for r in rows if r["url"]))
    return max(1, len(rows)), tuple(outlets.values()), urls


def _outlet_label(report: dict) -> str:
    """An outlet's name, else its URL host, else (no outlet known) the input file's name."""
    if report["outlet"]:
        return report["outlet"]
    key = report["outlet_key"]
    return os.path.basename(key[len("input:"):]) if key.startswith("input:") else key


# -- attributions -----------------------------------------------------------------------------

ATTRIBUTION_SQL = """
SELECT q.uid, q.article_uid, COALESCE(q.story_key, q.uid) AS story_key, q.kind, q.cue,
       COALESCE(q.content, SUBSTR(a.text, q.content_start + 1, q.content_end - q.content_start)) AS content,
       q.content_start, q.content_end, q.via, a.id AS article_id, a.published,
       COALESCE(sa.story_id, a.uid) AS story_id, sp.name AS sp_name, sp.kind AS sp_kind,
       sp.country AS sp_country, sp.sector AS sp_sector, sp.registry_id AS sp_registry
FROM attributions q JOIN articles a ON a.uid = q.article_uid
LEFT JOIN story_articles sa ON sa.article_uid = a.uid
LEFT JOIN actors sp ON sp.uid = q.speaker_uid"""


def story_attributions(store, date_from=None, date_to=None, kinds=None,
                       per_report: bool = False) -> Iterator[StoryAttribution]:
    where, params = [], []
    if (d := _date(date_from, "date_from")) is not None:
        where.append("a.published >= ?")
        params.append(d)
    if (d := _date(date_to, "date_to")) is not None:
        where.append("SUBSTR(a.published, 1, 10) <= ?")
        params.append(d)
    if kinds:
        where.append(f"q.kind IN ({_in(kinds)})")
        params += [k.lower() for k in kinds]
    order = ("a.published, a.uid, q.content_start" if per_report else
             "story_id, story_key, a.published, a.ingested_at, q.uid")
    sql = ATTRIBUTION_SQL + ((" WHERE " + " AND ".join(where)) if where else "") + " ORDER BY " + order
    key = (lambda r: r["uid"]) if per_report else (lambda r: (r["story_id"], r["story_key"]))
    groups = (list(g) for _, g in groupby(store.stream(sql, params), key=key))
    while chunk := list(islice(groups, CHUNK)):
        reports = _reports(store, {r["article_uid"] for g in chunk for r in g})
        for g in chunk:
            r = g[0]
            n, outlets, urls = _reach(reports, [x["article_uid"] for x in g])
            speaker = (ActorRef(r["sp_name"], r["sp_kind"], r["sp_country"], r["sp_sector"], r["sp_registry"])
                       if r["sp_name"] else None)
            yield StoryAttribution(
                story_id=r["story_id"], key=r["story_key"], attribution_uid=r["uid"],
                article_uid=r["article_uid"], article_id=r["article_id"], published=r["published"],
                kind=r["kind"], speaker=speaker, cue=r["cue"], content=r["content"],
                content_span=(r["content_start"], r["content_end"]), via=r["via"], reports=n,
                outlets=outlets, urls=urls)


# -- counts -------------------------------------------------------------------------------------

EVENT_GROUPS = {"type": "e.type", "month": "SUBSTR(COALESCE(e.date, a.published), 1, 7)",
                "quad": "e.quad", "mode": "e.mode"}
ATTRIBUTION_GROUPS = {"kind": "q.kind", "speaker": "COALESCE(sp.name, '')"}


def event_counts(store, by: str = "type", date_from=None, date_to=None, types=None) -> list[dict]:
    """Per group: events (once per story), reports (every report of every event), outlets, stories."""
    if by not in EVENT_GROUPS:
        raise StoreError(Errors.P016.format(what="events", by=by, groups=", ".join(EVENT_GROUPS)))
    where, params = event_filters(date_from, date_to, types)
    return store.query(
        f"SELECT {EVENT_GROUPS[by]} AS {by}, "
        "COUNT(DISTINCT COALESCE(sa.story_id, a.uid) || '|' || COALESCE(e.story_key, e.uid)) AS events, "
        "COUNT(*) AS reports, COUNT(DISTINCT r.outlet_key) AS outlets, "
        "COUNT(DISTINCT COALESCE(sa.story_id, a.uid)) AS stories "
        "FROM events e JOIN articles a ON a.uid = e.article_uid "
        "LEFT JOIN story_articles sa ON sa.article_uid = a.uid JOIN reports r ON r.article_uid = a.uid"
        + where + f" GROUP BY {EVENT_GROUPS[by]} ORDER BY events DESC, {EVENT_GROUPS[by]}", params)


def attribution_counts(store, by: str = "kind") -> list[dict]:
    """Per group: attributions (once per story), reports, outlets, stories."""
    if by not in ATTRIBUTION_GROUPS:
        raise StoreError(Errors.P016.format(what="attributions", by=by, groups=", ".join(ATTRIBUTION_GROUPS)))
    expr = ATTRIBUTION_GROUPS[by]
    return store.query(
        f"SELECT {expr} AS {by}, "
        "COUNT(DISTINCT COALESCE(sa.story_id, a.uid) || '|' || COALESCE(q.story_key, q.uid)) AS attributions, "
        "COUNT(*) AS reports, COUNT(DISTINCT r.outlet_key) AS outlets, "
        "COUNT(DISTINCT COALESCE(sa.story_id, a.uid)) AS stories "
        "FROM attributions q JOIN articles a ON a.uid = q.article_uid "
        "LEFT JOIN story_articles sa ON sa.article_uid = a.uid JOIN reports r ON r.article_uid = a.uid "
        f"LEFT JOIN actors sp ON sp.uid = q.speaker_uid GROUP BY {expr} ORDER BY attributions DESC, {expr}")


def stories(store, min_reports: int = 1, limit: int = 100, offset: int = 0) -> list[dict]:
    """Story clusters, largest first: id, title, articles, reports, outlets, first/last published."""
    return store.query(
        "SELECT s.id, a.title, a.id AS article_id, s.articles, s.reports, s.outlets, s.first_published, "
        "s.last_published FROM stories s JOIN articles a ON a.uid = s.id WHERE s.reports >= ? "
        "ORDER BY s.reports DESC, s.outlets DESC, s.id LIMIT ? OFFSET ?", (min_reports, limit, offset))


def story_reports(store, story_id: str) -> list[dict]:
    """The reports of one story: article, outlet, URL, published, similarity to its match."""
    return store.query(
        "SELECT r.article_uid, a.id AS article_id, a.title, r.outlet, r.outlet_key, r.url, r.source, "
        "r.published, sa.similarity, sa.matched_uid FROM story_articles sa "
        "JOIN reports r ON r.article_uid = sa.article_uid JOIN articles a ON a.uid = sa.article_uid "
        "WHERE sa.story_id = ? ORDER BY r.published, r.key", (story_id,))
