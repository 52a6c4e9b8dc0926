"""The whole-article event filter (parley.events.article_filter): its shipped weights, its
article context, the trainer's labels and folds, and what it does on real articles of the
bundled Wikinews corpus that are not among its training articles."""
import json
from pathlib import Path

import pytest

from parley.events import article_filter, filtertrain
from parley.events.article_filter import TITLE, ArticleContext, ArticleFilter
from parley.records import Article

CORPUS = Path(__file__).resolve().parents[1] / "demo" / "corpus" / "wikinews.jsonl"


def test_filter_ships_as_small_json_with_its_training_record():
    path = article_filter.resources.files("parley.events").joinpath("model", article_filter.MODEL_FILE)
    assert path.stat().st_size < 200_000
    obj = json.loads(path.read_text())
    assert obj["meta"]["seed"] == 13 and {"no_filter", "filter"} <= set(obj["meta"]["cv"])
    f = article_filter.load()
    assert f.model is not None and len(f.model.weights) > 50 and 0.0 < f.threshold < 1.0


def test_folds_depend_on_the_article_id_alone():
    ids = [f"wn-x{k:02d}" for k in range(40)]
    assert [filtertrain.fold_of(i) for i in ids] == [filtertrain.fold_of(i) for i in reversed(ids)][::-1]
    assert set(map(filtertrain.fold_of, ids)) == set(range(filtertrain.FOLDS))


def test_article_context_numbers_sentences_and_paragraphs(pipeline):
    text = "Title of the story\n\nFirst sentence here. Second one here.\n\nA new paragraph starts."
    doc = pipeline.nlp(text)
    ctx = ArticleContext.of(doc)
    assert ctx.sentence_number(0) == 0 and ctx.paragraph_number(0) == 0
    second = text.index("Second")
    assert ctx.sentence_number(second) == 2 and ctx.paragraph_number(second) == 1
    assert ctx.paragraph_number(text.index("A new")) == 2


def _write_dir(tmp: Path, text: str, events: list[dict]) -> Path:
    (tmp / "articles.jsonl").write_text(json.dumps({"id": "wn-t01", "text": text, "published": "2020-06-15"}) + "\n")
    (tmp / "gold.jsonl").write_text(json.dumps({"id": "wn-t01", "events": events}) + "\n")
    return tmp


def test_trainer_labels_events_by_type_and_sentence(pipeline, tmp_path):
    text = ("Russia accuses Ukraine of shelling\n\nRussia accused Ukraine of shelling the plant on Monday. "
            "The two sides agreed to hold talks in Minsk.")
    gold = [{"evidence": "Russia accused Ukraine of shelling the plant", "type": "ACCUSE",
             "source": "Russia", "target": "Ukraine", "negated": False}]
    (art,) = filtertrain.read_dir(_write_dir(tmp_path, text, gold))
    assert art["acts"] == [(text.index("Russia accused"), text.index(" on Monday"), {"ACCUSE"}, True)]
    rows = filtertrain.record([art], pipeline.settings)
    by_sentence = {(r["type"], text[r["sentence"][0]:r["sentence"][1]][:14]): r["label"] for r in rows}
    assert by_sentence[("ACCUSE", "Russia accused")] == 1
    assert all(label == 0 for (t, s), label in by_sentence.items() if s.startswith("The two sides"))
    assert any(r["features"][0] == TITLE for r in rows)       # the title's event is recorded as such


def _run(pipeline, rows: list[dict], f: ArticleFilter | None):
    if f is not None:
        pipeline.resources.__dict__["event_filter"] = f
    try:
        return list(pipeline.run_articles([Article(id=r["id"], text=r["text"], source=r["id"],
                                                   published=r.get("published")) for r in rows]))
    finally:
        pipeline.resources.__dict__.pop("event_filter", None)


def test_filter_drops_some_events_of_real_articles_and_keeps_their_titles(pipeline):
    trained_on = {line.split(" | ")[0] for line in filtertrain.DEV_GOLD.read_text().splitlines()
                  if line.strip() and not line.startswith("#")}
    rows = [r for r in map(json.loads, CORPUS.open()) if r["id"] not in trained_on][:8]
    if len(rows) < 8:
        pytest.skip("the bundled Wikinews corpus is absent")
    unfiltered = _run(pipeline, rows, ArticleFilter(model=None))
    filtered = _run(pipeline, rows, article_filter.load())     # the shipped filter (setting off by default)
    before = after = 0
    for r, a, b in zip(rows, unfiltered, filtered):
        kept = {e.id for e in b.events}
        assert kept <= {e.id for e in a.events}
        title_end = r["text"].find("\n")
        assert {e.id for e in a.events if e.sentence_span[0] < title_end} <= kept
        before, after = before + len(a.events), after + len(kept)
    assert before > 20
    assert 0.05 * before <= before - after <= 0.6 * before, (before, after)


def test_the_filter_is_off_unless_the_setting_turns_it_on():
    from parley.resources import Resources
    from parley.settings import Settings
    assert Resources(Settings.load()).event_filter is None
    assert isinstance(Resources(Settings.load(event_article_filter=True)).event_filter, ArticleFilter)
