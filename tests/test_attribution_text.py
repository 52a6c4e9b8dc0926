"""Attribution on real sentences through the real pipeline (spaCy parse, actors, model)."""
import pytest

from parley import Settings
from parley.pipeline import Pipeline
from real_pipeline import actor_names, extract_text


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Settings.load())




def test_split_quote_is_one_attribution(pipeline):
    text = "“We will win this election,” Maria Lopez said, “and we will win it by a wide margin.”"
    ex = extract_text(pipeline, text)
    (q,) = [q for q in ex.attributions if "win this election" in q.content]
    assert q.content_span == (0, len(text)) and q.kind == "direct"
    assert "wide margin" in q.content and q.cue == "said"
    assert actor_names(ex)[q.speaker] == "Maria Lopez"


def test_quote_over_several_paragraphs_is_one_attribution(pipeline):
    text = ("Senator Maria Lopez spoke for an hour on Tuesday.\n\n"
            "“The budget is a disgrace and every member of this chamber knows it.\n\n"
            "“We will vote against it, and we will keep voting against it,” Lopez said.")
    ex = extract_text(pipeline, text)
    (q,) = [q for q in ex.attributions if "disgrace" in q.content]
    assert "keep voting against it" in q.content and q.kind == "direct"
    assert actor_names(ex)[q.speaker].endswith("Lopez")     # joining surnames is the actors' job


def test_pronoun_speaker_resolves_to_the_person(pipeline):
    text = ("Senator Maria Lopez arrived in Boston on Monday. "
            "She said that the budget bill would pass before the end of the month.")
    ex = extract_text(pipeline, text)
    (q,) = [q for q in ex.attributions if "budget bill" in q.content]
    assert ex.article.text[q.speaker_span[0]:q.speaker_span[1]] == "She"
    assert actor_names(ex)[q.speaker] == "Maria Lopez" and q.kind == "indirect"


def test_according_to_names_the_source(pipeline):
    text = "According to the Interior Ministry, twelve people were killed in the attack on Sunday."
    ex = extract_text(pipeline, text)
    (q,) = ex.attributions
    assert q.cue == "According to" and "twelve people were killed" in q.content
    assert "Interior Ministry" in ex.article.text[q.speaker_span[0]:q.speaker_span[1]]


def test_ministry_told_agency_puts_the_agency_in_via(pipeline):
    text = "The Russian Foreign Ministry told RIA Novosti that the talks would resume in January."
    ex = extract_text(pipeline, text)
    (q,) = ex.attributions
    assert [v.text for v in q.via] == ["RIA Novosti"]
    assert "Foreign Ministry" in ex.article.text[q.speaker_span[0]:q.speaker_span[1]]


@pytest.mark.parametrize("text", [
    "He said “this never closes.\n\nAnd then” it did ” and “ again.",
    "”Backwards quotes“ are here, she said. \"One straight quote only, he said.",
    "''Two apostrophes,'' he said, ''and an unclosed one.\n\nNext paragraph.",
    "“\n\n“\n\n”",
])
def test_unbalanced_quotes_never_raise(pipeline, text):
    ex = extract_text(pipeline, text)
    for q in ex.attributions:
        s, e = q.content_span
        assert 0 <= s < e <= len(text) and text[s:e] == q.content


def test_cueless_quote_takes_the_subject_of_the_clause_before_it(pipeline):
    text = ("Senator Maria Lopez arrived in Boston on Monday.\n\n"
            "Governor John Carter also criticized the decision on the radio. “The decision is a grave "
            "mistake and it will cost this state thousands of jobs over the next ten years.”")
    ex = extract_text(pipeline, text)
    (q,) = [q for q in ex.attributions if "grave mistake" in q.content]
    assert q.kind == "direct" and actor_names(ex)[q.speaker].endswith("Carter")


def test_speaker_is_the_person_not_the_organisation_they_belong_to(pipeline):
    text = "John Carter of the World Health Organization said that the outbreak was under control."
    ex = extract_text(pipeline, text)
    (q,) = [q for q in ex.attributions if "outbreak" in q.content]
    assert actor_names(ex)[q.speaker] == "John Carter"
