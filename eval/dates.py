"""Dates on TempEval-3 (TimeBank, AQUAINT) through `parley extract` (`make eval-dates`).

../shared/tools/score_geo_time.py dates scores `dates` against the gold DATE expressions.
TimeBank and AQUAINT are both DEVELOPMENT sets (the rules of parley/events/timex.py were
written from their errors, `make date-errors`); the held-out TempEval-3 figure is measured by
the lead on a separate set. Two figures each: the scorer on the output as written (every entry
of `dates`: DATE and TIME expressions; DURATION and SET ones are in `durations`, which the
scorer does not read), and on the DATE entries only (a TIME's value, "1998-08-07TNI", is cut
to its day by the scorer and never matches).
Also checks that no date the text does not state with its year lies after publication + 1 year.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from geo_time_common import ROOT, extract, score, subset  # noqa: E402

from parley.events.spelled import digits  # noqa: E402
from parley.events.timex import iso_date  # noqa: E402


def _date_only(o: dict) -> dict:
    return {**o, "dates": [d for d in o.get("dates") or [] if d.get("kind", "DATE") == "DATE"]}


def too_late(out: Path) -> list[tuple[str, str, str]]:
    """(id, text, date) of every date later than publication + 1 year that the text does
    not state with its year ("Nov. 1, 2009" of a bond's maturity is what the text says);
    TimeML values ("1989-Q3", "PAST_REF") compared by their first day, a _REF never."""
    bad = []
    for line in out.open(encoding="utf-8"):
        o = json.loads(line)
        pub = o.get("published")
        if not pub:
            continue
        limit = date.fromisoformat(pub[:10]).replace(year=int(pub[:4]) + 1).isoformat()
        bad += [(o["id"], d["text"], d["date"]) for d in o.get("dates") or []
                if (iso := iso_date(d.get("date"), d.get("precision") or "day")) and iso > limit
                and not re.search(r"\d{4}", digits(d["text"].lower()))]     # "the year two thousand" states it
    return bad


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default=str(ROOT / "out" / "eval-dates"))
    ap.add_argument("--sets", default="timebank,aquaint",
                    help="which of ../shared/data/timeml to score (comma-separated; '' for none)")
    ap.add_argument("--gold", action="append", default=[], metavar="PATH",
                    help="another TimeML-style JSONL (id, text, published, timex) to score, "
                         "labelled DEVELOPMENT (repeatable)")
    args = ap.parse_args()
    data, out_dir = Path(args.data).resolve(), Path(args.out)
    held = {"timebank": "DEVELOPMENT", "aquaint": "DEVELOPMENT"}
    todo = [(n, held[n], data / "timeml" / f"{n}.jsonl") for n in args.sets.split(",") if n]
    todo += [(Path(p).stem, "DEVELOPMENT", Path(p)) for p in args.gold]
    report = {}
    for name, label, path in todo:
        gold = [json.loads(line) for line in open(path, encoding="utf-8")]
        out, seconds = extract(gold, out_dir, name, 2)
        dates = subset(out, {g["id"] for g in gold}, f"{name}-date", _date_only)
        report[name] = {"label": label, "all dates": score("dates", gold, out, data, name),
                        "DATE entries": score("dates", gold, dates, data, name),
                        "later than publication + 1 year": too_late(out)}
        for k in ("all dates", "DATE entries"):
            r = report[name][k]
            print(f"{name:8} {label:11} {k:22}: value P {r['value']['P']:.3f} R {r['value']['R']:.3f} "
                  f"F1 {r['value']['F1']:.3f}; span F1 {r['span']['F1']:.3f}")
        print(f"{name:8} dates later than publication + 1 year: {len(report[name]['later than publication + 1 year'])}")
    (out_dir / f"report-{'-'.join(n for n, _, _ in todo)}.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
