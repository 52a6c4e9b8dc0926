"""Issue 19: property-based tests (hypothesis) of decoding, readers, cleaning, sentence and
offset handling, and search: no input makes them raise anything but their documented
errors, every span indexes the text and every record references ids that exist."""
from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parley.errors import StoreError
from parley.ingest import raw_from_bytes, to_article
from parley.ingest.encoding import Binary, decode
from parley.ingest.jsonl import read_jsonl
from parley.ingest.text import clean_text
from parley.records import Extraction, RawItem, Rejection
from parley.settings import Settings

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SLOW = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                       HealthCheck.function_scoped_fixture])
NAMES = ["a.txt", "a.html", "a.htm", "a.jsonl", "a.warc", "a.html.gz", "a.jsonl.gz", "a.warc.gz", "a.pdf"]
WORDS = ["Putin", "Obama", "said", "Iran", "accused", "the", "United", "States", "of", "\"", "“", "”",
         ",", ".", "\n", "\n\n", "met", "in", "Geneva", "on", "Monday", "he", "told", "reporters", "not",
         "will", "attack", "Russia", "'", "(", ")", "—", "minister", "Foreign", "I", "we", "\u00a0", "é"]
prose = st.lists(st.sampled_from(WORDS) | st.text(max_size=6), min_size=1, max_size=80).map(" ".join)


@FAST
@given(st.binary(max_size=4096))
def test_decode_gives_text_or_says_binary(data):
    try:
        got = decode(data)
    except Binary:
        return
    assert isinstance(got.text, str) and got.encoding


@FAST
@given(st.sampled_from(NAMES), st.binary(max_size=2048) | st.text(max_size=800).map(str.encode))
def test_any_bytes_under_any_name_become_items_or_rejections(name, data):
    for item in raw_from_bytes(name, data):
        assert isinstance(item, (RawItem, Rejection))
        if isinstance(item, Rejection):
            assert item.reason and item.detail


@FAST
@given(st.lists(st.text(max_size=60) | st.builds(lambda i, t: json.dumps({"id": i, "text": t}),
                                                   st.one_of(st.text(max_size=5), st.integers(), st.none(),
                                                             st.lists(st.integers(), max_size=2)),
                                                   st.text(max_size=40)), max_size=12))
def test_every_jsonl_line_is_one_item(lines):
    text = "\n".join(ln.replace("\n", " ").replace("\r", " ") for ln in lines)
    items = list(read_jsonl(text, "f.jsonl"))
    blank = sum(1 for ln in text.split("\n") if not ln.strip())
    assert len(items) == len(text.split("\n")) - blank
    kept = [i.id for i in items if isinstance(i, RawItem)]
    assert len(kept) == len(set(kept))                 # duplicate ids are rejected


@FAST
@given(st.text(max_size=3000) | prose)
def test_cleaning_never_fails_and_keeps_text_from_the_input(raw):
    got = clean_text(raw)
    assert isinstance(got.text, str)
    words = set(" ".join(raw.split()).split())
    assert all(w in words for w in got.text.split())


@SLOW
@given(prose)
def test_every_span_indexes_the_text_and_every_reference_exists(pipeline, text):
    raw = RawItem(id="f", source="f", kind="text", content=text, verbatim=True)
    art = to_article(raw, Settings.load(languages="any"))
    if isinstance(art, Rejection):
        return
    (x,) = list(pipeline.run_articles([art]))
    if isinstance(x, Rejection):
        assert x.reason not in ("extraction_error",), x.detail
        return
    _check_extraction(x)


def _check_extraction(x: Extraction) -> None:
    text, n = x.article.text, len(x.article.text)

    def inside(span):
        assert span is None or 0 <= span[0] <= span[1] <= n, (span, n)

    for s in x.sentences:
        inside(s)
    ids = {a.id for a in x.actors}
    for a in x.actors:
        for m in a.mentions:
            inside((m.start, m.end))
            assert text[m.start:m.end] == m.text
    for q in x.attributions:
        inside(q.content_span), inside(q.speaker_span), inside(q.cue_span), inside(q.sentence_span)
        assert q.speaker is None or q.speaker in ids
    quotes = {q.id for q in x.attributions}
    for e in x.events:
        inside(e.trigger_span), inside(e.sentence_span), inside(e.date_span)
        assert set(e.source) <= ids and set(e.target) <= ids
        assert e.attribution is None or e.attribution in quotes


@pytest.fixture(scope="module")
def empty_store(tmp_path_factory):
    from parley.store import open_store
    store = open_store(str(tmp_path_factory.mktemp("fuzz") / "f.db"))
    yield store
    store.close()


@FAST
@given(st.text(max_size=300), st.integers(min_value=-5, max_value=2 ** 70))
def test_search_takes_any_text_and_offset_without_a_database_error(empty_store, q, offset):
    try:
        hits = empty_store.search(q, offset=offset, limit=10)
    except StoreError as exc:
        assert str(exc).startswith("[P0") or str(exc).startswith("[P4")
        return
    assert hits == []
