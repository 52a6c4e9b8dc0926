"""Actor and recipient of a coded frame, from the dependency parse (never from proximity).

Verbs: the subject (the passive agent in the passive; the passive subject of stative
"are opposed to"); a subject left out is inherited through xcomp ("plans to impose"), object
control ("urged Iran to ..."), coordination ("refused ... and insisted"), participles and
relative clauses. Recipients: the passive subject, the direct or indirect object, or a
prepositional object ("talks with", "fight against", "criticism of", "mediation between").
Nouns: the possessor ("Russia's push"), an actor modifier ("U.S. request"), a "by" agent,
else the subject of the verb the noun hangs from ("staged demonstrations", "during a visit").
When the object is not itself an actor, its own owner or agent stands for it ("rejected a U.S.
request" -> the United States; "efforts by the United States" -> the United States).
"""
from __future__ import annotations

from spacy.tokens import Token

from .frames import Frame
from .lexicon import Lexicon
from .triggers import direct_object, is_passive, lemma, prep_child, prep_object

TARGET_PREPS = ("against", "with", "on", "upon", "to", "at", "toward", "towards", "into", "from",
                "between", "among", "of", "for", "over")
NOUN_TARGET_PREPS = ("against", "on", "of", "with", "to", "at", "toward", "towards", "into",
                     "for", "over", "between", "among")
ACTOR_ENTS = {"GPE", "NORP", "ORG", "PERSON"}
# Head nouns that carry the event of their modifier: "mediation effort", "military operation".
FRAME_NOUNS = {"effort", "campaign", "operation", "process", "bid", "attempt", "initiative", "drive",
               "mission", "plan", "round", "move", "programme", "program"}
_NOUNS = {"NOUN", "PROPN"}


def anchor(tok: Token) -> Token:
    """The token that carries the arguments: 'mediation effort' -> 'effort'."""
    if tok.dep_ == "compound" and lemma(tok.head) in FRAME_NOUNS:
        return tok.head
    return tok


def with_conjuncts(tok: Token) -> list[Token]:
    """'Russia and Iran', 'Washington along with its allies'."""
    out = [tok, *tok.conjuncts]
    for c in tok.children:
        if c.lower_ in ("along", "together"):
            out += [o for w in c.children if w.lower_ == "with" for o in w.children if o.dep_ == "pobj"]
    return out


def explicit_subject(verb: Token, stative: bool = False) -> list[Token]:
    """The verb's own subject: nsubj, or the passive agent (or passive subject if stative)."""
    if is_passive(verb):
        if stative:
            return [c for c in verb.children if c.dep_ == "nsubjpass"][:1]
        agent = prep_child(verb, "by")
        obj = prep_object(agent) if agent is not None and agent.dep_ == "agent" else None
        return [obj] if obj is not None else []
    return [c for c in verb.children if c.dep_ in ("nsubj", "csubj")][:1]


def subject_of(verb: Token, lex: Lexicon, stative: bool = False, depth: int = 0) -> list[Token]:
    """The actor of a verb, inherited from the clause above when the verb has no subject."""
    own = explicit_subject(verb, stative)
    if own:
        return with_conjuncts(own[0])
    head, dep = verb.head, verb.dep_
    if head is verb or depth > 6:
        return []
    if dep == "xcomp" and lex.role(lemma(head), "objcontrol"):
        obj = direct_object(head)
        return with_conjuncts(obj) if obj is not None else subject_of(head, lex, False, depth + 1)
    if dep == "conj":
        shared = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return with_conjuncts(shared[0]) if shared else subject_of(head, lex, False, depth + 1)
    if dep in ("xcomp", "advcl", "acomp", "attr", "oprd"):
        return subject_of(head, lex, False, depth + 1)
    if dep == "pcomp" and head.head is not head:
        up = head.head
        return subject_of(up, lex, False, depth + 1) if up.pos_ in ("VERB", "AUX") else []
    if dep == "acl" and verb.tag_ == "VBG" or dep == "relcl" and not is_passive(verb):
        return [head]
    return []


