"""Geoparsing: toponyms of an article -> gazetteer places (name, kind, country, admin1, point).

    >>> geo = load()                  # once per process (Resources.geoparser)
    >>> [(p.text, p.kind, p.country) for p in geo.parse(doc)]
    [('Aleppo', 'city', 'SYR'), ('Syrian', 'country', 'SYR')]

Steps: recognise candidates (`toponyms.py`), score each one's gazetteer options with the
article's evidence (`resolve.py`, weights in `model/ranker.json`), keep one place a name.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..records import PlaceMention
from .gazetteer import Gazetteer, load_gazetteer
from .ranker import load as load_weights
from .resolve import clean_name, resolve
from .toponyms import Candidate, doc_text, find_candidates

__all__ = ["Geoparser", "clean_name", "load"]


@dataclass(frozen=True)
class Geoparser:
    gazetteer: Gazetteer
    weights: tuple[float, ...]

    def parse(self, doc) -> list[tuple[PlaceMention, Candidate]]:
        """Every toponym of `doc` with its place (role and actor are set by the caller)."""
        cands = find_candidates(doc, self.gazetteer)
        rows = resolve(cands, doc_text(doc), self.gazetteer, list(self.weights))
        return [(self._mention(c, r), c) for c, r in zip(cands, rows)]

    def _mention(self, c: Candidate, r: int | None) -> PlaceMention:
        source = "dateline" if c.source == "dateline" else "text"
        if r is None:
            return PlaceMention(text=c.text, span=(c.start, c.end), source=source)
        g = self.gazetteer
        gid = g.ids[r]
        return PlaceMention(text=c.text, span=(c.start, c.end), name=g.names[r], kind=g.kind(r),
                            country=g.countries[r], admin1=g.admin1[r], lat=round(float(g.lat[r]), 5),
                            lon=round(float(g.lon[r]), 5), geonames_id=None if gid.startswith("x") else gid,
                            source=source)


def load() -> Geoparser:
    return Geoparser(load_gazetteer(), tuple(load_weights()))
