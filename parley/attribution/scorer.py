"""The trained attribution model: two logistic scorers (cue, content unit) and the cue
lexicon, stored as plain JSON weights (model/attribution.json) and loaded once per
process. Scoring adds one weight per feature string: no numpy or scikit-learn at run time.

`make train-attribution` rebuilds the file from PolNeAR train (parley.attribution.train).
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat
from importlib import resources

MODEL_FILE = "attribution.json"


@dataclass(frozen=True)
class Linear:
    """A logistic scorer: P = sigmoid(bias + sum of the weights of the features present)."""

    bias: float
    weights: dict[str, float]

    def score(self, features: list[str]) -> float:
        return self.bias + sum(map(self.weights.get, features, repeat(0.0)))   # w.get(f, 0.0) each

    def prob(self, features: list[str]) -> float:
        z = self.score(features)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class AttributionModel:
    lexicon: frozenset[str]         # lemmas that head a cue in the training data
    cue: Linear
    unit: Linear
    cue_threshold: float = 0.5
    unit_threshold: float = 0.5
    meta: dict | None = None
    start: Linear | None = None     # content boundary scorers (spans.py); None: draft kept
    end: Linear | None = None
    source: Linear | None = None    # source candidate scorer (sources.py); None: the rule
    keep: Linear | None = None      # keep/drop of a decoded attribution (keep.py); None: keep all
    keep_threshold: float = 0.5
    np_keep_threshold: float = 0.5  # keep threshold of a content without a verb or a quote

    def to_json(self) -> dict:
        bounds = {k: {"bias": v.bias, "weights": v.weights} for k, v in
                  (("start", self.start), ("end", self.end), ("source", self.source),
                                  ("keep", self.keep)) if v is not None}
        return {**bounds, "keep_threshold": self.keep_threshold,
                "np_keep_threshold": self.np_keep_threshold, "lexicon": sorted(self.lexicon), "cue_threshold": self.cue_threshold,
                "unit_threshold": self.unit_threshold, "meta": self.meta or {},
                "cue": {"bias": self.cue.bias, "weights": self.cue.weights},
                "unit": {"bias": self.unit.bias, "weights": self.unit.weights}}

    @classmethod
    def from_json(cls, obj: dict) -> "AttributionModel":
        return cls(lexicon=frozenset(obj["lexicon"]),
                   cue=Linear(obj["cue"]["bias"], obj["cue"]["weights"]),
                   unit=Linear(obj["unit"]["bias"], obj["unit"]["weights"]),
                   cue_threshold=obj.get("cue_threshold", 0.5),
                   unit_threshold=obj.get("unit_threshold", 0.5), meta=obj.get("meta"),
                   start=_linear(obj.get("start")), end=_linear(obj.get("end")),
                   source=_linear(obj.get("source")), keep=_linear(obj.get("keep")),
                   keep_threshold=obj.get("keep_threshold", 0.5),
                   np_keep_threshold=obj.get("np_keep_threshold", obj.get("keep_threshold", 0.5)))


def _linear(obj: dict | None) -> Linear | None:
    return Linear(obj["bias"], obj["weights"]) if obj else None


@lru_cache(maxsize=1)
def load_model() -> AttributionModel:
    """The committed model (a cache, not shared state: it never changes in a process)."""
    path = resources.files("parley.attribution").joinpath("model", MODEL_FILE)
    if not path.is_file():
        raise FileNotFoundError(f"attribution model {path} is missing: run `make train-attribution`")
    return AttributionModel.from_json(json.loads(path.read_text("utf-8")))
