"""Is a country or capital named as an actor or as a place?

"Washington is not serious", "Moscow's push", "talks with Iran", "U.S. support" name the
state acting (its government); "in Syria", "a visit to Moscow", "the future of Syria" name
a place. The words that decide are in data/actor_context.tsv.
"""
from __future__ import annotations

from spacy.tokens import Token

from .lexicon import in_context

# Dependency labels of a noun phrase that acts: subjects, objects, possessors.
AGENT_DEPS = frozenset({"nsubj", "nsubjpass", "poss", "dative", "agent", "attr"})
# Modifier labels: "U.S. support", "Moscow's" parsed as nmod.
MODIFIER_DEPS = frozenset({"compound", "nmod", "amod"})
# Institutions that are also buildings: named after "in" or "at" they are where something
# happens ("appeared in Christchurch District Court", "the debate at Belmont University").
VENUE_NOUNS = frozenset({"court", "university", "college", "school", "hospital", "stadium", "arena",
                         "academy", "prison", "jail", "airport", "museum", "cathedral", "church", "mosque",
                         "temple", "synagogue", "hall", "hotel", "theatre", "theater", "library"})
VENUE_PREPS = frozenset({"in", "at", "inside", "outside"})
# How many conjuncts back a conjunct looks for the role of the first ("Russia and Iran").
MAX_CONJ_HOPS = 6


def is_agent(tok: Token) -> bool:
    """True when the phrase headed by `tok` names a state acting rather than a place."""
    for _ in range(MAX_CONJ_HOPS):
        if tok.dep_ not in ("conj", "appos") or tok.head is tok:
            break
        tok = tok.head
    dep, head = tok.dep_, tok.head
    if dep in AGENT_DEPS:
        return True
    if dep == "dobj":
        return not in_context(head.lemma_, "motion_verb")
    if dep == "pobj":
        return _agentive_pobj(head)
    if dep in MODIFIER_DEPS:
        return head.pos_ in ("NOUN", "PROPN") and in_context(head.lemma_, "agent_noun")
    return False


def _agentive_pobj(prep: Token) -> bool:
    """'talks with Iran' (agent) / 'in Syria' (place) / 'policy of Tehran' (agent)."""
    word = prep.lower_
    if in_context(word, "agent_prep"):
        return True
    if word == "of":
        owner = prep.head
        return owner.pos_ in ("NOUN", "PROPN") and in_context(owner.lemma_, "agent_noun")
    return False


def is_place_name(tok: Token) -> bool:
    """A capitalised name the model took for a person or organisation that the text shows
    is a place: 'Mosul district', 'the town of Daquq', 'the Ishtar Gate'."""
    if in_context(tok.lemma_, "place_noun") and tok.text[:1].isupper():
        return True
    head = tok.head
    if tok.dep_ in ("compound", "nmod") and in_context(head.lemma_, "place_noun"):
        return True
    if tok.dep_ == "pobj" and head.lower_ == "of" and in_context(head.head.lemma_, "place_noun"):
        return True
    return tok.dep_ == "appos" and in_context(head.lemma_, "place_noun")


def is_venue(tok: Token) -> bool:
    """The head of a name of an institution that is also a building, named as where something
    happens: 'appeared in Christchurch District Court', 'at Belmont University in Nashville'
    (the court as an actor, 'the court ruled', is no venue; nor is an employer after a title,
    'a professor at Deakin University': the preposition follows a verb)."""
    for _ in range(MAX_CONJ_HOPS):
        if tok.dep_ != "conj" or tok.head is tok:
            break
        tok = tok.head
    return tok.lemma_.lower() in VENUE_NOUNS and tok.dep_ == "pobj" and tok.head.lower_ in VENUE_PREPS \
        and tok.head.head.pos_ in ("VERB", "AUX")
