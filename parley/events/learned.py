"""The learned layer of the event coder: two logistic scorers over the lexicon's candidates.

The lexicon (triggers, frames, arguments) proposes candidate events; this layer decides,
for each candidate,
  keep       is it a political act of the proposed PLOVER type? (P below the threshold: dropped)
  type       which PLOVER type is it? (the lexicon's type unless another is clearly likelier)
  swap       are its source and target the wrong way round, or its one party in the wrong
             role? ("faced criticism from Y", "X's arrest", "criticism of X": the parse puts
             the parties where the rules did not expect them)
from features of the candidate: the trigger's lemma and part of speech, the lexicon's
type and CAMEO root, the trigger's dependency relation and governing verb, negation and
modality, whether it sits in a quotation, the words around it, the parties' syntactic
roles and kinds, the sentence's length and shape (page furniture such as "Share
this", teasers and captions are short, verbless or imperative).

Weights are plain JSON (model/events.json), rebuilt by `make train-events`
(parley.events.train, fixed seed); scoring sums weights in pure Python.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cached_property, lru_cache
from importlib import resources

from spacy.tokens import Token

from ..attribution.scorer import Linear
from ..nlp import sentences
from .generator import OpenTyper, frame_features
from .triggers import is_passive, lemma

MODEL_FILE = "events.json"
_ENDS = {".", "!", "?", ":", '"', "”"}
_PREPS_OF_PARTY = {"by", "of", "from", "against", "with", "to", "on", "for", "between", "at"}


@dataclass(frozen=True, eq=False)
class Softmax:
    """A multinomial logistic scorer: one Linear per class, probabilities by softmax."""

    classes: dict[str, Linear]

    @cached_property
    def _by_feature(self) -> dict[str, tuple[tuple[str, float], ...]]:
        """Each feature's weights in every class (one lookup per feature, not one per class)."""
        out: dict[str, list[tuple[str, float]]] = {}
        for c, lin in self.classes.items():
            for f, w in lin.weights.items():
                out.setdefault(f, []).append((c, w))
        return {f: tuple(ws) for f, ws in out.items()}

    def probs(self, features: list[str]) -> dict[str, float]:
        z = {c: lin.bias for c, lin in self.classes.items()}
        index = self._by_feature
        for f in features:
            for c, w in index.get(f, ()):
                z[c] += w
        top = max(z.values(), default=0.0)
        e = {c: math.exp(v - top) for c, v in z.items()}
        total = sum(e.values())
        return {c: v / total for c, v in e.items()}


@dataclass(frozen=True)
class EventModel:
    keep: Linear
    swap: Linear
    types: Softmax | None = None      # the PLOVER type of a kept candidate
    open: OpenTyper | None = None     # the typer of candidates beyond the lexicon (generator.py)
    keep_threshold: float = 0.5
    swap_threshold: float = 0.5
    retype_margin: float = 0.3        # a new type needs this much more probability than the old
    meta: dict | None = None

    def retype(self, features: list[str], current: str) -> str:
        """The candidate's type, changed where the type scorer clearly prefers another."""
        if self.types is None:
            return current
        p = self.types.probs(features)
        best = max(p, key=p.get)
        return best if best != current and p[best] - p.get(current, 0.0) >= self.retype_margin else current

    def to_json(self) -> dict:
        def lin(m: Linear) -> dict:
            return {"bias": m.bias, "weights": m.weights}
        return {"keep_threshold": self.keep_threshold, "swap_threshold": self.swap_threshold,
                "retype_margin": self.retype_margin, "meta": self.meta or {},
                "keep": lin(self.keep), "swap": lin(self.swap),
                "types": {c: lin(m) for c, m in self.types.classes.items()} if self.types else None,
                "open": self.open.to_json() if self.open else None}

    @classmethod
    def from_json(cls, obj: dict) -> "EventModel":
        def lin(o: dict) -> Linear:
            return Linear(o["bias"], o["weights"])
        types = Softmax({c: lin(o) for c, o in obj["types"].items()}) if obj.get("types") else None
        typer = OpenTyper.from_json(obj["open"]) if obj.get("open") else None
        return cls(keep=lin(obj["keep"]), swap=lin(obj["swap"]), types=types, open=typer,
                   keep_threshold=obj.get("keep_threshold", 0.5),
                   swap_threshold=obj.get("swap_threshold", 0.5),
                   retype_margin=obj.get("retype_margin", 0.3), meta=obj.get("meta"))


@lru_cache(maxsize=1)
def load() -> EventModel:
    """The committed model (loaded once per process through parley.resources.Resources)."""
    path = resources.files("parley.events").joinpath("model", MODEL_FILE)
    if not path.is_file():
        raise FileNotFoundError(f"event model {path} is missing: run `make train-events`")
    return EventModel.from_json(json.loads(path.read_text(encoding="utf-8")))


@dataclass(frozen=True)
class Evidence:
    """What the coder knows about one candidate besides the parse of its trigger."""

    type: str                         # the proposed PLOVER type (after factuality)
    lexicon_type: str                 # the trigger's own lexicon type
    cameo: str | None
    mode: str | None
    negated: bool
    modality: str
    quoted: bool                      # inside an attribution's content
    background: bool                  # in a background clause of its sentence
    source: Token | None              # the head word the source was read from
    target: Token | None
    source_kind: str                  # kind/sector of the resolved actor ('' if none)
    target_kind: str
    embedded: tuple[str, ...] = ()    # types folded into the frame


