"""The cross-corpus actor registry over PolNeAR train + dev (924 articles) in one store.

Steps:
1. `parley ingest` the texts of PolNeAR train and dev into a fresh SQLite store
   (out/eval-actors-registry/polnear.db; --db reuses a store already built);
2. `parley actors audit --json` on it;
3. print the entries, the findings per reason, and the acceptance check: no entry holds two
   different first names or roles of two parties (exit status 1 when one does).

Usage: python eval/actors_registry.py [--data ../shared/data] [--processes 2] [--db PATH] [--show 20]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPLITS = ("train", "dev")
CHECKED = ("first names", "parties")


def ingest(data: Path, db: Path, processes: int) -> None:
    """1. A fresh store of the PolNeAR texts."""
    for p in db.parent.glob(db.name + "*"):
        p.unlink()
    (db.parent / "actors.yaml").unlink(missing_ok=True)
    dirs = [str(data / "polnear" / s / "text") for s in SPLITS]
    subprocess.run([sys.executable, "-m", "parley", "ingest", *dirs, "--db", str(db),
                    "--processes", str(processes)], check=True, cwd=ROOT)


def audit(db: Path) -> list[dict]:
    """2. The audit's findings."""
    proc = subprocess.run([sys.executable, "-m", "parley", "actors", "audit", "--json", "--limit", "0",
                           "--db", str(db)], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(proc.stdout) if proc.stdout.strip().startswith("[") else []


def counts(db: Path) -> dict:
    import sqlite3
    con = sqlite3.connect(db)

    def q(sql: str):
        return con.execute(sql).fetchone()[0]
    out = {"articles": q("SELECT COUNT(*) FROM articles"),
           "entries": q("SELECT COUNT(*) FROM registry WHERE merged_into IS NULL"),
           "person entries": q("SELECT COUNT(*) FROM registry WHERE merged_into IS NULL AND kind = 'person'")}
    con.close()
    return out


def main() -> int:
    from parley import Settings
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=Settings.load().data_dir)
    ap.add_argument("--db", default=None, help="a store already built (skip step 1)")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--show", type=int, default=20, help="findings printed per reason")
    args = ap.parse_args()
    data = Path(args.data) if Path(args.data).is_absolute() else ROOT / args.data
    if not (data / "polnear" / "train" / "text").is_dir():
        print(f"skip: {data / 'polnear'} is absent (set --data or PARLEY_DATA_DIR)")
        return 0
    db = Path(args.db) if args.db else ROOT / "out" / "eval-actors-registry" / "polnear.db"
    if not args.db:
        db.parent.mkdir(parents=True, exist_ok=True)
        ingest(data, db, args.processes)
    found = audit(db)
    print(json.dumps(counts(db)))
    by_reason = Counter(f["reason"] for f in found)
    for reason, n in sorted(by_reason.items()):
        print(f"\n{reason}: {n} entries")
        for f in [f for f in found if f["reason"] == reason][:args.show]:
            print(f"  {f['id']}  {f['name']!r} ({f['articles']} articles): {', '.join(f['values'])}")
    bad = {r: by_reason.get(r, 0) for r in CHECKED}
    print(f"\nacceptance: entries with two first names {bad['first names']}, with two parties' roles "
          f"{bad['parties']} (both must be 0): {'PASS' if not any(bad.values()) else 'FAIL'}")
    return 1 if any(bad.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
