"""The learned source choice (sources.py), the keep/drop decision (keep.py) and the speaker
actor of descriptions, on real sentences through the shipped model and the real pipeline."""
import pytest

from parley import Settings
from parley.attribution import keep, sources
from parley.attribution.context import doc_context
from parley.attribution.scorer import load_model
from parley.nlp import load_nlp
from parley.pipeline import Pipeline
from real_pipeline import actor_names, extract_text


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(Settings.load().spacy_model)


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(Settings.load())


def _speakers(ex) -> dict[str, str | None]:
    """content -> speaker name."""
    names = actor_names(ex)
    return {q.content: names.get(q.speaker) for q in ex.attributions}


def test_shipped_model_has_source_and_keep_scorers():
    model = load_model()
    assert model.source is not None and len(model.source.weights) > 50
    assert model.keep is not None and len(model.keep.weights) > 50
    assert 0.0 < model.keep_threshold < 1.0


def test_candidates_leave_out_the_content_and_quotes(nlp):
    doc = nlp('"We will not give up," said James Acton, a physicist at the institute.')
    ctx = doc_context(doc)
    cue = next(t.i for t in doc if t.lemma_ == "say")
    start, end = 1, cue - 2
    cands = sources.candidates(ctx, cue, start, end)
    assert all(not start <= j < end for j in cands)
    assert any(doc[j].text == "Acton" for j in cands)
    assert sources.choose(ctx, cue, start, end, load_model().source) == next(t.i for t in doc if t.text == "Acton")


def test_none_candidate_and_path_features(nlp):
    doc = nlp("Taxes will rise, the minister said.")
    ctx = doc_context(doc)
    cue = next(t.i for t in doc if t.lemma_ == "say")
    subj = next(t.i for t in doc if t.text == "minister")
    assert "none" in sources.features(ctx, cue, sources.NONE, subj, 0)
    f = sources.features(ctx, cue, subj, subj, 0)
    assert "path=nsubj" in f and "rule=True" in f


def test_dateline_is_not_the_speaker(pipeline):
    ex = extract_text(pipeline, "WASHINGTON -- President Barack Obama, dedicating the museum on Saturday, "
                            "said it would tell an American story.")
    assert _speakers(ex).get("it would tell an American story") == "Barack Obama", _speakers(ex)


def test_description_with_a_nationality_is_not_the_country(pipeline):
    ex = extract_text(pipeline, 'American academic and professor Marc Lamont Hill commented, "Hoping '
                            'that the movement translates into a national conversation on race."')
    assert set(_speakers(ex).values()) == {"Marc Lamont Hill"}


def test_keep_features_see_the_content_root_and_the_paragraph(nlp):
    doc = nlp("Court acquits the academic\n\nThe lawyer submitted the evidence to the court.")
    ctx = doc_context(doc)
    cue = next(t.i for t in doc if t.lemma_ == "submit")
    obj = next(t.i for t in doc if t.text == "evidence")
    f = keep.features(ctx, cue, 0.6, obj - 1, obj + 1, cue - 1)
    assert "rel=dobj" in f and "rp=NOUN" in f and "verbs=False" in f
    head = keep.features(ctx, 1, 0.6, 2, 4, 0)
    assert "para=short|False" in head and "first=True" in head


def test_acts_with_an_object_are_not_statements(pipeline):
    ex = extract_text(pipeline, "The defence lawyer submitted the evidence on Monday. The court elects "
                            "seventy members. She said the ruling was unjust.")
    assert [q.cue_lemma for q in ex.attributions] == ["say"]


def test_she_is_not_the_man_the_article_calls_mister(pipeline):
    ex = extract_text(pipeline, "Hillary Clinton criticized Donald Trump on Monday, saying her plan was "
                            "better. Mr. Trump, who spoke in Ohio, attacked the senator. She said the "
                            "attacks were false.")
    assert _speakers(ex).get("the attacks were false") == "Hillary Clinton", _speakers(ex)


def test_gender_votes_come_from_the_article(nlp):
    from parley.actors import find_actors
    from parley.attribution import gender
    doc = nlp("Mr. Smith arrived. Jane Doe said her team won. Smith left.")
    ctx = doc_context(doc)
    index = find_actors(doc, "t")
    names = {index.get(a).name: v for a, v in gender.votes(ctx, index, len(doc.text)).items()}
    assert names.get("Jane Doe", 0) < 0 < names.get("Smith", names.get("Mr. Smith", 0))


def test_a_content_without_a_verb_or_quote_is_not_propositional(nlp):
    from parley.attribution.filters import propositional
    doc = nlp('He submitted the evidence. He called the ruling "dangerous". She said it failed.')
    ctx = doc_context(doc)
    span = lambda a, b: (next(t.i for t in doc if t.text == a), next(t.i for t in doc if t.text == b) + 1)  # noqa: E731
    assert not propositional(ctx, *span("the", "evidence"))
    assert propositional(ctx, *span("ruling", "dangerous"))
    assert propositional(ctx, *span("it", "failed"))


