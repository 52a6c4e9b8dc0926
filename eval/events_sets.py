"""Every event evaluation, labelled DEVELOPMENT or HELD-OUT (`make eval-events`).

Each set goes through the real `parley extract` (a subprocess, as a user runs it):
  gsr-dev                        DEVELOPMENT: the lexicon was written against it and the learned
                                 layer trains on it (the cross-validation figures of
                                 `make train-events` are printed last, from the model's meta)
  independent, independent2      DEVELOPMENT: Parley's own written PLOVER sets (trained on)
  independent3                   HELD-OUT: Parley's third written set (scored before, never trained on)
  synthetic held-out tenth       HELD-OUT: 637 ngec-synthetic stories (eval/data/events_splits.json);
                                 the story's PLOVER type among its events (noisy, story-level labels)
  conflibert-quad-test           HELD-OUT: 451 real news sentences with outside coders' CAMEO quad
                                 class: recall of the quad (a sentence is right when one of its
                                 events has the quad), and how many 'statement' sentences stay
                                 without events (the file carries no CAMEO root codes)
PLOVER sets are scored by ../shared/tools/score_events.py.

Usage: python eval/events_sets.py [--data ../shared/data] [--only NAME ...] [--limit N] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_gsr import extract, load_gold, score, write_inputs  # noqa: E402

from parley import Settings  # noqa: E402
from parley.plover import PLOVER_QUADS  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
WRITTEN = ROOT / "eval" / "data"
PLOVER_SETS = (("gsr-dev", "DEVELOPMENT", None), ("independent", "DEVELOPMENT", "event_sentences_independent.txt"),
               ("independent2", "DEVELOPMENT", "event_sentences_independent2.txt"),
               ("independent3", "HELD-OUT", "event_sentences_independent3.txt"))


def plover_set(path: Path, scorer: Path, limit: int | None) -> dict:
    records = load_gold(path)[:limit]
    with tempfile.TemporaryDirectory() as tmp:
        gold, inputs = write_inputs(records, Path(tmp))
        out = Path(tmp) / "out.jsonl"
        extract(inputs, out)
        return score(scorer, gold, out)


def _run(rows: list[dict]) -> dict[str, dict]:
    """`parley extract` on {"id", "text"} rows; the articles by id."""
    with tempfile.TemporaryDirectory() as tmp:
        inputs, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        inputs.write_text("".join(json.dumps({"id": r["id"], "text": r["text"], "published": "2000-01-01"}) + "\n"
                                  for r in rows), encoding="utf-8")
        extract(inputs, out)
        return {a["id"]: a for a in map(json.loads, out.read_text(encoding="utf-8").splitlines())}


def synthetic_heldout(data: Path, limit: int | None) -> dict:
    held = set(json.loads((WRITTEN / "events_splits.json").read_text())["synthetic_heldout"])
    rows = [r for r in map(json.loads, open(data / "events-train" / "ngec-synthetic.jsonl")) if r["id"] in held]
    rows = rows[:limit]
    arts = _run(rows)
    found = typed = events = 0
    for r in rows:
        evs = arts.get(r["id"], {}).get("events", [])
        events += len(evs)
        typed += sum(e["type"] == r["type"] for e in evs)
        found += any(e["type"] == r["type"] for e in evs)
    return {"stories": len(rows), "events": events, "story_type_recall": round(found / len(rows), 3),
            "event_type_precision": round(typed / events, 3) if events else 0.0}


def quad_test(data: Path, limit: int | None) -> dict:
    rows = list(map(json.loads, open(data / "events-train" / "conflibert-quad-test.jsonl")))[:limit]
    arts = _run(rows)
    acts = [r for r in rows if r["quad"] != "statement"]
    right = sum(any(PLOVER_QUADS[e["type"]] == r["quad"] for e in arts[r["id"]].get("events", [])) for r in acts)
    quiet = sum(not arts[r["id"]].get("events") for r in rows if r["quad"] == "statement")
    evs = [(e, r) for r in rows for e in arts[r["id"]].get("events", [])]
    ok = sum(PLOVER_QUADS[e["type"]] == r["quad"] for e, r in evs)
    return {"sentences": len(rows), "act_sentences": len(acts), "quad_recall": round(right / len(acts), 3),
            "event_quad_precision": round(ok / len(evs), 3) if evs else 0.0,
            "statements_without_events": f"{quiet}/{len(rows) - len(acts)}"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=Settings.load().data_dir)
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--limit", type=int)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    data = Path(args.data) if Path(args.data).is_absolute() else ROOT / args.data
    scorer = data.parent / "tools" / "score_events.py"
    if not (data / "plover" / "gsr-dev.json").exists() or not scorer.exists():
        print(f"skip: {data}/plover/gsr-dev.json or {scorer} is absent (set --data or PARLEY_DATA_DIR)")
        return 0
    results = {}
    for name, label, file in PLOVER_SETS:
        if not args.only or name in args.only:
            path = data / "plover" / "gsr-dev.json" if file is None else WRITTEN / file
            results[name] = {"label": label, **plover_set(path, scorer, args.limit)}
            _print_plover(name, results[name])
    if (data / "events-train").exists():
        for name, fn in (("synthetic-heldout", synthetic_heldout), ("conflibert-quad-test", quad_test)):
            if not args.only or name in args.only:
                results[name] = {"label": "HELD-OUT", **fn(data, args.limit)}
                print(f"{name} [HELD-OUT]: " + ", ".join(f"{k} {v}" for k, v in results[name].items() if k != "label"))
    try:
        from parley.events.learned import load
        cv = (load().meta or {}).get("cv")
    except ImportError:                                  # a checkout without the learned layer
        cv = None
    if cv:
        results["cv"] = {"label": "HELD-OUT folds (5-fold CV of make train-events)", **cv}
        for key in ("lexicon_only", "learned"):
            r = cv[key]
            print(f"5-fold CV, {key} [{'lexicon developed on gsr-dev' if key == 'lexicon_only' else 'HELD-OUT folds'}]: "
                  f"gsr-dev type/+source/+target F1 {r['gsr']['type']['F1']:.3f}/{r['gsr']['source']['F1']:.3f}/"
                  f"{r['gsr']['full']['F1']:.3f}; quad-train P/R {r['quad']['P']:.3f}/{r['quad']['R']:.3f}; "
                  f"synthetic lead P/R {r['synthetic']['P']:.3f}/{r['synthetic']['R']:.3f}")
    if args.json:
        print(json.dumps(results))
    return 0


def _print_plover(name: str, r: dict) -> None:
    print(f"{name} [{r['label']}]: {r['records']} records, {r['system_events']} events")
    for key, lab in (("type", "type"), ("source", "+source"), ("full", "+target")):
        print(f"  {lab:8s} P {r[key]['P']:.3f}  R {r[key]['R']:.3f}  F1 {r[key]['F1']:.3f}")


if __name__ == "__main__":
    sys.exit(main())
