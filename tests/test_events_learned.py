"""The learned event layer (parley.events.learned): the shipped weights, its wiring into the
coder, the labels it is trained from, and its decisions on hand-written text (written for
Parley, not taken from a training or evaluation corpus)."""
import json
from dataclasses import replace

import pytest

from parley.events import learned
from parley.plover import PLOVER_QUADS
from parley.events.scoring import _swap_label, decide, examples, score
from parley.records import Article


def test_model_ships_as_small_json_with_its_training_record():
    path = learned.resources.files("parley.events").joinpath("model", learned.MODEL_FILE)
    assert path.stat().st_size < 5_000_000
    obj = json.loads(path.read_text())
    model = learned.load()
    assert len(model.keep.weights) > 500 and len(model.swap.weights) > 50
    assert obj["meta"]["seed"] == 13 and "learned" in obj["meta"]["cv"]
    assert 0.0 < model.keep_threshold < 1.0


def _events(pipeline, text: str, model=None):
    if model is not None:
        pipeline.resources.__dict__["event_model"] = model
    try:
        (ex,) = pipeline.run_articles([Article(id="t", text=text, source="t", published="2020-06-15")])
    finally:
        pipeline.resources.__dict__.pop("event_model", None)
    return ex


def test_the_layer_decides_which_candidates_stay(pipeline):
    text = "Russia accused Ukraine of shelling the plant. The two sides agreed to hold talks in Minsk."
    keep_all = replace(learned.load(), keep_threshold=0.0)
    drop_all = replace(learned.load(), keep_threshold=1.01)
    assert len(_events(pipeline, text, keep_all).events) >= 2
    assert _events(pipeline, text, drop_all).events == ()


def test_confidence_is_the_models_probability(pipeline):
    ex = _events(pipeline, "Russia accused Ukraine of shelling the nuclear plant on Tuesday.")
    (e,) = [e for e in ex.events if e.type == "ACCUSE"]
    assert learned.load().keep_threshold <= e.confidence <= 1.0


@pytest.mark.parametrize("line", [
    "Sign up for our free newsletter to get the latest stories delivered to your inbox.",
    "Maria Lopez contributed reporting from Caracas.",
    "Share this article with a friend!",
])
def test_page_furniture_is_not_an_event(pipeline, line):
    assert _events(pipeline, line).events == ()


def test_swap_labels_from_gold_parties():
    row = {"set": "gsr", "gold": {"type": "ACCUSE", "source": [{"actorText": "China", "code": "CHN"}],
                                  "target": [{"actorText": "United States", "code": "USA"}]}}
    china = {"name": "China", "country": "CHN", "texts": ["China"], "spans": [[0, 5]]}
    usa = {"name": "United States", "country": "USA", "texts": ["the US"], "spans": [[9, 15]]}
    assert _swap_label(row, {"source": [usa], "target": [china]}) is True
    assert _swap_label(row, {"source": [china], "target": [usa]}) is False
    quad = {"set": "quad", "spans": {"S": [[0, 5]], "T": [[9, 15]]}}
    assert _swap_label(quad, {"source": [usa], "target": [china]}) is True


def test_keep_labels_by_source_of_the_text():
    cand = {"type": "ASSAULT", "keep": ["t=ASSAULT"], "source": [], "target": []}
    rows = [{"set": "quad", "quad": "material conflict", "candidates": [cand]},
            {"set": "quad", "quad": "statement", "candidates": [cand]},
            {"set": "police", "labels": [], "candidates": [cand]},
            {"set": "police", "labels": ["ANY_ACTION", "ARREST"], "candidates": [cand]},
            {"set": "furniture", "candidates": [cand]}]
    (X, y, w), _, _ = examples(rows, PLOVER_QUADS)
    assert y == [1, 0, 0, 1, 0] and len(X) == 5


def test_cv_scoring_follows_the_reference_scorer():
    gold = {"type": "ACCUSE", "source": [{"actorText": "China", "code": ""}], "target": []}
    china = {"name": "China", "country": "CHN", "texts": ["China"], "spans": [[0, 5]]}
    right = {"type": "ACCUSE", "source": [china], "target": [], "background": False,
             "sentence_span": [0, 30], "trigger_span": [6, 13], "keep": []}
    wrong = {**right, "type": "THREATEN", "trigger_span": [20, 27]}
    rows = [{"id": "a", "gold": gold}, {"id": "b", "gold": gold}]
    result = score(rows, {"a": decide(None, [right, wrong]), "b": []})
    assert result["type"] == {"P": 0.5, "R": 0.5, "F1": 0.5}
    assert result["full"]["R"] == 0.5


@pytest.mark.parametrize("text,type_,source,target", [
    ("The United States faced criticism from China over the air strikes.", "ACCUSE", "China", "United States"),
    ("Police announced the men's arrest on Tuesday.", "COERCE", "Police", "men"),
    ("Russia's criticism of Ukraine grew sharper on Monday.", "ACCUSE", "Russia", "Ukraine"),
    ("The minister was criticised by opposition leaders in Kenya.", "ACCUSE", "opposition", "minister"),
])
def test_direction_of_passives_and_nominalisations(pipeline, text, type_, source, target):
    ex = _events(pipeline, text)
    names = {a.id: a.name for a in ex.actors}
    found = [e for e in ex.events if e.type == type_]
    assert found, ex.events
    e = found[0]
    assert any(source in names[i] for i in e.source), (e, names)
    assert any(target in names[i] for i in e.target), (e, names)
