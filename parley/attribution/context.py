"""What every attribution step needs about one Doc, computed once: sentences, the
quotes, which quote (if any) holds each token, and a lemma/dep/pos table.

Reading token attributes through numpy arrays (`Doc.to_array`) and plain lists keeps
the per-token work of attribution a small fraction of spaCy's own parse time.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from spacy.tokens import Doc

from ..nlp import SentenceIndex, sentences
from .quotes import find_quotes

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

    def chars(self, start: int, end: int) -> tuple[int, int]:
        """Character span of tokens [start, end)."""
        last = self.doc[end - 1]
        return self.idx[start], last.idx + len(last)


def doc_context(doc: Doc) -> DocContext:
    """The DocContext of `doc`, built on first use and kept in doc.user_data."""
    ctx = doc.user_data.get("parley_attribution")
    if ctx is None:
        ctx = doc.user_data["parley_attribution"] = _build(doc)
    return ctx


def _build(doc: Doc) -> DocContext:
    sents = sentences(doc)
    text = sents.text
    idx = [t.idx for t in doc]
    quotes = find_quotes(text)
    quote_tokens, quote_of = _quote_tokens(quotes, idx, len(doc))
    return DocContext(
        doc=doc, sents=sents, text=text, quotes=quotes, quote_tokens=quote_tokens,
        quote_of=quote_of, lower=[t.lower_ for t in doc], lemma=[t.lemma_.lower() for t in doc],
        pos=[t.pos_ for t in doc], tag=[t.tag_ for t in doc], dep=[t.dep_ for t in doc],
        head=[t.head.i for t in doc], idx=idx)


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
