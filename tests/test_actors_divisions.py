"""A country word naming a part of the country ('the US state of Wisconsin') is a place, not
the country acting (real-style news sentences through the real spaCy pipeline)."""
import pytest

from parley.actors import find_actors
from parley.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("en_core_web_sm")


def _mentions(nlp, text) -> list[str]:
    return [text[m.start:m.end] for a in find_actors(nlp(text), "test").freeze() for m in a.mentions]


@pytest.mark.parametrize("text", [
    "The US state of Wisconsin held its election on Tuesday.",
    "All other US states with elections postponed them.",
    "Two Indian states voted on Monday.",
])
def test_a_country_word_before_a_division_is_no_mention(nlp, text):
    held = _mentions(nlp, text)
    assert not any(w in held for w in ("US", "Indian")), held


def test_the_country_called_a_state_is_still_the_country(nlp):
    assert "Chinese" in _mentions(nlp, "The Chinese state said it would respond to the sanctions.")


def test_a_country_acting_is_still_a_mention(nlp):
    assert "US" in _mentions(nlp, "The US said on Monday that it would help Kenya.")
