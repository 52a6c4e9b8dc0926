"""Records <-> the parley.article/1 JSON objects of ../shared/CONTRACT.md.

Fields may be added here, never renamed or dropped: outside tools read this format.
"""
from __future__ import annotations

from typing import Any

from .plover import PLOVER_TYPES
from .records import (
    ACTOR_KINDS, ATTRIBUTION_KINDS, CALENDAR_KINDS, Actor, Article, Attribution, DateMention, Event, Extraction, Mention,
    PipelineInfo, Place, PlaceMention, Rejection, Via,
)

SCHEMA = "parley.article/1"


def _span(s) -> list[int] | None:
    return [s[0], s[1]] if s is not None else None


def to_contract(result: Extraction | Rejection) -> dict[str, Any]:
    if isinstance(result, Rejection):
        return {"id": result.id, "source": result.source,
                "rejected": {"reason": result.reason, "detail": result.detail}}
    a = result.article
    return {
        "schema": SCHEMA, "id": a.id, "url": a.url, "title": a.title, "published": a.published,
        "outlet": a.outlet, "authors": list(a.authors), "text": a.text, "source": a.source,
        "uid": a.uid, "language": a.language, "encoding": a.encoding,
        "pipeline": {"version": result.pipeline.version, "spacy_model": result.pipeline.spacy_model},
        "actors": [_actor(x) for x in result.actors],
        "attributions": [_attribution(x) for x in result.attributions],
        "events": [_event(x) for x in result.events],
        "sentences": [list(s) for s in result.sentences],
        "dates": [_date(d) for d in result.dates],
        "places": [_place_mention(p) for p in result.places],
        "durations": [_date(d) for d in result.durations],
    }


def _date(d: DateMention) -> dict[str, Any]:
    return {"text": d.text, "span": _span(d.span), "date": d.date, "precision": d.precision,
            "kind": d.kind, "value": d.value}


def _place_mention(p: PlaceMention) -> dict[str, Any]:
    return {"text": p.text, "span": _span(p.span), "name": p.name, "geonames_id": p.geonames_id,
            "kind": p.kind, "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
            "role": p.role, "actor": p.actor, "source": p.source}


def _actor(x: Actor) -> dict[str, Any]:
    return {"id": x.id, "name": x.name, "kind": x.kind, "country": x.country, "sector": x.sector,
            "role": x.role, "mentions": [[m.start, m.end] for m in x.mentions],
            "mention_kinds": [m.kind for m in x.mentions], "aliases": list(x.aliases),
            "registry_id": x.registry_id}


def _attribution(x: Attribution) -> dict[str, Any]:
    return {"id": x.id, "kind": x.kind, "speaker": x.speaker, "speaker_span": _span(x.speaker_span),
            "cue": x.cue, "cue_lemma": x.cue_lemma, "cue_span": _span(x.cue_span),
            "content": x.content, "content_span": _span(x.content_span),
            "via": [{"actor": v.actor, "text": v.text, "span": _span(v.span)} for v in x.via],
            "sentence_span": _span(x.sentence_span), "confidence": x.confidence,
            **({"content_spans": [_span(c) for c in x.content_spans]} if x.content_spans else {})}


def _event(x: Event) -> dict[str, Any]:
    place = None
    if x.place is not None:
        p = x.place
        place = {"name": p.name, "country": p.country, "lat": p.lat, "lon": p.lon, "span": _span(p.span),
                 "kind": p.kind, "admin1": p.admin1, "geonames_id": p.geonames_id}
    return {"id": x.id, "type": x.type, "mode": x.mode, "cameo": x.cameo, "source": list(x.source),
            "target": list(x.target), "trigger": x.trigger, "trigger_span": _span(x.trigger_span),
            "sentence_span": _span(x.sentence_span), "date": x.date, "date_span": _span(x.date_span),
            "place": place, "negated": x.negated, "hypothetical": x.hypothetical,
            "attribution": x.attribution, "confidence": x.confidence, "intensity": x.intensity,
            "quad": x.quad, "plover_score": x.plover_score, "modality": x.modality}


# -- reading back (Spark output, exports, tests) ----------------------------------

def _t(s) -> tuple[int, int] | None:
    return (int(s[0]), int(s[1])) if s is not None else None


