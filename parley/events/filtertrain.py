"""Train the whole-article event filter (parley/events/model/events_filter.json), fixed seed.

1. Articles: whole annotated articles, each directory holding articles.jsonl (id, text,
   published, ...) and gold.jsonl (id, events: evidence substring, PLOVER type, source,
   target; see eval/data/articles_train/), plus the seven development articles of
   eval/data/events_dev_articles.txt (req and opt lines both count as acts).
2. Each article goes through the real pipeline with the filter recording: every event the
   learned layer kept, with its article features (article_filter.py). An event is right
   (label 1) when a gold event of its type has its evidence in the event's sentence.
3. Cross-validation: five folds fixed by a hash of the article id (fold_of), so an article's
   fold never depends on which articles exist. Each fold's events are scored by a filter
   trained without that fold, at each threshold of THRESHOLDS, beside no filter: pooled
   precision (right events / events) and recall (gold acts with an event of their type in
   their sentence / gold acts) over the held-out folds. The threshold is the one with the
   best F0.5 in cross-validation (precision is the gap on whole articles).
4. The final filter on every article.

Usage: python -m parley.events.filtertrain [--articles DIR ...] [--cv-only]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

from .. import Settings
from ..records import Article
from ..resources import Resources
from .article_filter import MODEL_FILE, TITLE, ArticleFilter

ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ROOT / "eval" / "data" / "articles_train"
DEV_GOLD = ROOT / "eval" / "data" / "events_dev_articles.txt"
DEV_CORPUS = ROOT / "demo" / "corpus" / "wikinews.jsonl"
OUT = Path(__file__).resolve().parent / "model" / MODEL_FILE
SEED, FOLDS, C = 13, 5, 0.3
THRESHOLDS = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


def fold_of(article_id: str) -> int:
    """The article's cross-validation fold, fixed by its id alone."""
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % FOLDS


def read_dir(directory: Path) -> list[dict]:
    """Articles of one annotation directory with their gold acts: (start, end, {types}, required)."""
    golds = {g["id"]: g for f in sorted(directory.glob("gold*.jsonl")) for g in _jsonl(f)}
    out = []
    for a in (a for f in sorted(directory.glob("articles*.jsonl")) for a in _jsonl(f)):
        if a["id"] not in golds:
            continue                              # annotated later: not yet gold
        acts = []
        for e in golds[a["id"]].get("events", []):
            k = a["text"].find(e["evidence"])
            if k >= 0 and e.get("type"):
                acts.append((k, k + len(e["evidence"]), {e["type"]}, not e.get("negated")))
        out.append({"id": a["id"], "text": a["text"], "published": a.get("published"), "acts": acts})
    return out


def read_dev() -> list[dict]:
    """The seven development articles (snippet | types | req/opt lines)."""
    lines: dict[str, list] = defaultdict(list)
    for line in DEV_GOLD.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            art, snippet, types, need = (c.strip() for c in line.split(" | "))
            lines[art].append((snippet, set(types.split(",")), need == "req"))
    out = []
    for r in _jsonl(DEV_CORPUS):
        if r["id"] in lines:
            acts = [(k, k + len(s), types, req) for s, types, req in lines[r["id"]] if (k := r["text"].find(s)) >= 0]
            out.append({"id": r["id"], "text": r["text"], "published": r.get("published"), "acts": acts})
    return out


def _jsonl(path: Path) -> list[dict]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def record(articles: list[dict], settings: Settings) -> list[dict]:
    """2. Every kept event of every article with its features and label, one row per event."""
    from ..pipeline import Pipeline
    res = Resources(settings)
    recorder = ArticleFilter(model=None, record=[])
    res.__dict__["event_filter"] = recorder
    pipe = Pipeline(settings, res)
    rows = []
    for art in articles:
        recorder.record.clear()
        article = Article(id=art["id"], text=art["text"], source=art["id"], published=art.get("published"))
        list(pipe.run_articles([article]))
        for e, features in recorder.record:
            s0, s1 = e.sentence_span
            right = any(a < s1 and s0 < b and e.type in types for a, b, types, _ in art["acts"])
            rows.append({"article": art["id"], "sentence": [s0, s1], "type": e.type, "features": features,
                         "label": int(right)})
        print(f"  {art['id']}: {sum(r['article'] == art['id'] for r in rows)} events", file=sys.stderr)
    return rows


