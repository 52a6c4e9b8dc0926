"""The whole-article event filter: is this candidate a real reported political act of its type?

The learned layer (learned.py) is trained on single sentences; most sentences of a real
article report no political act (background, statements, non-political acts, page
furniture), and the sentence-level layer cannot see where a sentence sits in its article.
This filter runs after it, over the events the layer kept, with features of the article
context: the sentence's number and paragraph in the article (the title is sentence 0), the
layer's own probability, whether the event is claimed by a quote, how many candidates
its sentence has and whether it is the likeliest of them, the trigger's lemma and syntax,
negation and modality, the parties the coder found, the sentence's length, the kinds of news its
words name (sport, crime, courts, media, elections: acts PLOVER does not code), modal words,
direct speech, named countries or organisations, and whether an earlier sentence already holds
an event of the type (a restatement). The article's
first sentence (its title or lede) is left as it is: a headline restates the article's main
act, and annotators mark that act once, in the body.

It is trained on whole annotated articles (parley.events.filtertrain, `make train-events-filter`)
and shipped as JSON (model/events_filter.json); scoring sums weights in pure Python.
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from ..attribution.scorer import Linear
from ..nlp import sentences
from ..records import Event
from .generator import FRAME_WORDS
from .triggers import lemma

MODEL_FILE = "events_filter.json"
# Kinds of news whose acts PLOVER does not code (courts and trials, entertainment and media,
# elections and campaigns), beside the open typer's sport, hunting, accident and crime words:
# their words in a sentence are features of its events.
_FRAMES = FRAME_WORDS | {
    "court": {"court", "judge", "jury", "trial", "convicted", "conviction", "sentenced", "sentence", "guilty",
              "prosecutor", "prosecutors", "appeal", "appealed", "bail", "lawsuit", "plaintiff", "defendant",
              "verdict", "ruling", "ruled", "judgement", "judgment", "acquitted", "clemency", "pardon"},
    "media": {"film", "documentary", "album", "youtube", "book", "television", "tv", "video", "episode", "movie",
              "instagram", "twitter", "facebook", "tweet", "tweeted", "posted", "website", "newspaper", "interview"},
    "vote": {"election", "elections", "vote", "votes", "voted", "voters", "ballot", "ballots", "poll", "polls",
             "candidate", "candidates", "delegates", "campaign", "electoral", "primary", "reelection"},
}
_FRAME_OF = {w: k for k, ws in _FRAMES.items() for w in ws}
_MODAL_WORDS = {"would", "could", "might", "may", "should", "if", "unless", "whether", "can"}
_QUOTES = {'"', "\u201c", "\u201d", "'"}
TITLE = "title"     # the first feature of an event of the article's first sentence (its title or lede)


@dataclass(frozen=True)
class ArticleContext:
    """Where sentences and paragraphs start in the article's text (character offsets)."""

    sentence_starts: tuple[int, ...]
    paragraph_starts: tuple[int, ...]

    @classmethod
    def of(cls, doc: Doc) -> "ArticleContext":
        text = sentences(doc).text
        starts = tuple(s.start_char for s in sentences(doc).spans)
        paras, k = [0], text.find("\n\n")
        while k >= 0:
            paras.append(k + 2)
            k = text.find("\n\n", k + 2)
        return cls(starts, tuple(paras))

    def sentence_number(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sentence_starts, char) - 1)

    def paragraph_number(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.paragraph_starts, char) - 1)


@dataclass(frozen=True)
class ArticleFilter:
    """The filter's scorer and threshold; `record` (training only) receives every event's
    features and keeps them all."""

    model: Linear | None
    threshold: float = 0.5
    meta: dict | None = None
    record: list | None = field(default=None, compare=False)

    def apply(self, coded: list, ctx: ArticleContext) -> list:
        """The (Event, trigger Token, Evidence) triples of one view that the filter keeps."""
        if not coded:
            return coded
        rows = article_features(coded, ctx)
        if self.record is not None:
            self.record.extend((c[0], f) for c, f in zip(coded, rows))
            return coded
        if self.model is None:
            return coded
        return [c for c, f in zip(coded, rows) if f[0] == TITLE or self.model.prob(f) >= self.threshold]

    def to_json(self) -> dict:
        assert self.model is not None
        return {"threshold": self.threshold, "meta": self.meta or {},
                "model": {"bias": self.model.bias, "weights": self.model.weights}}

    @classmethod
    def from_json(cls, obj: dict) -> "ArticleFilter":
        m = obj["model"]
        return cls(model=Linear(m["bias"], m["weights"]), threshold=obj["threshold"], meta=obj.get("meta"))