def from_contract(obj: dict[str, Any]) -> Extraction | Rejection:
    if "rejected" in obj:
        r = obj["rejected"]
        return Rejection(obj["id"], obj.get("source", ""), r["reason"], r.get("detail", ""))
    art = Article(id=obj["id"], text=obj["text"], source=obj.get("source", ""), title=obj.get("title"),
                  url=obj.get("url"), published=obj.get("published"), outlet=obj.get("outlet"),
                  authors=tuple(obj.get("authors") or ()), language=obj.get("language"),
                  encoding=obj.get("encoding"))
    text = art.text
    actors = tuple(Actor(
        id=x["id"], name=x["name"], kind=x["kind"], country=x.get("country"), sector=x.get("sector"),
        role=x.get("role"), aliases=tuple(x.get("aliases") or ()), registry_id=x.get("registry_id"),
        mentions=tuple(Mention(s, e, text[s:e], k) for (s, e), k in zip(
            x["mentions"], x.get("mention_kinds") or ["name"] * len(x["mentions"]))))
        for x in obj.get("actors", []))
    atts = tuple(Attribution(
        id=x["id"], kind=x["kind"], content=x["content"], content_span=_t(x["content_span"]),
        speaker=x.get("speaker"), speaker_span=_t(x.get("speaker_span")), cue=x.get("cue"),
        cue_lemma=x.get("cue_lemma"), cue_span=_t(x.get("cue_span")),
        via=tuple(Via(v["text"], _t(v.get("span")), v.get("actor")) for v in x.get("via") or ()),
        sentence_span=_t(x.get("sentence_span")), confidence=x.get("confidence", 1.0),
        content_spans=tuple(_t(c) for c in x.get("content_spans") or ()))
        for x in obj.get("attributions", []))
    events = tuple(Event(
        id=x["id"], type=x["type"], trigger=x["trigger"], trigger_span=_t(x["trigger_span"]),
        sentence_span=_t(x["sentence_span"]), source=tuple(x.get("source") or ()),
        target=tuple(x.get("target") or ()), mode=x.get("mode"), cameo=x.get("cameo"),
        date=x.get("date"), date_span=_t(x.get("date_span")),
        place=Place(**{**x["place"], "span": _t(x["place"].get("span"))}) if x.get("place") else None,
        negated=bool(x.get("negated")), hypothetical=bool(x.get("hypothetical")),
        attribution=x.get("attribution"), confidence=x.get("confidence", 0.5),
        intensity=x.get("intensity"), quad=x.get("quad"), plover_score=x.get("plover_score"),
        modality=x.get("modality") or "asserted")
        for x in obj.get("events", []))
    temporal = [DateMention(d["text"], _t(d["span"]), d.get("date"), d.get("precision") or "day",
                            d.get("kind") or "DATE", d.get("value"))
                for d in [*(obj.get("dates") or ()), *(obj.get("durations") or ())]]
    dates = tuple(d for d in temporal if d.kind in CALENDAR_KINDS)        # an older output's DURATION and
    durations = tuple(d for d in temporal if d.kind not in CALENDAR_KINDS)  # SET entries move to durations
    places = tuple(PlaceMention(**{**p, "span": _t(p["span"])}) for p in obj.get("places") or ())
    p = obj.get("pipeline") or {}
    return Extraction(article=art, pipeline=PipelineInfo(p.get("version", ""), p.get("spacy_model", "")),
                      actors=actors, attributions=atts, events=events,
                      sentences=tuple(_t(s) for s in obj.get("sentences") or ()), dates=dates,
                      places=places, durations=durations)


# -- validation (used by tests and by `parley extract --check`) -------------------


