"""DEVELOPMENT whole-article event check: seven Wikinews articles of demo/corpus/wikinews.jsonl
annotated by the events session (eval/data/events_dev_articles.txt; see its header).

Each article goes through the real `parley extract`. An event is right when its sentence holds
the snippet of an annotated line whose types include the event's type (req or opt lines);
precision = right events / events. Recall = req lines with an event of one of their types in
their sentence / req lines. Sentences without a line report no act. These are DEVELOPMENT
figures (the set was written and looked at during this work), not evidence of quality.

Usage: python eval/events_dev_articles.py [--show]
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from events_gsr import extract  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "data" / "events_dev_articles.txt"
CORPUS = ROOT / "demo" / "corpus" / "wikinews.jsonl"


def read_gold(path: Path = GOLD) -> dict[str, list[tuple[str, set[str], bool]]]:
    gold: dict[str, list] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            art, snippet, types, need = (c.strip() for c in line.split(" | "))
            gold[art].append((snippet, set(types.split(",")), need == "req"))
    return gold


def evaluate(articles: dict[str, dict], gold: dict, show: bool = False) -> dict:
    right = events = found = required = 0
    for aid, lines in gold.items():
        art = articles[aid]
        text = art["article"]["text"] if "article" in art else art.get("text", "")
        evs = [(text[e["sentence_span"][0]:e["sentence_span"][1]], e) for e in art.get("events", [])]
        spans = [_span(text, s, aid) for s, _, _ in lines]

        def there(e: dict, k: int, spans: list = spans) -> bool:   # the sentence overlaps the snippet
            (a, b), (s0, s1) = spans[k], e["sentence_span"]
            return s0 < b and a < s1
        for sent, e in evs:
            ok = any(there(e, k) and e["type"] in types for k, (_, types, _) in enumerate(lines))
            right += ok
            events += 1
            if show and not ok:
                print(f"  FP {aid[:30]} {e['type']:9s} {e.get('trigger')!r:18s} {sent[:90]!r}")
        for k, (s, types, need) in enumerate(lines):
            if need:
                required += 1
                hit = any(there(e, k) and e["type"] in types for _, e in evs)
                found += hit
                if show and not hit:
                    print(f"  FN {aid[:30]} {'/'.join(sorted(types)):9s} {s[:80]!r}")
    P, R = right / events if events else 0.0, found / required if required else 0.0
    return {"articles": len(gold), "events": events, "required": required, "P": round(P, 3), "R": round(R, 3),
            "F1": round(2 * P * R / (P + R), 3) if P + R else 0.0}


def _span(text: str, snippet: str, aid: str) -> tuple[int, int]:
    k = text.find(snippet)
    if k < 0:
        raise SystemExit(f"{aid}: snippet {snippet!r} is not in the article")
    return k, k + len(snippet)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--show", action="store_true", help="print the false positives and the misses")
    args = ap.parse_args()
    gold = read_gold()
    rows = [r for r in map(json.loads, CORPUS.open(encoding="utf-8")) if r["id"] in gold]
    with tempfile.TemporaryDirectory() as tmp:
        inputs, out = Path(tmp) / "in.jsonl", Path(tmp) / "out.jsonl"
        inputs.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
        extract(inputs, out)
        arts = {a["id"]: a for a in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    print("DEVELOPMENT whole-article events (7 Wikinews articles, eval/data/events_dev_articles.txt):")
    print(json.dumps(evaluate(arts, gold, args.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
