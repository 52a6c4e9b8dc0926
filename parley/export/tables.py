"""Rows of the export tables: events in an ACLED-like and a GDELT-like layout, attributions.

Each row is one event (or quote) of one story, told by `reports` reports from `outlets`
distinct outlets (see parley.store.queries); `per_report=True` exports every report's row.

ACLED-like: ACLED's column names and meanings where Parley has the value. `event_type` is the
PLOVER type and `sub_event_type` its PLOVER mode (ACLED's own taxonomy is different);
`iso` is the ISO 3166 numeric code, `country` the country name and `admin1` the first-level
region (state, province) of the event's place;
`source` lists the outlets; `notes` is the evidence sentence. Parley's columns follow.

GDELT-like: GDELT 2.0 event-table column names; country codes are ISO 3166 alpha-3 (GDELT
uses CAMEO/FIPS codes), Actor*Code is country + sector (e.g. RUSGOV), NumMentions and
NumArticles count reports and NumSources counts outlets; PLOVER and evidence columns follow.
"""
from __future__ import annotations

import json
from datetime import date
from functools import lru_cache

import pycountry

from ..geo.gazetteer import place_detail
from ..records import content_hash
from ..store.queries import ActorRef, StoryAttribution, StoryEvent
from ..plover import QUAD_CLASS

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "event_type", "sub_event_type", "actor1", "assoc_actor_1",
    "actor2", "assoc_actor_2", "iso", "country", "admin1", "location", "latitude", "longitude", "source", "notes",
    # Parley's columns
    "cameo", "intensity", "quad", "negated", "hypothetical", "claimed_by", "trigger", "reports",
    "outlets", "story_id", "article_id", "url", "sentence_start", "sentence_end", "confidence",
]
GDELT_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate", "Actor1Code", "Actor1Name",
    "Actor1CountryCode", "Actor1Type1Code", "Actor2Code", "Actor2Name", "Actor2CountryCode",
    "Actor2Type1Code", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "ActionGeo_Type", "ActionGeo_FullName",
    "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_Lat", "ActionGeo_Long", "DATEADDED", "SOURCEURL",
    # Parley's columns
    "PloverType", "PloverMode", "Negated", "Hypothetical", "Evidence", "StoryID", "ArticleID",
]
ATTRIBUTION_COLUMNS = [
    "attribution_id", "published", "kind", "speaker", "speaker_kind", "speaker_country", "speaker_sector",
    "cue", "content", "via", "reports", "outlets", "source", "story_id", "article_id", "url",
    "content_start", "content_end",
]


@lru_cache(maxsize=512)
def country(iso3: str | None) -> tuple[int | None, str | None]:
    """ISO 3166 alpha-3 -> (numeric code, name)."""
    c = pycountry.countries.get(alpha_3=iso3) if iso3 else None
    return (int(c.numeric), c.name) if c else (None, None)


def event_day(e: StoryEvent) -> str | None:
    """The event's date, else its report's publication date (YYYY-MM-DD), if valid."""
    for value in (e.date, e.published):
        try:
            return date.fromisoformat(str(value)[:10]).isoformat() if value else None
        except ValueError:
            continue
    return None


def _names(actors: tuple[ActorRef, ...]) -> str:
    return "; ".join(a.name for a in actors)


def acled_row(e: StoryEvent) -> dict:
    day = event_day(e)
    iso, name = country(e.place_country)
    return {
        "event_id_cnty": f"{e.place_country or 'XXX'}-{content_hash(e.story_id, e.key, length=12)}",
        "event_date": day, "year": int(day[:4]) if day else None, "event_type": e.type,
        "sub_event_type": e.mode, "actor1": e.sources[0].name if e.sources else None,
        "assoc_actor_1": _names(e.sources[1:]) or None, "actor2": e.targets[0].name if e.targets else None,
        "assoc_actor_2": _names(e.targets[1:]) or None, "iso": iso, "country": name,
        "admin1": place_detail(e.place, e.place_country, e.lat, e.lon)[1],
        "location": e.place, "latitude": e.lat, "longitude": e.lon, "source": "; ".join(e.outlets),
        "notes": e.sentence, "cameo": e.cameo, "intensity": e.intensity, "quad": e.quad,
        "negated": e.negated, "hypothetical": e.hypothetical, "claimed_by": e.claimed_by,
        "trigger": e.trigger, "reports": e.reports, "outlets": len(e.outlets), "story_id": e.story_id,
        "article_id": e.article_id, "url": e.urls[0] if e.urls else None,
        "sentence_start": e.sentence_span[0], "sentence_end": e.sentence_span[1],
        "confidence": e.confidence,
    }


