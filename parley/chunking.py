"""Long documents in chunks of paragraphs, so memory per worker stays bounded.

spaCy parses a document whole and the extractors index it whole: a 987,000-character text
took 3.5 GB and 188 s in one piece. A text longer than CHUNK_CHARS is instead

    1. cut into chunks of whole paragraphs (blank-line separated) of at most CHUNK_CHARS
       characters; a longer paragraph is cut at a line end, a sentence end or a space
    2. parsed and extracted chunk by chunk (one spaCy Doc alive at a time), as a part of
       the article whose records carry the whole article's uid
    3. shifted: every span moves by the chunk's start, so offsets index the whole text;
       ids that hash an offset are recomputed from the shifted offset
    4. merged: an actor found in several chunks (the same id: same article, kind and name)
       becomes one actor with every mention

Peak memory is then the model plus one chunk's Doc plus the records: under 1 GB per worker
for any document that fits in memory as text (measured: tests/test_firstrun_chunking.py).
What is lost at a cut: a quote or event whose sentence spans two chunks (cuts fall between
paragraphs, so rarely), and the link between a surname in a later chunk and the full name
in an earlier one (they stay two actors).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from .extract import extract_doc
from .records import Actor, Article, Attribution, Event, Extraction, Mention, PipelineInfo, content_hash

# Texts longer than this are processed in chunks of at most this many characters
# (about 8,000-10,000 tokens: well inside the sizes the pipeline is measured on).
CHUNK_CHARS = 50_000

_PARAGRAPH_END = re.compile(r"\n[ \t]*\n\s*")
_CUTS = (re.compile(r"\n\s*"), re.compile(r"[.!?][\"'”’)]*\s+"), re.compile(r"\s+"))


def is_long(article: Article, size: int | None = None) -> bool:
    return len(article.text) > (size or CHUNK_CHARS)


def chunk_count(article: Article, size: int | None = None) -> int:
    """How many chunks `article` is processed in (1 for a text that is not long)."""
    return -(-len(article.text) // (size or CHUNK_CHARS)) if is_long(article, size) else 1


def chunk_spans(text: str, size: int | None = None) -> list[tuple[int, int]]:
    """1. (start, end) of chunks covering `text` end to end, cut between paragraphs."""
    size = size or CHUNK_CHARS
    ends = [m.end() for m in _PARAGRAPH_END.finditer(text)] + [len(text)]
    spans: list[tuple[int, int]] = []
    start = prev = 0
    for end in ends:
        if end - start > size and prev > start:
            spans.append((start, prev))
            start = prev
        while end - start > size:                  # one paragraph longer than a chunk
            cut = _cut(text, start, start + size)
            spans.append((start, cut))
            start = cut
        prev = end
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _cut(text: str, start: int, limit: int) -> int:
    """The last line end, else sentence end, else space in the second half of [start, limit)."""
    lo = start + (limit - start) // 2
    for pattern in _CUTS:
        last = None
        for m in pattern.finditer(text, lo, limit):
            last = m
        if last is not None and last.end() > start:
            return last.end()
    return limit


@dataclass(frozen=True)
class Part(Article):
    """A chunk of an article, extracted as an article of its own under the whole one's uid."""

    whole_uid: str = ""

    @property
    def uid(self) -> str:
        return self.whole_uid


def extract_long(article: Article, info: PipelineInfo, resources, size: int | None = None) -> Extraction:
    """2-4. The Extraction of a long article, chunk by chunk."""
    uid = article.uid
    spans = chunk_spans(article.text, size)
    texts = (article.text[s:e] for s, e in spans)
    parts: list[Extraction] = []
    for (start, end), doc in zip(spans, resources.nlp.pipe(texts, batch_size=1)):
        meta = {f.name: getattr(article, f.name) for f in fields(Article) if f.name != "text"}
        part = Part(**meta, text=article.text[start:end], whole_uid=uid)
        x = extract_doc(doc, part, info, resources)
        doc.user_data.clear()
        del doc
        parts.append(shift(x, start, uid))
    return merge(article, info, parts)


# -- 3. shifting ------------------------------------------------------------------------

def _span(span, off: int):
    return None if span is None else (span[0] + off, span[1] + off)


def _mention(m: Mention, off: int) -> Mention:
    return replace(m, start=m.start + off, end=m.end + off, sentence=_span(m.sentence, off))


def _attribution(q: Attribution, off: int, uid: str) -> Attribution:
    s, e = _span(q.content_span, off)
    return replace(q, id="q" + content_hash(uid, s, e, length=10), content_span=(s, e),
                   speaker_span=_span(q.speaker_span, off), cue_span=_span(q.cue_span, off),
                   sentence_span=_span(q.sentence_span, off),
                   content_spans=tuple(_span(c, off) for c in q.content_spans),
                   via=tuple(replace(v, span=_span(v.span, off)) for v in q.via))


def _event(e: Event, off: int, uid: str, quote_ids: dict[str, str]) -> Event:
    start, end = _span(e.trigger_span, off)
    place = e.place if e.place is None else replace(e.place, span=_span(e.place.span, off))
    return replace(e, id="e" + content_hash(uid, start, e.type, length=10), trigger_span=(start, end),
                   sentence_span=_span(e.sentence_span, off), date_span=_span(e.date_span, off),
                   place=place, attribution=quote_ids.get(e.attribution) if e.attribution else None)


def shift(x: Extraction, off: int, uid: str) -> Extraction:
    """Move every span of a chunk's records by `off`, the chunk's start in the whole text."""
    quotes = [_attribution(q, off, uid) for q in x.attributions]
    quote_ids = {old.id: new.id for old, new in zip(x.attributions, quotes)}
    return replace(
        x, actors=tuple(replace(a, mentions=tuple(_mention(m, off) for m in a.mentions)) for a in x.actors),
        attributions=tuple(quotes), events=tuple(_event(e, off, uid, quote_ids) for e in x.events),
        sentences=tuple(_span(s, off) for s in x.sentences),
        dates=tuple(replace(d, span=_span(d.span, off)) for d in x.dates),
        durations=tuple(replace(d, span=_span(d.span, off)) for d in x.durations))


# -- 4. merging -------------------------------------------------------------------------

def _merge_actor(a: Actor, b: Actor) -> Actor:
    aliases = tuple(dict.fromkeys(a.aliases + b.aliases))
    return replace(a, mentions=a.mentions + b.mentions, country=a.country or b.country,
                   sector=a.sector or b.sector, role=a.role or b.role, aliases=aliases,
                   registry_id=a.registry_id or b.registry_id)


def merge(article: Article, info: PipelineInfo, parts: list[Extraction]) -> Extraction:
    actors: dict[str, Actor] = {}
    for x in parts:
        for a in x.actors:
            actors[a.id] = _merge_actor(actors[a.id], a) if a.id in actors else a
    return Extraction(
        article=article, pipeline=info, actors=tuple(actors.values()),
        attributions=_unique(q for x in parts for q in x.attributions),
        events=_unique(e for x in parts for e in x.events),
        sentences=tuple(s for x in parts for s in x.sentences),
        dates=tuple(d for x in parts for d in x.dates),
        durations=tuple(d for x in parts for d in x.durations))


def _unique(records) -> tuple:
    seen: dict[str, object] = {}
    for r in records:
        seen.setdefault(r.id, r)
    return tuple(seen.values())

