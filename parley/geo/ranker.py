"""The learned weights of the toponym ranker (`resolve.FEATURES`), shipped as JSON.

Rebuilt by `make train-geo` (`parley.geo.train`): logistic regression over the options of
each toponym of LGL's training documents (80% of the articles, chosen by a hash of their
id; the other 20% and all of TR-News stay held out).
"""
from __future__ import annotations

import json
from pathlib import Path

from .resolve import FEATURES

PATH = Path(__file__).parent / "model" / "ranker.json"


def load(path: Path = PATH) -> list[float]:
    """The weights, in the order of `FEATURES` (the intercept does not change a ranking)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError(f"{path} was trained on features {data['features']}, the code has {list(FEATURES)}: "
                         "run `make train-geo`")
    return [float(w) for w in data["weights"]]
