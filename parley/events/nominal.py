"""Nominal events whose parties sit the other way round from the usual reading.

"the men's arrest", "Navalny's detention": the possessor of an act done to someone is the one
it is done to, unless an "of" object names that one ("Iran's release of the sailors").
"faced criticism from Y", "drew condemnation", "came under attack": the subject of a verb of
undergoing is the recipient of its object noun's act; the actor is the "from"/"by" phrase.
"""
from __future__ import annotations

from spacy.tokens import Token

from .triggers import lemma, prep_child

UNDERGO_VERBS = {"face", "receive", "draw", "attract", "suffer", "endure", "incur", "weather", "sustain"}
PATIENT_NOUNS = {"arrest", "detention", "killing", "assassination", "execution", "abduction", "kidnapping",
                 "murder", "capture", "expulsion", "deportation", "imprisonment", "torture", "extradition",
                 "jailing", "conviction", "sentencing", "prosecution", "trial", "ouster", "removal"}


def possessor_is_patient(noun: Token) -> bool:
    return lemma(noun) in PATIENT_NOUNS and prep_child(noun, "of") is None


def undergoer_verb(noun: Token, verb: Token | None) -> Token | None:
    """`verb` (the verb the noun hangs from) when its subject undergoes the noun's act."""
    if verb is None:
        return None
    if lemma(verb) in UNDERGO_VERBS and noun.dep_ in ("dobj", "conj") or \
            lemma(verb) == "come" and noun.dep_ == "pobj" and noun.head.lower_ == "under":
        return verb
    return None
