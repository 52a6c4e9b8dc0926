"""Training material for the learned event layer: the lexicon's candidates on labelled texts.

Each labelled text is parsed and coded without the learned layer; every candidate is kept
with its features and what is needed to label it (type, quad, trigger span, the texts and
countries of its source and target actors). `make train-events` writes them once to a cache
(out/events-train/candidates.jsonl) that training and cross-validation read.

Sources (../shared/data/events-train, see its README; ids of held-out items are excluded):
  gsr        gsr-dev.json (PLOVER gold, one event per sentence)
  written    eval/data/event_sentences_independent{,2}.txt (Parley's own PLOVER sentences;
             independent3 stays a held-out evaluation set)
  synthetic  the lead sentence of each ngec-synthetic story (story-level type, noisy)
  quad       conflibert-quad-train (CAMEO quad class of real sentences; 'statement' = no act)
  actors     conflibert-actors-train (source/target spans of the same sentences: direction)
  police     india-police-events (police and crime news: violence that is not a political act)
  furniture  lines that Parley's own HTML extraction keeps from the article-extraction-benchmark
             pages but that are not in the page's ground-truth article body (bylines, teasers,
             newsletter and share prompts, related links): no political act
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

from ..actors import find_actors
from ..attribution import find_attributions
from ..records import Article
from ..resources import Resources
from .coder import find_events
from .generator import open_features
from .lexicon import lexicon
from .triggers import lemma
from .learned import direction_features, keep_features

ROOT = Path(__file__).resolve().parents[2]
SPLITS = ROOT / "eval" / "data" / "events_splits.json"
WRITTEN_TRAIN = ("event_sentences_independent.txt", "event_sentences_independent2.txt")
SEED = 13
POLICE_NEGATIVES = 4000


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]


def read_sentences(path: Path) -> list[dict]:
    """Parley's own gold sentences ("TYPE | SOURCE | TARGET | SENTENCE") as gsr-like records."""
    records = []
    for k, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip() or line.startswith("#"):
            continue
        cols = [c.strip() for c in line.split(" | ")]
        if len(cols) != 4:
            raise SystemExit(f"{path}:{k + 1}: expected 'TYPE | SOURCE | TARGET | SENTENCE', got {line!r}")
        type_, source, target, text = cols
        records.append({"id": f"{path.stem}-{k + 1:04d}-{type_}", "date": "2000-01-01", "event": type_,
                        "source": _gold_actors(source), "target": _gold_actors(target) or "", "text": text})
    return records


def _gold_actors(field: str) -> list[dict]:
    """'Russia=RUS; rebels=REB' -> [{"actorText": "Russia", "code": "RUS"}, ...]."""
    out = []
    for part in field.split(";") if field != "-" else ():
        text, _, code = part.strip().rpartition("=")
        out.append({"actorText": text.strip(), "code": "" if code.strip() == "-" else code.strip()})
    return out


def texts(data: Path) -> Iterator[dict]:
    """The labelled training texts, held-out items left out."""
    held = set(json.loads(SPLITS.read_text())["synthetic_heldout"])
    for r in json.loads((data / "plover" / "gsr-dev.json").read_text()):
        if r.get("event") != "DOCUMENT":
            yield {"id": r["id"], "set": "gsr", "text": r["text"], "gold": _gold(r)}
    for name in WRITTEN_TRAIN:
        for r in read_sentences(ROOT / "eval" / "data" / name):
            yield {"id": r["id"], "set": "written", "text": r["text"], "gold": _gold(r)}
    train = data / "events-train"
    for r in _jsonl(train / "ngec-synthetic.jsonl"):
        if r["id"] not in held:
            lead = r["text"].strip().split("\n")[0]
            yield {"id": r["id"], "set": "synthetic", "text": _first_sentence(lead), "type": r["type"]}
    tags = {_letters("".join(r["tokens"])): r for r in _jsonl(train / "conflibert-actors-train.jsonl")}
    for r in _jsonl(train / "conflibert-quad-train.jsonl"):
        spans = _tag_spans(r["text"], tags.get(_letters(r["text"])))
        yield {"id": r["id"], "set": "quad", "text": r["text"], "quad": r["quad"], "spans": spans}
    police = _jsonl(train / "india-police-events.jsonl")
    rng = random.Random(SEED)
    neg = [r for r in police if not r["labels"] and len(r["text"].split()) >= 6]
    pos = [r for r in police if set(r["labels"]) & {"KILL", "FORCE", "ARREST"}]
    for r in pos + rng.sample(neg, min(POLICE_NEGATIVES, len(neg))):
        yield {"id": r["id"], "set": "police", "text": r["text"], "labels": r["labels"]}
    yield from furniture(data / "article-extraction-benchmark")


