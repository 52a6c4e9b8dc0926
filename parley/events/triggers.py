"""Trigger matching: tokens of a parsed sentence -> lexicon entries (event_triggers.tsv).

A token matches a line of the lexicon when its lemma and part of speech are the line's and
every condition of the line holds on the parse: a particle or preposition ("call for",
"carry out"), an object ("held talks", "imposed sanctions", "set fire"), a modifier ("air
strike", "hunger strike"), a governing light verb ("issued a threat"). The most specific line
that holds wins; a line typed "-" says the reading is not an event ("fight corruption").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import Entry, Lexicon

_POS = {"VERB": "V", "AUX": "V", "NOUN": "N", "PROPN": "N", "ADJ": "A"}
_MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod"}
_OBJECT_DEPS = {"dobj", "obj"}
# Verbs that only carry the event of their object noun ("launched an attack").
LIGHT_VERBS = {"carry", "launch", "stage", "hold", "make", "conduct", "mount", "pay", "wage",
               "unleash", "begin", "start", "resume", "continue", "organize", "organise", "step",
               "intensify", "escalate", "perform", "undertake", "lodge", "issue", "file"}
# Words inside these names are not triggers ("Asia-Pacific Economic Cooperation").
NAME_ENTS = {"ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "PRODUCT"}
# Head nouns that carry the event of their modifier: "mediation effort", "military operation".
FRAME_NOUNS = {"effort", "campaign", "operation", "process", "bid", "attempt", "initiative", "drive",
               "mission", "plan", "round", "move", "programme", "program"}


@dataclass(frozen=True)
class Match:
    """A trigger in the text: its head token, the lexicon line, and the tokens it spans."""

    head: Token
    entry: Entry
    tokens: tuple[Token, ...]         # head, particle/preposition, object noun (text order)

    @property
    def type(self) -> str | None:
        return self.entry.type


def _classifier(tok: Token) -> bool:
    """A noun modifying another noun names a kind, not an event ('aid groups', 'attack
    helicopters'), unless the head is a frame noun ('mediation effort')."""
    return tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN") and \
        lemma(tok.head) not in FRAME_NOUNS


def lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def modifier_lemmas(tok: Token) -> set[str]:
    return {lemma(c) for c in tok.children if c.dep_ in _MODIFIER_DEPS} | \
        {c.lower_ for c in tok.children if c.dep_ in _MODIFIER_DEPS}


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def direct_object(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ in _OBJECT_DEPS:
            return c
    if is_passive(verb):
        return next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    return None


def prep_child(tok: Token, word: str) -> Token | None:
    """The particle or preposition child `word` ('for' in 'called for')."""
    for c in tok.children:
        if c.dep_ in ("prt", "prep", "agent", "dative") and c.lower_ == word:
            return c
    return None


def prep_object(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun is the object of ('held talks', 'in talks with' -> None)."""
    tok = noun
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("dobj", "nsubjpass", "attr", "oprd"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ in ("VERB", "AUX"):
        return tok.head.head
    return None


def find_matches(tokens, lex: Lexicon) -> list[Match]:
    """Every token of `tokens` that triggers an event, with the lexicon line it matched."""
    out = []
    words = lex.word_hashes
    for tok in tokens:
        if tok.lemma not in words and tok.lower not in words:
            continue                                  # most tokens: one integer lookup
        pos = _POS.get(tok.pos_)
        if pos is None or tok.ent_type_ in NAME_ENTS or pos == "N" and _classifier(tok):
            continue
        entries = lex.triggers.get((lemma(tok), pos))
        if entries is None and pos == "V" and tok.tag_ == "VBN":
            entries = lex.triggers.get((tok.lower_, "A"))
        if entries is None:
            continue
        match = _best(tok, entries)
        if match is not None and match.entry.type is not None:
            out.append(_with_light_verb(match))
    return out


def _with_light_verb(m: Match) -> Match:
    """'carried out air strikes', 'made a visit': the light verb belongs to the trigger text."""
    noun = m.head
    if noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "dobj" or lemma(noun.head) not in LIGHT_VERBS:
        return m
    verb = noun.head
    extra = [verb] + [c for c in verb.children if c.dep_ == "prt"]
    return Match(m.head, m.entry, tuple(sorted({*m.tokens, *extra}, key=lambda t: t.i)))


def _best(tok: Token, entries: tuple[Entry, ...]) -> Match | None:
    """The first (most specific) line whose conditions hold; modifier-matched objects first."""
    best: tuple[int, Match] | None = None
    for entry in entries:
        if best is not None and entry.weight < best[1].entry.weight:
            break
        found = _holds(tok, entry)
        if found is not None:
            rank, extra = found
            if best is None or rank > best[0]:
                best = (rank, Match(tok, entry, tuple(sorted({tok, *extra}, key=lambda t: t.i))))
    return best[1] if best else None


def _holds(tok: Token, e: Entry) -> tuple[int, list[Token]] | None:
    """(rank, extra trigger tokens) when `e`'s conditions hold on `tok`, else None."""
    extra: list[Token] = []
    obj = direct_object(tok) if tok.pos_ in ("VERB", "AUX") else None
    for word in e.preps:
        prep = prep_child(tok, word)
        if prep is None or prep.i < tok.i:          # 'With the signing ..., they agreed' is not 'agree with'
            return None
        extra.append(prep)
        obj = prep_object(prep) or obj
    if not _flags_hold(tok, e):
        return None
    rank = 0
    if e.obj:
        found = _object_match(obj, e.obj) if obj is not None else None
        for c in tok.children if found is None else ():
            if c.dep_ in ("oprd", "acomp", "ccomp"):   # 'held X responsible'
                found = found or _object_match(c, e.obj)
        if found is None:
            return None
        rank, noun = found
        extra.append(noun)
    if e.mod and not modifier_lemmas(tok) & e.mod:
        return None
    if e.head:
        verb = governing_verb(tok)
        if verb is None or lemma(verb) not in e.head:
            return None
        extra.append(verb)
    return rank, extra


def _object_match(obj: Token, words: frozenset[str]) -> tuple[int, Token] | None:
    """(rank, noun) when the object, or what a quantity object measures ("700 kg of
    medicine", "$50,000 worth of goods"), has one of `words` as lemma (1) or modifier (2)."""
    nouns = [obj] + [o for p in obj.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj"]
    for noun in nouns:
        if lemma(noun) in words or noun.lower_ in words:
            return 1, noun
        if modifier_lemmas(noun) & words:
            return 2, noun
    return None


def _flags_hold(tok: Token, e: Entry) -> bool:
    f = e.flags
    if "in" in f and not (tok.dep_ == "pobj" and tok.head.lower_ == "in"):
        return False
    if "plural" in f and tok.tag_ not in ("NNS", "NNPS"):
        return False
    children = {c.dep_ for c in tok.children}
    if "xcomp" in f and not children & {"xcomp", "ccomp"}:
        return False
    if "obj" in f and not children & (_OBJECT_DEPS | {"dative"}):
        return False
    return not ("noobj" in f and children & _OBJECT_DEPS)
