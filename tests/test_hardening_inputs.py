"""Issue 19: hostile inputs. Every file is generated here (nothing large is committed); each
ends stored or rejected with a specific reason, and the run goes on.

The folder test runs `parley ingest` on all of them at once and bounds the whole run
(<= 120 s, <= 1.5 GB peak of the child process)."""
from __future__ import annotations

import gzip
import io
import json
import random
import re
import resource
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from parley.ingest import iter_raw, read_articles
from parley.ingest.encoding import decode
from parley.records import Article, Extraction, Rejection
from parley.settings import Settings

EN = ("The foreign minister said on Tuesday that the government would continue the talks with "
      "its neighbours. He added that the sanctions were unjust and would be challenged in court.\n\n"
      "Officials in the capital declined to comment on the report, which was published on Monday "
      "by a local newspaper and quoted two senior diplomats.")
DE = ("Der Außenminister sagte am Dienstag, dass die Regierung die Gespräche mit den Nachbarn "
      "fortsetzen werde. Er fügte hinzu, dass die Sanktionen ungerecht seien und vor Gericht "
      "angefochten würden. Beamte in der Hauptstadt wollten sich zu dem Bericht nicht äußern, "
      "der am Montag von einer Lokalzeitung veröffentlicht wurde.")
PAGE = ("<html><head><title>Talks go on</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Talks will go on, minister says</h1><p>{}</p></article></body></html>")
WORDS = ("the minister said government talks would continue with its neighbours despite sanctions "
         "and officials in capital declined to comment on report published by newspaper Russia "
         "China France accused attacked met").split()


def _file_of(source: str) -> str:
    """The file name of a source: 'dir/a.jsonl:3' and 'dir/a.warc.gz#2' -> the file's name."""
    return Path(re.sub(r"(#\d+|:\d+)$", "", source)).name


def _warc(n: int = 3) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    for i in range(n):
        body = PAGE.format(EN.replace("Tuesday", f"day {i}")).encode()
        hdr = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://example.com/{i}", "response",
                                            payload=io.BytesIO(body), http_headers=hdr))
    return buf.getvalue()


def _sentence(words: int, seed: int = 1) -> str:
    rnd = random.Random(seed)
    return " ".join(rnd.choice(WORDS) for _ in range(words)) + "."


