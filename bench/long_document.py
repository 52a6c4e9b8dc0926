"""Peak memory and time of one long document, in this process (run it as a subprocess).

    python bench/long_document.py --chars 5000000 [--work DIR]

1. build a text of --chars characters from the bundled demo corpus (its articles one after
   another, as paragraphs, cut at the size), written as one verbatim JSONL line
2. run `parley.process` on it (texts over chunking.CHUNK_CHARS go in chunks of paragraphs)
3. check every mention and trigger offset indexes the whole text
4. print one JSON line: chars, records found, offsets_ok, seconds, peak_mb (this process's
   peak resident set size: the model, the text, one chunk's Doc and the records)
"""
from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "demo" / "corpus" / "wikinews.jsonl"


def long_text(size: int) -> str:
    texts = [json.loads(line)["text"] for line in DEMO.read_text(encoding="utf-8").splitlines()]
    parts, n, i = [], 0, 0
    while n < size:
        parts.append(texts[i % len(texts)])
        n += len(parts[-1]) + 2
        i += 1
    return "\n\n".join(parts)[:size]


def measure(size: int, work: Path) -> dict:
    import parley
    text = long_text(size)
    src = work / "long.jsonl"
    src.write_text(json.dumps({"id": "long", "text": text}) + "\n", encoding="utf-8")
    started = time.monotonic()
    [x] = list(parley.process([str(src)], max_chars=size + 1))
    seconds = time.monotonic() - started
    ok = all(text[m.start:m.end] == m.text for a in x.actors for m in a.mentions) and all(
        text[e.trigger_span[0]:e.trigger_span[1]] == e.trigger for e in x.events)
    return {"chars": len(x.article.text), "actors": len(x.actors), "attributions": len(x.attributions),
            "events": len(x.events), "offsets_ok": ok, "seconds": round(seconds, 1),
            "peak_mb": round(peak_mb(), 1)}


def peak_mb() -> float:
    """This process's peak resident set size. Linux: VmHWM, the high-water mark of this
    program's own memory (getrusage's ru_maxrss also counts the memory of the process that
    started this one, as it was when it did: a large test runner inflates it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--chars", type=int, default=5_000_000)
    ap.add_argument("--work", type=Path, default=None, help="folder for the JSONL input (default: a temporary one)")
    args = ap.parse_args()
    if args.work:
        print(json.dumps(measure(args.chars, args.work)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        print(json.dumps(measure(args.chars, Path(tmp))))


if __name__ == "__main__":
    sys.exit(main())
