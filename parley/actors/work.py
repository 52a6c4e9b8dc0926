"""The working state of `find_actors` for one Doc, passed from step to step (never global)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import DEP, IS_ALPHA, LENGTH, LOWER, POS, SHAPE
from spacy.tokens import Doc, Span

from ..nlp import SentenceIndex, sentences
from .filter import ActorFilter, features
from .gazetteer import Known
from .lexicon import KnownActor
from .index import ActorIndex
from .names import HEADLINE_CAPS_SHARE, HEADLINE_MIN_WORDS

_POSSESSIVE_SUFFIX = re.compile(r"(?<=\w)(?:'s|’s)$")


@dataclass
class Candidate:
    """An entity the model found (or a known name), after the corrections of step 1."""
    start: int                       # tokens [start, end)
    end: int
    label: str                       # PERSON | ORG | GPE | NORP | LOC | FAC | KNOWN
    known: Known | None = None


@dataclass
class Work:
    doc: Doc
    index: ActorIndex
    sents: SentenceIndex
    candidates: list[Candidate] = field(default_factory=list)
    known_at: dict[int, Known] = field(default_factory=dict)    # token -> known name there
    taken: set[int] = field(default_factory=set)                # tokens that belong to an actor
    relatives: set[str] = field(default_factory=set)            # people introduced as a relative
    knowns: tuple[KnownActor, ...] | None = None               # Resources.known_actors
    actor_filter: ActorFilter | None = None                    # Resources.actor_filter
    trace: list | None = None      # (start, end, label, features) of each candidate (training)
    _headlines: dict[int, bool] = field(default_factory=dict)
    _arrays: np.ndarray | None = None
    _common: frozenset[str] | None = None

    def tokens_where(self, pos: set[str], deps: set[str] | None = None,
                     lower: set[str] | None = None) -> list[int]:
        """Indices of tokens with one of these parts of speech (and dependency labels, and
        lower-case forms), found on arrays: no Token objects are made for the others."""
        if self._arrays is None:
            self._arrays = self.doc.to_array([POS, DEP, LOWER])
        strings = self.doc.vocab.strings
        mask = among(self._arrays[:, 0], [strings[p] for p in pos])
        if deps is not None:
            mask &= among(self._arrays[:, 1], [strings[d] for d in deps])
        if lower is not None:
            mask &= among(self._arrays[:, 2], [strings.add(w) for w in lower])
        return np.flatnonzero(mask).tolist()

    @classmethod
    def of(cls, doc: Doc, article_uid: str, knowns: tuple[KnownActor, ...] | None = None,
           actor_filter: ActorFilter | None = None) -> "Work":
        return cls(doc, ActorIndex(article_uid), sentences(doc), knowns=knowns, actor_filter=actor_filter)

    def is_actor(self, start: int, end: int, label: str) -> bool:
        """The learned filter's verdict on the candidate doc[start:end] (True without one)."""
        if self.actor_filter is None and self.trace is None:
            return True
        feats = features(self.doc, start, end, label, self.sents.spans[self.sents.index(start)].start == start)
        if self.trace is not None:
            self.trace.append((start, end, label, feats))
        return self.actor_filter is None or self.actor_filter.keeps(feats)

    def common_words(self) -> frozenset[str]:
        """Lower-case forms of the article's common nouns, verbs and adjectives."""
        if self._common is None:
            self._common = frozenset(self.doc[i].lower_ for i in self.tokens_where({"NOUN", "VERB", "ADJ"}))
        return self._common

    def headline(self, token_i: int) -> bool:
        """Is the sentence of `token_i` a title-case headline (names.is_headline, computed for
        all sentences at once from arrays: no Token objects)."""
        if not self._headlines:
            self._headlines = dict(enumerate(headline_flags(self.doc, self.sents)))
        return self._headlines[self.sents.index(token_i)]

    def take(self, start: int, end: int) -> None:
        self.taken.update(range(start, end))

    def free(self, start: int, end: int) -> bool:
        return not any(i in self.taken for i in range(start, end))

    def mention(self, aid: str, start: int, end: int, kind: str) -> None:
        """A mention of `aid` at tokens [start, end), without a trailing possessive."""
        self.take(start, end)
        while end - start > 1 and (self.doc[end - 1].tag_ == "POS" or self.doc[end - 1].is_punct):
            end -= 1
        s, e = self.doc[start].idx, self.doc[end - 1].idx + len(self.doc[end - 1].text)
        text = _POSSESSIVE_SUFFIX.sub("", self.sents.text[s:e])
        self.index.mention(aid, s, s + len(text), text, kind, self.sents.chars(start))

    def span(self, start: int, end: int) -> Span:
        return self.doc[start:end]


def among(column: np.ndarray, values) -> np.ndarray:
    """column ∈ values: one comparison per value for up to AMONG_MAX_VALUES values (np.isin
    sorts, which costs more than ~20 comparisons on an article's tokens)."""
    values = list(values)
    if len(values) > AMONG_MAX_VALUES:
        return np.isin(column, values)
    mask = np.zeros(len(column), dtype=bool)
    for v in values:
        mask |= column == column.dtype.type(v)
    return mask


# More values than this are looked up by np.isin (see `among`).
AMONG_MAX_VALUES = 24


def headline_flags(doc: Doc, sents: SentenceIndex) -> list[bool]:
    """names.is_headline for every sentence: at least HEADLINE_MIN_WORDS words of two or
    more letters, HEADLINE_CAPS_SHARE of them capitalised, and the sentence ends without a
    full stop, comma or semicolon (a list of titled names inside a paragraph,
    "... President François Hollande; German Chancellor Angela Merkel;", is no headline)."""
    arr = doc.to_array([IS_ALPHA, LENGTH, SHAPE])
    words = (arr[:, 0] == 1) & (arr[:, 1] > 1)
    strings = doc.vocab.strings
    shapes = np.unique(arr[words, 2])                 # 'Xxxxx', 'XXXX', 'xXxx': a few per text
    upper = np.array([s for s in shapes.tolist() if strings[s][:1] == "X"], dtype=arr.dtype)
    caps = words & among(arr[:, 2], upper.tolist())
    starts = [s.start for s in sents.spans]
    if not starts:
        return []
    n_words = np.add.reduceat(words.astype(np.int64), starts).tolist()     # per sentence (none is empty)
    n_caps = np.add.reduceat(caps.astype(np.int64), starts).tolist()
    return [n >= HEADLINE_MIN_WORDS and c / n >= HEADLINE_CAPS_SHARE
            and sents.text[s.start_char:s.end_char].rstrip()[-1:] not in ".;,"
            for s, n, c in zip(sents.spans, n_words, n_caps)]

