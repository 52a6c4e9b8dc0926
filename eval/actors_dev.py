"""Whole-article actors on the DEVELOPMENT set (eval/data/actors_dev/gold.jsonl): 17 articles
of the bundled demo corpus (demo/corpus/wikinews.jsonl, CC BY 2.5), annotated by the session
that tuned the actors stage on them (issue 14). DEVELOPMENT figures: tuned on, not evidence.

Same measures as the held-out audit (eval/audit.py's score_actors): actors found, right
country, wrong merges of pairs that must stay apart, strings that are not actors held as
actors. `--errors` prints each miss for error analysis (allowed here, never on the audit).

`--set DIR` scores another set of whole articles in the same format instead (DIR/articles*.jsonl:
id, title, text, ...; DIR/gold*.jsonl: actors, keep_apart, not_actors per article), read where
it lies (annotation sets in progress are read, never copied into the repository).

Usage: python eval/actors_dev.py [--set DIR] [--out out/eval-actors-dev] [--errors]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from audit import Article, extract, occurrences, overlaps, score_actors  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "eval" / "data" / "actors_dev" / "gold.jsonl"
CORPUS = ROOT / "demo" / "corpus" / "wikinews.jsonl"


def _objects(files: list[Path]) -> list[dict]:
    return [json.loads(x) for f in files for x in f.read_text("utf-8").splitlines() if x.strip()]


def load(gold_file: Path = GOLD, corpus: Path = CORPUS, folder: Path | None = None) -> tuple[list[dict], dict[str, dict]]:
    """The gold and articles of the dev set, or of a folder of (articles|gold)[_x].jsonl files."""
    gold_files, corpora = (sorted(folder.glob("gold*.jsonl")), sorted(folder.glob("articles*.jsonl"))) \
        if folder else ([gold_file], [corpus])
    gold = {g["id"]: g for g in _objects(gold_files)}
    articles = [a for a in _objects(corpora) if a["id"] in gold]
    for a in articles:       # each gold actor occurs by its name or a mention; each not-actor occurs
        g = gold[a["id"]]
        missing = [x["name"] for x in g["actors"]
                   if not any(occurrences(a["text"], s) for s in [x["name"], *x["mentions"]])]
        missing += [s for s in g["not_actors"] if not occurrences(a["text"], s)]
        if missing:
            raise SystemExit(f"{a['id']}: gold strings not in the text: {missing}")
    return articles, gold


def errors(art: Article) -> list[str]:
    """Misses of one article, for error analysis."""
    out = []
    mentions = [(aid, tuple(m)) for aid, a in art.actors.items() for m in a["mentions"]]
    for g in art.gold["actors"]:
        holders = Counter(aid for aid, m in mentions for sp in art.spans[g["name"]] if overlaps(m, sp))
        if not holders:
            out.append(f"  missed   {g['name']}")
        elif g.get("country"):
            a = art.actors[holders.most_common(1)[0][0]]
            if a.get("country") != g["country"]:
                out.append(f"  country  {g['name']}: {a.get('country')} (gold {g['country']}; actor {a['name']!r} {a['kind']})")
    for a_name, b_name, held in art.merges()[1]:
        out.append(f"  merged   {a_name} + {b_name} in {held!r}")
    for s in art.gold.get("not_actors", []):
        held = {art.actors[aid]["name"] for aid, m in mentions for o in occurrences(art.text, s) if overlaps(m, o)}
        if held:
            out.append(f"  held     {s!r} in {sorted(held)}")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(ROOT / "out" / "eval-actors-dev"))
    ap.add_argument("--errors", action="store_true", help="print each article's misses")
    ap.add_argument("--set", help="a folder of articles*.jsonl and gold*.jsonl files (default: the dev set)")
    args = ap.parse_args()
    articles, gold = load(folder=Path(args.set)) if args.set else load()
    out = extract(articles, Path(args.out))
    arts = [Article(gold[a["id"]], out[a["id"]]) for a in articles if "text" in out.get(a["id"], {})]
    if args.errors:
        for art in arts:
            print(art.gold["id"], *errors(art), sep="\n")
    a = score_actors(arts)
    Path(args.out, "scores.json").write_text(json.dumps(a, indent=2), "utf-8")
    print(f"actors DEVELOPMENT set {args.set or GOLD.parent.name} ({len(arts)} articles, {a['gold_actors']} gold actors; tuned on): "
          f"found {a['found']['value']:.3f}; right country {a['country']['value']:.3f} of {a['country']['n']} "
          f"(when Parley gives one: {a['country_when_given']['value']:.3f} of {a['country_when_given']['n']}); "
          f"wrong merges {a['wrong_merges']} of {a['pairs']} pairs ({a['wrong_merges_old']} counting names inside descriptions); not-actors held "
          f"{a['not_actors_held']['value']:.3f} of {a['not_actor_strings']}")


if __name__ == "__main__":
    main()
