"""Toponym resolution: each candidate -> one gazetteer place, using the whole article.

Every place called by the candidate's name is scored by a linear ranker (`ranker.py`, weights
learned on LGL by `make train-geo`) over evidence from the article:
- its size (log of the population) and kind (country, first-level region, town, ...);
- the share of the article's place names that can lie in its country; the first-level
  regions the article names ("Gainesville" in an article that names Georgia); the
  dateline's country; a qualifier right after the name ("Alexandria, Va."); whether it is
  a national capital, and whether the name is its main name or another spelling;
- one sense per article: every mention of a name takes the place its best-supported
  mention took.
Two passes: the second takes its context from the first pass's choices.
"""
from __future__ import annotations

import math
import re
from array import array
from collections import Counter

import numpy as np

from ..actors.countries import country_resolver
from .gazetteer import KINDS, Gazetteer
from .toponyms import Candidate

QUALIFIER = re.compile(r"\A\.?,\s*(?:the\s+)?([A-Z][A-Za-z.]*(?:\s+[A-Z][A-Za-z.]*){0,2})")
ADMIN2_WORDS = re.compile(r"\b(county|parish|borough|district|province|prefecture|region|township|municipality)\b", re.I)
FEATURES = (*(f"kind_{k}" for k in KINDS), "log_population", "country_share", "admin1_named",
            "qualifier", "capital", "main_country", "dateline_country", "main_name", "country_name", "most_populous",
            "first_listed", "log_options", "proximity", "admin1_of_main", "capital_of_main")
NEAR_KINDS = ("city", "admin2", "admin1")    # places whose point says where the article is
NEAR_OPTIONS = 20                              # in the first pass, the options of names with at most this many


_POSSESSIVE = re.compile(r"['’]s?$")


def clean_name(text: str) -> str:
    name = " ".join(text.split())
    name = name[4:] if name.lower().startswith("the ") else name
    return _POSSESSIVE.sub("", name)


OF_PLACE = re.compile(r"^(?:(?:State\s+)?University|College|Bank|Museum|Government|Governor|Department|Ministry|Council|"
                      r"Parliament|Assembly|City|Town|Village|County|State|Province|Port|Republic|Kingdom)"
                      r"\s+of\s+(?:the\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)$")
COUNTRY_ALIASES = {"america": "USA"}
# A hamlet named after a country or region ("Middle East", Md.) is not what the name means.
WIDE_KINDS = ("country", "continent", "region")
NAMESAKE_POPULATION = 15000            # "America" in news is the United States


def country_of(c: Candidate) -> str | None:
    """The country (ISO3) the candidate's words name, if they name one."""
    name = clean_name(c.text)
    return c.demonym or country_resolver().iso3(name) or COUNTRY_ALIASES.get(name.lower())


def options(c: Candidate, gaz: Gazetteer) -> list[int]:
    """Row ids of the places `c` may name."""
    name = clean_name(c.text)
    rows = list(gaz.lookup(name) or gaz.lookup(name + "."))
    if not rows and (m := OF_PLACE.match(name)):   # "University of Georgia": the state or the country
        rows = list(gaz.lookup(m[1]))
    iso = country_of(c)
    if iso and iso in gaz.country_row and gaz.country_row[iso] not in rows:
        rows.insert(0, gaz.country_row[iso])
    if any(gaz.kind(r) in WIDE_KINDS and gaz.names[r].lower() == name.lower() for r in rows):
        rows = [r for r in rows if gaz.kind(r) != "city" or gaz.population[r] >= NAMESAKE_POPULATION]
    if not ADMIN2_WORDS.search(name):
        rows = [r for r in rows if gaz.kind(r) != "admin2" or not any(
            gaz.kind(o) == "city" and gaz.countries[o] == gaz.countries[r] for o in rows)]
    return rows


