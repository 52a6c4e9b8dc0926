"""Places: toponym recognition and resolution on LGL and TR-News (`make eval-places`).

The real `parley extract` runs on each corpus; ../shared/tools/score_geo_time.py places
scores the article-level `places`. The ranker (parley/geo/model/ranker.json) was trained
on LGL's training split (article id hash % 5 != 0, `parley.geo.train.held_out`): LGL is
reported whole (DEVELOPMENT: 80% of it trained the ranker, and its errors guided the
rules) and on its held-out 20% split; TR-News was never trained on (HELD-OUT).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from geo_time_common import ROOT, extract, score, subset  # noqa: E402

from parley.geo.train import held_out  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--out", default=str(ROOT / "out" / "eval-places"))
    ap.add_argument("--processes", type=int, default=2)
    args = ap.parse_args()
    data, out_dir = Path(args.data).resolve(), Path(args.out)
    report = {}
    for name in ("tr-news", "lgl"):
        gold = [json.loads(line) for line in open(data / "geo" / f"{name}.jsonl", encoding="utf-8")]
        out, seconds = extract(gold, out_dir, name, args.processes)
        report[name] = {"label": "HELD-OUT" if name == "tr-news" else "DEVELOPMENT (80% trained the ranker)",
                        "articles": len(gold), "seconds": round(seconds, 1), **score("places", gold, out, data, name)}
        if name == "lgl":
            test = [g for g in gold if held_out(g["id"])]
            part = subset(out, {g["id"] for g in test}, "lgl-test")
            report["lgl-test"] = {"label": "HELD-OUT (LGL articles with id hash % 5 == 0)", "articles": len(test),
                                  **score("places", test, part, data, "lgl-test")}
    for name, r in report.items():
        rec = r["recognition"]
        print(f"{name:9} {r['label']}: recognition P {rec['P']:.3f} R {rec['R']:.3f} F1 {rec['F1']:.3f}; "
              f"within 161 km {r['acc161_of_matched']:.3f} of matched ({r['articles']} articles)")
    (out_dir / "report.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
