"""Actor mentions on re3d, scored by the reference scorer, beside raw en_core_web_sm.

Steps:
1. write the re3d documents of the five sources as JSONL ({"id": _id, "text": text verbatim});
2. run `parley extract` on it and convert the output with ../shared/tools/convert.py re3d;
3. run raw en_core_web_sm on the same texts (PERSON->Person, ORG->Organisation,
   GPE/LOC/FAC->Location, NORP->Nationality);
4. score both with ../shared/tools/score_entities.py --json (confidence >= 0.5, nested kept);
5. print per-type and micro P/R/F1, exact and overlap: the scorer's "micro (core 5)", which
   includes Temporal (actors never produce it), and the four-type micro (Person,
   Organisation, Location, Nationality) computed from the scorer's per-type tp/fp/fn;
6. with --speed, time raw spaCy against the whole Parley pipeline in this process.

Folds (fixed before the actor filter and the merging rules of issue 14 were tuned): a
document's fold is sha1(its re3d _id) mod 5; folds 0 and 1 (15 documents) are HELD OUT (never
trained or tuned on), folds 2-4 (34 documents) are the training fold of the actor filter
(parley/actors/filter_train.py). `--split test` scores the held-out documents only,
`--split train` the training ones, `--split all` (the default) all 49.

Usage: python eval/actors_re3d.py [--data ../shared/data] [--out out/eval-actors] [--json] [--speed]
                                  [--split all|train|test]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ("australian-dfa", "bbc-online", "eu-delegation-syria", "us-state-department", "wikipedia")
FOUR = ("Person", "Organisation", "Location", "Nationality")
HELD_OUT_FOLDS = (0, 1)
SPACY_TYPES = {"PERSON": "Person", "ORG": "Organisation", "GPE": "Location", "LOC": "Location",
               "FAC": "Location", "NORP": "Nationality"}


def fold(doc_id: str) -> int:
    """A document's fold, 0-4 (folds HELD_OUT_FOLDS are held out)."""
    return int(hashlib.sha1(doc_id.encode()).hexdigest(), 16) % 5


def in_split(doc_id: str, split: str) -> bool:
    held_out = fold(doc_id) in HELD_OUT_FOLDS
    return split == "all" or (split == "test") == held_out


def read_docs(re3d: Path, split: str = "all") -> list[dict]:
    """1. The documents of the five sources in `split`, in folder order."""
    docs = []
    for src in SOURCES:
        with open(re3d / src / "documents.json", encoding="utf-8-sig") as fh:
            docs += [{"id": d["_id"], "text": d["text"], "source": src}
                     for d in map(json.loads, fh) if d and in_split(d["_id"], split)]
    return docs


def gold_dirs(re3d: Path, split: str, out: Path) -> list[Path]:
    """The re3d source folders, or (for a split) copies holding only its documents."""
    if split == "all":
        return [re3d / s for s in SOURCES]
    dirs = []
    for src in SOURCES:
        d = out / f"gold-{split}" / src
        d.mkdir(parents=True, exist_ok=True)
        for name, key in (("documents.json", "_id"), ("entities.json", "documentId")):
            with open(re3d / src / name, encoding="utf-8-sig") as fh:
                keep = [ln for ln in fh if ln.strip() and in_split(json.loads(ln)[key], split)]
            (d / name).write_text("".join(keep), encoding="utf-8")
        dirs.append(d)
    return dirs


def run_parley(inp: Path, out: Path, tools: Path) -> Path:
    """2. `parley extract` and convert.py re3d -> the scorer's input."""
    extracted = out / "parley.jsonl"
    subprocess.run([sys.executable, "-m", "parley", "extract", str(inp), "--out", str(extracted)],
                   check=True, cwd=ROOT)
    converted = out / "parley.re3d.jsonl"
    subprocess.run([sys.executable, str(tools / "convert.py"), "re3d", str(extracted), str(converted)],
                   check=True)
    return converted


def raw_spacy_model():
    import spacy

    from parley.nlp import resolve_model
    return spacy.load(resolve_model("en_core_web_sm"))


def run_raw_spacy(docs: list[dict], out: Path) -> Path:
    """3. Raw en_core_web_sm entities, mapped to re3d types."""
    nlp = raw_spacy_model()
    path = out / "spacy.re3d.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for d, doc in zip(docs, nlp.pipe(x["text"] for x in docs)):
            ents = [{"start": e.start_char, "end": e.end_char, "type": SPACY_TYPES[e.label_]}
                    for e in doc.ents if e.label_ in SPACY_TYPES]
            fh.write(json.dumps({"id": d["id"], "entities": ents}) + "\n")
    return path


def score(system: Path, gold: list[Path], tools: Path) -> dict:
    """4. The reference scorer's JSON scores."""
    proc = subprocess.run([sys.executable, str(tools / "score_entities.py"),
                           *[str(g) for g in gold], str(system), "--json"],
                          check=True, capture_output=True, text=True)
    return json.loads(proc.stdout)["scores"]


def prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": p, "recall": r,
            "f1": 2 * p * r / (p + r) if p + r else 0.0}


def summary(scores: dict) -> dict:
    """5. Per type, the scorer's core-5 micro and the four-type micro, per matching mode."""
    out = {}
    for mode in ("exact", "overlap"):
        core = scores[mode]["core"]
        four = prf(*(sum(core[t][k] for t in FOUR) for k in ("tp", "fp", "fn")))
        out[mode] = {"types": {t: core[t] for t in FOUR}, "micro_core5": scores[mode]["micro_core"],
                     "micro_four": four}
    return out


