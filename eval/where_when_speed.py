"""Speed and memory of places and dates (`make bench-where-when`).

Parses the TR-News and TimeBank texts with the spaCy pipeline (timed), then times the
geoparser (toponyms + resolution) and the date tagger over the same Docs, and reports their
share of the parse time; also the gazetteer's load time and resident memory.
"""
from __future__ import annotations

import argparse
import gc
import json
import time
from pathlib import Path


def rss_mb() -> float:
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 1e6


def main() -> None:
    from parley.events.dates import find_dates
    from parley.nlp import load_nlp
    from parley.settings import Settings
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()
    data = Path(args.data)
    gold = [json.loads(x) for f in ("geo/tr-news.jsonl", "timeml/timebank.jsonl") for x in open(data / f)]
    nlp = load_nlp(Settings.load().spacy_model)
    list(nlp.pipe(g["text"] for g in gold[:5]))
    gc.collect()
    before = rss_mb()
    t0 = time.perf_counter()
    from parley.geo import load
    geo = load()
    load_s, memory = time.perf_counter() - t0, rss_mb() - before
    parse = ours = parse_cpu = ours_cpu = 0.0
    for _ in range(args.rounds):
        t0, c0 = time.perf_counter(), time.process_time()
        docs = list(nlp.pipe((g["text"] for g in gold), batch_size=32))
        parse, parse_cpu = parse + time.perf_counter() - t0, parse_cpu + time.process_time() - c0
        t0, c0 = time.perf_counter(), time.process_time()
        for doc, g in zip(docs, gold):
            geo.parse(doc)
            find_dates(doc, g.get("published"))
        ours, ours_cpu = ours + time.perf_counter() - t0, ours_cpu + time.process_time() - c0
    # Wall-clock shares swing with the load of a shared machine; the CPU time of this process
    # (every thread of it) is the steadier measure, and both are printed.
    print(f"{len(gold)} texts x {args.rounds}: spaCy parse {parse:.1f} s wall / {parse_cpu:.1f} s CPU, "
          f"places + dates {ours:.2f} s wall / {ours_cpu:.2f} s CPU = {100 * ours / parse:.1f}% of the parse "
          f"(wall), {100 * ours_cpu / parse_cpu:.1f}% (CPU); gazetteer: loaded in {load_s:.1f} s, "
          f"{memory:.0f} MB resident")


if __name__ == "__main__":
    main()
