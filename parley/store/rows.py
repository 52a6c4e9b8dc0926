"""Records <-> rows: how an article's actors, attributions and events are written to the
store's tables (inside `SQLStore.put`'s transaction) and read back."""
from __future__ import annotations

import json
from typing import Any

from ..records import Actor, Attribution, Event, Mention, Place, Via


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


# -- writing ----------------------------------------------------------------------------

def _copy(value: str | None, text: str | None, start: int, end: int) -> str | None:
    """What a row keeps of a string that is a span of the article: nothing (NULL) when it is
    the text at its span (readers take it from the article: migration 1811), else the string."""
    return None if text is not None and value == text[start:end] else value


def put_actor(store, article_uid: str, actor: Actor, text: str | None = None) -> None:
    uid = f"{article_uid}:{actor.id}"
    store.insert("actors", {"uid": uid, "article_uid": article_uid, "id": actor.id,
                            "name": actor.name, "kind": actor.kind, "country": actor.country,
                            "sector": actor.sector, "role": actor.role,
                            "aliases": as_json(list(actor.aliases)), "registry_id": actor.registry_id})
    for m in actor.mentions:
        s = m.sentence or (None, None)
        store.insert("mentions", {"actor_uid": uid, "article_uid": article_uid, "start_char": m.start,
                                  "end_char": m.end, "text": _copy(m.text, text, m.start, m.end), "kind": m.kind,
                                  "sent_start": s[0], "sent_end": s[1]}, ignore=True)


def put_attribution(store, article_uid: str, q: Attribution, text: str | None = None) -> None:
    sp, cu, ss = q.speaker_span or (None, None), q.cue_span or (None, None), q.sentence_span or (None, None)
    store.insert("attributions", {
        "uid": f"{article_uid}:{q.id}", "article_uid": article_uid, "id": q.id, "kind": q.kind,
        "speaker_uid": f"{article_uid}:{q.speaker}" if q.speaker else None,
        "speaker_start": sp[0], "speaker_end": sp[1], "cue": q.cue, "cue_lemma": q.cue_lemma,
        "cue_start": cu[0], "cue_end": cu[1], "content": _copy(q.content, text, *q.content_span),
        "content_start": q.content_span[0], "content_end": q.content_span[1],
        "sent_start": ss[0], "sent_end": ss[1],
        "via": as_json([{"actor": v.actor, "text": v.text, "span": list(v.span) if v.span else None}
                           for v in q.via]),
        "confidence": q.confidence,
        "content_spans": as_json([list(c) for c in q.content_spans]) if q.content_spans else None})


def put_event(store, article_uid: str, e: Event) -> None:
    uid = f"{article_uid}:{e.id}"
    p = e.place
    ds = e.date_span or (None, None)
    ps = (p.span if p and p.span else (None, None))
    store.insert("events", {
        "uid": uid, "article_uid": article_uid, "id": e.id, "type": e.type, "mode": e.mode,
        "cameo": e.cameo, "trigger": e.trigger, "trigger_start": e.trigger_span[0],
        "trigger_end": e.trigger_span[1], "sent_start": e.sentence_span[0],
        "sent_end": e.sentence_span[1], "date": e.date, "date_start": ds[0], "date_end": ds[1],
        "place_name": p.name if p else None, "place_country": p.country if p else None,
        "lat": p.lat if p else None, "lon": p.lon if p else None,
        "place_start": ps[0], "place_end": ps[1], "place_kind": p.kind if p else None,
        "place_admin1": p.admin1 if p else None, "place_geonames_id": p.geonames_id if p else None,
        "negated": int(e.negated),
        "hypothetical": int(e.hypothetical),
        "attribution_uid": f"{article_uid}:{e.attribution}" if e.attribution else None,
        "confidence": e.confidence, "intensity": e.intensity, "quad": e.quad,
        "plover_score": e.plover_score, "modality": e.modality})
    for role, ids in (("source", e.source), ("target", e.target)):
        for pos, aid in enumerate(ids):
            store.insert("event_actors", {"event_uid": uid, "actor_uid": f"{article_uid}:{aid}",
                                          "role": role, "position": pos})


# -- reading ----------------------------------------------------------------------------

# A mention's text and a quote's content as stored, or (NULL) the article's text at the span;
# `m` / `q` the row, `a` its article.
MENTION_TEXT = "COALESCE(m.text, SUBSTR(a.text, m.start_char + 1, m.end_char - m.start_char))"


