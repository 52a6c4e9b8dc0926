"""The data of each page, assembled from queries.py rows into the records of views.py.

Each `*_page` function is what one URL shows; app.py serves it as HTML and as JSON.
"""
from __future__ import annotations

import json
from collections import Counter, defaultdict

from ..errors import NotFound
from ..store import SQLStore
from . import queries as Q
from .maps import MAP_PLACES, event_places, merge_points
from . import rollups
from .actor_summary import actor_summary
from .selectors import ActorKey, CountrySide, Selector, country_name, parse_actor, parse_side
from .timeline import periods
from .views import (
    ActorListItem, ActorPage, ActorRef, ActorsPage, ArticleRef, Count, Counterpart, Direction,
    DyadCount, DyadPage, EventItem, Overview, Role, Side, Statement, StatementsPage, TypeCount,
)

Row = Q.Row


# -- rows -> records ------------------------------------------------------------------

def article_ref(r: Row) -> ArticleRef:
    return ArticleRef(uid=r["article_uid"], id=r["article_id"], title=r["title"],
                      published=r["published"], outlet=r["outlet"])


def statement(r: Row) -> Statement:
    speaker = None
    if r["speaker_key"]:
        speaker = ActorRef(r["speaker_key"], r["speaker_name"], r["speaker_kind"], r["speaker_country"])
    via = tuple(v.get("text", "") for v in json.loads(r["via"] or "[]"))
    return Statement(uid=r["uid"], id=r["id"], article=article_ref(r), kind=r["kind"],
                     speaker=speaker, cue=r["cue"], content=r["content"], via=via,
                     sentence=(r["sentence"] or "").strip(), sentence_start=r["sent_start"] or 0)


def event_items(store: SQLStore, rows: list[Row]) -> tuple[EventItem, ...]:
    """Events with their source and target actors (one query for all of them)."""
    sides: dict[str, dict[str, list[ActorRef]]] = defaultdict(lambda: {"source": [], "target": []})
    for r in Q.event_actors(store, [row["uid"] for row in rows]):
        ref = ActorRef(r["actor_key"], r["name"], r["kind"], r["country"])
        sides[r["event_uid"]][r["role"]].append(ref)
    return tuple(EventItem(
        uid=r["uid"], id=r["id"], article=article_ref(r), type=r["type"], mode=r["mode"],
        cameo=r["cameo"], trigger=r["trigger"] or "", date=r["date"], polarity=r["polarity"],
        intensity=r["intensity"], negated=bool(r["negated"]), hypothetical=bool(r["hypothetical"]),
        claimed=bool(r["attribution_uid"]), sources=tuple(sides[r["uid"]]["source"]),
        targets=tuple(sides[r["uid"]]["target"]), sentence=r["sentence"] or "",
        sentence_start=r["sent_start"] or 0, trigger_span=_relative(r)) for r in rows)


def _relative(r: Row) -> tuple[int, int] | None:
    """The trigger's span inside its sentence."""
    if r["trigger_start"] is None or r["sent_start"] is None:
        return None
    return r["trigger_start"] - r["sent_start"], r["trigger_end"] - r["sent_start"]


def actor_ref(r: Row) -> ActorRef:
    return ActorRef(r["actor_key"], r["name"], r["kind"], r["country"])


# -- pages ----------------------------------------------------------------------------

def overview_page(store: SQLStore, generic: bool = False) -> Overview:
    """generic=False: generic descriptions ("people", "government") out of the rankings."""
    span = Q.published_range(store)
    top, _ = Q.actors(store, limit=15, generic=generic)
    edges = rollups.top_dyads(store, "actor" if generic else "specific", 15)
    if edges is None:
        edges = Q.network_edges(store, "actor", Q.EventFilter(), generic=generic)[:15]
    dyads = [DyadCount(ActorRef(e["src"], e["src_name"], e["src_kind"], e["src_country"]),
                       ActorRef(e["tgt"], e["tgt_name"], e["tgt_kind"], e["tgt_country"]),
                       e["n"], e["cooperation"], e["conflict"]) for e in edges]
    return Overview(
        counts=Q.counts(store), first_published=span["first"], last_published=span["last"],
        top_actors=tuple(ActorListItem(actor_ref(r), r["articles"]) for r in top), top_dyads=tuple(dyads),
        events_by_type=tuple(Count(r["type"], r["n"]) for r in Q.events_by_type(store)),
        recent_articles=tuple(article_ref(r) for r in Q.recent_articles(store, 15)))


def actors_page(store: SQLStore, name: str | None, kind: str | None, country: str | None,
                limit: int, offset: int, generic: bool = False) -> ActorsPage:
    rows, total = Q.actors(store, name=name, kind=kind, country=country, limit=limit, offset=offset,
                           generic=generic or bool(name))
    return ActorsPage(total=total, offset=offset, limit=limit, actors=tuple(
        ActorListItem(actor_ref(r), r["articles"]) for r in rows))


