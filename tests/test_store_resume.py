"""A back-fill killed with SIGKILL mid-run and run again stores every input once or rejects it."""
import io
import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time

import pytest
from conftest import ROOT, need, run_parley
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from parley import open_store

N_TEXTS = 10
BAD = {"empty.txt": "empty", "blob.txt": "binary", "feed.jsonl:5": "bad_json", "feed.jsonl:6": "missing_field",
       "crawl.warc.gz#3": "not_html"}


def _html(title: str, text: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:] if p.strip())
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Politics</nav>"
            f"<article><h1>{title}</h1>{paras}</article><footer>Contact us</footer></body></html>").encode()


def _warc(pages: list[tuple[str, bytes, str]]) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, body, ctype in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))
    return buf.getvalue()


@pytest.fixture(scope="module")
def backfill(tmp_path_factory):
    """A folder of texts, a JSONL feed and a WARC file, with five bad inputs among them."""
    # the shortest stories keep the test fast; the kills land between and inside their transactions
    texts = sorted(need("polnear/dev/text").glob("*.txt"), key=lambda p: (p.stat().st_size, p.name))[: N_TEXTS + 6]
    root = tmp_path_factory.mktemp("backfill") / "in"
    root.mkdir()
    for p in texts[:N_TEXTS]:
        (root / p.name).write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    (root / "empty.txt").write_text("")
    (root / "blob.txt").write_bytes(bytes(range(256)) * 8)
    feed = [{"id": p.stem, "text": p.read_text(encoding="utf-8"), "outlet": "Feed"} for p in texts[N_TEXTS:N_TEXTS + 4]]
    feed_lines = [json.dumps(x) for x in feed] + ['{"id": "broken", "text": ', json.dumps({"id": "no-text"})]
    feed_lines.append(json.dumps({"id": "again", "text": feed[0]["text"], "outlet": "Other wire"}))
    (root / "feed.jsonl").write_text("\n".join(feed_lines) + "\n", encoding="utf-8")
    pages = [(f"https://news.example/{i}", _html(p.stem, p.read_text(encoding="utf-8")), "text/html; charset=utf-8")
             for i, p in enumerate(texts[N_TEXTS + 4:N_TEXTS + 6])]
    pages.append(("https://news.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png"))
    (root / "crawl.warc.gz").write_bytes(_warc(pages))
    return root


def _done(url: str) -> int:
    """Inputs the checkpoint marks done so far (0 before the tables exist)."""
    try:
        if url.startswith("postgresql://"):
            import psycopg
            with psycopg.connect(url) as conn:
                return conn.execute("SELECT COUNT(*) FROM ingest_inputs").fetchone()[0]
        with sqlite3.connect(url, timeout=5) as conn:
            return conn.execute("SELECT COUNT(*) FROM ingest_inputs").fetchone()[0]
    except Exception:  # not created yet
        return 0


def _ingest_killed_after(inputs, url: str, n_done: int, timeout: float = 150) -> tuple[int, str]:
    """Inputs done when the run was killed (or ended), and how it ended with its stderr's tail."""
    # one document per batch: results are stored one by one between parses, so the kill lands mid-run
    proc = subprocess.Popen([sys.executable, "-m", "parley", "ingest", str(inputs), "--db", url,
                             "--published", "2016-09-30", "--batch-size", "1"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    # stderr is drained by a thread so that a chatty run never blocks on a full pipe
    err: list[bytes] = []
    reader = threading.Thread(target=lambda: err.append(proc.stderr.read()), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and _done(url) < n_done and time.monotonic() < deadline:
            time.sleep(0.05)
        ended = f"exited by itself with {proc.returncode}" if proc.poll() is not None else "killed"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        reader.join(timeout=10)
    return _done(url), f"{ended}; stderr: {b''.join(err).decode(errors='replace')[-1500:]}"


def test_store_resume_after_sigkill(backfill, store_url):
    n_inputs = N_TEXTS + 2 + 7 + 3
    first, how = _ingest_killed_after(backfill, store_url, 5)
    assert 5 <= first < n_inputs, f"the first run was not killed mid-run: {how}"
    # the second kill aims half-way through what is left; stores of quick rejections and
    # short texts come in bursts, so it may land after the last one (still a resumed run)
    second, how = _ingest_killed_after(backfill, store_url, first + max(1, (n_inputs - first) // 2))
    assert first < second <= n_inputs, f"the resumed run stored nothing: {how}"
    done = run_parley("ingest", str(backfill), "--db", store_url, "--published", "2016-09-30")
    assert f"{second}" in done.stderr and "skipped" in done.stderr
    with open_store(store_url) as store:
        inputs = store.query("SELECT source, status, reason, article_uid FROM ingest_inputs")
        counts = store.counts()
        orphans = store.query(
            "SELECT a.id FROM articles a WHERE NOT EXISTS (SELECT 1 FROM search_units u WHERE u.article_uid = a.uid) "
            "OR NOT EXISTS (SELECT 1 FROM story_articles s WHERE s.article_uid = a.uid) "
            "OR NOT EXISTS (SELECT 1 FROM reports r WHERE r.article_uid = a.uid)")
        rejected = {r.source.split("/")[-1]: r.reason for r in store.rejections()}
    assert len(inputs) == n_inputs                                      # every input, once
    assert rejected == BAD                                              # each bad one with its reason
    assert {r["source"].split("/")[-1]: r["reason"] for r in inputs if r["status"] == "rejected"} == BAD
    stored = [r for r in inputs if r["status"] == "stored"]
    assert len(stored) == counts["articles"] == n_inputs - len(BAD) - 1  # the repeated feed text is a duplicate
    assert [r["source"].split("/")[-1] for r in inputs if r["status"] == "duplicate"] == ["feed.jsonl:7"]
    assert len({r["article_uid"] for r in stored}) == len(stored)
    assert orphans == []                                                # no half-stored article
    assert counts["reports"] == counts["articles"] + 1                  # the duplicate is a second report
    again = run_parley("ingest", str(backfill), "--db", store_url, "--published", "2016-09-30")
    assert "skipped" in again.stderr
    with open_store(store_url) as store:
        assert store.counts() == counts                                 # re-ingest adds nothing
