"""Who acts and who is acted upon in nominalisations, passives and verbs of undergoing
(hand-built sentences written for Parley, not taken from a training or evaluation corpus)."""
import pytest

from parley.records import Article


def _events(pipeline, text: str) -> list[tuple[str, list[str], list[str]]]:
    (ex,) = pipeline.run_articles([Article(id="d", text=text, source="d", published="2020-06-15")])
    names = {a.id: a.name.lower() for a in ex.actors}
    return [(e.type, [names[i] for i in e.source], [names[i] for i in e.target]) for e in ex.events]


def _has(events, type_: str, source: str, target: str) -> bool:
    return any(t == type_ and any(source in s for s in src) and any(target in g for g in tgt)
               for t, src, tgt in events)


@pytest.mark.parametrize("text, type_, source, target", [
    # verbs of undergoing: the subject is the recipient, the from/by phrase the actor
    ("The United States faced criticism from China over its trade policy.", "ACCUSE", "china", "united states"),
    ("The president drew condemnation from France.", "ACCUSE", "france", "president"),
    ("The minister came under criticism from the opposition.", "ACCUSE", "opposition", "minister"),
    ("Iran received aid from the European Union.", "AID", "european union", "iran"),
    ("Canada won support from Mexico for the plan.", "SUPPORT", "mexico", "canada"),
    # nominalisations: the possessor of an act done to someone is its recipient
    ("Police confirmed the men's arrest in Lagos on Monday.", "COERCE", "police", "men"),
    ("Germany's condemnation of Iran came after the vote.", "ACCUSE", "germany", "iran"),
    ("Russia voiced strong criticism of Turkey on Tuesday.", "ACCUSE", "russia", "turkey"),
    ("The arrest of three journalists by Egyptian police drew protests.", "COERCE", "police", "journalists"),
    # passives
    ("The opposition leader was arrested by police in Caracas.", "COERCE", "police", "opposition leader"),
    ("Protesters were attacked by soldiers in the capital.", "ASSAULT", "soldiers", "protesters"),
    ("Turkey was accused by Greece of violating its airspace.", "ACCUSE", "greece", "turkey"),
])
def test_parties_come_out_the_right_way_round(pipeline, text, type_, source, target):
    events = _events(pipeline, text)
    assert _has(events, type_, source, target), events
    assert not _has(events, type_, target, source), events


def test_a_city_where_the_act_happens_and_a_country_modifying_a_thing_are_no_participants(pipeline):
    text = ("Police arrested two men in Cleveland, Ohio on Monday. "
            "Iran said it would keep to the Iran nuclear deal. France criticised Omani law on Tuesday.")
    (ex,) = pipeline.run_articles([Article(id="d", text=text, source="d", published="2020-06-15")])
    held = {text[m.start:m.end] for a in ex.actors for m in a.mentions}
    assert not held & {"Cleveland", "Ohio", "Cleveland, Ohio", "Omani"}, held
    k = text.index("the Iran nuclear deal")
    assert not [m for a in ex.actors for m in a.mentions if k <= m.start < k + 21], held


@pytest.mark.parametrize("text, type_, wrong_source", [
    ("The minister's resignation followed two weeks of protests against the government.", "PROTEST", "minister"),
    ("Egypt's decision sparked protests against the government in Cairo.", "PROTEST", "egypt"),
])
def test_the_subject_of_a_verb_of_sequence_does_not_act_in_its_object(pipeline, text, type_, wrong_source):
    """'X followed protests', 'X sparked protests': X came before or caused the protests;
    the protesters are someone else."""
    events = _events(pipeline, text)
    assert not any(t == type_ and any(wrong_source in s for s in src) for t, src, _ in events), events


@pytest.mark.parametrize("text, patient", [
    ("Shortly after the journalists' release, their lawyers posted a photo.", "journalists"),
    ("The senator's impeachment was approved by the House on Monday.", "senator"),
])
def test_the_possessor_of_an_act_done_to_it_does_not_act(pipeline, text, patient):
    """'the journalists' release', 'the senator's impeachment': done to the possessor."""
    events = _events(pipeline, text)
    assert not any(any(patient in s for s in src) for _, src, _ in events), events
