"""Fixed train/held-out splits for the learned event model (written once, before any tuning).

Writes eval/data/events_splits.json:
  synthetic_heldout  ids of a held-out tenth of ngec-synthetic.jsonl (never trained on)
  gsr_dev_folds      gsr-dev record id -> fold 0..4 (cross-validation: train on four, score the fifth)
Seed 13 (issue 13). Usage: python eval/events_splits.py [--data ../shared/data]
"""
from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "eval" / "data" / "events_splits.json"
SEED = 13


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=str(ROOT / ".." / "shared" / "data"))
    data = Path(ap.parse_args().data)
    rng = random.Random(SEED)
    syn = [json.loads(line)["id"] for line in open(data / "events-train" / "ngec-synthetic.jsonl")]
    held = sorted(rng.sample(syn, len(syn) // 10), key=lambda s: int(s.split("-")[1]))
    gsr = [r["id"] for r in json.load(open(data / "plover" / "gsr-dev.json")) if r.get("event") != "DOCUMENT"]
    order = gsr[:]
    rng.shuffle(order)
    folds = {gid: k % 5 for k, gid in enumerate(order)}
    OUT.write_text(json.dumps({"seed": SEED, "synthetic_heldout": held,
                               "gsr_dev_folds": {g: folds[g] for g in gsr}}, indent=0) + "\n")
    print(f"{OUT}: {len(held)} held-out synthetic stories, {len(gsr)} gsr-dev records in 5 folds")


if __name__ == "__main__":
    main()