def furniture(bench: Path) -> Iterator[dict]:
    """Lines of the extracted text that are not in the ground-truth body (past the first two
    lines, which are the headline and standfirst; up to 40 words, longer ones are body text)."""
    import gzip
    import re

    from ..ingest.html import decode_html, extract_html
    if not (bench / "ground-truth.json").exists():
        return
    def norm(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().lower()
    for h, v in sorted(json.loads((bench / "ground-truth.json").read_text()).items()):
        page = extract_html(decode_html(gzip.open(bench / "html" / f"{h}.html.gz").read()), v.get("url"), False)
        body = norm(v["articleBody"])
        lines = [ln for ln in page.text.split("\n") if ln.strip()][2:] if page else []
        for k, line in enumerate(lines):
            if 2 <= len(line.split()) <= 40 and norm(line) not in body:
                yield {"id": f"furniture-{h[:12]}-{k}", "set": "furniture", "text": line.strip()}


def _gold(r: dict) -> dict:
    old = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "FIGHT": "ASSAULT", "INVESTIGATE": "ACCUSE"}
    return {"type": old.get(r["event"], r["event"]), "source": _actors(r.get("source")),
            "target": _actors(r.get("target"))}


def _actors(field) -> list[dict]:
    return [a for a in field if isinstance(a, dict)] if isinstance(field, list) else []


def _first_sentence(text: str) -> str:
    for k, ch in enumerate(text):
        if ch in ".!?" and k > 40 and (k + 1 == len(text) or text[k + 1] == " ") and not text[k - 2:k].istitle():
            return text[:k + 1]
    return text


def _letters(text: str) -> str:
    """The letters and digits of a text (the two ConfliBERT files tokenise the same sentences)."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


def _tag_spans(text: str, row: dict | None) -> dict | None:
    """Character spans of the source (S) and target (T) tags, aligned by searching each token."""
    if row is None:
        return None
    spans: dict[str, list[list[int]]] = {"S": [], "T": []}
    pos = 0
    for tok, tag in zip(row["tokens"], row["tags"]):
        k = text.find(tok, pos)
        if k < 0 or k - pos > 3:
            continue
        pos = k + len(tok)
        kind = tag[2:] if tag != "O" else None
        if kind in spans:
            if tag.startswith("B-") or not spans[kind] or spans[kind][-1][1] < k - 2:
                spans[kind].append([k, pos])
            else:
                spans[kind][-1][1] = pos
    return spans


def candidates(items: list[dict], res: Resources, batch: int = 64) -> Iterator[dict]:
    """Each text's candidates (without the learned layer), one row per text."""
    nlp = res.nlp
    for k in range(0, len(items), batch):
        chunk = items[k:k + batch]
        for item, doc in zip(chunk, nlp.pipe([i["text"] for i in chunk], batch_size=batch)):
            cands, opened = _code(doc, item, res)
            yield {**item, "candidates": cands, "open": opened}
            doc.user_data.clear()


def _code(doc, item: dict, res: Resources) -> list[dict]:
    article = Article(id=item["id"], text=item["text"], source=item["id"], published="2000-01-01")
    index = find_actors(doc, article.uid, res.known_actors)
    attributions, speakers = find_attributions(doc, index, article.uid, res.attribution_model)
    index = index.plus(speakers)
    found: list = []
    opened: list = []
    _, participants = find_events(doc, index, attributions, article, res.nlp, collect=found,
                                  collect_open=opened)
    index = index.plus(participants)
    out = []
    for e, head, ev in found:
        row = _row(e, ev, index, item["text"])
        row["keep"] = keep_features(head, ev)
        if e.source or e.target:
            row["direction"] = direction_features(head, ev)
        out.append(row)
    lex = lexicon()
    return out, [{**_row(e, ev, index, item["text"]), "lemma": lemma(head), "depth": _depth(head),
                  "negated": e.negated, "modality": e.modality, "open": open_features(head, ev, lex)}
                 for e, head, ev in opened]


def _row(e, ev, index, text: str) -> dict:
    return {"type": e.type, "trigger_span": list(e.trigger_span), "sentence_span": list(e.sentence_span),
            "background": ev.background,
            "source": [_actor(index.get(a), text) for a in e.source],
            "target": [_actor(index.get(a), text) for a in e.target]}


def _depth(tok) -> int:
    k = 0
    while tok.head.i != tok.i and k < 20:
        tok, k = tok.head, k + 1
    return k


def _actor(d, text: str) -> dict:
    return {"name": d.name, "country": d.country,
            "texts": [text[s:e] for s, e in (d.mentions or [])][:6],
            "spans": [list(m) for m in (d.mentions or [])][:6]}
