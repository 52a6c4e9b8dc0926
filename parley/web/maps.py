"""Maps drawn on the server as SVG: an article's places, an actor's or a dyad's events.

The country shapes come from the package (`data/countries.json`, Natural Earth 1:110m,
see mapdata.py): no tile server, no CDN, no script. The projection is equirectangular
(x = longitude, y = -latitude), cropped to the places shown (at least 30 x 15 degrees) or
to the inhabited world (-58..84 degrees). Countries the article names are shaded; towns,
regions and event places are dots sized by their count, with a `<title>` naming them.
Every text goes through markupsafe.escape.
"""
from __future__ import annotations

import math
from functools import lru_cache

from markupsafe import Markup, escape

from . import actor_tables
from .mapdata import countries
from .queries import POLARITY, EventFilter, _event_where
from .views import MapPoint

WIDTH = 760
WORLD = (-180.0, -84.0, 360.0, 142.0)      # x, y (= -lat), width, height: 84N to 58S
MIN_SPAN = (30.0, 15.0)
MAP_PLACES = 300                            # most places drawn on an actor's or a dyad's map


@lru_cache(maxsize=1)
def _paths() -> tuple[tuple[str, str, str, tuple[float, float, float, float]], ...]:
    """(iso3, name, SVG path, bounding box x0, y0, x1, y1) of every country, built once."""
    out = []
    for c in countries():
        d, xs, ys = [], [], []
        for ring in c["rings"]:
            d.append("M" + "L".join(f"{x:g},{-y:g}" for x, y in ring) + "Z")
            xs += [x for x, _ in ring]
            ys += [-y for _, y in ring]
        out.append((c["iso3"], c["name"], "".join(d), (min(xs), min(ys), max(xs), max(ys))))
    return tuple(out)


def _view(points: list[MapPoint], shaded: set[str]) -> tuple[float, float, float, float]:
    """The box around the dots and shaded countries, padded; the world when none."""
    xs = [p.lon for p in points if p.lon is not None]
    ys = [-p.lat for p in points if p.lat is not None]
    for iso, _, _, box in _paths():
        if iso in shaded:
            xs += [box[0], box[2]]
            ys += [box[1], box[3]]
    if not xs:
        return WORLD
    w, h = max(max(xs) - min(xs), MIN_SPAN[0]) * 1.3, max(max(ys) - min(ys), MIN_SPAN[1]) * 1.3
    w, h = max(w, h * 1.6), max(h, w / 2.6)         # keep a map-like shape
    if w >= WORLD[2] or h >= WORLD[3]:
        return WORLD
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    x = min(max(cx - w / 2, WORLD[0]), WORLD[0] + WORLD[2] - w)
    y = min(max(cy - h / 2, WORLD[1]), WORLD[1] + WORLD[3] - h)
    return x, y, w, h


def map_svg(points: list[MapPoint] | tuple[MapPoint, ...], title: str, shaded: frozenset[str] = frozenset(),
            polarity: bool = False) -> Markup:
    """The SVG map of `points` (dots) over the countries, `shaded` ones (ISO3) filled."""
    dots = [p for p in points if p.lat is not None and p.lon is not None]
    if not dots and not shaded:                       # no map to draw: say so, send no shapes
        return Markup(f'<svg class="plot map empty" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 '
                      f'{WIDTH} 40" width="{WIDTH}" height="40"><title>{escape(title)}</title><text class="empty" '
                      f'x="{WIDTH / 2}" y="25" text-anchor="middle">no places with a position</text></svg>')
    x, y, w, h = _view(dots, set(shaded))
    height = round(WIDTH * h / w)
    unit = w / WIDTH                                  # one screen pixel in map degrees
    out = [f'<svg class="plot map" xmlns="http://www.w3.org/2000/svg" role="img" '
           f'viewBox="{x:.2f} {y:.2f} {w:.2f} {h:.2f}" width="{WIDTH}" height="{height}" '
           f'preserveAspectRatio="xMidYMid meet"><title>{escape(title)}</title>'
           f'<rect class="sea" x="{x:.2f}" y="{y:.2f}" width="{w:.2f}" height="{h:.2f}"/>']
    for iso, name, d, box in _paths():
        if box[2] < x or box[0] > x + w or box[3] < y or box[1] > y + h:
            continue                                   # outside the view: not sent
        cls = "land named" if iso in shaded else "land"
        out.append(f'<path class="{cls}" d="{d}"><title>{escape(name)}</title></path>')
    top = max((p.count for p in dots), default=1)
    for p in sorted(dots, key=lambda p: -p.count):
        r = (3 + 7 * math.sqrt(p.count / top)) * unit
        cls = _dot_class(p) if polarity else f"dot kind-{escape(p.kind or 'place')}"
        label = f"{p.name}{', ' + p.country if p.country else ''}: {p.count}"
        out.append(f'<circle class="{cls}" cx="{p.lon:.2f}" cy="{-p.lat:.2f}" r="{r:.2f}" '
                   f'stroke-width="{unit:.3f}"><title>{escape(label)}</title></circle>')
    return Markup("".join(out) + "</svg>")


