"""Shared steps of eval/places.py and eval/dates.py: run the real `parley extract` on a gold
JSONL (id, text, published), then score with ../shared/tools/score_geo_time.py."""
from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def extract(gold: list[dict], out_dir: Path, name: str, processes: int = 1) -> tuple[Path, float]:
    """Write the gold texts as a .jsonl input, run `parley extract`, return (output, seconds)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    inputs, out = out_dir / f"{name}.input.jsonl", out_dir / f"{name}.out.jsonl"
    with inputs.open("w", encoding="utf-8") as f:
        for g in gold:
            f.write(json.dumps({k: g[k] for k in ("id", "text", "published") if g.get(k)}) + "\n")
    t0 = time.time()
    proc = subprocess.run([sys.executable, "-m", "parley", "extract", str(inputs), "--out", str(out),
                           "--processes", str(processes)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"parley extract failed:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return out, time.time() - t0


def score(kind: str, gold: list[dict], out: Path, data: Path, tag: str) -> dict:
    """The reference scorer on `gold` (written next to `out`) and `out`."""
    gold_path = out.with_name(f"{tag}.gold.jsonl")
    gold_path.write_text("".join(json.dumps(g) + "\n" for g in gold), encoding="utf-8")
    scorer = data.parent / "tools" / "score_geo_time.py"
    proc = subprocess.run([sys.executable, str(scorer), kind, str(gold_path), str(out)],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def subset(out: Path, ids: set[str], tag: str, keep=None) -> Path:
    """The output lines of `ids` (and, with `keep`, each object passed through it)."""
    path = out.with_name(f"{tag}.out.jsonl")
    with out.open(encoding="utf-8") as f, path.open("w", encoding="utf-8") as w:
        for line in f:
            o = json.loads(line)
            if o.get("id") in ids:
                w.write(json.dumps(keep(o) if keep else o) + "\n")
    return path
