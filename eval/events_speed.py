"""Speed of event coding against raw spaCy parsing, in one process and one run.

Steps:
1. Read the PolNeAR dev articles (84 news texts) from the data folder.
2. Parse them with the spaCy pipeline alone (nlp.pipe), and run the whole Parley
   extraction on the same Docs, timing actors+attributions and the event coder apart.
   The event coder runs as the pipeline runs it (Resources: the learned layer with the
   settings' open candidates, and the article filter).
3. Repeat (--rounds) interleaved, keep each best time in CPU seconds of this process
   (time.process_time: the machine is shared, and wall time moved by 2x with its load), and print
   throughput: the whole pipeline as a share of raw spaCy, and the event coder's share.

Usage: python eval/events_speed.py [--data ../shared/data] [--rounds 3] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from parley import Settings
from parley.actors import find_actors
from parley.attribution import find_attributions
from parley.events import find_events
from parley.resources import Resources
from parley.nlp import load_nlp
from parley.records import Article

ROOT = Path(__file__).resolve().parents[1]


def read_texts(data: Path) -> list[str]:
    folder = data / "polnear" / "dev" / "text"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def timed_round(nlp, texts: list[str], model, article_filter=None) -> dict[str, float]:
    """Seconds for: parsing; actors+attributions; events with the learned layer (on the Docs just parsed)."""
    t0 = time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    parse = time.process_time() - t0
    other = events = 0.0
    for k, (doc, text) in enumerate(zip(docs, texts)):
        article = Article(id=str(k), text=text, source=str(k), published="2016-10-01")
        t1 = time.process_time()
        index = find_actors(doc, article.uid)
        attributions, speakers = find_attributions(doc, index, article.uid)
        index = index.plus(speakers)
        t2 = time.process_time()
        find_events(doc, index, attributions, article, nlp, model=model, article_filter=article_filter)
        t3 = time.process_time()
        other += t2 - t1
        events += t3 - t2
    return {"parse": parse, "actors_attributions": other, "events": events}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=Settings.load().data_dir)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    data = Path(args.data) if Path(args.data).is_absolute() else ROOT / args.data
    if not (data / "polnear" / "dev" / "text").exists():
        print(f"skip: {data}/polnear/dev/text is absent (set --data or PARLEY_DATA_DIR)")
        return 0
    texts = read_texts(data)
    nlp = load_nlp(Settings.load().spacy_model)
    list(nlp.pipe(texts[:4]))                                   # warm up
    res = Resources(Settings.load(), nlp)          # the learned layer and filter as the pipeline has them
    best: dict[str, float] = {}
    for _ in range(args.rounds):
        for key, value in timed_round(nlp, texts, res.event_model, res.event_filter).items():
            best[key] = min(best.get(key, value), value)
    words = sum(len(t.split()) for t in texts)
    whole = best["parse"] + best["actors_attributions"] + best["events"]
    result = {"articles": len(texts), "words": words, **{k: round(v, 2) for k, v in best.items()},
              "whole_vs_spacy_throughput": round(best["parse"] / whole, 3),
              "events_share_of_parse": round(best["events"] / best["parse"], 3)}
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{len(texts)} articles, {words} words; best of {args.rounds} rounds")
    print(f"  spaCy parse          {best['parse']:.2f} s ({words / best['parse']:.0f} words/s)")
    print(f"  actors+attributions  {best['actors_attributions']:.2f} s")
    print(f"  events               {best['events']:.2f} s ({result['events_share_of_parse']:.1%} of parse time)")
    print(f"  whole pipeline throughput = {result['whole_vs_spacy_throughput']:.1%} of raw spaCy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
