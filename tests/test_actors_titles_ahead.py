"""A description joins only a person named before it, or the name it runs into as that
name's title (real-style news sentences through the real spaCy pipeline)."""
import pytest

from parley.actors import find_actors
from parley.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("en_core_web_sm")


def _mentions(nlp, text) -> dict[str, list[str]]:
    return {a.name: [text[m.start:m.end] for m in a.mentions]
            for a in find_actors(nlp(text), "test").freeze()}


SENATORS = ("Biden led the count; United States Senator from Vermont Bernie Sanders trailed him with a "
            "total of 815. Support also came from United States Senator from Minnesota Amy Klobuchar. "
            "On Monday, Klobuchar, along with Senator Ron Wyden of Oregon, introduced a bill.")


def test_a_title_is_never_given_to_a_person_named_only_later(nlp):
    found = _mentions(nlp, SENATORS)
    assert found["Ron Wyden"] == ["Ron Wyden"]


def test_a_title_running_into_a_name_is_that_names(nlp):
    found = _mentions(nlp, SENATORS)
    klobuchar = next(ms for name, ms in found.items() if "Klobuchar" in name)
    assert klobuchar.count("United States Senator") == 1          # hers, not Sanders's before it


def test_a_role_named_before_still_joins_its_person(nlp):
    found = _mentions(nlp, "Senator Ron Wyden of Oregon introduced a bill on Monday. The senator said it would pass.")
    assert "The senator" in found["Ron Wyden"]


def test_an_owner_after_for_is_not_the_person_the_title_names(nlp):
    found = _mentions(nlp, "Condemnation came from the Pope and a spokesperson for President Rodrigo Duterte.")
    assert all("a spokesperson" not in ms for name, ms in found.items() if "Duterte" in name)


def test_the_government_is_of_the_one_place_its_sentence_names(nlp):
    found = _mentions(nlp, "The Chinese government condemned the protests. Hong Kong student groups had "
                           "given the government until Thursday to withdraw the bill.")
    assert "the government" not in found["Government of China"]
    assert "the government" in found["Government of Hong Kong"]


def test_the_government_without_a_place_in_its_sentence_is_the_last_one_named(nlp):
    found = _mentions(nlp, "Russia accused Ukraine of shelling the city. The government denied it on Monday.")
    assert "The government" in found["Government of Ukraine"]