def test_a_content_without_a_verb_or_quote_needs_a_surer_keep(nlp):
    from parley.attribution.extract import Found, keeps
    from parley.attribution.scorer import AttributionModel, Linear
    doc = nlp("He submitted the evidence. She said it failed.")
    ctx = doc_context(doc)
    model = AttributionModel(lexicon=frozenset(), cue=Linear(0, {}), unit=Linear(0, {}),
                             keep=Linear(0.0, {}), keep_threshold=0.4, np_keep_threshold=0.7)
    np_content = Found(1, 0.9, 2, 4)                    # "the evidence": keep prob 0.5
    clause = Found(6, 0.9, 7, 9)                        # "it failed"
    assert not keeps(ctx, np_content, 0, model) and keeps(ctx, clause, 5, model)


def test_he_said_after_according_to_is_the_last_speaker(pipeline):
    # the object of "according to" spoke last; the subject of the paragraph before did not
    ex = extract_text(pipeline, "Tedros Adhanom Ghebreyesus, the Director-General of the WHO, said the spread "
                            "was alarming.\n\nAccording to Dr. Tom Frieden, formerly the director of the CDC, "
                            "the pandemic is \"unprecedented.\" He said, in remarks published by CNN, \"no other "
                            "respiratory virus has been tracked from emergence to continuous global spread.\"")
    said = [q for q in ex.attributions if "respiratory" in q.content]
    assert [actor_names(ex).get(q.speaker) for q in said] == ["Tom Frieden"]


def test_he_said_keeps_a_person_named_as_subject_since_the_last_speaker(pipeline):
    ex = extract_text(pipeline, "John Smith, the mayor, said the road would open. Peter Jones attacked the "
                            "plan on Monday. He said it was a waste of money.")
    assert _speakers(ex).get("it was a waste of money") == "Peter Jones", _speakers(ex)


def test_subjects_joined_by_and_give_the_first(pipeline):
    ex = extract_text(pipeline, "The rallies happened two days before the vote. Trump and his supporters "
                            "claimed Joe Biden only won the elections due to voter fraud.")
    assert list(_speakers(ex).values()) == ["Trump"], _speakers(ex)


def test_a_quote_split_around_its_cue_gives_its_two_pieces(pipeline):
    from parley.contract import from_contract, problems, to_contract
    text = '"We will win this election," Smith said on Monday. "Nobody can stop us now."'
    ex = extract_text(pipeline, text)
    (q,) = ex.attributions
    assert q.content_span == (0, len(text))
    assert [text[s:e] for s, e in q.content_spans] == ['"We will win this election,"',
                                                       '"Nobody can stop us now."']
    obj = to_contract(ex)
    assert obj["attributions"][0]["content_spans"] == [[0, 28], [51, len(text)]]
    assert not problems(obj)
    assert from_contract(obj).attributions[0].content_spans == q.content_spans
    obj["attributions"][0]["content_spans"] = [[0, len(text) + 5]]
    assert problems(obj)                   # a piece outside the content


def test_one_quote_and_a_clause_after_the_cue_is_one_piece(pipeline):
    ex = extract_text(pipeline, '"We will win this election," Smith said, adding that nobody could stop them.')
    assert ex.attributions and all(q.content_spans == () for q in ex.attributions)
    assert "content_spans" not in to_json_keys(ex)


def to_json_keys(ex):
    from parley.contract import to_contract
    return {k for q in to_contract(ex)["attributions"] for k in q}


def test_a_reporting_clause_set_off_by_commas_is_left_out_of_the_pieces(pipeline):
    text = "Lenox was a juggernaut, Mr. Clarke said, until it went bankrupt in 1999."
    ex = extract_text(pipeline, text)
    assert [[text[s:e] for s, e in q.content_spans] for q in ex.attributions] == [
        ["Lenox was a juggernaut", "until it went bankrupt in 1999"]]
    ex = extract_text(pipeline, "Smith said on Monday that taxes would rise, and that nobody could stop it.")
    assert ex.attributions and all(q.content_spans == () for q in ex.attributions)


def test_said_in_a_statement_that_takes_the_that_clause(pipeline):
    # the parser hangs "that ..." on "statement"; it is what the ministry said
    ex = extract_text(pipeline, "The French foreign ministry said in a statement that the strikes were illegal.")
    assert [(q.content, actor_names(ex).get(q.speaker)) for q in ex.attributions] == [
        ("that the strikes were illegal", "French foreign ministry")]