class Context:
    """What the article says about where it is: countries, regions, the dateline."""

    def __init__(self, gaz: Gazetteer, choices: list[list[int]], dateline: int | None):
        self.gaz = gaz
        self.countries: Counter = Counter()
        self.admin1: Counter = Counter()
        for rows in choices:
            # sorted: the order of insertion decides ties (main_country) and the float sums, and
            # a set's order changes with PYTHONHASHSEED from one process to the next
            named = sorted({gaz.countries[r] for r in rows}, key=lambda iso: iso or "")
            for iso in named:
                self.countries[iso] += 1 / len(named)
            regions = {(gaz.countries[r], gaz.admin1[r]) for r in rows if gaz.kind(r) == "admin1"}
            if len(rows) == 1 and gaz.kind(rows[0]) in ("admin2", "city"):
                regions.add((gaz.countries[rows[0]], gaz.admin1[rows[0]]))
            for key in sorted(regions, key=lambda k: (k[0] or "", k[1] or "")):
                self.admin1[key] += 1 / len(regions)
        # points of the places the article names for sure (one option, or the pass before's choice)
        near = sorted({r for rows in choices if len(rows) <= NEAR_OPTIONS for r in rows if gaz.kind(r) in NEAR_KINDS})
        self.point_rows = np.array(near, dtype=np.int64)
        self.point_lat = np.radians(np.array([gaz.lat[r] for r in near], dtype=np.float64))
        self.point_lon = np.radians(np.array([gaz.lon[r] for r in near], dtype=np.float64))
        self.point_coslat = np.cos(self.point_lat)
        self.point_index = {r: i for i, r in enumerate(near)}
        self._near: dict[tuple[int, ...], dict[int, float]] = {}
        self.total = max(1.0, sum(self.countries.values()))
        self.main_country = max(self.countries, key=self.countries.get) if self.countries else None
        self.dateline_country = gaz.countries[dateline] if dateline is not None else None

    def features(self, r: int, rows: list[int], name: str, qualifier: str | None, iso: str | None,
                 max_pop: int | None = None) -> list[float]:
        g = self.gaz
        kind, country = g.kind(r), g.countries[r]
        out = [float(kind == k) for k in KINDS]
        out.append(math.log10(g.population[r] + 1) / 7)
        out.append(self.countries[country] / self.total if country else 0.0)
        out.append(float(kind in ("city", "admin2") and self.admin1[(country, g.admin1[r])] >= 0.5))
        out.append(float(bool(qualifier) and _qualifies(g, r, qualifier)))
        out.append(float(r in g.capitals))
        out.append(float(bool(country) and country == self.main_country))
        out.append(float(bool(country) and country == self.dateline_country))
        out.append(float(g.names[r].lower() == name.lower()))
        out.append(float(kind == "country" and country == iso))
        if max_pop is None:
            max_pop = max(g.population[o] for o in rows)
        out.append(float(g.population[r] == max_pop))
        out.append(float(r == rows[0]))
        out.append(math.log10(len(rows)))
        out.append(self.proximity(r, rows))
        main = bool(country) and country == self.main_country
        out.append(float(kind == "admin1" and main))        # "Georgia" in an American article
        out.append(float(r in g.capitals and main))         # "Washington" in an American article
        return out

    def score(self, r: int, rows: list[int], name: str, qualifier: str | None, iso: str | None, max_pop: int,
              weights: list[float]) -> float:
        """The ranker's score of `r`: the products `w * f` of `self.features(...)` added one by one
        in their order (as `sum` does on Python 3.11, to the last bit), without building the
        feature list; the first terms (kind, population) depend on the row alone and their sum
        is kept per row. Indices follow `FEATURES` (tests/test_geo_speed.py checks them)."""
        g, w = self.gaz, weights
        s = _static_sum(g, r, w)
        kind, country = g.kind(r), g.countries[r]
        main = bool(country) and country == self.main_country
        s = s + w[7] * (self.countries[country] / self.total if country else 0.0)
        s = s + w[8] * float(kind in ("city", "admin2") and self.admin1[(country, g.admin1[r])] >= 0.5)
        s = s + w[9] * float(bool(qualifier) and _qualifies(g, r, qualifier))
        capital = r in g.capitals
        s = s + w[10] * float(capital)
        s = s + w[11] * float(main)
        s = s + w[12] * float(bool(country) and country == self.dateline_country)
        s = s + w[13] * float(g.names[r].lower() == name.lower())
        s = s + w[14] * float(kind == "country" and country == iso)
        s = s + w[15] * float(g.population[r] == max_pop)
        s = s + w[16] * float(r == rows[0])
        s = s + w[17] * math.log10(len(rows))
        s = s + w[18] * self.proximity(r, rows)
        s = s + w[19] * float(kind == "admin1" and main)
        return s + w[20] * float(capital and main)

    def proximity(self, r: int, rows: list[int]) -> float:
        """How near `r` lies to the nearest other place the article names (1 at 0 km, 0.5 at
        100 km, 0.25 at 1,000 km, 0 at 10,000 km or with no other place); the points of the
        candidate's own options do not count. Computed for all of `rows` at once, kept."""
        key = tuple(rows)
        if key not in self._near:
            self._near[key] = self._proximities(rows)
        return self._near[key].get(r, 0.0)

    def _proximities(self, rows: list[int]) -> dict[int, float]:
        other = np.ones(len(self.point_rows), dtype=bool)
        other[[self.point_index[r] for r in rows if r in self.point_index]] = False
        if not other.any():
            return {}
        la = np.radians(np.array([self.gaz.lat[r] for r in rows], dtype=np.float64))[:, None]
        lo = np.radians(np.array([self.gaz.lon[r] for r in rows], dtype=np.float64))[:, None]
        plat, plon = self.point_lat[other][None, :], self.point_lon[other][None, :]
        h = np.sin((plat - la) / 2) ** 2 + np.cos(la) * self.point_coslat[other][None, :] * np.sin((plon - lo) / 2) ** 2
        nearest = 6371 * 2 * np.arcsin(np.sqrt(np.minimum(1.0, h.min(axis=1))))
        value = np.maximum(0.0, 1 - np.log10(1 + nearest) / 4)
        return {r: float(v) for r, v in zip(rows, value)}


