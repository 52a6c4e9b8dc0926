"""Frames: which triggers are the content of another ("threatened to break off relations",
"rejected a U.S. request", "demanded that Hamas renounce ..."), and reported demands
("X said that Y must ...").

PLOVER codes one event per act: the act that is threatened, refused, demanded, promised or
criticised is not coded on its own (manual section 2.3: "the coder should always return the
single event category"); it states the governing event's mode and often its recipient. A
causative governor ("ordered patrols", "ordered the paper to suspend publication") hands
its actor to the act it orders.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.symbols import aux as AUX
from spacy.tokens import Token

from .lexicon import Entry, Lexicon
from .triggers import Match, lemma

# Dependencies through which a complement is the content of the word above it.
CONTENT_DEPS = {"xcomp", "ccomp", "dobj", "obj", "pobj", "prep", "pcomp", "acomp", "attr", "oprd",
                "dative", "acl", "agent", "nsubjpass"}
# Prepositions that give circumstances (time, cause, setting), not content.
CIRCUMSTANCE_PREPS = {"after", "before", "during", "following", "amid", "amidst", "since", "until",
                      "till", "despite", "as", "while", "under", "throughout", "near", "outside",
                      "inside", "across", "within", "at"}
# Clause links that start a new, independent statement.
BOUNDARY_DEPS = {"relcl", "parataxis", "appos", "ROOT"}
PURPOSE_MARKS = {"to", "in", "so"}


@dataclass
class Frame:
    """A trigger that is coded, with the triggers embedded in its content."""

    match: Match
    embedded: list[Match] = field(default_factory=list)
    actor_from: Token | None = None   # a causative governor whose subject is the actor
    obligation: Token | None = None   # "must"/"should": a demand reported by a speech verb
    speaker_verb: Token | None = None


def is_purpose_clause(tok: Token) -> bool:
    """'staged demonstrations to demand reforms': an infinitival adverbial clause."""
    if tok.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
    return bool(marks & PURPOSE_MARKS) or (not marks and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))


def _content_link(child: Token) -> bool:
    """Is `child` (directly under its head) part of the head's content?"""
    if child.dep_ == "advcl":
        return is_purpose_clause(child)
    if child.dep_ == "prep":
        return child.lower_ not in CIRCUMSTANCE_PREPS
    return child.dep_ in CONTENT_DEPS


def governor(match: Match, heads: dict[int, Match]) -> Match | None:
    """The trigger whose content holds `match`, or None when `match` is coded on its own."""
    child = match.head
    for _ in range(12):
        if child.dep_ in BOUNDARY_DEPS or child.head.i == child.i:
            return None
        if child.dep_ == "advcl" and not is_purpose_clause(child):
            return None
        if child.dep_ == "prep" and child.lower_ in CIRCUMSTANCE_PREPS:
            return None
        parent = child.head
        above = heads.get(parent.i)
        if above is not None and above is not match and _content_link(child):
            return above
        child = parent
    return None


def build_frames(tokens, matches: list[Match], lex: Lexicon) -> list[Frame]:
    """Coded frames in text order: embedded triggers folded into the trigger above them."""
    heads = {m.head.i: m for m in matches}
    frames = {i: Frame(m) for i, m in heads.items()}
    folded: set[int] = set()
    governors = {**_light_verbs(matches, heads), **heads}
    for m in matches:
        g = _coded_governor(m, governors)
        if g is not None:
            folded.add(m.head.i)
            frames[g.head.i].embedded.append(m)
    demands = obligations(tokens, heads, frames, folded, lex)
    out = [f for i, f in frames.items() if i not in folded] + demands
    for f in out:
        if "causative" in f.match.entry.flags and f.embedded:
            f.actor_from, f.match = f.match.head, f.embedded[0]
            f.embedded = f.embedded[1:]
    return sorted(out, key=lambda f: f.match.head.i)


def _light_verbs(matches: list[Match], heads: dict[int, Match]) -> dict[int, Match]:
    """'staged demonstrations to demand reforms': the light verb of a noun event stands for
    the noun, so what hangs from the verb is the noun event's content."""
    out = {}
    for m in matches:
        noun = m.head
        if noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "dobj" and noun.head.i not in heads:
            out[noun.head.i] = m
    return out


def _coded_governor(m: Match, heads: dict[int, Match]) -> Match | None:
    """The outermost trigger whose content holds `m` (threatened > to break off > relations)."""
    g = governor(m, heads)
    seen: set[int] = set()
    while g is not None and g.head.i not in seen:
        seen.add(g.head.i)
        up = governor(g, heads)
        if up is None:
            return g
        g = up
    return g


def obligations(tokens, heads: dict[int, Match], frames: dict[int, Frame], folded: set[int],
                lex: Lexicon) -> list[Frame]:
    """'X said (that) Y must/should VERB': a REQUEST from the speaker to Y (CAMEO 10).
    A trigger on VERB is folded into the demand (its mode)."""
    out = []
    for tok in tokens:
        if tok.dep != AUX or not lex.role(tok.lower_, "obligation"):
            continue
        verb, speech = tok.head, tok.head.head
        if verb.dep_ != "ccomp" or speech.i in heads or not lex.role(lemma(speech), "speech"):
            continue
        subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in ("we", "i", "you"):
            continue
        embedded = [heads[t.i] for t in verb.subtree if t.i in heads and t.i not in folded]
        folded.update(m.head.i for m in embedded)
        out.append(Frame(match=Match(head=verb, entry=_DEMAND, tokens=(tok, verb)),
                         embedded=embedded, obligation=tok, speaker_verb=speech))
    return out


_DEMAND = Entry(lemma="must", pos="V", type="REQUEST", mode=None, cameo="100")
