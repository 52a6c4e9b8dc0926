"""Merging that asks for evidence, on hand-built parses (no model: the rules alone).

Each Doc is written token by token (word, POS, tag, dependency, head index, entity IOB,
lemma), so a test fails only when a rule changes, never because the parser did."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from parley.actors import find_actors
from parley.actors.names import given_names_differ, person_key
from parley.actors.registry import first_names_conflict, parties_conflict


VOCAB = spacy.blank("en").vocab          # English lexical attributes (lower case, shape)


def make_doc(tokens: list[tuple]) -> Doc:
    words = [t[0] for t in tokens]
    return Doc(VOCAB, words=words, spaces=[True] * len(words),
               pos=[t[1] for t in tokens], tags=[t[2] for t in tokens], deps=[t[3] for t in tokens],
               heads=[t[4] for t in tokens], ents=[t[5] for t in tokens],
               lemmas=[t[6] if len(t) > 6 else t[0].lower() for t in tokens])


def people(doc: Doc) -> dict[str, set[str]]:
    """actor name -> the texts of its mentions (people only)."""
    return {a.name: {m.text for m in a.mentions} for a in find_actors(doc, "t").freeze()
            if a.kind == "person"}


CLARKES = [
    ("Ken", "PROPN", "NNP", "compound", 1, "B-PERSON"),
    ("Clarke", "PROPN", "NNP", "nsubj", 2, "I-PERSON"),
    ("met", "VERB", "VBD", "ROOT", 2, "O", "meet"),
    ("Charles", "PROPN", "NNP", "compound", 4, "B-PERSON"),
    ("Clarke", "PROPN", "NNP", "dobj", 2, "I-PERSON"),
    ("again", "ADV", "RB", "advmod", 2, "O"),
    ("yesterday", "NOUN", "NN", "npadvmod", 2, "O"),
    (".", "PUNCT", ".", "punct", 2, "O"),
    ("Clarke", "PROPN", "NNP", "nsubj", 9, "B-PERSON"),
    ("left", "VERB", "VBD", "ROOT", 9, "O", "leave"),
    ("early", "ADV", "RB", "advmod", 9, "O"),
    (".", "PUNCT", ".", "punct", 9, "O"),
]


def test_different_first_names_never_merge_and_a_shared_surname_joins_neither():
    found = people(make_doc(CLARKES))
    assert {"Ken Clarke", "Charles Clarke"} <= set(found)
    assert found["Ken Clarke"] == {"Ken Clarke"}
    assert found["Charles Clarke"] == {"Charles Clarke"}


def test_a_surname_joins_the_one_person_of_that_surname():
    tokens = CLARKES[:3] + [("them", "PRON", "PRP", "dobj", 2, "O"), ("too", "ADV", "RB", "advmod", 2, "O")] \
        + CLARKES[5:]
    found = people(make_doc(tokens))
    assert found["Ken Clarke"] == {"Ken Clarke", "Clarke"}


def test_spellings_of_one_given_name_are_one_person():
    tokens = [
        ("Viktor", "PROPN", "NNP", "compound", 1, "B-PERSON"),
        ("Makarov", "PROPN", "NNP", "nsubj", 2, "I-PERSON"),
        ("spoke", "VERB", "VBD", "ROOT", 2, "O", "speak"),
        ("briefly", "ADV", "RB", "advmod", 2, "O"),
        ("again", "ADV", "RB", "advmod", 2, "O"),
        (".", "PUNCT", ".", "punct", 2, "O"),
        ("Victor", "PROPN", "NNP", "compound", 7, "B-PERSON"),
        ("Makarov", "PROPN", "NNP", "nsubj", 8, "I-PERSON"),
        ("left", "VERB", "VBD", "ROOT", 8, "O", "leave"),
        ("early", "ADV", "RB", "advmod", 8, "O"),
        ("today", "NOUN", "NN", "npadvmod", 8, "O"),
        (".", "PUNCT", ".", "punct", 8, "O"),
    ]
    found = people(make_doc(tokens))
    assert len(found) == 1 and next(iter(found.values())) == {"Viktor Makarov", "Victor Makarov"}


def _spokesman(org: str, verb_at: int) -> list[tuple]:
    """'The <org> spokesman said .' starting at token `verb_at - 3`."""
    return [("The", "DET", "DT", "det", verb_at - 1, "O"),
            (org, "PROPN", "NNP", "compound", verb_at - 1, "B-ORG"),
            ("spokesman", "NOUN", "NN", "nsubj", verb_at, "O"),
            ("said", "VERB", "VBD", "ROOT", verb_at, "O", "say"),
            (".", "PUNCT", ".", "punct", verb_at, "O")]


def test_one_outlets_spokesman_is_never_anothers():
    doc = make_doc(_spokesman("BBC", 3) + _spokesman("UKIP", 8))
    actors = find_actors(doc, "t").freeze()
    spokesmen = [a for a in actors if a.role and "spokesman" in a.role.lower()]
    assert len(spokesmen) == 2, [(a.name, [m.text for m in a.mentions]) for a in actors]


def test_the_same_outlets_spokesman_is_one_person():
    doc = make_doc(_spokesman("BBC", 3) + _spokesman("BBC", 8))
    spokesmen = [a for a in find_actors(doc, "t").freeze() if a.role and "spokesman" in a.role.lower()]
    assert len(spokesmen) == 1 and len(spokesmen[0].mentions) == 2


@pytest.mark.parametrize("a, b, differ", [
    ("Ken Clarke", "Charles Clarke", True), ("Viktor Makarov", "Victor Makarov", False),
    ("K. Clarke", "Ken Clarke", False), ("Clarke", "Ken Clarke", False),
])
def test_given_names(a, b, differ):
    assert given_names_differ(a, b) is differ


def test_person_aliases_and_registry_conflicts():
    assert person_key("Abu Mazen") == person_key("Mahmoud Abbas")
    assert first_names_conflict("andy clarke", ["clarke", "ken clarke"])
    assert not first_names_conflict("ken clarke", ["clarke", "ken clarke"])
    assert parties_conflict(["Conservative leader"], ["Labour MP", None])
    assert not parties_conflict(["Republican nominee"], ["Republican candidate", "businessman"])
    assert not parties_conflict([None], ["Labour MP"])


def test_a_country_a_person_studies_is_not_the_persons_country():
    tokens = [
        ("Fiona", "PROPN", "NNP", "compound", 1, "B-PERSON"),
        ("Hill", "PROPN", "NNP", "nsubj", 6, "I-PERSON"),
        (",", "PUNCT", ",", "punct", 1, "O"),
        ("a", "DET", "DT", "det", 5, "O"),
        ("Russia", "PROPN", "NNP", "compound", 5, "B-GPE"),
        ("analyst", "NOUN", "NN", "appos", 1, "O"),
        ("said", "VERB", "VBD", "ROOT", 6, "O", "say"),
        ("nothing", "PRON", "NN", "dobj", 6, "O"),
        ("new", "ADJ", "JJ", "amod", 7, "O"),
        (".", "PUNCT", ".", "punct", 6, "O"),
    ]
    hill = next(a for a in find_actors(make_doc(tokens), "t").freeze() if a.name == "Fiona Hill")
    assert hill.country is None


def test_a_countrys_envoy_is_of_that_country():
    tokens = [
        ("Iran", "PROPN", "NNP", "poss", 2, "B-GPE"),
        ("'s", "PART", "POS", "case", 0, "O"),
        ("envoy", "NOUN", "NN", "compound", 4, "O"),
        ("Ali", "PROPN", "NNP", "compound", 4, "B-PERSON"),
        ("Karimi", "PROPN", "NNP", "nsubj", 5, "I-PERSON"),
        ("said", "VERB", "VBD", "ROOT", 5, "O", "say"),
        ("nothing", "PRON", "NN", "dobj", 5, "O"),
        ("new", "ADJ", "JJ", "amod", 6, "O"),
        (".", "PUNCT", ".", "punct", 5, "O"),
    ]
    karimi = next(a for a in find_actors(make_doc(tokens), "t").freeze() if a.name == "Ali Karimi")
    assert karimi.country == "IRN"