N_STATIC = len(KINDS) + 1            # the features of the row alone: its kind, its population


def _static_sum(g: Gazetteer, r: int, weights: list[float]) -> float:
    """The sum of the row-only terms of `Context.features` (0 + w0*f0 + w1*f1 + ..., in that
    order), kept on the gazetteer: one float a row for each set of weights (2 MB at most)."""
    key = tuple(weights[:N_STATIC])
    sums = g.__dict__.setdefault("_static_sums", {})
    column = sums.get(key)
    if column is None:
        column = sums[key] = array("d", [math.nan]) * len(g.ids)
    s = column[r]
    if s != s:                        # not computed yet (NaN)
        kind = g.kind(r)
        s = 0
        for w, k in zip(weights, KINDS):
            s = s + w * float(kind == k)
        s = column[r] = s + weights[len(KINDS)] * (math.log10(g.population[r] + 1) / 7)
    return s


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in kilometres."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(min(1, h)))


def _qualifies(g: Gazetteer, r: int, qualifier: str) -> bool:
    iso = country_resolver().iso3(qualifier)
    if iso:
        return g.countries[r] == iso
    return any(g.kind(q) == "admin1" and g.countries[q] == g.countries[r] and g.names[q] == g.admin1[r]
               for q in g.lookup(qualifier))


def _qualifier(text: str, c: Candidate) -> str | None:
    m = QUALIFIER.match(text[c.end:c.end + 40])
    return m.group(1) if m else None


def evidence(cands: list[Candidate], text: str, gaz: Gazetteer):
    """(options, qualifiers, country names, dateline row) of each candidate."""
    opts = [options(c, gaz) for c in cands]
    quals = [_qualifier(text, c) for c in cands]
    isos = [country_of(c) for c in cands]
    dl = next((o[0] for c, o in zip(cands, opts) if c.source == "dateline" and o), None)
    return opts, quals, isos, dl


def resolve(cands: list[Candidate], text: str, gaz: Gazetteer, weights: list[float]) -> list[int | None]:
    """The chosen row of each candidate (None: the gazetteer knows no such place)."""
    opts, quals, isos, dl = evidence(cands, text, gaz)
    choice = choose(cands, opts, quals, isos, Context(gaz, opts, dl), weights)
    context = Context(gaz, [[r] if r is not None else [] for r in choice], dl)
    return choose(cands, opts, quals, isos, context, weights)


def choose(cands, opts, quals, isos, context: Context, weights: list[float]) -> list[int | None]:
    best: dict[str, tuple[float, int]] = {}
    seen: set[tuple] = set()
    names = [clean_name(c.text) for c in cands]
    union: dict[str, set[int]] = {}
    for name, rows in zip(names, opts):
        union.setdefault(name.lower(), set()).update(rows)
    for name, rows, q, iso in zip(names, opts, quals, isos):
        if (name, q, iso) in seen or not rows:
            continue                  # the same evidence scores the same
        seen.add((name, q, iso))
        if len(union[name.lower()]) == 1:
            best[name.lower()] = (0.0, rows[0])   # one place for every mention of the name: no score decides
            continue
        max_pop = max(context.gaz.population[o] for o in rows)
        for r in rows:
            s = context.score(r, rows, name, q, iso, max_pop, weights)
            if name.lower() not in best or s > best[name.lower()][0]:
                best[name.lower()] = (s, r)
    return [best[name.lower()][1] if rows else None for name, rows in zip(names, opts)]
