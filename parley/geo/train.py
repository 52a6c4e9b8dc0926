"""Train the toponym ranker on LGL's training split (`make train-geo`, fixed seed).

For each gold toponym that a candidate overlaps, every gazetteer option of the candidate is
one example: label 1 for the option nearest the gold point when it lies within 161 km,
else 0. Features are those of the first resolution pass and of a second pass that takes
its context from the gold-trained first pass's choices. Articles whose id hashes to 0
modulo 5 are held out (`held_out`), and TR-News is never read here.
"""
from __future__ import annotations

import argparse
import json
from pathlib import Path

from ..records import content_hash
from .gazetteer import load_gazetteer
from .ranker import PATH
from .resolve import FEATURES, Context, choose, clean_name, evidence, km
from .toponyms import find_candidates

SEED = 13


def held_out(doc_id: str) -> bool:
    return int(content_hash("geo-split", doc_id), 16) % 5 == 0


def examples(doc, gold: dict, gaz, weights: list[float] | None):
    cands = find_candidates(doc, gaz)
    opts, quals, isos, dl = evidence(cands, doc.text, gaz)
    context = Context(gaz, opts, dl)
    if weights is not None:
        choice = choose(cands, opts, quals, isos, context, weights)
        context = Context(gaz, [[r] if r is not None else [] for r in choice], dl)
    X, y = [], []
    for c, rows, q, iso in zip(cands, opts, quals, isos):
        tops = [t for t in gold["toponyms"] if t["lat"] is not None and t["span"][0] < c.end and c.start < t["span"][1]]
        if not tops or not rows:
            continue
        point = (tops[0]["lat"], tops[0]["lon"])
        dist = [km((gaz.lat[r], gaz.lon[r]), point) for r in rows]
        best = min(range(len(rows)), key=dist.__getitem__)
        for k, r in enumerate(rows):
            X.append(context.features(r, rows, clean_name(c.text), q, iso))
            y.append(int(k == best and dist[k] <= 161))
    return X, y


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    from ..nlp import load_nlp
    from ..settings import Settings
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default=str(Settings.load().data_dir))
    ap.add_argument("--docs", help="a DocBin of the LGL texts parsed already, in file order (saves the parse)")
    args = ap.parse_args()
    gold = [json.loads(line) for line in open(Path(args.data) / "geo" / "lgl.jsonl", encoding="utf-8")]
    nlp, gaz = load_nlp(Settings.load().spacy_model), load_gazetteer()
    if args.docs:
        from spacy.tokens import DocBin
        docs = list(DocBin().from_disk(args.docs).get_docs(nlp.vocab))
        docs = [d for d, g in zip(docs, gold) if not held_out(g["id"])]
        gold = [g for g in gold if not held_out(g["id"])]
    else:
        gold = [g for g in gold if not held_out(g["id"])]
        docs = list(nlp.pipe((g["text"] for g in gold), batch_size=32))
    weights = None
    for _ in range(2):                # pass 1 context, then pass 2 from pass-1 choices
        X, y = [], []
        for doc, g in zip(docs, gold):
            a, b = examples(doc, g, gaz, weights)
            X += a
            y += b
        model = LogisticRegression(C=1.0, max_iter=2000, random_state=SEED).fit(X, y)
        weights = [round(float(w), 5) for w in model.coef_[0]]
    PATH.parent.mkdir(exist_ok=True)
    PATH.write_text(json.dumps({"features": list(FEATURES), "weights": weights,
                                "trained_on": f"LGL, {len(gold)} training articles (id hash % 5 != 0)",
                                "examples": len(y), "positives": sum(y)}, indent=1) + "\n", encoding="utf-8")
    print(f"{PATH}: {len(y)} examples from {len(gold)} articles; weights {dict(zip(FEATURES, weights))}")


if __name__ == "__main__":
    main()