def _dot_class(p: MapPoint) -> str:
    if p.conflict > p.cooperation:
        return "dot conflict"
    return "dot coop" if p.cooperation > p.conflict else "dot other"


def article_points(places) -> tuple[list[MapPoint], frozenset[str]]:
    """The dots (towns, regions; one per place, counted over its mentions) and the shaded
    countries (every country the article names, or holds a named place) of an article."""
    seen: dict[tuple, MapPoint] = {}
    shaded = set()
    for p in places:
        if p.country:
            shaded.add(p.country)
        if p.kind in ("country", "continent") or p.lat is None:
            continue
        key = (p.name or p.text, p.country, p.lat, p.lon)
        old = seen.get(key)
        seen[key] = MapPoint(p.name or p.text, p.country, p.lat, p.lon, p.kind, (old.count if old else 0) + 1)
    return list(seen.values()), frozenset(shaded)


def event_places(store, *, source=None, target=None, either=None, filt: EventFilter = EventFilter()) -> list[MapPoint]:
    """The places of the events of an actor, a direction or a dyad, with their counts (a
    registry actor's asserted events from agg_actor_places)."""
    rows = (actor_tables.places(store, either) if source is None and target is None and filt == EventFilter()
            else None)
    if rows is None:
        rows = _places(store, source, target, either, filt)
    return merge_points([MapPoint(r["name"], r["country"], r["lat"], r["lon"], r["kind"], r["n"],
                                  r["n"] if r["polarity"] == "cooperation" else 0,
                                  r["n"] if r["polarity"] == "conflict" else 0) for r in rows])


def _places(store, source, target, either, filt: EventFilter) -> list[dict]:
    where = _event_where(source, target, either, filt, store).add("e.lat IS NOT NULL AND e.lon IS NOT NULL")
    return store.query(
        f"SELECT e.place_name AS name, e.place_country AS country, e.lat AS lat, e.lon AS lon, "
        f"MIN(e.place_kind) AS kind, {POLARITY} AS polarity, COUNT(*) AS n "
        f"FROM events e JOIN articles ar ON ar.uid = e.article_uid{where.sql} "
        f"GROUP BY e.place_name, e.place_country, e.lat, e.lon, {POLARITY} "
        f"ORDER BY e.place_name, e.place_country, e.lat, e.lon, polarity", where.params)


def merge_points(points: list[MapPoint]) -> list[MapPoint]:
    """Points of the same place added up (the two directions of a dyad), most counted first."""
    merged: dict[tuple, MapPoint] = {}
    for p in points:
        key = (p.name, p.country, p.lat, p.lon)
        old = merged.get(key)
        merged[key] = p if old is None else MapPoint(
            p.name, p.country, p.lat, p.lon, old.kind or p.kind, old.count + p.count,
            old.cooperation + p.cooperation, old.conflict + p.conflict)
    return sorted(merged.values(), key=lambda p: (-p.count, p.name))