def problems(obj: dict[str, Any]) -> list[str]:
    """What in one output object breaks the contract: offsets, ids, references, vocabularies."""
    if "rejected" in obj:
        r = obj["rejected"]
        return [] if isinstance(r, dict) and r.get("reason") else ["rejection without a reason"]
    out = [f"missing field {k}" for k in ("schema", "id", "text", "actors", "attributions", "events", "pipeline")
           if k not in obj]
    if out:
        return out
    text = obj["text"]

    def bad_span(s) -> bool:
        return not (isinstance(s, list) and len(s) == 2 and all(isinstance(v, int) for v in s)
                    and 0 <= s[0] < s[1] <= len(text))
    if obj["schema"] != SCHEMA:
        out.append(f"schema {obj['schema']!r}")
    ids: set[str] = set()
    actor_ids = {a["id"] for a in obj["actors"]}
    att_ids = {q["id"] for q in obj["attributions"]}
    for rec in obj["actors"] + obj["attributions"] + obj["events"]:
        if rec["id"] in ids:
            out.append(f"duplicate id {rec['id']}")
        ids.add(rec["id"])
    for a in obj["actors"]:
        if a["kind"] not in ACTOR_KINDS:
            out.append(f"actor {a['id']} kind {a['kind']!r}")
        c = a.get("country")
        if c is not None and not (isinstance(c, str) and len(c) == 3 and c.isupper()):
            out.append(f"actor {a['id']} country {c!r}")
        out += [f"actor {a['id']} mention {m}" for m in a["mentions"] if bad_span(m)]
    for q in obj["attributions"]:
        if q["kind"] not in ATTRIBUTION_KINDS:
            out.append(f"attribution {q['id']} kind {q['kind']!r}")
        if q.get("speaker") is not None and q["speaker"] not in actor_ids:
            out.append(f"attribution {q['id']} speaker {q['speaker']} is not an actor")
        if q.get("speaker") is None and q.get("speaker_span") is not None:
            out.append(f"attribution {q['id']} has a speaker span but no speaker")
        if not q.get("content_span") or bad_span(q["content_span"]):
            out.append(f"attribution {q['id']} content_span {q.get('content_span')}")
        out += [f"attribution {q['id']} {f} {q[f]}" for f in ("cue_span", "speaker_span", "sentence_span")
                if q.get(f) is not None and bad_span(q[f])]
        out += [f"attribution {q['id']} content_spans {c}" for c in q.get("content_spans") or []
                if bad_span(c) or not ((q.get("content_span") or [0, 0])[0] <= c[0] and
                                    c[1] <= (q.get("content_span") or [0, 0])[1])]
        for v in q.get("via") or []:
            if v.get("span") is not None and bad_span(v["span"]):
                out.append(f"attribution {q['id']} via span {v['span']}")
            if v.get("actor") is not None and v["actor"] not in actor_ids:
                out.append(f"attribution {q['id']} via actor {v['actor']} is not an actor")
    for e in obj["events"]:
        if e["type"] not in PLOVER_TYPES:
            out.append(f"event {e['id']} type {e['type']!r}")
        out += [f"event {e['id']} {r} {i} is not an actor" for r in ("source", "target")
                for i in e.get(r) or [] if i not in actor_ids]
        out += [f"event {e['id']} {f} {e[f]}" for f in ("trigger_span", "sentence_span", "date_span")
                if e.get(f) is not None and bad_span(e[f])]
        if e.get("attribution") is not None and e["attribution"] not in att_ids:
            out.append(f"event {e['id']} attribution {e['attribution']} unknown")
        p = e.get("place")
        if p is not None and p.get("span") is not None and bad_span(p["span"]):
            out.append(f"event {e['id']} place span {p['span']}")
    out += [f"date {d.get('text')!r} span {d.get('span')}" for d in obj.get("dates") or []
            if bad_span(d.get("span"))]
    out += [f"date {d.get('text')!r} kind {d.get('kind')!r} belongs in durations" for d in obj.get("dates") or []
            if d.get("kind", "DATE") not in CALENDAR_KINDS]
    out += [f"duration {d.get('text')!r} span {d.get('span')}" for d in obj.get("durations") or []
            if bad_span(d.get("span")) or d.get("kind") in CALENDAR_KINDS]
    out += _place_problems(obj, bad_span, actor_ids)
    return out


def _place_problems(obj: dict[str, Any], bad_span, actor_ids: set[str]) -> list[str]:
    from .records import PLACE_KINDS, PLACE_ROLES
    out = []
    for p in obj.get("places") or []:
        if bad_span(p.get("span")):
            out.append(f"place {p.get('text')!r} span {p.get('span')}")
        if p.get("kind") is not None and p["kind"] not in PLACE_KINDS:
            out.append(f"place {p.get('text')!r} kind {p['kind']!r}")
        if p.get("role") not in PLACE_ROLES:
            out.append(f"place {p.get('text')!r} role {p.get('role')!r}")
        if p.get("actor") is not None and p["actor"] not in actor_ids:
            out.append(f"place {p.get('text')!r} actor {p['actor']} is not an actor")
    return out