def content_sql(q: str = "q", a: str = "a") -> str:
    return f"COALESCE({q}.content, SUBSTR({a}.text, {q}.content_start + 1, {q}.content_end - {q}.content_start))"


CONTENT = content_sql()

def read_actors(store, uid: str) -> tuple[Actor, ...]:
    mentions: dict[str, list[Mention]] = {}
    for m in store.query(f"SELECT m.actor_uid, m.start_char, m.end_char, m.kind, m.sent_start, m.sent_end, "
                         f"{MENTION_TEXT} AS text FROM mentions m JOIN articles a ON a.uid = m.article_uid "
                         "WHERE m.article_uid = ? ORDER BY m.start_char", (uid,)):
        sent = (m["sent_start"], m["sent_end"]) if m["sent_start"] is not None else None
        mentions.setdefault(m["actor_uid"], []).append(
            Mention(m["start_char"], m["end_char"], m["text"], m["kind"], sent))
    out = [Actor(id=r["id"], name=r["name"], kind=r["kind"], country=r["country"], sector=r["sector"],
                 role=r["role"], aliases=tuple(json.loads(r["aliases"] or "[]")),
                 registry_id=r["registry_id"], mentions=tuple(mentions.get(r["uid"], ())))
           for r in store.query("SELECT * FROM actors WHERE article_uid = ?", (uid,))]
    return tuple(sorted(out, key=lambda a: a.mentions[0].start if a.mentions else 0))


def read_attributions(store, uid: str) -> tuple[Attribution, ...]:
    def span(r, a, b):
        return (r[a], r[b]) if r[a] is not None else None
    out = []
    for r in store.query(f"SELECT q.*, {CONTENT} AS full_content FROM attributions q "
                         "JOIN articles a ON a.uid = q.article_uid WHERE q.article_uid = ? ORDER BY q.content_start", (uid,)):
        out.append(Attribution(
            id=r["id"], kind=r["kind"], content=r["full_content"],
            content_span=(r["content_start"], r["content_end"]),
            speaker=r["speaker_uid"].split(":", 1)[1] if r["speaker_uid"] else None,
            speaker_span=span(r, "speaker_start", "speaker_end"), cue=r["cue"],
            cue_lemma=r["cue_lemma"], cue_span=span(r, "cue_start", "cue_end"),
            via=tuple(Via(v["text"], tuple(v["span"]) if v["span"] else None, v["actor"])
                      for v in json.loads(r["via"] or "[]")),
            sentence_span=span(r, "sent_start", "sent_end"), confidence=r["confidence"],
            content_spans=tuple(tuple(c) for c in json.loads(r["content_spans"] or "[]"))))
    return tuple(out)


def read_events(store, uid: str) -> tuple[Event, ...]:
    roles: dict[str, dict[str, list[str]]] = {}
    for r in store.query("SELECT ea.* FROM event_actors ea JOIN events e ON e.uid = ea.event_uid "
                        "WHERE e.article_uid = ? ORDER BY ea.position", (uid,)):
        roles.setdefault(r["event_uid"], {}).setdefault(r["role"], []).append(r["actor_uid"].split(":", 1)[1])
    out = []
    for r in store.query("SELECT * FROM events WHERE article_uid = ? ORDER BY trigger_start", (uid,)):
        place = None
        if r["place_name"]:
            pspan = (r["place_start"], r["place_end"]) if r["place_start"] is not None else None
            place = Place(r["place_name"], r["place_country"], r["lat"], r["lon"], pspan,
                          kind=r["place_kind"], admin1=r["place_admin1"], geonames_id=r["place_geonames_id"])
        rr = roles.get(r["uid"], {})
        out.append(Event(
            id=r["id"], type=r["type"], trigger=r["trigger"],
            trigger_span=(r["trigger_start"], r["trigger_end"]),
            sentence_span=(r["sent_start"], r["sent_end"]), source=tuple(rr.get("source", ())),
            target=tuple(rr.get("target", ())), mode=r["mode"], cameo=r["cameo"], date=r["date"],
            date_span=(r["date_start"], r["date_end"]) if r["date_start"] is not None else None,
            place=place, negated=bool(r["negated"]), hypothetical=bool(r["hypothetical"]),
            attribution=r["attribution_uid"].split(":", 1)[1] if r["attribution_uid"] else None,
            confidence=r["confidence"], intensity=r["intensity"], quad=r["quad"],
            plover_score=r.get("plover_score"), modality=r.get("modality") or "asserted"))
    return tuple(out)
