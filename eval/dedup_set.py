"""The syndication test set, built programmatically from the corpora in ../shared/data.

    1. pool: PolNeAR train+dev texts (US campaign news, 2015-16: many distinct articles on the
       same events), the article-extraction-benchmark bodies and re3d documents; articles
       under MIN_WORDS are left out, and so is the later member of each natural near-duplicate
       pair the corpora already hold (an updated version of the same story), so that the
       pool's articles are distinct stories
    2. originals: a seeded sample of the pool; each gets 1-4 syndicated copies, each copy made
       with one to four edits: light edits (words changed, dropped or re-spelled), other
       boilerplate (wire credits, copyright lines, newsletter and social prompts, datelines),
       a trimmed ending (the last 10-45% of sentences cut) and a changed sentence
    3. distractors: the rest of the pool stays as distinct articles; a share of them gets the
       same boilerplate templates as the copies, so shared boilerplate alone must not join them
    4. shuffled into one ingest order; gold story = the original's id

Every item is a plain (id, text, outlet, story, edits) record; nothing is written to disk.
"""
from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

MIN_WORDS = 80
N_ORIGINALS = 250
DISTRACTOR_BOILERPLATE_SHARE = 0.3
NATURAL_DUPLICATE_CONTAINMENT = 0.3   # pool pairs this similar are one story already
OUTLETS = ("Reuters", "AP", "AFP", "The Daily Star", "Gulf News", "Yahoo News", "MSN", "The Hindu",
           "Sydney Morning Herald", "Toronto Star", "Irish Times", "Jakarta Post")
CREDIT_NAMES = ("Lesley Wroughton", "Steve Holland", "Jonathan Landay", "Mark Hosenball",
                "Julie Pace", "Ken Thomas", "Arshad Mohammed", "Patricia Zengerle")
BOILERPLATE = (
    "Reporting by {a}; Additional reporting by {b}; Editing by {c}",
    "Copyright {y} The Associated Press. All rights reserved. This material may not be published, "
    "broadcast, rewritten or redistributed.",
    "Sign up for our daily newsletter to get the top stories delivered to your inbox every morning.",
    "Follow us on Twitter and Facebook for the latest updates on this story.",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "(c) {y} Agence France-Presse. All rights reserved.",
    "Related coverage: What we know so far | Timeline of events | Full analysis",
    "Click here to read more from our politics desk. Comments on this article are closed.",
    "This story has been corrected to fix a spelling error.",
    "Have a news tip? Contact our newsroom at any time of day.",
)
DATELINES = ("WASHINGTON (Reuters) - ", "NEW YORK (AP) — ", "DES MOINES, Iowa (AFP) - ", "LONDON — ")
SWAPS = {"said": "says", "says": "said", "told": "informed", "percent": "per cent", "U.S.": "US",
         "United States": "U.S.", "Mr.": "Mr", "Mrs.": "Mrs", "about": "around", "also": "additionally",
         "but": "however", "big": "large", "large": "big", "many": "numerous", "because": "as",
         "Donald Trump": "Trump", "Hillary Clinton": "Clinton", "Monday": "on Monday"}
FILLERS = ("very", "also", "just", "really", "still", "now")
_SENT = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“A-Z0-9])")


@dataclass(frozen=True)
class Item:
    id: str
    text: str
    outlet: str
    story: str                  # gold story: the original's id
    edits: tuple[str, ...] = ()  # the edits that made this copy (empty for originals/distractors)


# -- 1. the pool ---------------------------------------------------------------------------

