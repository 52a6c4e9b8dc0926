"""Nominal events whose parties sit the other way round from the usual reading.

"the men's arrest", "Navalny's detention": the possessor of an act done to someone is the one
it is done to, unless an "of" object names that one ("Iran's release of the sailors").
"faced criticism from Y", "drew condemnation", "came under attack", "won support from Y": the subject of a verb of
undergoing is the recipient of its object noun's act; the actor is the "from"/"by" phrase
(of the noun, or of the verb where the parse hangs it there: "drew condemnation from France").
"""
from __future__ import annotations

from spacy.tokens import Token

from .triggers import lemma, prep_child, prep_object

UNDERGO_VERBS = {"face", "receive", "draw", "attract", "suffer", "endure", "incur", "weather", "sustain",
                 "win", "earn", "gain", "garner", "secure", "obtain", "enjoy", "get"}
PATIENT_NOUNS = {"arrest", "detention", "killing", "assassination", "execution", "abduction", "kidnapping",
                 "murder", "capture", "expulsion", "deportation", "imprisonment", "torture", "extradition",
                 "jailing", "conviction", "sentencing", "prosecution", "trial", "ouster", "removal",
                 "release", "impeachment", "indictment", "dismissal", "sacking", "overthrow",
                 "acquittal", "pardon", "exile", "interrogation", "beheading", "lynching", "rescue", "eviction"}
# ("the men's release", "Trump's impeachment", "Nixon's pardon": done to the possessor; "Iran's release
# of the sailors" names the one it is done to with "of", and the possessor acts)


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


def undergoer_agent(verb: Token) -> Token | None:
    """The 'from'/'by' object of a verb of undergoing ('drew condemnation from France')."""
    for word in ("from", "by"):
        prep = prep_child(verb, word)
        obj = prep_object(prep) if prep is not None else None
        if obj is not None:
            return obj
    return None


def of_agent(prep: Token) -> Token | None:
    """'of X by Y': the 'by' preposition under the object of 'of' (a parse of 'the arrest of X by Y')."""
    obj = prep_object(prep) if prep.lower_ == "of" else None
    return prep_child(obj, "by") if obj is not None else None