def speed(docs: list[dict], repeat: int = 2, rounds: int = 3) -> dict:
    """6. Seconds for raw spaCy vs the whole Parley pipeline (parse + extract) on the same
    texts, alternating the two `rounds` times and keeping each one's fastest round (the
    machine may be shared: the ratio within one run is what counts)."""
    from parley import Settings
    from parley.pipeline import Pipeline
    from parley.records import Article
    texts = [d["text"] for d in docs] * repeat
    nlp = raw_spacy_model()
    settings = Settings.load()
    pipeline = Pipeline(settings)
    articles = [Article(id=str(i), text=t, source="re3d") for i, t in enumerate(texts)]
    list(nlp.pipe(texts[:2]))
    list(pipeline.run_articles(articles[:2]))
    t_raw, t_parley = [], []
    for _ in range(rounds):
        t0 = time.perf_counter()
        list(nlp.pipe(texts, batch_size=settings.batch_size))       # the batches Parley uses
        t_raw.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        list(pipeline.run_articles(articles))
        t_parley.append(time.perf_counter() - t0)
    return {"chars": sum(map(len, texts)), "raw_s": min(t_raw), "parley_s": min(t_parley),
            "throughput_ratio": min(t_raw) / min(t_parley)}


def actors_speed(docs: list[dict], repeat: int = 2, rounds: int = 3) -> dict:
    """The actors stage (filter included) against the spaCy parse it reads: Parley's own
    pipeline parses the texts, then find_actors runs on the parsed Docs; CPU seconds of this
    process (time.process_time: a shared machine's other load does not count), the fastest
    of `rounds` rounds each."""
    from parley import Settings
    from parley.actors import find_actors
    from parley.resources import Resources
    res = Resources(Settings.load()).load_all()
    texts = [d["text"] for d in docs] * repeat
    t_parse, t_actors = [], []
    for _ in range(rounds):
        t0 = time.process_time()
        parsed = list(res.nlp.pipe(texts, batch_size=res.settings.batch_size))
        t_parse.append(time.process_time() - t0)
        t0 = time.process_time()
        for k, doc in enumerate(parsed):
            find_actors(doc, str(k), res.known_actors, res.actor_filter)
        t_actors.append(time.process_time() - t0)
    return {"parse_s": min(t_parse), "actors_s": min(t_actors), "ratio": min(t_actors) / min(t_parse)}


def _row(name: str, v: dict) -> str:
    return f"{name:<22} {v['tp']:5d} {v['fp']:5d} {v['fn']:5d}  {v['precision']:.3f} {v['recall']:.3f} {v['f1']:.3f}"


def print_report(results: dict) -> None:
    for mode in ("exact", "overlap"):
        print(f"\n== {mode} spans ==")
        for system in ("spacy", "parley"):
            s = results[system][mode]
            print(f"-- {system} --{'':10}    tp    fp    fn      P     R    F1")
            for t in FOUR:
                print(_row(t, s["types"][t]))
            print(_row("micro (core 5)", s["micro_core5"]))
            print(_row("micro (4 types)", s["micro_four"]))
        d = results["difference"][mode]
        print(f"parley - spacy: four-type micro F1 {d['micro_four_f1']:+.3f}, "
              f"core-5 micro F1 {d['micro_core5_f1']:+.3f}")
    if "speed" in results:
        sp = results["speed"]
        print(f"\nspeed: raw spaCy {sp['raw_s']:.2f} s, Parley {sp['parley_s']:.2f} s for "
              f"{sp['chars']} chars: Parley runs at {sp['throughput_ratio']:.2f} of raw spaCy throughput")
    if "actors_speed" in results:
        a = results["actors_speed"]
        print(f"actors stage (filter included) {a['actors_s']:.2f} CPU s against Parley's spaCy parse "
              f"{a['parse_s']:.2f} CPU s: {a['ratio']:.3f} of parse time (budget 0.08)")


def main() -> int:
    from parley import Settings
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", default=Settings.load().data_dir)
    ap.add_argument("--out", default="out/eval-actors")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--speed", action="store_true", help="also time raw spaCy against Parley")
    ap.add_argument("--actors-speed", action="store_true",
                    help="only time the actors stage against the parse (CPU seconds)")
    ap.add_argument("--split", choices=["all", "train", "test"], default="all",
                    help="test: the held-out folds only; train: the filter's training folds")
    args = ap.parse_args()
    data = Path(args.data) if Path(args.data).is_absolute() else ROOT / args.data
    re3d, tools = data / "re3d", data.parent / "tools"
    if not re3d.exists():
        print(f"skip: {re3d} is absent (set --data or PARLEY_DATA_DIR)")
        return 0
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    docs = read_docs(re3d, args.split)
    gold = gold_dirs(re3d, args.split, out)
    inp = out / "re3d.jsonl"
    inp.write_text("".join(json.dumps({"id": d["id"], "text": d["text"]}, ensure_ascii=False) + "\n"
                           for d in docs), encoding="utf-8")
    results = {"documents": len(docs), "split": args.split,
               "parley": summary(score(run_parley(inp, out, tools), gold, tools)),
               "spacy": summary(score(run_raw_spacy(docs, out), gold, tools))}
    results["difference"] = {m: {
        "micro_four_f1": results["parley"][m]["micro_four"]["f1"] - results["spacy"][m]["micro_four"]["f1"],
        "micro_core5_f1": results["parley"][m]["micro_core5"]["f1"] - results["spacy"][m]["micro_core5"]["f1"],
    } for m in ("exact", "overlap")}
    if args.speed:
        results["speed"] = speed(docs)
    if args.speed or args.actors_speed:
        results["actors_speed"] = actors_speed(docs)
    if args.json:
        print(json.dumps(results, indent=1))
    else:
        print(f"re3d: {len(docs)} documents from {len(SOURCES)} sources, split {args.split} "
              "(confidence >= 0.5)")
        print_report(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
