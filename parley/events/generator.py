"""Candidates beyond the lexicon: verbs with actor-like arguments, typed by a learned classifier.

The lexicon proposes the acts it has words for; many acts in real news use other verbs
("Russia shipped fuel to Syria", "the rebels handed over the town"). Every verb that is not
part of a lexicon match and governs a subject, object or agent that could be an actor is an
*open* candidate. It is coded like a lexicon candidate (arguments, factuality, date, place)
under a neutral placeholder type, then the open typer, a multinomial logistic scorer over
PLOVER's 16 types and NONE, decides from the trigger's lemma, its syntax (dependency,
governing verb, object, prepositions, particle), its parties (roles, entity types, actor
kinds), its context (negation, modality, quotation, background clause, sentence shape, words
around it, and sport, hunting or accident words in the sentence) whether it is an act and of
which type. Only verbs whose lemma the typer has seen as an act in training are coded at run
time (`lemmas`), and an open candidate is dropped where its sentence already holds an event
of its type (the lexicon's events come first).

Weights ride in model/events.json (key "open"), trained by `make train-events`.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from spacy.tokens import Token

from .factuality import Factuality, plover_type
from .lexicon import Entry, Lexicon
from .triggers import Match, direct_object, is_passive, lemma

PLACEHOLDER = "COOPERATE"             # a type without special argument rules
NONE = "NONE"
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "agent", "dative"}
_ARG_POS = {"PROPN", "NOUN", "PRON"}
# Words of frames whose violence or contest is not a political act (PLOVER codes neither).
FRAME_WORDS = {
    "sport": {"match", "game", "goal", "season", "league", "championship", "tournament", "cup", "coach",
              "player", "team", "striker", "midfielder", "score", "scored", "win", "victory", "defeat",
              "olympic", "olympics", "medal", "race", "final", "semi-final", "quarter-final", "club",
              "football", "soccer", "cricket", "rugby", "tennis", "basketball", "baseball", "fans", "stadium"},
    "hunt": {"hunt", "hunting", "hunter", "hunters", "fox", "foxes", "deer", "game", "shooting", "wildlife",
             "animal", "animals", "poacher", "poachers", "badger", "badgers"},
    "accident": {"accident", "crash", "collision", "collided", "derailed", "fire", "blaze", "flood", "storm",
                 "earthquake", "drowned", "overturned", "injured", "mishap", "explosion", "road"},
    "crime": {"robbery", "robbers", "thief", "thieves", "murder", "murdered", "dowry", "burglar", "theft",
              "stabbed", "gang", "criminal", "suicide"},
}
_FRAME_OF = {w: k for k, ws in FRAME_WORDS.items() for w in ws}


@dataclass(frozen=True)
class OpenTyper:
    """A softmax over types + NONE with weights indexed by feature (one lookup per feature)."""

    classes: tuple[str, ...]
    bias: tuple[float, ...]
    weights: dict[str, dict[str, float]]      # feature -> {class: weight}
    lemmas: frozenset[str]                    # verbs coded at run time
    threshold: float = 0.5

    def probs(self, features: list[str]) -> dict[str, float]:
        z = dict(zip(self.classes, self.bias))
        for f in features:
            for c, w in self.weights.get(f, {}).items():
                z[c] += w
        top = max(z.values())
        e = {c: math.exp(v - top) for c, v in z.items()}
        total = sum(e.values())
        return {c: v / total for c, v in e.items()}

    def best(self, features: list[str]) -> tuple[str, float]:
        p = self.probs(features)
        c = max(p, key=p.get)
        return c, p[c]

    def to_json(self) -> dict:
        return {"classes": list(self.classes), "bias": list(self.bias), "weights": self.weights,
                "lemmas": sorted(self.lemmas), "threshold": self.threshold}

    @classmethod
    def from_json(cls, obj: dict) -> "OpenTyper":
        return cls(tuple(obj["classes"]), tuple(obj["bias"]), obj["weights"], frozenset(obj["lemmas"]),
                   obj.get("threshold", 0.5))


def open_matches(tokens, matches: list[Match], lemmas: frozenset[str] | None = None) -> list[Match]:
    """Verbs outside the lexicon's matches that govern an actor-like argument (all of them
    for training; at run time only those whose lemma is in `lemmas`)."""
    taken = {t.i for m in matches for t in m.tokens}
    out = []
    for tok in tokens:
        if tok.pos_ != "VERB" or tok.i in taken:
            continue
        lem = lemma(tok)
        if lemmas is not None and lem not in lemmas:
            continue
        if any(c.dep_ in _ARG_DEPS and c.pos_ in _ARG_POS for c in tok.children):
            out.append(Match(tok, Entry(lem, "V", PLACEHOLDER, None, None), (tok,)))
    return out


def open_features(head: Token, ev, lex: Lexicon) -> list[str]:
    """Features of 'is this verb an act, and of which PLOVER type?' (ev: the coder's Evidence)."""
    lem = lemma(head)
    obj = direct_object(head)
    f = [f"l={lem}", f"tag={head.tag_}", f"dep={head.dep_}", f"ld={lem}|{head.dep_}",
         f"inlex={(lem, 'V') in lex.triggers}", f"pass={is_passive(head)}",
         f"gov={lemma(head.head)}" if head.head.i != head.i else "gov=ROOT",
         f"neg={ev.negated}", f"modal={ev.modality}", f"q={ev.quoted}", f"bg={ev.background}",
         f"src={ev.source_kind}", f"tgt={ev.target_kind}", f"st={ev.source_kind}|{ev.target_kind}"]
    if obj is not None:
        f += [f"obj={lemma(obj)}", f"lo={lem}|{lemma(obj)}", f"objent={obj.ent_type_ or obj.pos_}"]
    for c in head.children:
        if c.dep_ in ("prep", "prt", "dative"):
            f += [f"p={c.lower_}", f"lp={lem}|{c.lower_}"]
        elif c.dep_ in ("nsubj", "nsubjpass", "agent"):
            f += [f"subj={c.ent_type_ or c.pos_}", f"subjl={lemma(c)}"]
        elif c.dep_ in ("xcomp", "ccomp"):
            f.append(f"comp={lemma(c)}")
    f += [f"srcent={ev.source.ent_type_ or ev.source.pos_}" if ev.source is not None else "nosrc",
          f"tgtent={ev.target.ent_type_ or ev.target.pos_}" if ev.target is not None else "notgt"]
    f += frame_features(head)
    doc = head.doc
    for k in (-1, 1):
        j = head.i + k
        f.append(f"w{k}={doc[j].lower_ if 0 <= j < len(doc) else '<s>'}")
    return f


# Verbs of winning and losing a contest: no assault where the sentence is about sport (any sport
# word); verbs of violence only where it names a competition or a score ("3-1"), since attacks
# happen at stadiums and on football fans too.
CONTEST_VERBS = {"beat", "defeat", "thrash", "rout", "trounce", "edge", "overcome", "outplay", "down", "stun",
                 "upset", "eliminate", "knock", "draw", "tie", "lose", "win", "whip", "overpower"}
VIOLENT_VERBS = {"attack", "strike", "shoot", "fight", "clash", "battle", "destroy", "smash", "hammer", "crush"}
SPORT_NAMES = {"football", "soccer", "cricket", "rugby", "tennis", "basketball", "baseball", "hockey", "stadium",
               "medal", "premier", "wimbledon"}
COMPETITIONS = {"league", "championship", "championships", "tournament", "olympic", "olympics", "semi-final",
                "quarter-final", "striker", "midfielder", "goalkeeper"}
_SCORE = re.compile(r"^\d{1,2}[-\u2013]\d{1,2}$")


def sport_contest(head: Token) -> bool:
    """A contest verb in a sentence about sport ('Chelsea beat Arsenal 3-1 in the final')."""
    word = lemma(head)
    if word in CONTEST_VERBS:
        return any(t.lower_ in FRAME_WORDS["sport"] or t.lower_ in SPORT_NAMES or t.lower_ in COMPETITIONS
                   or _score(t) for t in head.sent)
    if word in VIOLENT_VERBS:
        return any(t.lower_ in COMPETITIONS or _score(t) for t in head.sent)
    return False


def _score(t: Token) -> bool:
    """A match score: one token ('3-1') or, as the tokenizer often splits it, a number, a dash
    and a number written without spaces ('2', '-', '1')."""
    if _SCORE.match(t.text):
        return True
    if not (t.like_num and t.text.isdigit() and len(t.text) <= 2 and not t.whitespace_):
        return False
    doc = t.doc
    if t.i + 2 >= len(doc):
        return False
    dash, second = doc[t.i + 1], doc[t.i + 2]
    return dash.text in ("-", "\u2013") and not dash.whitespace_ and second.text.isdigit() and len(second.text) <= 2


def frame_features(head: Token) -> list[str]:
    """Sport, hunting, accident or crime words in the trigger's sentence."""
    kinds = {_FRAME_OF[t.lower_] for t in head.sent if t.lower_ in _FRAME_OF}
    return [f"frame={k}" for k in sorted(kinds)]


def open_decide(typer: OpenTyper, opened: list, kept: list, lex: Lexicon, retyped) -> list:
    """The open candidates the typer calls acts, typed, unless their sentence already holds an
    event of that type (`kept`: the coder's (Event, head, Evidence) after the learned layer)."""
    have = {(e.sentence_span, e.type) for e, _, _ in kept}
    out = []
    for e, head, ev in opened:
        type_, p = typer.best(open_features(head, ev, lex))
        if type_ == NONE or p < typer.threshold:
            continue
        final = plover_type(type_, Factuality(negated=e.negated, modality=e.modality))
        if (e.sentence_span, final) in have:
            continue
        have.add((e.sentence_span, final))
        negated = e.negated and not (final == "REJECT" and type_ != "REJECT")   # "did not sign": REJECT
        out.append((replace(retyped(e, final, lex), confidence=round(p, 2), negated=negated), head, ev))
    return out
