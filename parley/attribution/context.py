"""What every attribution step needs about one Doc, computed once: sentences, the
quotes, which quote (if any) holds each token, and a lemma/dep/pos table.

Reading token attributes through numpy arrays (`Doc.to_array`) and plain lists keeps
the per-token work of attribution a small fraction of spaCy's own parse time.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, ORTH, POS, TAG
from spacy.tokens import Doc

from ..nlp import SentenceIndex, sentences
from .quotes import find_quotes_closed, paragraphs

QUOTE_MARKS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb\'\u2018\u2019')


@dataclass
class DocContext:
    doc: Doc
    sents: SentenceIndex
    text: str
    quotes: list[tuple[int, int]]          # character spans, marks included
    quote_tokens: list[tuple[int, int]]    # the same as token ranges [start, end)
    quote_of: list[int]                    # token i -> index into quotes, or -1
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    idx: list[int]
    words: list[str]                       # token texts
    kids: list[list[int]]                  # children of each token, in text order
    paragraphs: list[tuple[int, int]]      # token ranges of the blank-line separated paragraphs
    quote_closed: list[bool]               # each quote: closed by a mark (not by a paragraph end)

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character span of tokens [start, end)."""
        last = self.doc[end - 1]
        return self.idx[start], last.idx + len(last)


def ent_types(ctx: DocContext) -> list[str]:
    """Each token's entity type ("" outside entities), read once per Doc."""
    ents = ctx.doc.user_data.get("parley_ent_types")
    if ents is None:
        names = _Names(ctx.doc.vocab.strings)
        arr = ctx.doc.to_array([ENT_TYPE]) if len(ctx.doc) else []
        ents = ctx.doc.user_data["parley_ent_types"] = [names[int(h)] for h in arr]
    return ents


def doc_context(doc: Doc) -> DocContext:
    """The DocContext of `doc`, built on first use and kept in doc.user_data."""
    ctx = doc.user_data.get("parley_attribution")
    if ctx is None:
        ctx = doc.user_data["parley_attribution"] = _build(doc)
    return ctx


def _build(doc: Doc) -> DocContext:
    sents = sentences(doc)
    text = sents.text
    idx, words, lower, lemma, pos, tag, dep, head = _columns(doc)
    marked = find_quotes_closed(text)
    quotes = [(s, e) for s, e, _ in marked]
    quote_tokens, quote_of = _quote_tokens(quotes, idx, len(doc))
    return DocContext(
        doc=doc, sents=sents, text=text, quotes=quotes, quote_tokens=quote_tokens,
        quote_of=quote_of, lower=lower, lemma=lemma, pos=pos, tag=tag, dep=dep, head=head, idx=idx,
        words=words, kids=_children(head), paragraphs=_paragraph_tokens(text, idx),
        quote_closed=[c for _, _, c in marked])


def _paragraph_tokens(text: str, idx: list[int]) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the paragraphs, covering every token."""
    out, prev = [], 0
    for _, pe in paragraphs(text)[:-1]:
        end = bisect_right(idx, pe - 1)
        if end > prev:
            out.append((prev, end))
            prev = end
    if prev < len(idx) or not out:
        out.append((prev, len(idx)))
    return out


def _children(head: list[int]) -> list[list[int]]:
    """Each token's children in text order (what `Token.children` yields), from the heads."""
    kids: list[list[int]] = [[] for _ in head]
    for j, h in enumerate(head):
        if h != j:
            kids[h].append(j)
    return kids


def _columns(doc: Doc) -> tuple[list, ...]:
    """Token attributes as lists, read from one `Doc.to_array`: the values of `t.idx`,
    `t.text`, `t.lower_`, `t.lemma_.lower()`, `t.pos_`, `t.tag_`, `t.dep_` and `t.head.i`,
    without a Token object per word and attribute."""
    if not len(doc):
        return [], [], [], [], [], [], [], []
    arr = doc.to_array([IDX, ORTH, LOWER, LEMMA, POS, TAG, DEP, HEAD])
    idx, orth, low, lem, pos, tag, dep, rel = (c.tolist() for c in arr.T)
    strings = doc.vocab.strings
    name = _Names(strings)
    lemma_lower = _Names(strings, str.lower)
    head = [i + (r - (1 << 64) if r >= 1 << 63 else r) for i, r in enumerate(rel)]   # HEAD is relative
    return (idx, [name[h] for h in orth], [name[h] for h in low], [lemma_lower[h] for h in lem],
            [name[h] for h in pos], [name[h] for h in tag], [name[h] for h in dep], head)


class _Names(dict):
    """hash -> string (optionally transformed), looked up once per distinct value."""

    def __init__(self, strings, transform=None):
        super().__init__()
        self.strings, self.transform = strings, transform

    def __missing__(self, key: int) -> str:
        value = self.strings[key] if key else ""
        value = self[key] = self.transform(value) if self.transform else value
        return value


def _quote_tokens(quotes: list[tuple[int, int]], idx: list[int], n: int
                  ) -> tuple[list[tuple[int, int]], list[int]]:
    quote_of = [-1] * n
    spans = []
    for k, (qs, qe) in enumerate(quotes):
        start = bisect_right(idx, qs) - 1
        start = max(start, 0)
        end = bisect_right(idx, qe - 1)
        spans.append((start, max(end, start + 1)))
        for i in range(start, end):
            quote_of[i] = k
    return spans, quote_of
