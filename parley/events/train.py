"""Train the learned event layer (parley/events/model/events.json), fixed seed.

1. Candidates: the lexicon's candidate events on every training text (parley.events.corpus),
   cached in out/events-train/candidates.jsonl (`--recollect` rebuilds the cache).
2. Labels: keep = the candidate's type is the text's gold type (gsr-dev, Parley's written
   sets, the synthetic stories' lead sentences), its quad the sentence's quad class
   (conflibert-quad-train; 'statement' has none), or, for police and crime news
   (india-police-events), force or coercion only where the sentence reports police action;
   swap = the candidate's source is the gold target and its target the gold source.
3. Cross-validation on the five gsr-dev folds fixed in eval/data/events_splits.json: train
   on everything but one fold, code that fold; pooled type / +source / +target P, R, F1
   (the reference scorer's definitions) beside the lexicon alone: the honest gsr-like estimate.
4. The final model on all training texts, written as JSON.

Usage: python -m parley.events.train [--data ../shared/data] [--recollect] [--cv-only]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .. import Settings
from ..resources import Resources
from . import corpus
from .learned import MODEL_FILE, EventModel, Linear, Softmax
from .lexicon import PLOVER_QUADS
from .scoring import cv_report, examples

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "out" / "events-train" / "candidates.jsonl"
OUT = Path(__file__).resolve().parent / "model" / MODEL_FILE
SEED = 13
C_KEEP, C_SWAP, C_TYPE = 0.3, 0.3, 0.5
KEEP_THRESHOLD = 0.35
RETYPE, RETYPE_MARGIN = True, 0.3


def collect(data: Path, cache: Path) -> list[dict]:
    """1. Candidates of every training text, cached."""
    cache.parent.mkdir(parents=True, exist_ok=True)
    items = list(corpus.texts(data))
    res = Resources(Settings.load())
    with cache.open("w", encoding="utf-8") as fh:
        for k, row in enumerate(corpus.candidates(items, res)):
            fh.write(json.dumps(row) + "\n")
            if k % 1000 == 0:
                print(f"  {k}/{len(items)} texts coded", file=sys.stderr)
    return read(cache)


def read(cache: Path) -> list[dict]:
    return [json.loads(line) for line in cache.open(encoding="utf-8")]


def fit(X: list[list[str]], y: list[int], w: list[float], C: float) -> Linear:
    """A logistic regression on binary string features, as a Linear scorer."""
    if len(set(y)) < 2:                      # one class only: a constant scorer
        return Linear(10.0 if y and y[0] else -10.0, {})
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer()
    M = vec.fit_transform([dict.fromkeys(f, 1) for f in X])
    lr = LogisticRegression(C=C, max_iter=2000, random_state=SEED)
    lr.fit(M, y, sample_weight=w)
    names = vec.get_feature_names_out()
    weights = {str(n): round(float(c), 4) for n, c in zip(names, lr.coef_[0]) if abs(c) >= 1e-3}
    return Linear(round(float(lr.intercept_[0]), 4), weights)


def fit_types(X: list[list[str]], y: list[str], w: list[float], C: float) -> Softmax:
    """A multinomial logistic regression over PLOVER types, one Linear per type."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    vec = DictVectorizer()
    M = vec.fit_transform([dict.fromkeys(f, 1) for f in X])
    lr = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
    lr.fit(M, y, sample_weight=w)
    names = vec.get_feature_names_out()
    return Softmax({str(c): Linear(round(float(b), 4), {str(n): round(float(v), 4) for n, v in zip(names, row)
                                                        if abs(v) >= 2e-3})
                    for c, b, row in zip(lr.classes_, lr.intercept_, lr.coef_)})


def train(rows: list[dict], meta: dict | None = None) -> EventModel:
    keep, swap, types = examples(rows, PLOVER_QUADS)
    return EventModel(keep=fit(*keep, C=C_KEEP), swap=fit(*swap, C=C_SWAP),
                      types=fit_types(*types, C=C_TYPE) if RETYPE else None,
                      keep_threshold=KEEP_THRESHOLD, retype_margin=RETYPE_MARGIN, meta=meta)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=Settings.load().data_dir)
    ap.add_argument("--recollect", action="store_true")
    ap.add_argument("--cv-only", action="store_true")
    args = ap.parse_args()
    data = Path(args.data) if Path(args.data).is_absolute() else ROOT / args.data
    if not (data / "events-train").exists():
        print(f"skip: {data}/events-train is absent (set --data or PARLEY_DATA_DIR)")
        return 0
    rows = collect(data, CACHE) if args.recollect or not CACHE.exists() else read(CACHE)
    folds = json.loads(corpus.SPLITS.read_text())["gsr_dev_folds"]
    report = cv_report(rows, folds, train)
    print(json.dumps(report, indent=1))
    if args.cv_only:
        return 0
    keep, swap, types = examples(rows, PLOVER_QUADS)
    meta = {"seed": SEED, "C_keep": C_KEEP, "C_swap": C_SWAP, "C_type": C_TYPE, "keep_examples": len(keep[1]),
            "swap_examples": len(swap[1]), "type_examples": len(types[1]), "gsr_dev_cv": report}
    model = train(rows, meta)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(model.to_json(), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{OUT}: keep {len(model.keep.weights)} weights, swap {len(model.swap.weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
