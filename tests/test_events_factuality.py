"""Negated, hypothetical/future and claimed events on hand-written sentences, through the
real pipeline (spaCy, actors, attributions, events)."""
import pytest

from parley.records import Article, Extraction


def code(pipeline, text: str, published: str = "2014-12-18") -> Extraction:
    article = Article(id="t", text=text, source="test", published=published)
    (result,) = list(pipeline.run_articles([article]))
    assert isinstance(result, Extraction), result
    return result


def events(ex: Extraction, type_: str) -> list:
    return [e for e in ex.events if e.type == type_]


def name(ex: Extraction, actor_id: str) -> str:
    return next(a.name for a in ex.actors if a.id == actor_id)


def country(ex: Extraction, actor_id: str) -> str | None:
    return next(a.country for a in ex.actors if a.id == actor_id)


@pytest.mark.parametrize("text, type_", [
    ("The army did not attack the village.", "ASSAULT"),
    ("Government troops never fired on the protesters.", "ASSAULT"),
    ("Police have not arrested any of the suspects.", "COERCE"),
    ("The government denied that troops had shelled the town.", "ASSAULT"),
])
def test_negated_events_are_flagged_not_dropped(pipeline, text, type_):
    ex = code(pipeline, text)
    found = events(ex, type_)
    assert found and all(e.negated for e in found), ex.events


def test_refusal_is_a_rejection_with_the_refused_act_as_mode(pipeline):
    ex = code(pipeline, "Israel refused to release the prisoners.")
    assert [(e.type, e.mode, e.negated) for e in ex.events] == [("REJECT", "yield", False)]
    assert country(ex, ex.events[0].source[0]) == "ISR"


def test_failing_to_agree_is_a_rejection(pipeline):
    ex = code(pipeline, "Palestinians and Israelis failed to reach agreement on Jerusalem.")
    (e,) = ex.events
    assert e.type == "REJECT" and len(e.source) == 2


@pytest.mark.parametrize("text, type_, modality", [
    ("Iran could attack Saudi oil facilities.", "ASSAULT", "speculative"),
    ("Russia would support the plan if the sanctions were lifted.", "AGREE", "conditional"),
    ("Greece plans to impose restrictions on imports from Turkey.", "THREATEN", "intended"),
    ("The Chinese president will visit Moscow next month.", "AGREE", "future"),
    ("The rebels said they would release the hostages on Friday.", "AGREE", "future"),
    ("The rebels have sworn to fight until the regime falls.", "THREATEN", "intended"),
])
def test_hypothetical_and_future_events(pipeline, text, type_, modality):
    ex = code(pipeline, text)
    found = events(ex, type_)
    assert found, ex.events
    assert found[0].hypothetical and found[0].modality == modality and not found[0].negated


def test_future_weekday_is_ahead_of_publication(pipeline):
    ex = code(pipeline, "The rebels said they would release the hostages on Friday.")
    (e,) = ex.events
    assert (e.type, e.cameo, e.date) == ("AGREE", "035", "2014-12-19")


def test_threatened_act_is_the_threat_mode_not_a_second_event(pipeline):
    ex = code(pipeline, "North Korea threatened to attack South Korea.")
    (e,) = ex.events
    assert (e.type, e.mode, e.hypothetical) == ("THREATEN", "violence", False)
    assert [country(ex, a) for a in e.target] == ["KOR"]


def test_reported_demand_with_must(pipeline):
    ex = code(pipeline, "The Egyptian president said that the United States must stop the bombing.")
    (e,) = events(ex, "REQUEST")
    assert "president" in name(ex, e.source[0]).lower() and e.mode == "yield"
    assert [country(ex, a) for a in e.target] == ["USA"]


def test_event_in_a_quote_carries_its_attribution_and_speaker(pipeline):
    ex = code(pipeline, '"We will never negotiate with terrorists," the Israeli prime minister said.')
    (e,) = events(ex, "REJECT")             # a stated refusal to negotiate (CAMEO 125)
    (q,) = [q for q in ex.attributions if q.id == e.attribution]
    assert q.content_span[0] <= e.trigger_span[0] < q.content_span[1]
    assert e.mode == "meet" and e.modality == "future" and e.source == (q.speaker,)


