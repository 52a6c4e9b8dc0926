"""The DATE values Parley gets wrong, misses or adds on a TimeML set (`make date-errors`).

For error analysis on DEVELOPMENT sets only (TimeBank, AQUAINT, the Wikinews set): every
gold DATE expression whose value the `dates` of the output miss ("wrong": a date overlaps it
with another value; "missed": none overlaps), and every entry of `dates` that matches no gold
DATE or TIME expression ("spurious"), each with its category (what kind of expression it is),
then the counts per category, largest first. The figures are the ones
../shared/tools/score_geo_time.py dates gives (its matching, copied here: span overlap, the
value cut to the gold's granularity).

The spaCy parses are kept in out/date-errors/<set>.spacy (keyed by the texts and the model):
after the first run only the date rules run again, a few seconds a set.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parley.events.dates import article_dates  # noqa: E402

SETS = {"timebank": "timeml/timebank.jsonl", "aquaint": "timeml/aquaint.jsonl"}
CATEGORIES = [          # (category, pattern over the lower-case expression), the first that matches
    ("ref: now/present", r"\b(?:now|currently|current|present|today's|nowadays)\b"),
    ("ref: past/future", r"\b(?:recent(?:ly)?|past|future|former|once|ago)\b"),
    ("weekday", r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"),
    ("today/yesterday/tomorrow", r"\b(?:today|yesterday|tomorrow|tonight)\b"),
    ("holiday", r"\b(?:christmas|new year's|thanksgiving|easter|independence day|halloween|eve)\b"),
    ("month day", r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d"),
    ("quarter/half", r"\b(?:quarter|half|period)\b"),
    ("season", r"\b(?:spring|summer|fall|autumn|winter)\b"),
    ("decade/century", r"\d0s\b|\b(?:decade|century|centuries|nineties|eighties)\b"),
    ("week", r"\bweek"),
    ("month", r"\b(?:month|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"),
    ("year", r"\byear|\b(?:19|20)\d\d\b"),
    ("day", r"\bday\b"),
]


def category(text: str) -> str:
    t = " ".join(text.lower().split())
    return next((c for c, p in CATEGORIES if re.search(p, t)), "other")


def timex_value(d: dict) -> str | None:
    """The scorer's value of an output date (its `timex_value`)."""
    value, prec = d.get("date"), d.get("precision")
    if not value:
        return None
    if prec == "year":
        return value[:4]
    if prec == "month":
        return value[:7]
    if prec == "week":
        y, w, _ = date.fromisoformat(value[:10]).isocalendar()
        return f"{y}-W{w:02d}"
    return value[:10]


def overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def parses(name: str, gold: list[dict], out_dir: Path):
    """The spaCy Docs of the gold texts, parsed once and kept (the pipeline `parley extract` uses)."""
    from spacy.tokens import DocBin

    from parley.resources import Resources
    from parley.settings import Settings

    nlp = Resources(Settings.load()).nlp
    key = hashlib.sha1(("\0".join(g["text"] for g in gold) + nlp.meta.get("version", "")).encode()).hexdigest()[:12]
    path = out_dir / f"{name}-{key}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe([g["text"] for g in gold], batch_size=16))
    out_dir.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def errors(gold: list[dict], outputs: list[list[dict]]) -> tuple[dict, list[tuple]]:
    """The scorer's value figures and the list of (kind, category, doc id, text, gold, system)."""
    n_sys = n_gold = val_p = val_r = 0
    rows = []
    for g, sd in zip(gold, outputs):
        gt = [t for t in g["timex"] if t["type"] in ("DATE", "TIME")]
        gd = [t for t in gt if t["type"] == "DATE"]
        n_sys += len(sd)
        n_gold += len(gd)
        for d in sd:
            hits = [t for t in gt if overlap(d["span"], t["span"])]
            ok = any(timex_value(d) == t["value"] for t in hits)
            val_p += ok
            if not hits:
                rows.append(("spurious", category(d["text"]), g["id"], d["text"], "-", timex_value(d), d["span"]))
        for t in gd:
            hits = [d for d in sd if overlap(d["span"], t["span"])]
            ok = any(timex_value(d) == t["value"] for d in hits)
            val_r += ok
            if not ok:
                kind = "wrong" if hits else "missed"
                shown = " | ".join(f"{d['text']} -> {timex_value(d)}" for d in hits) or "-"
                rows.append((kind, category(t["text"]), g["id"], t["text"], t["value"], shown, t["span"]))
    p, r = val_p / n_sys if n_sys else 0.0, val_r / n_gold if n_gold else 0.0
    return {"P": p, "R": r, "F1": 2 * p * r / (p + r) if p + r else 0.0, "gold": n_gold, "system": n_sys}, rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--sets", default="timebank,aquaint")
    ap.add_argument("--gold", action="append", default=[], metavar="PATH", help="another TimeML-style JSONL")
    ap.add_argument("--out", default=str(ROOT / "out" / "date-errors"))
    ap.add_argument("--kind", default="wrong,missed,spurious", help="which rows to list")
    ap.add_argument("--category", default="", help="list only this category (substring)")
    ap.add_argument("--counts", action="store_true", help="only the figures and the counts")
    ap.add_argument("--context", type=int, default=0, help="characters of text to show either side")
    args = ap.parse_args()
    todo = [(n, Path(args.data) / SETS[n]) for n in args.sets.split(",") if n]
    todo += [(Path(p).stem, Path(p)) for p in args.gold]
    for name, path in todo:
        gold = [json.loads(line) for line in path.open(encoding="utf-8")]
        docs = parses(name, gold, Path(args.out))
        outputs = [[{"text": m.text, "span": list(m.span), "date": m.date, "precision": m.precision}
                    for m in article_dates(doc, g.get("published"))] for g, doc in zip(gold, docs)]
        fig, rows = errors(gold, outputs)
        print(f"== {name} (DEVELOPMENT): value P {fig['P']:.3f} R {fig['R']:.3f} F1 {fig['F1']:.3f} "
              f"(gold DATE {fig['gold']}, system {fig['system']})")
        counts = Counter((k, c) for k, c, *_ in rows)
        for (k, c), n in counts.most_common():
            print(f"  {n:4d} {k:8} {c}")
        if args.counts:
            continue
        kinds = set(args.kind.split(","))
        by_id = {g["id"]: g for g in gold}
        for k, c, doc_id, text, gv, sv, span in sorted(rows, key=lambda r: (r[1], r[0], r[2], r[6])):
            if k in kinds and args.category in c:
                g = by_id[doc_id]
                print(f"{k:8} {c:24} {doc_id[:28]:28} {g.get('published')} {' '.join(text.split())!r:32} gold {gv:12} sys {sv}")
                if args.context:
                    a, b = max(0, span[0] - args.context), span[1] + args.context
                    print("        " + " ".join((g["text"][a:span[0]] + "[[" + g["text"][span[0]:span[1]] + "]]" + g["text"][span[1]:b]).split()))


if __name__ == "__main__":
    main()