def _actor_code(a: ActorRef | None) -> str | None:
    if a is None:
        return None
    return ((a.country or "") + (a.sector or "")) or None


def _geo_type(e: StoryEvent) -> int:
    """GDELT: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (0: none)."""
    kind = place_detail(e.place, e.place_country, e.lat, e.lon)[0]
    if kind in ("city", "admin2") or kind is None and e.lat is not None:
        return 3 if e.place_country == "USA" else 4
    if kind == "admin1":
        return 2 if e.place_country == "USA" else 5
    return 1 if e.place_country else 0


def _adm1_code(e: StoryEvent) -> str | None:
    """The event's country and first-level region ('USA-Georgia'; GDELT writes FIPS codes)."""
    admin1 = place_detail(e.place, e.place_country, e.lat, e.lon)[1]
    return f"{e.place_country}-{admin1}" if admin1 and e.place_country else e.place_country


def gdelt_row(e: StoryEvent) -> dict:
    day = event_day(e)
    d = date.fromisoformat(day) if day else None
    a1, a2 = (e.sources[0] if e.sources else None), (e.targets[0] if e.targets else None)
    code = e.cameo or ""
    return {
        "GLOBALEVENTID": int(content_hash(e.story_id, e.key, length=13), 16),
        "SQLDATE": int(d.strftime("%Y%m%d")) if d else None,
        "MonthYear": int(d.strftime("%Y%m")) if d else None, "Year": d.year if d else None,
        "FractionDate": round(d.year + d.timetuple().tm_yday / 365.0, 4) if d else None,
        "Actor1Code": _actor_code(a1), "Actor1Name": a1.name if a1 else None,
        "Actor1CountryCode": a1.country if a1 else None, "Actor1Type1Code": a1.sector if a1 else None,
        "Actor2Code": _actor_code(a2), "Actor2Name": a2.name if a2 else None,
        "Actor2CountryCode": a2.country if a2 else None, "Actor2Type1Code": a2.sector if a2 else None,
        "EventCode": code or None, "EventBaseCode": code[:3] or None, "EventRootCode": code[:2] or None,
        "QuadClass": QUAD_CLASS.get((e.quad or "").lower()), "GoldsteinScale": e.intensity,
        "NumMentions": e.reports, "NumSources": len(e.outlets), "NumArticles": e.reports,
        "ActionGeo_Type": _geo_type(e), "ActionGeo_FullName": e.place,
        "ActionGeo_CountryCode": e.place_country, "ActionGeo_ADM1Code": _adm1_code(e), "ActionGeo_Lat": e.lat, "ActionGeo_Long": e.lon,
        "DATEADDED": int((d.strftime("%Y%m%d") + "000000")) if d else None,
        "SOURCEURL": e.urls[0] if e.urls else None, "PloverType": e.type, "PloverMode": e.mode,
        "Negated": int(e.negated), "Hypothetical": int(e.hypothetical), "Evidence": e.sentence,
        "StoryID": e.story_id, "ArticleID": e.article_id,
    }


def attribution_row(q: StoryAttribution) -> dict:
    sp = q.speaker
    via = json.loads(q.via) if q.via else []
    return {
        "attribution_id": f"{q.story_id}:{q.key}", "published": q.published, "kind": q.kind,
        "speaker": sp.name if sp else None, "speaker_kind": sp.kind if sp else None,
        "speaker_country": sp.country if sp else None, "speaker_sector": sp.sector if sp else None,
        "cue": q.cue, "content": q.content, "via": "; ".join(v.get("text") or "" for v in via) or None,
        "reports": q.reports, "outlets": len(q.outlets), "source": "; ".join(q.outlets),
        "story_id": q.story_id, "article_id": q.article_id, "url": q.urls[0] if q.urls else None,
        "content_start": q.content_span[0], "content_end": q.content_span[1],
    }
