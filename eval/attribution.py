"""Attribution on PolNeAR, scored with the reference scorer (../shared/tools).

Steps:
1. write the split's texts as JSONL ({"id": file stem, "text": verbatim});
2. run the real CLI on it: `parley extract SPLIT.jsonl --out OUT.jsonl`;
3. convert with ../shared/tools/convert.py polnear;
4. score with ../shared/tools/score_attribution.py against the split's gold;
5. score again with each content given as its `content_spans` pieces where it has them (a
   quote split around its cue, as PolNeAR marks it); the reference convert.py reads
   content_span only, so step 4's figures are the reference ones.

Usage: python eval/attribution.py [--split dev] [--limit N] [--json] [--out out/attribution]
The figures printed are the reference scorer's own output (all and direct subsets).
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parley import Settings  # noqa: E402


def data_dir() -> Path:
    path = Path(Settings.load().data_dir)
    return path if path.is_absolute() else (ROOT / path).resolve()


def write_inputs(split_dir: Path, dest: Path, limit: int | None) -> int:
    """1. The split's texts, verbatim, one JSON object per line, in sorted file order."""
    files = sorted((split_dir / "text").glob("*.txt"))[:limit]
    with dest.open("w", encoding="utf-8") as fh:
        for f in files:
            with f.open(encoding="utf-8", newline="") as src:
                text = src.read()
            fh.write(json.dumps({"id": f.stem, "text": text}, ensure_ascii=False) + "\n")
    return len(files)


def run(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{proc.stdout}\n{proc.stderr}")
    return proc.stdout


def subset_gold(split_dir: Path, n: int, dest: Path) -> Path:
    """A gold folder holding the first `n` articles (links), for --limit runs."""
    for sub in ("text", "attributions"):
        (dest / sub).mkdir(parents=True, exist_ok=True)
        for old in (dest / sub).iterdir():
            old.unlink()
    stems = [f.stem for f in sorted((split_dir / "text").glob("*.txt"))[:n]]
    for stem in stems:
        (dest / "text" / f"{stem}.txt").symlink_to(split_dir / "text" / f"{stem}.txt")
        for ann in (split_dir / "attributions").glob(f"{stem}_*.ann"):
            (dest / "attributions" / ann.name).symlink_to(ann)
    return dest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="dev", help="PolNeAR split folder name (default dev)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (sorted)")
    ap.add_argument("--out", default="out/attribution", help="folder for the intermediate files")
    ap.add_argument("--json", action="store_true", help="print the scorer's JSON")
    args = ap.parse_args(argv)
    split_dir = data_dir() / "polnear" / args.split
    tools = data_dir().parent / "tools"
    if not (split_dir / "text").is_dir():
        raise SystemExit(f"{split_dir} is absent: set PARLEY_DATA_DIR to the shared data folder")
    out = (ROOT / args.out).resolve()
    out.mkdir(parents=True, exist_ok=True)
    inputs, extracted, converted = out / f"{args.split}.jsonl", out / f"{args.split}.out.jsonl", out / f"{args.split}.sys.jsonl"
    n = write_inputs(split_dir, inputs, args.limit)                                   # 1
    t0 = time.perf_counter()
    run([sys.executable, "-m", "parley", "extract", str(inputs), "--out", str(extracted)])  # 2
    seconds = time.perf_counter() - t0
    rejected = sum("rejected" in json.loads(line) for line in extracted.open(encoding="utf-8"))
    run([sys.executable, str(tools / "convert.py"), "polnear", str(extracted), str(converted)])  # 3
    gold = split_dir if args.limit is None else subset_gold(split_dir, n, out / f"{args.split}-gold")
    cmd = [sys.executable, str(tools / "score_attribution.py"), str(gold), str(converted)]
    report = run(cmd + (["--json"] if args.json else []))                              # 4
    if not args.json:
        print(f"PolNeAR {args.split}: {n} articles, {rejected} rejected, extract took {seconds:.1f} s")
    print(report, end="")
    if not args.json:                                                                  # 5
        pieces = out / f"{args.split}.pieces.jsonl"
        write_pieces(extracted, pieces)
        print("\nthe same output with each content as its `content_spans` pieces where it has them "
              "(a quote split around its cue; the reference convert.py reads content_span only):")
        print(run(cmd[:-1] + [str(pieces)]), end="")
    return 1 if rejected else 0


def write_pieces(extracted: Path, dest: Path) -> None:
    """5. As convert.py polnear, but a content with `content_spans` is those pieces."""
    with dest.open("w", encoding="utf-8") as fh:
        for line in extracted.open(encoding="utf-8"):
            a = json.loads(line)
            if "rejected" in a:
                continue
            atts = [{"source": [q["speaker_span"]] if q.get("speaker_span") else [],
                     "cue": [q["cue_span"]] if q.get("cue_span") else [],
                     "content": q.get("content_spans") or [q["content_span"]]} for q in a["attributions"]]
            fh.write(json.dumps({"file": a["id"], "attributions": atts}) + "\n")


if __name__ == "__main__":
    sys.exit(main())
