"""Open candidates (parley.events.generator): verbs beyond the lexicon, typed by the learned
open typer; their training labels (parley.events.opentrain) and decisions on cached candidates."""
from dataclasses import replace

from parley.events import learned
from parley.events.generator import NONE, OpenTyper, open_matches
from parley.events.lexicon import lexicon
from parley.plover import PLOVER_QUADS
from parley.events.opentrain import open_labels
from parley.events.scoring import open_decide
from parley.events.triggers import find_matches


def _open_lemmas(pipeline, text: str) -> list[str]:
    doc = pipeline.resources.nlp(text)
    toks = list(doc)
    return [m.head.lemma_ for m in open_matches(toks, find_matches(toks, lexicon()))]


def test_open_candidates_are_verbs_with_actor_like_arguments_outside_the_lexicon(pipeline):
    lemmas = _open_lemmas(pipeline, "Russia shipped fuel to Syria and accused Turkey of lying.")
    assert "ship" in lemmas                      # beyond the lexicon, with a subject and an object
    assert "accuse" not in lemmas                # the lexicon's trigger stays the lexicon's
    assert _open_lemmas(pipeline, "Stay tuned for more.") == []     # no subject, object or agent


def _typer(weights, threshold=0.5):
    return OpenTyper(("AID", NONE), (0.0, 0.0), weights, frozenset({"ship"}), threshold)


def test_typer_probabilities_and_json_round_trip():
    t = _typer({"l=ship": {"AID": 2.0}})
    p = t.probs(["l=ship", "unknown"])
    assert abs(sum(p.values()) - 1) < 1e-9 and p["AID"] > 0.8
    assert t.best(["x"])[1] == 0.5
    assert OpenTyper.from_json(t.to_json()) == t


def _cand(lemma, type_="COOPERATE", background=False, depth=1, span=(0, 40), negated=False, modality="asserted"):
    return {"type": type_, "lemma": lemma, "background": background, "depth": depth, "sentence_span": list(span),
            "trigger_span": [0, 4], "negated": negated, "modality": modality, "open": [f"l={lemma}"],
            "source": [], "target": []}


def test_open_labels_follow_the_text_and_the_lexicon():
    ship, say = _cand("ship", depth=1), _cand("say", depth=0)
    missed = {"set": "gsr", "gold": {"type": "AID"}, "candidates": [], "open": [say, ship]}
    assert [(c["lemma"], y) for c, y, _ in open_labels(missed, PLOVER_QUADS)] == [("ship", "AID")]
    found = {**missed, "candidates": [{"type": "AID"}]}
    assert {(y, w) for _, y, w in open_labels(found, PLOVER_QUADS)} == {(NONE, 0.5)}
    furniture = {"set": "furniture", "candidates": [], "open": [ship]}
    assert [y for _, y, _ in open_labels(furniture, PLOVER_QUADS)] == [NONE]
    statement = {"set": "quad", "quad": "statement", "candidates": [], "open": [ship]}
    assert [y for _, y, _ in open_labels(statement, PLOVER_QUADS)] == [NONE]


def test_open_decisions_threshold_duplicates_and_factuality():
    typer = _typer({"l=ship": {"AID": 3.0}, "l=sign": {"AID": 3.0}})
    assert [c["type"] for c in open_decide(typer, [_cand("ship")], [])] == ["AID"]
    assert open_decide(replace(typer, threshold=0.99), [_cand("ship")], []) == []
    assert open_decide(typer, [_cand("ship")], [{"type": "AID", "sentence_span": [0, 40]}]) == []
    assert open_decide(typer, [_cand("sign")], []) == []          # lemma not coded at run time
    agree = OpenTyper(("AGREE", NONE), (0.0, 0.0), {"l=sign": {"AGREE": 3.0}}, frozenset({"sign"}), 0.5)
    assert [c["type"] for c in open_decide(agree, [_cand("sign", negated=True)], [])] == ["REJECT"]


def test_the_shipped_model_carries_the_open_typer():
    model = learned.load()
    assert model.open is not None and len(model.open.lemmas) > 20
    assert 0.0 < model.open.threshold <= 1.0
    assert NONE in model.open.classes and len(model.open.classes) > 10
