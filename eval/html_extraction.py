"""Body extraction on the article-extraction-benchmark, scored the way that benchmark does.

Per page: shingles of 4 consecutive word tokens (regex \\w+, case kept) of the ground-truth
body and of Parley's article text; TP/FP/FN from shingle counts, normalised per page;
precision and recall averaged over pages (pages with no prediction / no truth left out of
the respective average, as evaluate.py does); F1 of the two averages.

Usage: python eval/html_extraction.py [--data ../shared/data] [--json]
"""
from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from parley import Rejection, Settings
from parley.ingest import read_articles

_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    toks = _TOKEN.findall(text or "")
    return Counter(tuple(toks[i:i + n]) for i in range(max(1, len(toks) - n + 1)) if toks[i:i + n])


def tp_fp_fn(true: str, pred: str) -> tuple[float, float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    s = tp + fp + fn
    return (tp / s, fp / s, fn / s) if s else (0.0, 0.0, 0.0)


def score(pairs: list[tuple[str, str]]) -> dict[str, float]:
    counts = [tp_fp_fn(t, p) for t, p in pairs]
    prec = [1.0 if fp == fn == 0 else tp / (tp + fp) for tp, fp, fn in counts if tp + fp > 0]
    rec = [1.0 if fp == fn == 0 else tp / (tp + fn) for tp, fp, fn in counts if tp + fn > 0]
    p, r = statistics.mean(prec), statistics.mean(rec)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r), "pages": len(pairs)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=Settings.load().data_dir)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    root = Path(args.data) / "article-extraction-benchmark"
    if not root.exists():
        print(f"skip: {root} is absent (set --data or PARLEY_DATA_DIR)")
        return 0
    truth = json.loads((root / "ground-truth.json").read_text())
    t0 = time.time()
    pred = {}
    rejected = []
    # Body extraction is scored on every page whatever its language (ingest rejects non-English).
    for item in read_articles(sorted((root / "html").glob("*.html.gz")), Settings.load(languages="any")):
        if isinstance(item, Rejection):
            rejected.append(item.id)
            pred[item.id] = ""
        else:
            pred[item.id] = item.text
    result = score([(v["articleBody"], pred.get(k, "")) for k, v in truth.items()])
    result.update(seconds=round(time.time() - t0, 1), rejected=len(rejected))
    if args.json:
        print(json.dumps(result))
    else:
        print(f"article-extraction-benchmark: {result['pages']} pages, {len(rejected)} without a body, "
              f"{result['seconds']} s")
        print(f"precision {result['precision']:.3f}  recall {result['recall']:.3f}  F1 {result['f1']:.3f}"
              "  (trafilatura 2.0 reported by the benchmark: F1 0.958)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
