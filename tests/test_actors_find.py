"""Within one article: group aliases, capital and seat metonymy, descriptions, pronouns
(real-style news sentences through the real spaCy pipeline)."""
import pytest

from parley.actors import find_actors
from parley.actors.lexicon import load_known_actors
from parley.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp("en_core_web_sm")


def _actors(nlp, text, knowns=None):
    doc = nlp(text)
    actors = find_actors(doc, "test", knowns).freeze()
    return [(a, [text[m.start:m.end] for m in a.mentions]) for a in actors]


def _holding(actors, mention):
    found = [a for a, ms in actors if mention in ms]
    assert len(found) == 1, f"{mention!r}: {[(a.name, ms) for a, ms in actors]}"
    return found[0]


def test_find_group_aliases_are_one_actor(nlp):
    text = ("Fighters of the Islamic State of Iraq and the Levant (ISIL) seized the town on Monday. "
            "Daesh later said in a statement that ISIS controlled the area. The Free Syrian Army "
            "denied it, and an FSA spokesman said Syrian rebels still held the bridge.")
    actors = _actors(nlp, text)
    isil = {_holding(actors, m).id for m in ("ISIL", "Daesh", "ISIS")}
    assert len(isil) == 1
    a = _holding(actors, "Daesh")
    assert (a.name, a.kind, a.sector) == ("Islamic State", "group", "REB")
    fsa = _holding(actors, "The Free Syrian Army")
    assert (fsa.country, fsa.sector) == ("SYR", "REB")


def test_find_capitals_and_seats_acting_are_governments(nlp):
    text = ("Washington said on Monday that the sanctions would stay. The Kremlin rejected the "
            "claim and repeated Moscow's call for new talks. Tehran has not commented. "
            "Thousands of people marched in Moscow on Sunday.")
    actors = _actors(nlp, text)
    us, ru, ir = (_holding(actors, m) for m in ("Washington", "Kremlin", "Tehran"))
    assert (us.country, us.sector, us.kind) == ("USA", "GOV", "organization")
    assert (ru.country, ru.sector) == ("RUS", "GOV") and (ir.country, ir.sector) == ("IRN", "GOV")
    moscow = [ms for a, ms in actors if "Moscow" in ms]
    assert len(moscow) == 1 and moscow[0].count("Moscow") == 1    # "in Moscow" is a place


def test_find_descriptions_and_countries_acting(nlp):
    text = ("Syrian rebels attacked an army checkpoint near the city on Friday. The government "
            "said the rebels had been repelled, but the opposition said fighting went on. "
            "The United States condemned the attack.")
    actors = _actors(nlp, text)
    rebels = _holding(actors, "Syrian rebels")
    assert (rebels.kind, rebels.country, rebels.sector) == ("group", "SYR", "REB")
    assert _holding(actors, "the rebels").id == rebels.id
    us = _holding(actors, "The United States")
    assert (us.kind, us.country, us.sector) == ("organization", "USA", "GOV")


def test_find_title_and_surname_and_pronoun_are_one_person(nlp):
    text = ("Iraqi Prime Minister Haider al-Abadi visited the front on Sunday. Abadi told troops "
            "that victory was near. He later flew back to Baghdad.")
    actors = _actors(nlp, text)
    pm = _holding(actors, "Haider al-Abadi")
    ms = dict(actors)[pm] if False else [m for a, m in actors if a.id == pm.id][0]
    assert "Abadi" in ms and "He" in ms
    assert (pm.country, pm.sector, pm.role) == ("IRQ", "GOV", "Prime Minister")


def test_find_user_aliases_file_extends_the_groups(nlp, tmp_path):
    extra = tmp_path / "my_groups.tsv"
    extra.write_text("# my groups\nLiwa al-Quds\tgroup\tSYR\tMIL\tLiwa al-Quds|Quds Brigade|LAQ\n")
    text = ("The Quds Brigade said on Sunday it had retaken the hill. A LAQ commander told "
            "reporters that Liwa al-Quds fighters would stay.")
    actors = _actors(nlp, text, load_known_actors(str(extra)))   # Resources.known_actors
    laq = {_holding(actors, m).id for m in ("The Quds Brigade", "Liwa al-Quds")}
    assert len(laq) == 1
    a = _holding(actors, "Liwa al-Quds")
    assert (a.name, a.kind, a.country, a.sector) == ("Liwa al-Quds", "group", "SYR", "MIL")
    commander = _holding(actors, "A LAQ commander")          # the alias gives its affiliation
    assert (commander.kind, commander.country, commander.sector) == ("person", "SYR", "MIL")
