"""The cue lexicon (data/cues.tsv): reporting and stance verbs."""
from __future__ import annotations

from functools import lru_cache

from ..data import list_rows


@lru_cache(maxsize=1)
def cue_lemmas() -> dict[str, str]:
    return {lemma: cls for lemma, cls, *_ in list_rows("cues.tsv")}
