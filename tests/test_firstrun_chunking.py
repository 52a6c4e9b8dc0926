"""Long documents are processed in chunks of paragraphs with their offsets kept (issue 17):
memory per worker stays under 1 GB whatever the document size. `make test` checks it on a
400,000-character text (a minute); `make bench-long` on a 5,000,000-character one (about six
CPU minutes: PARLEY_LONG_CHARS=5000000)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT

from parley.chunking import chunk_spans, extract_long
from parley.records import Article

DEMO = ROOT / "demo" / "corpus" / "wikinews.jsonl"
PEAK_LIMIT_MB = 1024
LONG_CHARS = int(os.environ.get("PARLEY_LONG_CHARS", "400000"))


def _demo_texts() -> list[str]:
    return [json.loads(line)["text"] for line in DEMO.read_text().splitlines()]


def test_firstrun_chunk_spans_cover_the_text_between_paragraphs():
    text = "\n\n".join(_demo_texts()[:6])
    spans = chunk_spans(text, 3000)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:])), "chunks are contiguous"
    assert all(e - s <= 3000 for s, e in spans)
    for s, _ in spans[1:]:
        assert text[s - 2:s] == "\n\n" or text[s - 1] == "\n", "cuts fall after a paragraph"


def test_firstrun_chunk_spans_cut_a_paragraph_longer_than_a_chunk():
    para = " ".join(f"Sentence number {i} says the talks went on." for i in range(400))
    spans = chunk_spans(para, 2000)
    assert len(spans) > 5 and spans[-1][1] == len(para)
    assert all(e - s <= 2000 for s, e in spans)
    assert all(para[e - 2] == "." or para[e - 1] == " " for _, e in spans[:-1]), "cut at a sentence end"


def _check_offsets(x, text: str) -> None:
    actor_ids = {a.id for a in x.actors}
    quote_ids = {q.id for q in x.attributions}
    for a in x.actors:
        for m in a.mentions:
            assert text[m.start:m.end] == m.text
    for q in x.attributions:
        assert text[q.content_span[0]:q.content_span[1]] == q.content
        assert q.speaker is None or q.speaker in actor_ids
    for e in x.events:
        assert text[e.trigger_span[0]:e.trigger_span[1]] == e.trigger
        assert set(e.source) | set(e.target) <= actor_ids
        assert e.attribution is None or e.attribution in quote_ids
    assert len({q.id for q in x.attributions}) == len(x.attributions)
    assert len({e.id for e in x.events}) == len(x.events)
    for d in (*x.dates, *x.durations):
        assert text[d.span[0]:d.span[1]] == d.text


def test_firstrun_chunked_extraction_keeps_offsets_and_finds_what_whole_does(pipeline):
    text = "\n\n".join(_demo_texts()[:5])
    article = Article(id="long", text=text, source="long", published="2012-06-01")
    whole = next(iter(pipeline.run_articles([article])))
    chunked = extract_long(article, pipeline.info, pipeline.resources, size=4000)
    _check_offsets(chunked, text)
    # chunks fall between paragraphs: nearly every record of the whole run is found again,
    # with the same id (ids hash the whole article's uid and offsets)
    for kind in ("attributions", "events"):
        ids_whole = {r.id for r in getattr(whole, kind)}
        ids_chunked = {r.id for r in getattr(chunked, kind)}
        assert len(ids_whole & ids_chunked) >= 0.8 * len(ids_whole), kind
    assert {(d.span, d.value) for d in chunked.durations} == {(d.span, d.value) for d in whole.durations}
    assert {d.kind for d in chunked.dates} <= {"DATE", "TIME"}
    names_whole = {a.name for a in whole.actors if a.kind == "person"}
    names_chunked = {a.name for a in chunked.actors if a.kind == "person"}
    assert len(names_whole & names_chunked) >= 0.8 * len(names_whole)


@pytest.mark.slow
def test_firstrun_long_text_stays_under_one_gigabyte(tmp_path):
    """bench/long_document.py in a subprocess of its own: its peak RSS is the pipeline's."""
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "long_document.py"), "--chars", str(LONG_CHARS),
                           "--work", str(tmp_path)], capture_output=True, text=True, cwd=ROOT, timeout=3600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{LONG_CHARS:,}-character text:", got)
    assert got["chars"] == LONG_CHARS and got["offsets_ok"]
    assert got["events"] > LONG_CHARS // 5000 and got["actors"] > LONG_CHARS // 50000
    assert got["peak_mb"] < PEAK_LIMIT_MB, f"peak RSS {got['peak_mb']:.0f} MB"
