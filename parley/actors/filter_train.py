"""Train the "is this an actor" filter (`make train-actors`).

Steps:
1. examples: every candidate the actor stage puts to the filter (run with no filter and a
   trace), labelled by the annotations of three open corpora:
   - re3d, training folds only (eval/actors_re3d.py: sha1(_id) mod 5 in 2-4; folds 0-1 are
     held out and never read here): a candidate is an actor when it overlaps a Person,
     Organisation or Nationality entity of confidence >= 0.5, else not (a Location is a place);
   - PolNeAR train (the first POLNEAR_ARTICLES articles): candidates that overlap a gold
     Source span are actors (positives only: a name that is not a source may still be an actor);
   - ConfliBERT actor spans (conflibert-actors-train.jsonl, one event per sentence):
     candidates that overlap a source or target span are actors, the others not (a name in
     a one-event sentence that is neither side is mostly a place, an object or an event);
2. fit an L2 logistic regression (scikit-learn, liblinear: deterministic, SEED fixed) on
   features seen at least MIN_COUNT times;
3. the threshold: out-of-fold over re3d's training documents (grouped 3-fold), the one of
   THRESHOLDS with the best F1 of kept actors, capped at MAX_THRESHOLD (a candidate is kept
   unless the model is fairly sure it is no actor);
4. write parley/actors/model/actor_filter.json.

Usage: python -m parley.actors.filter_train [--data ../shared/data]
Needs scikit-learn (pip install -e '.[train]'); extraction does not.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from ..nlp import load_nlp
from ..settings import Settings
from .filter import MODEL_FILE, ActorFilter
from .find import find_actors

SEED = 14
MIN_COUNT = 2
C = 0.5
POLNEAR_ARTICLES = 100
SECONDARY_WEIGHT = 0.5          # PolNeAR and ConfliBERT positives count half a re3d example
THRESHOLDS = tuple(round(x, 2) for x in np.arange(0.1, 0.55, 0.05))
MAX_THRESHOLD = 0.5
RE3D_SOURCES = ("australian-dfa", "bbc-online", "eu-delegation-syria", "us-state-department", "wikipedia")
# re3d types that make a filtered candidate (a PERSON or ORG name, a description) an actor:
# a Location the parser called a person or organisation ("Golan Heights", "Hagia Sophia") is
# a place, and the re3d scorer counts it wrong under any actor type.
RE3D_ACTOR_TYPES = frozenset({"Person", "Organisation", "Nationality"})
HELD_OUT_FOLDS = (0, 1)          # the same folds as eval/actors_re3d.py
MODEL_PATH = Path(__file__).resolve().parent / "model" / MODEL_FILE
CACHE = Path(__file__).resolve().parents[2] / "out" / "actor-filter"


def re3d_fold(doc_id: str) -> int:
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 5


def re3d_train(re3d: Path) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """(id, text, gold actor spans) of re3d's training-fold documents."""
    out = []
    for src in RE3D_SOURCES:
        with open(re3d / src / "entities.json", encoding="utf-8-sig") as fh:
            ents = [json.loads(ln) for ln in fh if ln.strip()]
        with open(re3d / src / "documents.json", encoding="utf-8-sig") as fh:
            for d in (json.loads(ln) for ln in fh if ln.strip()):
                if re3d_fold(d["_id"]) in HELD_OUT_FOLDS:
                    continue
                spans = [(e["begin"], e["end"]) for e in ents if e["documentId"] == d["_id"]
                         and e["type"] in RE3D_ACTOR_TYPES and e.get("confidence", 1) >= 0.5]
                out.append((d["_id"], d["text"], spans))
    return out


def polnear_train(data: Path) -> list[tuple[str, str, list[tuple[int, int]]]]:
    from ..attribution.corpus import read_split
    out = []
    for k, art in enumerate(read_split(data / "polnear" / "train")):
        if k >= POLNEAR_ARTICLES:
            break
        out.append((art.id, art.text, [s for a in art.attributions for s in a.source]))
    return out