def fit(rows: list[dict]):
    """The filter's scorer on the events of body sentences (the title is never filtered)."""
    from .train import fit as fit_linear
    rows = [r for r in rows if r["features"][0] != TITLE]
    return fit_linear([r["features"] for r in rows], [r["label"] for r in rows], [1.0] * len(rows), C=C)


def scores(rows: list[dict], articles: list[dict], kept: list[bool]) -> dict:
    """Pooled P (right kept events / kept events) and R (required gold acts with a kept event
    of their type in their sentence / required gold acts)."""
    events = sum(kept)
    right = sum(r["label"] for r, k in zip(rows, kept) if k)
    by_article = defaultdict(list)
    for r, k in zip(rows, kept):
        if k:
            by_article[r["article"]].append(r)
    acts = [(a["id"], act) for a in articles for act in a["acts"] if act[3]]
    found = sum(any(r["sentence"][0] < act[1] and act[0] < r["sentence"][1] and r["type"] in act[2]
                    for r in by_article[aid]) for aid, act in acts)
    P, R = right / events if events else 0.0, found / len(acts) if acts else 0.0
    return {"events": events, "acts": len(acts), "P": round(P, 3), "R": round(R, 3),
            "F1": round(2 * P * R / (P + R), 3) if P + R else 0.0,
            "F0.5": round(1.25 * P * R / (0.25 * P + R), 3) if P + R else 0.0}


def cross_validate(rows: list[dict], articles: list[dict]) -> dict:
    """3. Probabilities of each event from the filter trained without its article's fold."""
    prob = [0.0] * len(rows)
    for k in range(FOLDS):
        train = [r for r in rows if fold_of(r["article"]) != k]
        if not any(fold_of(r["article"]) == k for r in rows):
            continue
        model = fit(train)
        for j, r in enumerate(rows):
            if fold_of(r["article"]) == k:
                prob[j] = 1.0 if r["features"][0] == TITLE else model.prob(r["features"])
    report = {"no_filter": scores(rows, articles, [True] * len(rows))}
    for t in THRESHOLDS:
        report[f"filter@{t}"] = scores(rows, articles, [p >= t for p in prob])
    return report


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--articles", nargs="*", type=Path, default=[ARTICLES],
                    help="directories of articles*.jsonl + gold*.jsonl (default eval/data/articles_train)")
    ap.add_argument("--no-dev", action="store_true", help="leave out the seven development articles")
    ap.add_argument("--cv-only", action="store_true")
    args = ap.parse_args()
    missing = [str(d) for d in args.articles if not any(d.glob("gold*.jsonl"))]
    if missing:
        print(f"skip: no gold*.jsonl in {', '.join(missing)} (give --articles DIR ...); the filter is not retrained")
        return 0
    articles = [] if args.no_dev else read_dev()
    for d in args.articles:
        articles += read_dir(d)
    if not articles:
        print("skip: no annotated articles (give --articles DIR)")
        return 0
    settings = Settings.load()
    rows = record(articles, settings)
    report = cross_validate(rows, articles)
    for name, r in report.items():
        print(f"{name:14s} events {r['events']:4d}  P {r['P']:.3f}  R {r['R']:.3f}  F1 {r['F1']:.3f}  F0.5 {r['F0.5']:.3f}")
    best = max(THRESHOLDS, key=lambda t: report[f"filter@{t}"]["F0.5"])
    print(f"threshold {best} (the best F0.5 in {FOLDS}-fold cross-validation over {len(articles)} articles)")
    if args.cv_only:
        return 0
    meta = {"seed": SEED, "C": C, "articles": len(articles), "examples": len(rows),
            "positives": sum(r["label"] for r in rows), "threshold_chosen_by_cv": best,
            "cv": {"no_filter": report["no_filter"], "filter": report[f"filter@{best}"]}}
    model = ArticleFilter(model=fit(rows), threshold=best, meta=meta)
    OUT.write_text(json.dumps(model.to_json(), sort_keys=True) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(model.model.weights)} weights")
    return 0


if __name__ == "__main__":
    sys.exit(main())
