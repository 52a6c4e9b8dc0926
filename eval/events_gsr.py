"""PLOVER event coding on the PLOVER gold standard records (gsr-dev), scored by the reference scorer.

Steps:
1. Build a JSONL input from ../shared/data/plover/gsr-dev.json: one article per record,
   {"id", "text", "published": the record's date} (the text verbatim).
2. Run the real `parley extract` on it (a subprocess, as a user runs it).
3. Score with ../shared/tools/score_events.py (old labels mapped there: DEMAND->REQUEST,
   DISAPPROVE->ACCUSE, FIGHT->ASSAULT, INVESTIGATE->ACCUSE) and print type / +source /
   +target P, R, F1 and recall per type.

`--half even|odd` scores one half of the records (by position), to develop on one half and
check that rules generalise to the other; `--details` prints each record's gold and system
events (for error analysis). `--gold FILE` scores another gold set instead of gsr-dev: a
gsr-like JSON file, or Parley's own independent set in its text format
(eval/data/event_sentences_independent.txt: "TYPE | SOURCE | TARGET | SENTENCE"), turned
into gsr-like records and scored by the same reference scorer.

Usage: python eval/events_gsr.py [--data ../shared/data] [--gold FILE] [--half even|odd] [--details] [--json]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from parley import Settings
from parley.events.corpus import read_sentences

ROOT = Path(__file__).resolve().parents[1]
OLD2NEW = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}


def load_gold(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8")) if path.suffix == ".json" else read_sentences(path)


def select(records: list[dict], half: str | None) -> list[dict]:
    if half is None:
        return records
    return [r for i, r in enumerate(records) if i % 2 == (0 if half == "even" else 1)]


def write_inputs(records: list[dict], folder: Path) -> tuple[Path, Path]:
    """1. The gold file for this selection and the JSONL input for `parley extract`."""
    gold, inputs = folder / "gold.json", folder / "gsr.jsonl"
    gold.write_text(json.dumps(records), encoding="utf-8")
    with inputs.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps({"id": r["id"], "text": r["text"], "published": r["date"]}) + "\n")
    return gold, inputs


def extract(inputs: Path, out: Path) -> float:
    """2. `parley extract` in a subprocess; returns its wall time in seconds."""
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-m", "parley", "extract", str(inputs), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"parley extract failed:\n{proc.stdout}\n{proc.stderr}")
    return time.time() - t0


def score(scorer: Path, gold: Path, out: Path) -> dict:
    """3. The reference scorer's figures."""
    proc = subprocess.run([sys.executable, str(scorer), str(gold), str(out), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def details(records: list[dict], out: Path, scorer: Path) -> None:
    """Each record's gold and system events; the mark says what the reference scorer credits:
    '--' no event of the gold type, 'T ' the type only, 'TS' type and source, 'TF' all."""
    ref = _reference(scorer)
    system = {}
    for line in out.read_text(encoding="utf-8").splitlines():
        obj = json.loads(line)
        system[obj["id"]] = obj
    for r in records:
        art = system.get(r["id"], {})
        names = {a["id"]: a["name"] for a in art.get("actors", [])}
        gold_type = OLD2NEW.get(r["event"], r["event"])
        evs = art.get("events", [])
        mark = _mark(ref, r, art, [e for e in evs if e["type"] == gold_type])
        print(f"{mark} {r['id']}  gold {gold_type}: {_actors(r.get('source'))} -> {_actors(r.get('target'))}")
        print(f"    {r['text'].strip()}")
        for e in evs:
            flags = "".join(f" {k}" for k in ("negated", "hypothetical") if e.get(k))
            print(f"    {e['type']}/{e.get('mode')} '{e['trigger']}' "
                  f"{[names.get(i) for i in e['source']]} -> {[names.get(i) for i in e['target']]}{flags}")


def _reference(scorer: Path):
    """The reference scorer as a module (its actor matching decides the marks)."""
    spec = importlib.util.spec_from_file_location("score_events", scorer)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mark(ref, record: dict, art: dict, typed: list[dict]) -> str:
    if not typed:
        return "--"
    src, tgt = ref.actors_of(record.get("source")), ref.actors_of(record.get("target"))
    sourced = [e for e in typed if ref.role_hit(e, "source", art, src)]
    if not sourced:
        return "T "
    return "TF" if not tgt or any(ref.role_hit(e, "target", art, tgt) for e in sourced) else "TS"


def _actors(field) -> list[str]:
    return [a.get("actorText", "") for a in field if isinstance(a, dict)] if isinstance(field, list) else []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=Settings.load().data_dir)
    ap.add_argument("--gold", help="score this gold file instead of gsr-dev (.json, or the .txt sentence format)")
    ap.add_argument("--half", choices=("even", "odd"))
    ap.add_argument("--details", action="store_true")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    data = Path(args.data) if Path(args.data).is_absolute() else ROOT / args.data
    gsr, scorer = data / "plover" / "gsr-dev.json", data.parent / "tools" / "score_events.py"
    gsr = Path(args.gold) if args.gold else gsr
    if not gsr.exists() or not scorer.exists():
        print(f"skip: {gsr} or {scorer} is absent (set --data or PARLEY_DATA_DIR)")
        return 0
    records = select(load_gold(gsr), args.half)
    with tempfile.TemporaryDirectory() as tmp:
        gold, inputs = write_inputs(records, Path(tmp))
        out = Path(tmp) / "out.jsonl"
        seconds = extract(inputs, out)
        result = score(scorer, gold, out)
        if args.details:
            details(records, out, scorer)
    result["seconds"] = round(seconds, 1)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{gsr.stem}{' (' + args.half + ' half)' if args.half else ''}: {result['records']} records, "
          f"{result['system_events']} system events, {result['missing']} missing, {seconds:.1f} s")
    for key, label in (("type", "type"), ("source", "+source"), ("full", "+target")):
        m = result[key]
        print(f"  {label:8s} P {m['P']:.3f}  R {m['R']:.3f}  F1 {m['F1']:.3f}")
    print("  recall per type: " + ", ".join(f"{t} {v}" for t, v in result["per_type_recall"].items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