def conflibert_train(data: Path) -> list[tuple[str, str, list[tuple[int, int]]]]:
    out = []
    with open(data / "events-train" / "conflibert-actors-train.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            text, spans, pos, open_at = "", [], [], None
            for tok, tag in zip(d["tokens"], d["tags"]):
                start = len(text) + (1 if text else 0)
                text = text + (" " if text else "") + tok
                pos.append((start, len(text)))
                if tag.startswith("B-") or tag == "O":
                    if open_at is not None:
                        spans.append((open_at, pos[-2][1]))
                        open_at = None
                    if tag.startswith("B-"):
                        open_at = start
            if open_at is not None:
                spans.append((open_at, len(text)))
            out.append((d["id"], text, spans))
    return out


def parse(nlp, corpus, name: str) -> list:
    """spaCy Docs of a corpus, cached as a DocBin under out/ (rebuilt when the texts differ)."""
    from spacy.tokens import DocBin
    cache = CACHE / f"{name}.spacy"
    if cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == [c[1] for c in corpus]:
            return docs
    docs = list(nlp.pipe((c[1] for c in corpus), batch_size=16))
    cache.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs


def examples(nlp, corpus, name: str, positives_only: bool) -> list[tuple[str, list[str], int]]:
    """(document id, features, label) of every candidate the actor stage puts to the filter."""
    out = []
    for (doc_id, _text, gold), doc in zip(corpus, parse(nlp, corpus, name)):
        trace: list = []
        find_actors(doc, doc_id, trace=trace)
        for start, end, _label, feats in trace:
            s, e = doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)
            y = int(any(gs < e and s < ge for gs, ge in gold))
            if y or not positives_only:
                out.append((doc_id, feats, y))
    return out


def fit(rows, weights, vocab):
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    index = {f: i for i, f in enumerate(vocab)}
    r, c = [], []
    for k, (_, feats, _) in enumerate(rows):
        for f in set(feats):
            if f in index:
                r.append(k)
                c.append(index[f])
    X = csr_matrix((np.ones(len(r)), (r, c)), shape=(len(rows), len(vocab)))
    y = np.array([row[2] for row in rows])
    model = LogisticRegression(C=C, solver="liblinear", random_state=SEED, max_iter=1000)
    model.fit(X, y, sample_weight=np.array(weights))
    return ActorFilter({f: float(w) for f, w in zip(vocab, model.coef_[0]) if abs(w) > 1e-4},
                       float(model.intercept_[0]), 0.5)


def choose_threshold(re3d_rows, other_rows, vocab) -> tuple[float, dict]:
    """Out-of-fold over re3d's training documents: the threshold with the best F1 of kept actors."""
    docs = sorted({r[0] for r in re3d_rows})
    fold = {d: k % 3 for k, d in enumerate(docs)}
    probs, ys = [], []
    for f in range(3):
        train = [r for r in re3d_rows if fold[r[0]] != f] + other_rows
        w = [1.0 if fold.get(r[0]) is not None else SECONDARY_WEIGHT for r in train]
        model = fit(train, w, vocab)
        for r in re3d_rows:
            if fold[r[0]] == f:
                probs.append(model.probability(r[1]))
                ys.append(r[2])
    probs, ys = np.array(probs), np.array(ys)
    table = {}
    for t in THRESHOLDS:
        kept = probs >= t
        tp, fp, fn = int((kept & (ys == 1)).sum()), int((kept & (ys == 0)).sum()), int((~kept & (ys == 1)).sum())
        table[t] = {"tp": tp, "fp": fp, "fn": fn, "f1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0}
    best = max((t for t in THRESHOLDS if t <= MAX_THRESHOLD), key=lambda t: (table[t]["f1"], -t))
    return best, table


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=Settings.load().data_dir)
    ap.add_argument("--out", default=str(MODEL_PATH))
    args = ap.parse_args()
    data = Path(args.data)
    nlp = load_nlp(Settings.load().spacy_model)
    re3d_rows = examples(nlp, re3d_train(data / "re3d"), "re3d-train", positives_only=False)
    other = examples(nlp, polnear_train(data), "polnear", True) \
        + examples(nlp, conflibert_train(data), "conflibert", False)
    counts = Counter(f for _, feats, _ in re3d_rows + other for f in set(feats))
    vocab = sorted(f for f, n in counts.items() if n >= MIN_COUNT)
    threshold, table = choose_threshold(re3d_rows, other, vocab)
    model = fit(re3d_rows + other, [1.0] * len(re3d_rows) + [SECONDARY_WEIGHT] * len(other), vocab)
    model = ActorFilter(model.weights, model.bias, threshold)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(model.to_json(), sort_keys=True, indent=0) + "\n", "utf-8")
    print(f"re3d examples {len(re3d_rows)} ({sum(r[2] for r in re3d_rows)} actors), other examples "
          f"{len(other)} ({sum(r[2] for r in other)} actors), features {len(model.weights)}; threshold {threshold}")
    for t, v in table.items():
        print(f"  threshold {t:.2f}: out-of-fold tp {v['tp']} fp {v['fp']} fn {v['fn']} F1 {v['f1']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