def noun_source(noun: Token, lex: Lexicon, fallback: bool = True) -> list[Token]:
    """Possessor, actor modifier, 'by'/'from' agent, participants 'between', else (with
    `fallback`) the subject of the verb the noun hangs from."""
    for c in noun.children:
        if c.dep_ == "poss":
            return with_conjuncts(c)
    mods = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod")
            and (c.ent_type_ in ACTOR_ENTS or c.pos_ == "PROPN")]
    if mods:
        return mods
    for word in ("by", "from", "between", "among"):
        prep = prep_child(noun, word)
        obj = prep_object(prep) if prep is not None else None
        if obj is not None:
            return with_conjuncts(obj)
    verb = _hanging_from(noun) if fallback else None
    return subject_of(verb, lex) if verb is not None else []


def _hanging_from(noun: Token) -> Token | None:
    """The verb whose object (or prepositional adjunct) the noun is."""
    tok = noun
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    if tok.dep_ in ("dobj", "attr", "oprd"):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.lower_ not in ("by", "of"):
        up = tok.head.head
        return up if up.pos_ in ("VERB", "AUX") else None
    return None


def verb_targets(verb: Token, stative: bool = False) -> list[list[Token]]:
    """Candidate recipients of a verb, most direct first."""
    out: list[list[Token]] = []
    if is_passive(verb) and not stative:
        out += [with_conjuncts(c) for c in verb.children if c.dep_ == "nsubjpass"]
    out += [with_conjuncts(c) for c in verb.children if c.dep_ in ("dobj", "obj", "dative", "iobj")]
    for c in verb.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS:
            obj = prep_object(c)
            if obj is not None and obj.pos_ in _NOUNS | {"PRON"}:
                out.append(with_conjuncts(obj))
    return out


def noun_targets(noun: Token) -> list[list[Token]]:
    out = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in NOUN_TARGET_PREPS:
            obj = prep_object(c)
            if obj is not None and obj.pos_ in _NOUNS | {"PRON"}:
                out.append(with_conjuncts(obj))
    return out


def source_tokens(frame: Frame, lex: Lexicon) -> list[Token]:
    m = frame.match
    flags = m.entry.flags
    if frame.actor_from is not None:
        return subject_of(frame.actor_from, lex)
    if frame.speaker_verb is not None:
        return subject_of(frame.speaker_verb, lex)
    a = anchor(m.head)
    if a.pos_ in _NOUNS:
        return noun_source(a, lex)
    if "swap" in flags:
        obj = direct_object(a)
        if obj is not None:
            return with_conjuncts(obj)
    return subject_of(a, lex, "stative" in flags)


def target_candidates(frame: Frame, lex: Lexicon) -> list[list[Token]]:
    """Recipient candidates in order of preference; the first that names an actor wins."""
    m = frame.match
    a = anchor(m.head)
    if frame.obligation is not None:
        return [explicit_subject(m.head)]
    if "swap" in m.entry.flags and direct_object(a) is not None:
        return [subject_of(a, lex)]
    own = noun_targets(a) if a.pos_ in _NOUNS else verb_targets(a, "stative" in m.entry.flags)
    if frame.actor_from is not None:
        own = verb_targets(frame.actor_from) + own
    return own + embedded_targets(frame, lex)


def embedded_targets(frame: Frame, lex: Lexicon) -> list[list[Token]]:
    """Recipients stated by the content: the owner of a rejected request, the one demanded
    of ('demanded that Hamas renounce'), the recipient of a threatened act."""
    out: list[list[Token]] = []
    for e in frame.embedded:
        head = anchor(e.head)
        if head.pos_ in _NOUNS:
            out.append(noun_source(head, lex, fallback=False))
            out += noun_targets(head)
        else:
            own = explicit_subject(head)
            if own and head.dep_ == "ccomp":
                out.append(with_conjuncts(own[0]))
            out += verb_targets(head)
    return out
