"""`make bench`: end-to-end speed of `parley extract` beside raw en_core_web_sm, in one run.

    1. texts    the PolNeAR train texts (data_dir/polnear/train/text) as one JSONL file,
                each text verbatim, in a temporary folder (nothing is copied into the repo)
    2. runs     each a fresh process, timed from start to exit, as a user runs it:
                raw spaCy (1 process; nlp.pipe n_process=2; two processes on halves),
                `parley extract` with --processes 1 and 2, `parley spark` on local[2]
    3. report   documents/s and words/s (wall clock), CPU seconds, the largest process's
                peak memory (os.wait4's ru_maxrss covers the whole process tree), parley's
                ratio to the faster raw run with as many processes, Spark's to local
                2-process; and whether the three Parley runs wrote the same records

The machine may be shared: wall-clock figures move with its load, so every figure that is
compared is measured in this same run, and CPU seconds are printed as a steadier check.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parley.settings import Settings  # noqa: E402

MEMORY_LIMIT_MB = 1536          # the ceiling per process
RATIO_FLOOR = 0.85              # parley / raw spaCy, 1 and 2 processes
SPARK_FLOOR = 0.6               # Spark local[2] / parley with 2 processes


@dataclass(frozen=True)
class Run:
    name: str
    processes: int
    documents: int
    words: int
    wall: float
    cpu: float
    peak_mb: float

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.wall

    @property
    def words_per_s(self) -> float:
        return self.words / self.wall


def measure(name: str, processes: int, cmd: list[str], documents: int, words: int) -> Run:
    """Run `cmd` to its end: wall seconds, CPU seconds and peak RSS of its process tree."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace")
    if proc.returncode:
        raise SystemExit(f"{name} failed ({proc.returncode}):\n{err[-3000:]}")
    run = Run(name, processes, documents, words, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
    print(f"  {name:<44} {wall:7.1f}s  {run.docs_per_s:6.2f} docs/s  cpu {run.cpu:7.1f}s  "
          f"peak {run.peak_mb:6.0f} MB", flush=True)
    return run


def write_texts(src: Path, dest: Path, limit: int | None) -> tuple[int, int]:
    paths = sorted(src.glob("*.txt"))[:limit]
    words = 0
    with dest.open("w", encoding="utf-8") as fh:
        for p in paths:
            text = p.read_text(encoding="utf-8")
            words += len(text.split())
            fh.write(json.dumps({"id": p.stem, "text": text}, ensure_ascii=False) + "\n")
    return len(paths), words


def records(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as fh:
        return {o["id"]: o for o in map(json.loads, fh)}


def spark_records(out: Path) -> dict[str, dict]:
    from parley.spark import read_output
    return {o["id"]: o for o in read_output(out)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=None, help="shared data folder (default: the data_dir setting)")
    ap.add_argument("--limit", type=int, default=None, help="only the first N texts (quick check)")
    ap.add_argument("--no-spark", action="store_true", help="skip the Spark run")
    ap.add_argument("--rounds", type=int, default=2,
                    help="rounds of the raw/parley runs, alternating; each figure is its best round")
    ap.add_argument("--json", default=None, help="also write the figures to this file")
    a = ap.parse_args()
    data = Path(a.data or Settings.load().data_dir)
    data = data if data.is_absolute() else (ROOT / data).resolve()
    src = data / "polnear" / "train" / "text"
    if not src.is_dir():
        raise SystemExit(f"{src} is absent: set DATA= (make) or --data to the shared data folder")
    with tempfile.TemporaryDirectory(prefix="parley-bench-") as tmp:
        report = bench(Path(tmp), src, a.limit, not a.no_spark, a.rounds)
    if a.json:
        Path(a.json).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")


def bench(tmp: Path, src: Path, limit: int | None, spark: bool, rounds: int) -> dict:
    jsonl = tmp / "polnear-train.jsonl"
    n, words = write_texts(src, jsonl, limit)                                   # 1. texts
    py = sys.executable
    raw = [py, str(ROOT / "bench" / "raw_spacy.py"), str(jsonl), "--batch-size", str(Settings.load().batch_size)]
    started = datetime.now(timezone.utc)
    print(f"{n} PolNeAR train texts, {words} words; {platform.node()}, {os.cpu_count()} CPUs, "
          f"load {os.getloadavg()[0]:.1f}, {started:%Y-%m-%d %H:%M} UTC", flush=True)

    def parley(p: int, out: Path, tag: str) -> Run:
        return measure(f"parley extract -p {p}{tag}", p,
                       [py, "-m", "parley", "extract", str(jsonl), "--processes", str(p), "--out", str(out)], n, words)

    runs = []
    for k in range(rounds):                                                           # 2. runs
        tag = f" (round {k + 1})" if rounds > 1 else ""
        runs += [measure("raw spaCy, 1 process" + tag, 1, raw, n, words),
                 parley(1, tmp / "p1.jsonl", tag),
                 measure("raw spaCy, 2 processes on halves" + tag, 2, raw + ["--halves", "2"], n, words),
                 parley(2, tmp / "p2.jsonl", tag)]
    runs.append(measure("raw spaCy, nlp.pipe n_process=2", 2, raw + ["--n-process", "2"], n, words))
    same = records(tmp / "p1.jsonl") == records(tmp / "p2.jsonl")
    if spark:
        runs.append(measure("parley spark local[2]", 2, [py, "-m", "parley", "spark", str(jsonl), "--out",
                                                         str(tmp / "spark"), "--master", "local[2]"], n, words))
        spark_same = spark_records(tmp / "spark") == records(tmp / "p2.jsonl")
    return summarize(runs, same, spark_same if spark else None, started, n, words)      # 3. report


def best(runs: list[Run], name: str) -> Run:
    """The fastest round of a run (the one least slowed by whatever else the machine did)."""
    return max((r for r in runs if r.name.split(" (round")[0] == name), key=lambda r: r.docs_per_s)


def summarize(runs: list[Run], same: bool, spark_same: bool | None, started, n: int, words: int) -> dict:
    raw1, p1, p2 = best(runs, "raw spaCy, 1 process"), best(runs, "parley extract -p 1"), best(runs, "parley extract -p 2")
    raw2 = max((best(runs, "raw spaCy, 2 processes on halves"), best(runs, "raw spaCy, nlp.pipe n_process=2")),
               key=lambda r: r.docs_per_s)
    ratios = {"1 process": p1.docs_per_s / raw1.docs_per_s, "2 processes": p2.docs_per_s / raw2.docs_per_s}
    print(f"\n{'run':<46}{'docs/s':>8}{'words/s':>9}{'docs/cpu-s':>11}{'peak MB':>9}")
    for r in runs:
        print(f"{r.name:<46}{r.docs_per_s:8.2f}{r.words_per_s:9.0f}{r.documents / r.cpu:11.2f}{r.peak_mb:9.0f}")
    print()
    for label, ratio in ratios.items():
        raw = raw1 if label == "1 process" else raw2
        print(f"parley / raw spaCy, {label}: {ratio:.3f} (vs {raw.name}; floor {RATIO_FLOOR}) "
              f"{'ok' if ratio >= RATIO_FLOOR else 'BELOW'}")
    cpu_ratio = (p1.documents / p1.cpu) / (raw1.documents / raw1.cpu)
    print("(each ratio compares the best round of each run)")
    print(f"parley / raw spaCy, 1 process, per CPU second: {cpu_ratio:.3f}")
    peak = max(r.peak_mb for r in runs if r.name.startswith("parley extract"))
    print(f"parley peak memory, largest process: {peak:.0f} MB "
          f"({'ok' if peak <= MEMORY_LIMIT_MB else 'ABOVE'} {MEMORY_LIMIT_MB} MB)")
    print(f"records: --processes 1 and 2 {'equal' if same else 'DIFFER'}")
    out = {"date": f"{started:%Y-%m-%d %H:%M} UTC", "machine": f"{platform.node()}, {os.cpu_count()} CPUs",
           "documents": n, "words": words, "runs": [asdict(r) | {"docs_per_s": r.docs_per_s} for r in runs],
           "ratios": ratios, "cpu_ratio_1": cpu_ratio, "peak_mb": peak, "records_equal_1_2": same}
    if spark_same is not None:
        s = best(runs, "parley spark local[2]")
        out["spark_ratio"] = s.docs_per_s / p2.docs_per_s
        out["records_equal_spark"] = spark_same
        print(f"Spark local[2] / parley -p 2: {out['spark_ratio']:.3f} (floor {SPARK_FLOOR}) "
              f"{'ok' if out['spark_ratio'] >= SPARK_FLOOR else 'BELOW'}; records {'equal' if spark_same else 'DIFFER'}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    return out


if __name__ == "__main__":
    main()