@lru_cache(maxsize=1)
def load() -> ArticleFilter:
    """The committed filter (loaded once per process through parley.resources.Resources);
    a filter that keeps everything where no model has been trained."""
    path = resources.files("parley.events").joinpath("model", MODEL_FILE)
    if not path.is_file():
        return ArticleFilter(model=None)
    return ArticleFilter.from_json(json.loads(path.read_text(encoding="utf-8")))


def article_features(coded: list, ctx: ArticleContext) -> list[list[str]]:
    """Features of each (Event, Token, Evidence) of one view, in order."""
    per_sentence: dict[tuple[int, int], list[float]] = {}
    for e, _, _ in coded:
        per_sentence.setdefault(e.sentence_span, []).append(e.confidence)
    first_of_type: dict[str, int] = {}
    for e, _, _ in coded:
        first_of_type[e.type] = min(first_of_type.get(e.type, e.sentence_span[0]), e.sentence_span[0])
    return [_features(e, head, ev, ctx, per_sentence[e.sentence_span]) + _sentence_features(head)
            + [f"again={first_of_type[e.type] < e.sentence_span[0]}"] for e, head, ev in coded]


def _sentence_features(head: Token) -> list[str]:
    """Kinds of news named in the trigger's sentence, modal words, direct speech, whether the
    sentence names a country, nationality or organisation, and the trigger's tag."""
    sent = sentences(head.doc).of(head.i)
    words = [t.lower_ for t in sent]
    kinds = sorted({_FRAME_OF[w] for w in words if w in _FRAME_OF})
    inner = sum(w in _QUOTES for w in words[:head.i - sent.start]) % 2 == 1
    ents = sorted({t.ent_type_ for t in sent if t.ent_type_ in ("GPE", "NORP", "ORG")})
    return [f"frame={k}" for k in kinds] + [
        f"smodal={any(w in _MODAL_WORDS for w in words)}", f"inquote={inner or words[0] in _QUOTES}",
        f"ents={'|'.join(ents)}", f"tag={head.tag_}"]


def _features(e: Event, head: Token, ev, ctx: ArticleContext, siblings: list[float]) -> list[str]:
    t = e.type
    k = ctx.sentence_number(e.sentence_span[0])
    para = ctx.paragraph_number(e.sentence_span[0])
    p = round(e.confidence * 5)
    first = e.sentence_span[0] == ctx.paragraph_starts[para]
    n = len(siblings)
    sent = sentences(head.doc).of(head.i)
    words = sent.end - sent.start
    quoted = e.attribution is not None
    return [TITLE if k == 0 else "body", f"t={t}", f"l={lemma(head)}", f"lt={lemma(head)}|{t}", f"pos={head.pos_}|{t}", f"dep={head.dep_}",
            f"s={_bucket(k, (0, 1, 2, 4, 8, 16))}", f"st={_bucket(k, (0, 2, 8))}|{t}",
            f"para={_bucket(para, (0, 1, 2, 4, 8))}", f"pfirst={first}",
            f"p={p}", f"pt={p}|{t}", f"q={quoted}", f"qt={quoted}|{t}",
            f"neg={e.negated}", f"modal={e.modality}", f"modalt={e.modality}|{e.quad}",
            f"src={bool(e.source)}|{bool(e.target)}", f"sk={ev.source_kind.split(':')[0]}",
            f"tk={ev.target_kind.split(':')[0]}", f"bg={ev.background}",
            f"n={min(n, 4)}", f"best={e.confidence >= max(siblings)}", f"root={head.i == sent.root.i}",
            f"len={_bucket(words, (8, 15, 25, 35, 50))}", f"quad={e.quad}", f"mode={e.mode is not None}"]


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for x in edges:
        if n <= x:
            return f"<={x}"
    return f">{edges[-1]}"
