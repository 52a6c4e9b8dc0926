"""Article places in the store (the `places` table, migration 1602): every toponym of an
article with its gazetteer reading, for the article map, the event maps and the place
filter of search."""
from __future__ import annotations

from ..records import PlaceMention


def put(store, article_uid: str, places: tuple[PlaceMention, ...]) -> None:
    for p in places:
        store.insert("places", {
            "article_uid": article_uid, "start_char": p.span[0], "end_char": p.span[1], "text": p.text,
            "name": p.name, "name_key": (p.name or p.text).lower(), "kind": p.kind, "country": p.country,
            "admin1": p.admin1, "lat": p.lat, "lon": p.lon, "geonames_id": p.geonames_id, "role": p.role,
            "actor_uid": f"{article_uid}:{p.actor}" if p.actor else None, "source": p.source}, ignore=True)


def load(store, article_uid: str) -> tuple[PlaceMention, ...]:
    rows = store.query("SELECT * FROM places WHERE article_uid = ? ORDER BY start_char", (article_uid,))
    return tuple(PlaceMention(
        text=r["text"], span=(r["start_char"], r["end_char"]), name=r["name"], kind=r["kind"],
        country=r["country"], admin1=r["admin1"], lat=r["lat"], lon=r["lon"], geonames_id=r["geonames_id"],
        role=r["role"] or "place", actor=r["actor_uid"].split(":", 1)[1] if r["actor_uid"] else None,
        source=r["source"] or "text") for r in rows)


def filter_sql(place: str | None, country: str | None, unit: str = "u") -> tuple[str, list]:
    """SQL conditions (each starting ' AND ') keeping search units whose article names the
    place (gazetteer name or the words of the text, any case) and/or a place in the country
    (ISO3). A place named only as an actor ("Moscow said") counts: it is named."""
    where, params = [], []
    if place:
        where.append(f"EXISTS (SELECT 1 FROM places pl WHERE pl.article_uid = {unit}.article_uid "
                     "AND (pl.name_key = ? OR LOWER(pl.text) = ?))")
        params += [place.strip().lower()] * 2
    if country:
        where.append(f"EXISTS (SELECT 1 FROM places pc WHERE pc.article_uid = {unit}.article_uid AND pc.country = ?)")
        params.append(country.strip().upper())
    return "".join(" AND " + w for w in where), params
