"""Train the learned event layer (parley/events/model/events.json), fixed seed.

1. Candidates: the lexicon's candidate events on every training text (parley.events.corpus),
   cached in out/events-train/candidates.jsonl (`--recollect` rebuilds the cache).
2. Labels: keep = the candidate's type is the text's gold type (gsr-dev, Parley's written
   sets, the synthetic stories' lead sentences), its quad the sentence's quad class
   (conflibert-quad-train; 'statement' has none), or, for police and crime news
   (india-police-events), force or coercion only where the sentence reports police action;
   swap = the candidate's source is the gold target and its target the gold source.
3. Cross-validation, five folds: the gsr-dev folds fixed in eval/data/events_splits.json
   (pooled type / +source / +target P, R, F1 as the reference scorer computes them) with the
   quad and synthetic training texts (by position); each fold is coded by a model trained
   without it, at each keep threshold of THRESHOLDS, beside the lexicon alone. The keep
   threshold and the open typer's threshold (generator.py, opentrain.py) are the pair with the
   best mean of gsr type F1, quad F1 and synthetic type F1 (`quiet`, the share of texts without
   an act left without events, is printed beside it).
4. The final model on all training texts, written as JSON with the CV figures in its meta.

Usage: python -m parley.events.train [--data ../shared/data] [--recollect] [--cv-only]
"""
from __future__ import annotations

import argparse
from dataclasses import replace
import json
import sys
from pathlib import Path

from .. import Settings
from ..resources import Resources
from . import corpus
from .learned import MODEL_FILE, EventModel, Linear, Softmax
from ..plover import PLOVER_QUADS
from .opentrain import fit_open
from .scoring import cv_report, examples, mean_f1

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "out" / "events-train" / "candidates.jsonl"
OUT = Path(__file__).resolve().parent / "model" / MODEL_FILE
SEED = 13
C_KEEP, C_SWAP, C_TYPE = 0.3, 0.3, 0.5
KEEP_THRESHOLD = 0.35
THRESHOLDS = (0.1, 0.2, 0.3, 0.4)                # keep thresholds tried in cross-validation
OPEN_THRESHOLDS = (0.4, 0.5, 0.6, 0.7, 0.8, 1.01)  # open typer thresholds (1.01: no open candidates)
RETYPE, RETYPE_MARGIN = True, 0.5


def collect(data: Path, cache: Path, processes: int = 2) -> list[dict]:
    """1. Candidates of every training text, cached (in text order, `processes` workers)."""
    from multiprocessing import get_context
    cache.parent.mkdir(parents=True, exist_ok=True)
    items = list(corpus.texts(data))
    chunks = [items[k:k + 200] for k in range(0, len(items), 200)]
    with cache.open("w", encoding="utf-8") as fh, get_context("fork").Pool(processes) as pool:
        for k, rows in enumerate(pool.imap(_coded, chunks)):
            fh.writelines(json.dumps(row) + "\n" for row in rows)
            print(f"  {min((k + 1) * 200, len(items))}/{len(items)} texts coded", file=sys.stderr)
    return read(cache)


_RESOURCES: list[Resources] = []


def _coded(chunk: list[dict]) -> list[dict]:
    if not _RESOURCES:
        _RESOURCES.append(Resources(Settings.load()))
    return list(corpus.candidates(chunk, _RESOURCES[0]))


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
                      open=fit_open(rows, PLOVER_QUADS),
                      keep_threshold=KEEP_THRESHOLD, retype_margin=RETYPE_MARGIN, meta=meta)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=Settings.load().data_dir)
    ap.add_argument("--recollect", action="store_true")
    ap.add_argument("--cv-only", action="store_true")
    ap.add_argument("--folds", type=int, default=5, help="cross-validate on the first N of the five folds")
    args = ap.parse_args()
    data = Path(args.data) if Path(args.data).is_absolute() else ROOT / args.data
    if not (data / "events-train").exists():
        print(f"skip: {data}/events-train is absent (set --data or PARLEY_DATA_DIR)")
        return 0
    rows = collect(data, CACHE) if args.recollect or not CACHE.exists() else read(CACHE)
    folds = json.loads(corpus.SPLITS.read_text())["gsr_dev_folds"]
    report = cv_report(rows, folds, train, PLOVER_QUADS, THRESHOLDS, OPEN_THRESHOLDS, args.folds)
    grid = [(t, u) for t in THRESHOLDS for u in OPEN_THRESHOLDS]
    best, best_open = max(grid, key=lambda g: mean_f1(report[f"learned_cv@{g[0]}/{g[1]}"]))
    for name, r in report.items():
        print(f"{name:22s} mean {mean_f1(r):.3f}  gsr-dev type/+source/+target F1 "
              f"{r['gsr']['type']['F1']:.3f}/{r['gsr']['source']['F1']:.3f}/{r['gsr']['full']['F1']:.3f}  "
              f"quad P/R {r['quad']['P']:.3f}/{r['quad']['R']:.3f}  synthetic P/R "
              f"{r['synthetic']['P']:.3f}/{r['synthetic']['R']:.3f}  quiet {r['quiet']:.3f}")
    print(f"keep threshold {best}, open threshold {best_open} (the best mean in cross-validation)")
    if args.cv_only:
        return 0
    keep, swap, types = examples(rows, PLOVER_QUADS)
    meta = {"seed": SEED, "cv_folds": args.folds, "C_keep": C_KEEP, "C_swap": C_SWAP, "C_type": C_TYPE, "keep_examples": len(keep[1]),
            "swap_examples": len(swap[1]), "type_examples": len(types[1]), "keep_threshold_chosen_by_cv": best,
            "open_threshold_chosen_by_cv": best_open,
            "cv": {"lexicon_only": report["lexicon_only"], "learned": report[f"learned_cv@{best}/{best_open}"],
                   "learned_without_open": report[f"learned_cv@{best}/1.01"]}}
    model = train(rows, meta)
    model = replace(model, keep_threshold=best,
                    open=replace(model.open, threshold=best_open) if model.open and best_open <= 1 else None)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(model.to_json(), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{OUT}: keep {len(model.keep.weights)} weights, swap {len(model.swap.weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