def load_pool(data: Path) -> dict[str, str]:
    docs: dict[str, str] = {}
    for split in ("train", "dev"):
        for p in sorted((data / "polnear" / split / "text").glob("*.txt")):
            docs["polnear/" + p.stem] = p.read_text(encoding="utf-8")
    gt = data / "article-extraction-benchmark" / "ground-truth.json"
    if gt.exists():
        for key, v in sorted(json.loads(gt.read_text(encoding="utf-8")).items()):
            docs["aeb/" + key[:16]] = v.get("articleBody") or ""
    for f in sorted((data / "re3d").glob("*/documents.json")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                obj = json.loads(line)
                docs[f"re3d/{f.parent.name}/{obj.get('_id', n)}"] = obj.get("text") or ""
    return {k: v for k, v in docs.items() if len(v.split()) >= MIN_WORDS}


def drop_natural_duplicates(docs: dict[str, str], shingles) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Keep one article of each pair the corpora already hold twice (exact 5-gram containment)."""
    sh = {k: shingles(v) for k, v in docs.items()}
    owners: dict[str, list[str]] = {}
    for k, s in sh.items():
        for x in s:
            owners.setdefault(x, []).append(k)
    shared: dict[tuple[str, str], int] = {}
    for ks in owners.values():
        if 1 < len(ks) < 50:
            for i, a in enumerate(ks):
                for b in ks[i + 1:]:
                    shared[(a, b)] = shared.get((a, b), 0) + 1
    pairs = sorted((a, b) for (a, b), n in shared.items()
                   if n / min(len(sh[a]), len(sh[b])) >= NATURAL_DUPLICATE_CONTAINMENT)
    drop = {max(a, b) for a, b in pairs}
    return {k: v for k, v in docs.items() if k not in drop}, pairs


# -- 2. edits ----------------------------------------------------------------------------------

def split_sentences(text: str) -> list[str]:
    return [s for s in _SENT.split(text) if s.strip()]


def light_edits(text: str, rng: random.Random) -> str:
    """About one change per 40 words: a swapped word, a dropped or added filler, a respelling."""
    words = text.split(" ")
    for _ in range(max(1, len(words) // 40)):
        i = rng.randrange(len(words))
        w = words[i]
        swap = next((v for k, v in SWAPS.items() if w.strip(",.;") == k), None)
        if swap:
            words[i] = w.replace(w.strip(",.;"), swap)
        elif w.lower() in FILLERS:
            words[i] = ""
        elif w.isalpha() and w.islower() and rng.random() < 0.5:
            words[i] = rng.choice(FILLERS) + " " + w
        elif any(c.isdigit() for c in w):
            words[i] = re.sub(r"\d", lambda m: str((int(m.group()) + 1) % 10), w, count=1)
        else:
            words[i] = w.replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r" {2,}", " ", " ".join(words))


def boilerplate(text: str, rng: random.Random) -> str:
    """A dateline in front and two or three boilerplate lines at the end."""
    lines = [t.format(a=rng.choice(CREDIT_NAMES), b=rng.choice(CREDIT_NAMES), c=rng.choice(CREDIT_NAMES),
                      y=rng.choice((2015, 2016))) for t in rng.sample(BOILERPLATE, rng.randint(2, 3))]
    head = rng.choice(DATELINES) if rng.random() < 0.6 else ""
    return head + text.rstrip() + "\n\n" + "\n\n".join(lines)


def trim_ending(text: str, rng: random.Random) -> str:
    sents = split_sentences(text)
    keep = max(2, round(len(sents) * rng.uniform(0.55, 0.9)))
    return " ".join(sents[:keep])


def change_sentence(text: str, rng: random.Random, donor: str) -> str:
    """One sentence replaced by a sentence (6 to 50 words) of another article."""
    sents = split_sentences(text)
    other = [s for s in split_sentences(donor) if 6 <= len(s.split()) <= 50]
    if len(sents) < 3 or not other:
        return text
    sents[rng.randrange(1, len(sents))] = rng.choice(other)
    return " ".join(sents)


EDITS = ("light", "boilerplate", "trim", "sentence")


def make_copy(text: str, rng: random.Random, donor: str) -> tuple[str, tuple[str, ...]]:
    chosen = tuple(e for e in EDITS if rng.random() < 0.55) or (rng.choice(EDITS),)
    for e in chosen:           # boilerplate is applied after trimming (it sits at the end)
        if e == "light":
            text = light_edits(text, rng)
        elif e == "sentence":
            text = change_sentence(text, rng, donor)
        elif e == "trim":
            text = trim_ending(text, rng)
    if "boilerplate" in chosen:
        text = boilerplate(text, rng)
    return text, chosen


# -- 3-4. the set -----------------------------------------------------------------------------------

def build(data: Path, shingles, seed: int = 13, n_originals: int = N_ORIGINALS,
          pool_size: int | None = None) -> tuple[list[Item], dict]:
    """The test set; `n_originals` and `pool_size` make smaller ones (the quality-gate test)."""
    rng = random.Random(seed)
    pool, natural = drop_natural_duplicates(load_pool(data), shingles)
    if pool_size is not None:
        pool = {k: pool[k] for k in sorted(random.Random(seed).sample(sorted(pool), pool_size))}
    ids = sorted(pool)
    originals = set(rng.sample(ids, min(n_originals, len(ids) // 3)))
    items: list[Item] = []
    for k in ids:
        text = pool[k]
        if k not in originals and rng.random() < DISTRACTOR_BOILERPLATE_SHARE:
            text = boilerplate(text, rng)
        items.append(Item(k, text, rng.choice(OUTLETS), k))
        if k in originals:
            for n in range(rng.randint(1, 4)):
                copy, edits = make_copy(pool[k], rng, pool[rng.choice(ids)])
                items.append(Item(f"{k}#copy{n + 1}", copy, rng.choice(OUTLETS), k, edits))
    rng.shuffle(items)
    info = {"pool": len(pool), "natural_duplicate_pairs_left_out": len(natural),
            "originals": len(originals), "copies": sum(1 for i in items if i.edits),
            "distinct": len(pool) - len(originals), "items": len(items)}
    return items, info