def test_reported_event_links_to_attribution_and_unreported_does_not(pipeline):
    reported = code(pipeline, "The mayor said that police had arrested 20 protesters in Lagos on Sunday.")
    (e,) = events(reported, "COERCE")
    assert e.attribution in {q.id for q in reported.attributions}
    plain = code(pipeline, "Police arrested 20 protesters in Lagos on Sunday.")
    (e2,) = events(plain, "COERCE")
    assert e2.attribution is None and e2.mode == "arrest"
    assert (e2.date, e2.place.name, e2.place.country) == ("2014-12-14", "Lagos", "NGA")


@pytest.mark.parametrize("text, type_", [
    ("If Russia invades, NATO would respond with force.", "ASSAULT"),
    ("The talks will not resume until the army withdraws from the city.", "RETREAT"),
])
def test_an_act_that_is_the_condition_of_another_is_no_event(pipeline, text, type_):
    """The condition or awaited act of another clause is not reported as happening."""
    assert not events(code(pipeline, text), type_)


@pytest.mark.parametrize("text", [
    "Chelsea beat Arsenal 3-1 in the final on Saturday.",
    "Nadal defeated Federer in the Wimbledon final.",
    "The striker was attacked by a defender twice in the league match.",
    "Manchester United beat Chelsea 2-1 on Saturday.",             # a score the tokenizer splits
])
def test_sport_contests_are_no_assault(pipeline, text):
    assert not events(code(pipeline, text), "ASSAULT")


@pytest.mark.parametrize("text", [
    "Rebels attacked an army convoy near the football stadium on Monday.",
    "Government forces attacked the rebels near Aleppo after the football match on Monday.",
])
def test_attacks_beside_sport_words_stay(pipeline, text):
    """A stadium or a football match is a place or a time of attacks too."""
    assert events(code(pipeline, text), "ASSAULT")


def test_material_acts_in_direct_speech_are_dropped_speech_acts_stay(pipeline):
    """What a speaker says between quote marks is mostly rhetoric or background; the acts
    done by saying it (support, accusation, demand, ...) are events."""
    quoted = code(pipeline, 'The minister said: "The army attacked the rebels in their own villages."')
    assert not events(quoted, "ASSAULT"), quoted.events
    reported = code(pipeline, "The minister said the army attacked the rebels in their own villages.")
    assert events(reported, "ASSAULT"), reported.events
    support = code(pipeline, 'Lavrov told reporters: "We support the Egyptian proposal for talks."')
    assert events(support, "SUPPORT"), support.events


@pytest.mark.parametrize("text", [
    "Read more: Russia threatens to cut gas supplies to Europe",
    "Related: Police arrest protesters in Minsk",
    "Photo: Police detain a protester in Moscow on Saturday. (Reuters)",
    "The talks ended on Monday.\n\nImage caption Police detain a protester in Moscow",
    "The talks ended on Monday.\n\nWATCH - Russia threatens to cut gas supplies to Europe",
    "The talks ended on Monday.\n\n\u2588\u2588 Russian occupation\n\u2588\u2588 Areas attacked by Turkish forces",
])
def test_page_furniture_is_no_event(pipeline, text):
    """A teaser for another story or a caption reports no act of this article."""
    assert not code(pipeline, text).events


@pytest.mark.parametrize("text, type_", [
    ("Russia threatens to cut gas supplies to Europe.", "THREATEN"),
    ("Police detain a protester in Moscow on Saturday.", "COERCE"),
    ("Photographers said police detained a protester in Moscow on Saturday.", "COERCE"),
])
def test_the_same_acts_in_the_story_stay(pipeline, text, type_):
    assert events(code(pipeline, text), type_)


def test_carrying_out_a_plan_is_no_execution(pipeline):
    """'executed a plan/shutdown/order': carried out, not put to death."""
    assert not events(code(pipeline, "The ministry executed a plan to close the schools on Monday."), "ASSAULT")
    assert events(code(pipeline, "The regime executed three dissidents on Monday."), "ASSAULT")
