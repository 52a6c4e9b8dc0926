"""Learned content boundaries and issue 15's behaviours on real sentences through the real
pipeline: no false cues, no quote swallowing paragraphs, speaker-less quotes."""
import pytest

from parley import Settings
from parley.attribution.context import doc_context
from parley.attribution.scorer import load_model
from parley.attribution.spans import end_candidates, refine, start_candidates
from parley.nlp import load_nlp
from parley.pipeline import Pipeline
from real_pipeline import actor_names, extract_text


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Settings.load())




def test_shipped_model_has_boundary_scorers():
    model = load_model()
    assert model.start is not None and model.end is not None
    assert len(model.start.weights) > 100 and len(model.end.weights) > 100


def test_boundaries_stay_on_the_content_side_of_the_cue():
    doc = load_nlp(Settings.load().spacy_model)("The minister said on Tuesday that taxes will rise next year.")
    ctx = doc_context(doc)
    cue = next(t.i for t in doc if t.lemma_ == "say")
    start, end = cue + 1, len(doc) - 1
    assert all(j > cue for j in start_candidates(ctx, cue, start, end))
    assert all(start <= j < len(doc) for j in end_candidates(ctx, cue, start, end))
    lo, hi = refine(ctx, cue, start, end, load_model())
    assert cue < lo < hi <= len(doc)
    assert "taxes will rise" in doc[lo:hi].text


def test_according_to_is_left_out_of_the_content(pipeline):
    text = "Donald Trump will likely win the nomination, according to a new poll."
    ex = extract_text(pipeline, text)
    (q,) = [q for q in ex.attributions if "nomination" in q.content]
    assert "according" not in q.content and q.content.startswith("Donald Trump")


@pytest.mark.parametrize("text", [
    "The suspect is described as white, in his twenties and of slim build.",
    "Settlements are seen as illegal under international law by most of the world.",
    "The president seemed tired after the long flight from Washington.",
    "The government imposed a curfew on the capital on Sunday night.",
    "The two leaders signed a trade agreement in Paris on Monday.",
])
def test_perception_and_acts_are_not_attributions(pipeline, text):
    assert extract_text(pipeline, text).attributions == ()


def test_unclosed_quote_does_not_swallow_the_next_paragraphs(pipeline):
    text = ("“We will not back down, the mayor said on Monday.\n\n"
            "The council meets again next week to vote on the budget and the new stadium.\n\n"
            "Residents have until Friday to send comments on the plan to the city clerk.")
    ex = extract_text(pipeline, text)
    for q in ex.attributions:
        assert "\n\n" not in q.content, q.content


def test_quote_after_a_colon_cue_takes_its_speaker(pipeline):
    text = ("Senator Maria Lopez wrote on Twitter on Tuesday evening:\n\n"
            "“The budget is a disgrace and every member of this chamber knows it, and we will vote "
            "against it.”\n\nThe vote is expected next week.")
    ex = extract_text(pipeline, text)
    (q,) = [q for q in ex.attributions if "disgrace" in q.content]
    assert actor_names(ex)[q.speaker].endswith("Lopez")