def keep_features(head: Token, ev: Evidence) -> list[str]:
    """Features of 'is this candidate a political act of its proposed type?' (and of its type)."""
    lem, t = lemma(head), ev.type
    sent = sentences(head.doc).of(head.i)
    f = [f"t={t}", f"l={lem}", f"lt={lem}|{t}", f"lex={ev.lexicon_type}|{t}", f"pos={head.pos_}",
         f"dep={head.dep_}", f"dept={head.dep_}|{t}", f"c={(ev.cameo or '')[:2]}", f"mode={ev.mode}|{t}",
         f"neg={ev.negated}|{t}", f"modal={ev.modality}|{t}", f"q={ev.quoted}", f"bg={ev.background}",
         f"src={ev.source_kind}|{t}", f"tgt={ev.target_kind}|{t}",
         f"srcdep={_dep(ev.source)}", f"tgtdep={_dep(ev.target)}", f"pass={is_passive(head)}"]
    f += [f"srcent={ev.source.ent_type_ or ev.source.pos_}|{t}"] if ev.source is not None else ["nosrc"]
    f += [f"tgtent={ev.target.ent_type_ or ev.target.pos_}|{t}"] if ev.target is not None else ["notgt"]
    f += [f"gov={lemma(head.head)}|{t}" if head.head.i != head.i else "gov=ROOT"]
    f += [f"emb={e}|{t}" for e in ev.embedded]
    f += [f"{x}|{t}" for x in frame_features(head)]
    f += _context(head)
    f += _sentence_shape(sent, head)
    return f


def direction_features(head: Token, ev: Evidence) -> list[str]:
    """Features of 'are source and target the wrong way round?' (with one party or two)."""
    lem, t = lemma(head), ev.type
    s, g = _role(head, ev.source), _role(head, ev.target)
    passive = is_passive(head)
    return [f"t={t}", f"l={lem}", f"pos={head.pos_}", f"pass={passive}", f"s={s}", f"g={g}",
            f"sg={s}|{g}", f"sgp={s}|{g}|{head.pos_}|{passive}", f"ls={lem}|{s}", f"lg={lem}|{g}",
            f"gov={lemma(head.head)}|{head.dep_}", f"govs={lemma(head.head)}|{s}",
            f"sk={ev.source_kind}", f"gk={ev.target_kind}", f"tsg={t}|{s}|{g}"]


def _dep(tok: Token | None) -> str:
    return "-" if tok is None else tok.dep_


def _role(head: Token, party: Token | None) -> str:
    """How a party's word hangs from the trigger: its relation, the preposition, its side."""
    if party is None:
        return "none"
    side = "L" if party.i < head.i else "R"
    dep = party.dep_
    if dep == "pobj" and party.head.lower_ in _PREPS_OF_PARTY:
        dep = f"pobj:{party.head.lower_}"
        if party.head.head.i == head.i:
            return f"{dep}|{side}|direct"
    if dep == "poss" and party.head.i == head.i:
        return f"poss|{side}|direct"
    return f"{dep}|{side}|{'direct' if party.head.i == head.i else 'far'}"


def _context(head: Token) -> list[str]:
    doc = head.doc
    sent = sentences(doc).of(head.i)
    out = []
    for k in (-2, -1, 1, 2):
        j = head.i + k
        w = doc[j].lower_ if sent.start <= j < sent.end else "<s>"
        out.append(f"w{k}={w}")
    return out


def _sentence_shape(sent, head: Token) -> list[str]:
    """Page furniture and teasers: short, verbless, imperative, unpunctuated, in title case.
    (Not the sentence's place in the article: the training texts are single sentences.)
    Computed once per sentence (kept in the Doc's user_data, which the pipeline clears)."""
    cache = head.doc.user_data.setdefault("parley_event_shapes", {})
    shape = cache.get(sent.start)
    if shape is None:
        shape = cache[sent.start] = _shape(sent, head)
    return shape + [f"headsent={head.i == _root(sent, cache)}"]


def _root(sent, cache: dict) -> int:
    key = ("root", sent.start)
    if key not in cache:
        cache[key] = sent.root.i
    return cache[key]


def _shape(sent, head: Token) -> list[str]:
    toks = [t for t in sent if not t.is_space]
    n = len(toks)
    first = toks[0] if toks else head
    words = [t for t in toks if t.is_alpha]
    caps = sum(t.text[:1].isupper() for t in words) / len(words) if words else 0.0
    has_subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in toks)
    end = toks[-1].text if toks else ""
    end = end if end in _ENDS else "other"
    return [f"len={_bucket(n)}", f"caps={round(caps * 4)}", f"subj={has_subject}",
            f"end={end}",
            f"imper={first.pos_ == 'VERB' and first.tag_ == 'VB' and not has_subject}",
            f"first={first.lower_ if n <= 8 else '-'}"]


def _bucket(n: int, edges: tuple[int, ...] = (4, 8, 15, 30, 60)) -> str:
    for e in edges:
        if n <= e:
            return f"<={e}"
    return f">{edges[-1]}"