def hostile_folder(root: Path, huge_mb: int = 200) -> dict[str, str]:
    """Write the hostile files; file name -> what must become of it ('stored' or a reason)."""
    root.mkdir(parents=True, exist_ok=True)
    expect: dict[str, str] = {}

    def put(name: str, data: bytes | str, outcome: str) -> None:
        (root / name).write_bytes(data.encode() if isinstance(data, str) else data)
        expect[name] = outcome

    put("empty.txt", "", "empty")
    put("whitespace.txt", " \n\t\n  \r\n", "empty")
    put("binary.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, "binary")
    put("invalid_utf8.txt", EN.encode().replace(b"capital", b"capit\xff\xfel") + " Café.".encode(), "stored")
    put("cp1252.txt", (EN + " The café’s owner said “no”.").encode("cp1252"), "stored")
    put("utf16_bom.txt", EN.encode("utf-16"), "stored")
    put("utf16_nobom.txt", EN.replace("minister", "envoy").encode("utf-16-le"), "stored")
    put("null_bytes.txt", EN.replace("talks", "ta\x00lks").replace("minister", "spokesman"), "stored")
    put("no_article.html", "<html><head><title>x</title></head><body><div></div></body></html>", "no_article_body")
    put("nav_only.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "no_article_body")
    put("truncated.html", PAGE.format(EN.replace("Monday", "Sunday"))[:-60], "stored")
    put("nested.html", "<div>" * 20000 + "<p>" + EN + "</p>", "any")
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">' for i in range(1, 10))
        + ']><html><body><p>&lol9;</p></body></html>')
    put("entity_bomb.html", bomb, "any")
    put("truncated.html.gz", gzip.compress(PAGE.format(EN).encode())[:60], "bad_gzip")
    warc = _warc()
    put("truncated.warc.gz", warc[: int(len(warc) * 0.8)], "stored")     # and bad_warc for the rest
    lines = [json.dumps({"id": "j1", "text": EN.replace("Tuesday", "Friday")}), '{"id": "j2", "text": ',
             json.dumps({"text": EN}), json.dumps({"id": "j1", "text": EN + " Again."}),
             json.dumps({"id": {"a": 1}, "text": EN}), json.dumps({"id": "de1", "text": DE})]
    put("lines.jsonl", "\n".join(lines) + "\n", "stored")                 # and one rejection per bad line
    put("german.txt", DE, "language")
    put("sentence_100k_words.txt", _sentence(100_000), "too_long")
    put("sentence_3k_words.txt", _sentence(3_000, seed=2), "stored")
    with open(root / "huge.txt", "wb") as f:                              # 200 MB, written in blocks
        block = (EN + "\n\n").encode() * 2048
        for _ in range(huge_mb * 1024 * 1024 // len(block) + 1):
            f.write(block)
    expect["huge.txt"] = "too_long"
    return expect


def test_every_hostile_file_is_stored_or_rejected_with_its_reason(tmp_path):
    expect = hostile_folder(tmp_path / "in", huge_mb=40)
    results = list(read_articles([tmp_path / "in"], Settings.load()))
    by_file: dict[str, list] = {}
    for r in results:
        name = _file_of(r.source)
        by_file.setdefault(name, []).append(r)
    assert set(by_file) == set(expect)                     # every file accounted for
    for name, outcome in expect.items():
        got = by_file[name]
        if outcome == "stored":
            assert any(isinstance(r, Article) for r in got), (name, got)
        elif outcome != "any":
            assert [r.reason for r in got if isinstance(r, Rejection)] == [outcome], (name, got)
    reasons = {r.reason for r in by_file["lines.jsonl"] if isinstance(r, Rejection)}
    assert reasons == {"bad_json", "missing_field", "duplicate_id", "bad_id", "language"}
    assert [r.reason for r in by_file["truncated.warc.gz"] if isinstance(r, Rejection)] == ["bad_warc"]
    assert sum(isinstance(r, Article) for r in by_file["truncated.warc.gz"]) == 2
    enc = {n: r.encoding for n, rs in by_file.items() for r in rs if isinstance(r, Article)}
    assert enc["cp1252.txt"] == "cp1252" and enc["utf16_bom.txt"] == "utf-16-le (BOM)"
    assert enc["utf16_nobom.txt"] == "utf-16-le" and "replaced" in enc["invalid_utf8.txt"]
    texts = {n: r.text for n, rs in by_file.items() for r in rs if isinstance(r, Article)}
    assert "café’s owner said “no”" in texts["cp1252.txt"] and "\x00" not in texts["null_bytes.txt"]
    assert all(r.language == "en" for rs in by_file.values() for r in rs if isinstance(r, Article))
    german = [r for r in by_file["german.txt"]][0]
    assert "German (de)" in german.detail


def test_a_200_mb_text_is_rejected_from_its_size_without_being_read(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(200 * 1024 * 1024)                      # 200 MB, sparse: fast to make
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t = time.perf_counter()
    (r,) = list(iter_raw([path]))
    assert time.perf_counter() - t < 1.0
    assert isinstance(r, Rejection) and r.reason == "too_long" and "209,715,200 bytes" in r.detail
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 50 * 1024   # KB: not read


def test_gzip_bomb_and_truncated_gzip_are_rejected(tmp_path, monkeypatch):
    from parley.ingest import files
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", 10 * 1024 * 1024)
    (tmp_path / "bomb.jsonl.gz").write_bytes(gzip.compress(b"\n" * (11 * 1024 * 1024)))
    (tmp_path / "cut.jsonl.gz").write_bytes(gzip.compress(json.dumps({"id": "a", "text": EN}).encode())[:-10])
    got = {Path(r.source).name: r.reason for r in iter_raw([tmp_path])}
    assert got == {"bomb.jsonl.gz": "too_long", "cut.jsonl.gz": "bad_gzip"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "cp1252", "latin-1", "cp1251", "koi8-r"])
def test_common_encodings_decode(encoding):
    text = ("Москва заявила, что переговоры продолжатся на следующей неделе, несмотря на санкции ЕС. "
            "Министр иностранных дел сказал журналистам, что правительство не изменит своей позиции. "
            "Представители посольства отказались комментировать сообщение газеты."
            if encoding in ("cp1251", "koi8-r") else EN + " Café “déjà vu”.".replace("“", '"').replace("”", '"'))
    got = decode(text.encode(encoding))
    assert got.text.lstrip("\ufeff") == text, got.encoding


def test_a_long_sentence_is_cut_and_its_events_bounded(tmp_path):
    from parley import bounds, process
    (tmp_path / "s.txt").write_text(_sentence(3_000, seed=3))
    (x,) = list(process([tmp_path / "s.txt"]))
    assert not isinstance(x, Rejection), x
    from parley.nlp import load_nlp
    nlp = load_nlp(Settings.load().spacy_model)
    lengths = [len(nlp.make_doc(x.article.text[s:e])) for s, e in x.sentences]
    assert max(lengths) <= bounds.MAX_SENTENCE_TOKENS + 5
    per: dict = {}
    for e in x.events:
        per[e.sentence_span] = per.get(e.sentence_span, 0) + 1
    assert max(per.values(), default=0) <= bounds.MAX_EVENTS_PER_SENTENCE


def _run_with_peak(cmd: list[str], timeout: float = 600) -> tuple[subprocess.CompletedProcess, float]:
    """Run `cmd`; its result and its peak resident set size in MB: VmHWM of its own memory,
    read while it runs (getrusage's children figure counts this test runner's own memory too,
    as it was when the child started)."""
    peak = 0.0
    with subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as p:
        def watch():
            nonlocal peak
            while p.poll() is None:
                try:
                    for line in Path(f"/proc/{p.pid}/status").read_text().splitlines():
                        if line.startswith("VmHWM:"):
                            peak = max(peak, int(line.split()[1]) / 1024)
                except OSError:
                    pass
                time.sleep(0.05)
        t = threading.Thread(target=watch, daemon=True)
        t.start()
        out, err = p.communicate(timeout=timeout)
        t.join()
    if peak == 0.0:                      # no /proc: the coarser figure
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return subprocess.CompletedProcess(cmd, p.returncode, out, err), peak


@pytest.mark.slow
def test_hostile_folder_through_ingest_in_bounded_time_and_memory(tmp_path):
    expect = hostile_folder(tmp_path / "in")
    db = tmp_path / "h.db"
    t = time.perf_counter()
    proc, peak_mb = _run_with_peak([sys.executable, "-m", "parley", "ingest", str(tmp_path / "in"), "--db", str(db)])
    took = time.perf_counter() - t
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    con = sqlite3.connect(db)
    sources = [r[0] for r in con.execute("SELECT source FROM articles UNION ALL SELECT source FROM rejections")]
    names = {_file_of(s) for s in sources}
    assert names == set(expect)                            # every file accounted for
    reasons = dict(con.execute("SELECT reason, COUNT(*) FROM rejections GROUP BY reason").fetchall())
    for reason in ("empty", "binary", "too_long", "no_article_body", "bad_gzip", "bad_warc", "language",
                   "bad_json", "missing_field", "duplicate_id", "bad_id"):
        assert reasons.get(reason), (reason, reasons)
    print(f"hostile folder: {len(expect)} files, {took:.1f} s, peak {peak_mb:.0f} MB, rejections {reasons}")
    assert took <= 120 and peak_mb <= 1536


def test_the_time_bound_stops_a_document_that_runs_too_long():
    from parley import bounds
    t = time.process_time()
    with pytest.raises(bounds.DocumentTimeout):
        with bounds.deadline(0.3):
            while True:
                sum(range(1000))
    assert time.process_time() - t < 5


def test_events_are_capped_per_sentence():
    from dataclasses import replace as rep

    from parley import bounds
    from parley.records import Event, PipelineInfo
    e = Event(id="e1", type="ACCUSE", trigger="x", trigger_span=(0, 1), sentence_span=(0, 10))
    x = Extraction(article=Article(id="a", text="x" * 10, source="a"), pipeline=PipelineInfo("0", "m"),
                   events=tuple(rep(e, id=f"e{i}") for i in range(50)))
    assert len(bounds.cap_events(x).events) == bounds.MAX_EVENTS_PER_SENTENCE
