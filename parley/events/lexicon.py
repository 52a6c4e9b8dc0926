"""Event trigger lexicon (data/event_triggers.tsv) and the CAMEO intensity scale."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

QUADS = {"1": "verbal cooperation", "2": "material cooperation",
         "3": "verbal conflict", "4": "material conflict"}


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str
    type: str
    mode: str | None
    cameo: str


def _lines(name: str) -> list[list[str]]:
    text = resources.files("parley.data").joinpath(name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def triggers() -> dict[tuple[str, str], Trigger]:
    out: dict[tuple[str, str], Trigger] = {}
    for lemma, pos, typ, mode, cameo in (row[:5] for row in _lines("event_triggers.tsv")):
        out.setdefault((lemma, pos), Trigger(lemma, pos, typ, None if mode == "-" else mode, cameo))
    return out


@lru_cache(maxsize=1)
def cameo_scale() -> dict[str, tuple[float, str]]:
    return {root: (float(score), QUADS[quad]) for root, score, quad, *_ in _lines("cameo_scale.tsv")}


def intensity(cameo: str | None) -> tuple[float | None, str | None]:
    """Goldstein score and quad class of a CAMEO code (by its two-digit root)."""
    if not cameo:
        return None, None
    return cameo_scale().get(cameo[:2], (None, None))
