"""make eval-dedup: pair precision and recall of story clustering on the syndication test set.

    1. build the test set (eval/dedup_set.py): originals, edited copies, distinct articles
    2. store every item through the real Store.put (a fresh SQLite file, or --db URL), as an
       article without extracted records (clustering reads only the text), in shuffled order
    3. read the clusters back from story_articles and compare them with the gold stories:
       a pair is two items in one cluster; precision = predicted pairs that are gold pairs,
       recall = gold pairs that are predicted pairs
    4. break recall down by edit and count false pairs among same-news-cycle PolNeAR articles
       (distinct articles on the same campaign events, published within two days)
"""
from __future__ import annotations

import argparse
import itertools
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from dedup_set import EDITS, build  # noqa: E402

from parley import __version__, open_store  # noqa: E402
from parley.records import Article, Extraction, PipelineInfo  # noqa: E402
from parley.store import stories  # noqa: E402


def pairs(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for members in groups.values() for p in itertools.combinations(members, 2)}


def run(data: Path, db: str | None, seed: int, **size) -> dict:
    items, info = build(data, stories.shingles, seed, **size)                      # 1
    by_text: dict[str, str] = {}
    path = db or str(Path(tempfile.mkdtemp(prefix="parley-dedup-")) / "dedup.db")
    info_p = PipelineInfo(__version__, "none")
    t0 = time.perf_counter()
    with open_store(path) as store:                                                  # 2
        for it in items:
            art = Article(id=it.id, text=it.text, source=f"dedup:{it.id}", outlet=it.outlet,
                          title=it.text.split("\n", 1)[0][:120])
            store.put(Extraction(article=art, pipeline=info_p))
            by_text.setdefault(art.uid, it.id)
        seconds = time.perf_counter() - t0
        rows = store.query("SELECT sa.article_uid, sa.story_id FROM story_articles sa")
    uid_of = {it.id: Article(id=it.id, text=it.text, source="").uid for it in items}
    story_of_uid = {r["article_uid"]: r["story_id"] for r in rows}
    predicted: dict[str, list[str]] = defaultdict(list)
    gold: dict[str, list[str]] = defaultdict(list)
    for it in items:                                                                 # 3
        predicted[story_of_uid[uid_of[it.id]]].append(it.id)
        gold[it.story].append(it.id)
    p_pairs, g_pairs = pairs(predicted), pairs(gold)
    tp = len(p_pairs & g_pairs)
    result = {
        "set": info, "seed": seed, "gold_pairs": len(g_pairs), "predicted_pairs": len(p_pairs),
        "true_pairs": tp, "precision": round(tp / len(p_pairs), 4) if p_pairs else 1.0,
        "recall": round(tp / len(g_pairs), 4) if g_pairs else 1.0,
        "gold_stories": len(gold), "predicted_stories": len(predicted),
        "seconds": round(seconds, 1), "articles_per_second": round(len(items) / seconds, 1),
        "thresholds": {"shingle_words": stories.SHINGLE_WORDS, "num_perm": stories.NUM_PERM,
                       "lsh_threshold": stories.LSH_THRESHOLD, "bands_rows": list(stories._bands()),
                       "min_containment": stories.MIN_CONTAINMENT, "min_jaccard": stories.MIN_JACCARD},
    }
    result["recall_by_edit"] = _recall_by_edit(items, p_pairs)                     # 4
    result["same_news_cycle"] = _same_cycle(items, p_pairs)
    result["false_pairs_sample"] = sorted(p_pairs - g_pairs)[:10]
    result["missed_pairs_sample"] = sorted(g_pairs - p_pairs)[:10]
    return result


def _recall_by_edit(items, p_pairs) -> dict[str, str]:
    """Recall of (copy, original) pairs for copies made with each edit."""
    out = {}
    for edit in EDITS + ("all four",):
        copies = [it for it in items if it.edits and (edit in it.edits or
                                                        (edit == "all four" and len(it.edits) == 4))]
        hit = sum(1 for c in copies if tuple(sorted((c.id, c.story))) in p_pairs)
        out[edit] = f"{hit}/{len(copies)}"
    return out


def _same_cycle(items, p_pairs) -> dict[str, int]:
    """Distinct PolNeAR originals published within two days of each other: pairs and false joins."""
    from datetime import date
    dated = []
    for it in items:
        if it.id.startswith("polnear/") and not it.edits:
            parts = it.id.split("/")[1].split("_")
            dated.append((date.fromisoformat(parts[1]), it.id))
    dated.sort()
    n = joined = 0
    for i, (d, a) in enumerate(dated):
        for d2, b in dated[i + 1:]:
            if (d2 - d).days > 2:
                break
            n += 1
            joined += tuple(sorted((a, b))) in p_pairs
    return {"pairs": n, "joined": joined}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT / "../shared/data"))
    ap.add_argument("--db", default=None, help="store URL (default: a fresh temporary SQLite file)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = ap.parse_args()
    data = Path(args.data)
    if not (data / "polnear").exists():
        sys.exit(f"corpus {data / 'polnear'} is absent: pass --data or set DATA to the shared data folder")
    r = run(data, args.db, args.seed)
    if args.json:
        print(json.dumps(r, indent=2))
        return
    s = r["set"]
    print(f"syndication test set (seed {r['seed']}): {s['items']} articles = {s['originals']} originals "
          f"+ {s['copies']} edited copies + {s['distinct']} distinct articles "
          f"({s['natural_duplicate_pairs_left_out']} natural near-duplicate pairs left out of the pool)")
    print(f"gold: {r['gold_stories']} stories, {r['gold_pairs']} pairs; predicted: "
          f"{r['predicted_stories']} stories, {r['predicted_pairs']} pairs")
    print(f"pair precision {r['precision']:.4f}  recall {r['recall']:.4f}  "
          f"({r['articles_per_second']} articles/s through Store.put)")
    print("recall of copy-original pairs by edit: " + ", ".join(f"{k} {v}" for k, v in r["recall_by_edit"].items()))
    c = r["same_news_cycle"]
    print(f"same news cycle (distinct PolNeAR articles within 2 days): {c['joined']} of {c['pairs']} pairs joined")


if __name__ == "__main__":
    main()
