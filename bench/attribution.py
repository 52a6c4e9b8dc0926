"""Attribution speed against spaCy's own, in one run on the same texts.

Steps:
1. read the PolNeAR texts (train split, or its first --limit articles);
2. parse them with the configured spaCy pipeline (nlp.pipe), timing spaCy alone;
3. on the same Docs, time actor finding (which attribution needs for speakers) and
   attribution extraction separately;
4. print both times and the ratio attribution / spaCy (the issue's budget: <= 0.15).

Usage: python bench/attribution.py [--split train] [--limit N] [--json]
Timings on a shared machine are noisy: compare ratios from one run only.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from parley import Settings  # noqa: E402
from parley.actors import find_actors  # noqa: E402
from parley.attribution import find_attributions  # noqa: E402
from parley.attribution.corpus import read_split  # noqa: E402
from parley.attribution.scorer import load_model  # noqa: E402
from parley.nlp import load_nlp  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="train")
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles (sorted)")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    settings = Settings.load()
    data = Path(settings.data_dir)
    data = data if data.is_absolute() else (ROOT / data).resolve()
    texts = [a.text for a in read_split(data / "polnear" / args.split)][:args.limit]   # 1
    nlp = load_nlp(settings.spacy_model)
    load_model()
    nlp("warm up")
    t0 = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=settings.batch_size))                     # 2
    t_spacy = time.perf_counter() - t0
    t_actors = t_attr = 0.0
    n_att = 0
    for k, doc in enumerate(docs):                                                   # 3
        t1 = time.perf_counter()
        index = find_actors(doc, str(k))
        t2 = time.perf_counter()
        n_att += len(find_attributions(doc, index, str(k))[0])
        t_actors += t2 - t1
        t_attr += time.perf_counter() - t2
    tokens = sum(len(d) for d in docs)
    result = {"articles": len(docs), "tokens": tokens, "attributions": n_att,
              "spacy_s": round(t_spacy, 3), "actors_s": round(t_actors, 3),
              "attribution_s": round(t_attr, 3), "ratio": round(t_attr / t_spacy, 4),
              "spacy_tokens_per_s": round(tokens / t_spacy)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{len(docs)} articles, {tokens} tokens, {n_att} attributions")
        print(f"spaCy ({settings.spacy_model}): {t_spacy:.2f} s ({tokens / t_spacy:.0f} tokens/s)")
        print(f"actors (needed for speakers): {t_actors:.2f} s")
        print(f"attribution: {t_attr:.2f} s")
        print(f"ratio attribution / spaCy: {t_attr / t_spacy:.3f} (budget 0.15)")    # 4
    return 0


if __name__ == "__main__":
    sys.exit(main())