def _counterparts(rows: list[Row], limit: int) -> tuple[Counterpart, ...]:
    merged: dict[str, dict] = {}
    for r in rows:
        m = merged.setdefault(r["actor_key"], {"ref": actor_ref(r), "source": 0, "target": 0,
                                               "cooperation": 0, "conflict": 0})
        m[r["role"]] += r["n"]
        m["cooperation"] += r["cooperation"]
        m["conflict"] += r["conflict"]
    ranked = sorted(merged.values(), key=lambda m: (-(m["source"] + m["target"]), m["ref"].name))
    return tuple(Counterpart(m["ref"], m["source"], m["target"], m["cooperation"], m["conflict"])
                 for m in ranked[:limit])


def _type_counts(rows: list[Row]) -> tuple[TypeCount, ...]:
    by: dict[str, dict[str, int]] = defaultdict(lambda: {"source": 0, "target": 0})
    for r in rows:
        by[r["type"]][r["role"]] += r["n"]
    return tuple(TypeCount(t, c["source"], c["target"])
                 for t, c in sorted(by.items(), key=lambda kv: -(kv[1]["source"] + kv[1]["target"])))


def actor_page(store: SQLStore, key: str) -> ActorPage:
    sel = parse_actor(key)
    summary = actor_summary(store, sel)
    if summary is None:
        raise NotFound("actor", key, "the Actors page lists what is stored")
    ref = ActorRef(key, summary.name, summary.kind, summary.country)   # as the actors list shows it
    filt = Q.EventFilter()
    by, by_total, by_capped = Q.statements_counted(store, Q.StatementFilter(speaker=sel), limit=20)
    about, about_total, about_capped = Q.statements_counted(store, Q.StatementFilter(about=sel), limit=20)
    return ActorPage(
        actor=ref, country_name=country_name(ref.country),
        sectors=tuple(Count(s, n) for s, n in summary.sectors),
        roles=tuple(Role(*r) for r in summary.roles), aliases=summary.aliases, articles=summary.articles,
        mentions=summary.mentions, first_seen=summary.first_seen, last_seen=summary.last_seen,
        statements_by=tuple(statement(r) for r in by), statements_by_total=by_total,
        statements_about=tuple(statement(r) for r in about), statements_about_total=about_total,
        statements_by_capped=by_capped, statements_about_capped=about_capped,
        events_by_type=_type_counts(Q.event_types_of(store, sel, filt)),
        counterparts=_counterparts(Q.counterparts(store, sel, filt), 15),
        timeline=periods(Q.event_months(store, either=sel, filt=filt)),
        events=event_items(store, Q.events(store, either=sel, limit=30)),
        recent_articles=tuple(article_ref(r) for r in summary.recent),
        places=tuple(event_places(store, either=sel, filt=filt)[:MAP_PLACES]))


def side(store: SQLStore, sel: Selector) -> Side:
    if isinstance(sel, CountrySide):
        return Side(sel.key, sel.label, True, sel.key)
    label = Q.actor_label(store, sel)
    if label is None:
        raise NotFound("actor", sel.key, "the Actors page lists what is stored")
    return Side(sel.key, label["name"], False, label["country"])


def _direction(store: SQLStore, src: Selector, tgt: Selector, sides: tuple[Side, Side],
               filt: Q.EventFilter, limit: int) -> Direction:
    """Counts over every event of the direction, dated or not; the timeline over dated ones."""
    counts = Q.event_type_counts(store, source=src, target=tgt, filt=filt)
    by_type = Counter()
    for r in counts:
        by_type[r["type"]] += r["n"]
    isum = sum(r["intensity_sum"] or 0 for r in counts)
    inum = sum(r["intensity_n"] for r in counts)
    return Direction(
        source=sides[0], target=sides[1], total=sum(by_type.values()),
        cooperation=sum(r["n"] for r in counts if r["polarity"] == "cooperation"),
        conflict=sum(r["n"] for r in counts if r["polarity"] == "conflict"),
        mean_intensity=round(isum / inum, 2) if inum else None,
        timeline=periods(Q.event_months(store, source=src, target=tgt, filt=filt)),
        by_type=tuple(Count(t, n) for t, n in sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        events=event_items(store, Q.events(store, source=src, target=tgt, filt=filt, limit=limit)),
        undated=sum(r["undated"] or 0 for r in counts))


def dyad_page(store: SQLStore, a: str, b: str, filt: Q.EventFilter, limit: int = 50) -> DyadPage:
    sa, sb = parse_side(a), parse_side(b)
    side_a, side_b = side(store, sa), side(store, sb)
    places = merge_points(event_places(store, source=sa, target=sb, filt=filt)
                          + event_places(store, source=sb, target=sa, filt=filt))
    return DyadPage(a=side_a, b=side_b,
                    forward=_direction(store, sa, sb, (side_a, side_b), filt, limit),
                    backward=_direction(store, sb, sa, (side_b, side_a), filt, limit),
                    places=tuple(places[:MAP_PLACES]))


def statements_page(store: SQLStore, filt: Q.StatementFilter, limit: int, offset: int) -> StatementsPage:
    rows, total, capped = Q.statements_counted(store, filt, limit=limit, offset=offset)
    speaker = None
    if isinstance(filt.speaker, ActorKey):
        label = Q.actor_label(store, filt.speaker)
        if label:
            speaker = ActorRef(filt.speaker.key, label["name"], label["kind"], label["country"])
    return StatementsPage(total=total, offset=offset, limit=limit,
                          statements=tuple(statement(r) for r in rows), speaker=speaker, total_capped=capped)
