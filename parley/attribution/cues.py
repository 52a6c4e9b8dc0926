"""The cue lexicon (data/cues.tsv): reporting and stance verbs."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def cue_lemmas() -> dict[str, str]:
    out = {}
    text = resources.files("parley.data").joinpath("cues.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, cls = line.split("\t")[:2]
            out[lemma.strip()] = cls.strip()
    return out
