"""The whole-article scorer's wrong-merge measure (eval/audit.py): a name inside another gold
actor's description ("Google" in "a Google spokesman") is the named actor's mention, not a
merge; a real merge (the spokesman's own words held by the company) still counts."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "eval"))
try:
    from audit import Article, score_actors
finally:
    sys.path.remove(str(ROOT / "eval"))

TEXT = "Google said on Monday it would appeal. A Google spokesman said the ruling was wrong. The spokesman added more."
GOLD = {"id": "x", "actors": [
    {"name": "Google", "kind": "organization", "country": "USA", "mentions": ["Google"]},
    {"name": "Google spokesman", "kind": "person", "country": "USA",
     "mentions": ["A Google spokesman", "The spokesman"]}],
    "keep_apart": [["Google", "Google spokesman"]], "not_actors": []}


def _span(s: str, nth: int = 0) -> list[int]:
    k = -1
    for _ in range(nth + 1):
        k = TEXT.index(s, k + 1)
    return [k, k + len(s)]


def _article(actors: list[tuple[str, list[list[int]]]]) -> Article:
    return Article(GOLD, {"text": TEXT, "actors": [{"id": f"a{k}", "name": n, "kind": "organization", "country": "USA",
                                                    "mentions": ms} for k, (n, ms) in enumerate(actors)]})


def test_a_name_inside_a_description_is_no_merge():
    art = _article([("Google", [_span("Google"), _span("Google", 1)]),
                    ("spokesman", [_span("A Google spokesman"), _span("The spokesman")])])
    assert art.merges() == (1, [])
    assert art.merges(nested=False)[1] == [("Google", "Google spokesman", "Google")]   # the old count
    s = score_actors([art])
    assert (s["wrong_merges"], s["wrong_merges_old"], s["pairs"]) == (0, 1, 1)


def test_a_real_merge_still_counts():
    art = _article([("Google", [_span("Google"), _span("Google", 1), _span("The spokesman")])])
    assert art.merges()[1] == [("Google", "Google spokesman", "Google")]
    art = _article([("Google", [_span("Google"), _span("A Google spokesman")])])   # the whole description
    assert art.merges()[1] == [("Google", "Google spokesman", "Google")]


def test_a_longer_span_inside_the_description_is_the_descriptions():
    # "Google spokesman" (without the article) is the described person, not the company's name
    art = _article([("Google", [_span("Google"), [_span("A Google spokesman")[0] + 2, _span("A Google spokesman")[1]]])])
    assert art.merges()[1] == [("Google", "Google spokesman", "Google")]


def test_the_owner_inside_a_description_is_no_merge():
    text = "Kyle Rittenhouse was charged. Rittenhouse's sister spoke. Rittenhouse's lawyers said so."
    gold = {"id": "y", "actors": [
        {"name": "Kyle Rittenhouse", "kind": "person", "mentions": ["Kyle Rittenhouse", "Rittenhouse's"]},
        {"name": "Rittenhouse's sister", "kind": "person", "mentions": ["Rittenhouse's sister"]}],
        "keep_apart": [["Kyle Rittenhouse", "Rittenhouse's sister"]], "not_actors": []}
    k = text.index("Rittenhouse's sister")
    own = [[0, 16], [k, k + 11]]
    art = Article(gold, {"text": text, "actors": [{"id": "a", "name": "Kyle Rittenhouse", "mentions": own}]})
    assert art.merges() == (1, []) and art.merges(nested=False)[1]
    art = Article(gold, {"text": text, "actors": [{"id": "a", "name": "Kyle Rittenhouse", "mentions": [[0, 16], [k, k + 20]]}]})
    assert art.merges()[1]                      # the sister herself held by her brother: a merge
    text = "Kyle Rittenhouse was charged. His sister spoke."
    gold["actors"][1]["mentions"] = ["His sister"]
    k = text.index("His")
    art = Article(gold, {"text": text, "actors": [{"id": "a", "name": "Kyle Rittenhouse", "mentions": [[0, 16], [k, k + 3]]}]})
    assert art.merges() == (1, []) and art.merges(nested=False)[1]
