"""The parties named in a court case's title ('Kelly v. United States') are the case, not
mentions of actors (real-style news sentences through the real spaCy pipeline)."""
import pytest
import spacy
from spacy.tokens import Doc

from parley.actors import find_actors
from parley.actors.entities import in_case_name
from parley.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("en_core_web_sm")


def _mentions(nlp, text) -> list[str]:
    return [text[m.start:m.end] for a in find_actors(nlp(text), "test").freeze() for m in a.mentions]


@pytest.mark.parametrize("text, party", [
    ("The Supreme Court ruled in Kelly v. United States that the officials had not committed fraud.", "United States"),
    ("The case Glawischnig-Piesczek vs. Facebook Ireland Limited was decided on Thursday.", "Facebook Ireland Limited"),
])
def test_case_parties_are_no_mentions(nlp, text, party):
    held = _mentions(nlp, text)
    assert party not in held, held


def test_in_case_name_needs_a_capitalised_party_on_the_other_side():
    vocab = spacy.blank("en").vocab
    doc = Doc(vocab, words="Smith v. Jones met Brown vs. the rest".split())
    assert in_case_name(doc, 0, 1) and in_case_name(doc, 2, 3)
    assert not in_case_name(doc, 4, 5) and not in_case_name(doc, 3, 4)


def test_a_country_acting_beside_a_case_is_still_a_mention(nlp):
    text = "The United States appealed the ruling in Kelly v. Jones on Monday."
    assert "The United States" in _mentions(nlp, text) or "United States" in _mentions(nlp, text)
