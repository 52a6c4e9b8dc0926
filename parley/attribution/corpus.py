"""PolNeAR (brat standoff) for training: texts, gold attributions, parsed Docs.

Only training reads this module. Gold follows the reference scorer
(../shared/tools/score_attribution.py): where an article has several annotators'
files, the first by sorted file name is used; attributions without Content are dropped.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, DocBin

_T_LINE = re.compile(r"^(T\d+)\t(\S+) ([0-9 ;]+)\t")
_E_LINE = re.compile(r"^(E\d+)\t(.*)$")
Segs = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class GoldAttribution:
    source: Segs
    cue: Segs
    content: Segs


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    attributions: tuple[GoldAttribution, ...]


def parse_ann(path: Path) -> tuple[GoldAttribution, ...]:
    """Attributions of one .ann file: Source/Cue/Content segments of each event."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events: list[list[tuple[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _T_LINE.match(line)
        if m:
            spans[m.group(1)] = [tuple(int(x) for x in part.split()) for part in m.group(3).split(";")]
            continue
        m = _E_LINE.match(line)
        if m:
            events.append([tuple(item.split(":", 1)) for item in m.group(2).split() if ":" in item])
    out = []
    for args in events:
        roles: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for role, tid in args:
            base = re.sub(r"\d+$", "", role)
            if base in roles and tid in spans:
                roles[base].extend(spans[tid])
        if roles["Content"]:
            out.append(GoldAttribution(*(tuple(sorted(roles[r])) for r in ("Source", "Cue", "Content"))))
    return tuple(out)


def read_split(split_dir: Path) -> Iterator[GoldArticle]:
    """Articles of a PolNeAR split folder (text/, attributions/) in sorted order."""
    text_dir, ann_dir = split_dir / "text", split_dir / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(f"{split_dir} lacks text/ or attributions/: point --data at the "
                                "shared data folder (PARLEY_DATA_DIR)")
    for path in sorted(text_dir.glob("*.txt")):
        with path.open(encoding="utf-8", newline="") as fh:
            text = fh.read()
        anns = sorted(ann_dir.glob(f"{path.stem}_*.ann"))
        atts = parse_ann(anns[0]) if anns else ()
        yield GoldArticle(path.stem, text, atts)


def parsed(articles: list[GoldArticle], nlp: Language, cache: Path | None) -> list[Doc]:
    """spaCy Docs of the articles, read from `cache` (a DocBin file) when it matches."""
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == [a.text for a in articles]:
            return docs
    docs = list(nlp.pipe((a.text for a in articles), batch_size=16))
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        DocBin(store_user_data=False, docs=docs).to_disk(cache)
    return docs
