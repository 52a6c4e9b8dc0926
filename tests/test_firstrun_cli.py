"""The CLI tells the user what happened (issue 17): rejections listed at the end of `ingest`
and by `parley rejections`, URLs refused by `ingest` with the way to fetch them, `parley
fetch` through the polite fetcher, `parley list`, and `parley show` by prefix or title."""
from __future__ import annotations

import csv
import http.server
import io
import json
import re
import threading
from functools import partial
from pathlib import Path

import pytest
from conftest import ROOT, run_parley

DEMO = ROOT / "demo" / "corpus" / "wikinews.jsonl"


def _texts(folder: Path, good: int, bad: int) -> None:
    """`good` readable news texts and `bad` files that cannot be read (NUL bytes)."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(good):
        (folder / f"good{i:02d}.txt").write_text(
            f"Minister resigns over budget row number {i}\n\n"
            f"The finance minister resigned on Tuesday after a row over the budget, the prime "
            f"minister's office said in statement number {i}.\n\nOpposition leaders welcomed the move.\n")
    for i in range(bad):
        (folder / f"bad{i:02d}.txt").write_bytes(b"\x00\x01\x02binary" * 20)


@pytest.fixture(scope="module")
def store_with_rejections(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rej")
    _texts(tmp / "in", good=2, bad=23)
    db = tmp / "r.db"
    proc = run_parley("ingest", str(tmp / "in"), "--db", str(db))
    return db, proc


def test_firstrun_ingest_ends_with_rejection_table(store_with_rejections):
    _, proc = store_with_rejections
    out = proc.stderr
    assert "rejected in this run (23)" in out
    shown = [line for line in out.splitlines() if "bad" in line and ".txt" in line]
    assert len(shown) == 20, "the first 20 rejections are listed"
    assert "and 3 more" in out and "parley rejections" in out
    assert "binary" in out and "give .txt, .html" in out, "each row has its reason and a hint"


def test_firstrun_rejections_command_lists_all(store_with_rejections):
    db, _ = store_with_rejections
    rows = json.loads(run_parley("rejections", "--db", str(db), "--format", "json").stdout)
    assert len(rows) == 23
    assert {r["reason"] for r in rows} == {"binary"}
    assert all(r["file"].endswith(".txt") and r["hint"] and r["detail"] for r in rows)
    table = list(csv.DictReader(io.StringIO(run_parley("rejections", "--db", str(db), "--format", "csv").stdout)))
    assert len(table) == 23 and set(table[0]) == {"id", "file", "reason", "detail", "hint"}
    text = run_parley("rejections", "--db", str(db)).stdout
    assert text.count("bad") >= 23 and "more" not in text


def test_firstrun_ingest_refuses_urls_with_the_way_to_fetch():
    proc = run_parley("ingest", "https://example.org/news/story.html", "--db", ":memory:", check=False)
    assert proc.returncode != 0
    assert "ingest reads files and folders" in proc.stderr
    assert "parley watch URL" in proc.stderr and "parley fetch URL" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_firstrun_list_recent_and_by_events(demo_db):
    out = run_parley("list", "--db", str(demo_db), "--limit", "5").stdout
    assert "articles (5 of 45, recent)" in out
    assert "2020-" in out and "wikinews-" in out
    uids = run_parley("list", "--db", str(demo_db), "--sort", "events", "--limit", "3", "--uids").stdout.split()
    assert len(uids) == 3 and all(len(u) >= 16 for u in uids)
    counts = [int(n) for n in re.findall(r"events \((\d+)\)", run_parley("show", uids[0], "--db", str(demo_db)).stdout)]
    assert counts and counts[0] > 0, "the article with the most events has events"


def test_firstrun_show_by_prefix_and_title(demo_db):
    lines = [json.loads(line) for line in DEMO.read_text().splitlines()]
    target = next(x for x in lines if x["id"] == "wikinews-lockerbie-megrahi-buried-2012")
    by_prefix = run_parley("show", "wikinews-lockerbie", "--db", str(demo_db)).stdout
    assert target["title"] in by_prefix
    by_title = run_parley("show", target["title"].split()[0] + " " + target["title"].split()[1],
                          "--db", str(demo_db), check=False)
    assert by_title.returncode == 0 and target["title"] in by_title.stdout
    uid = run_parley("list", "--db", str(demo_db), "--limit", "45", "--uids").stdout.split()
    short = next(u for u in uid)[:8]
    assert run_parley("show", short, "--db", str(demo_db)).returncode == 0


def test_firstrun_show_ambiguous_and_missing(demo_db):
    many = run_parley("show", "wikinews-", "--db", str(demo_db), check=False)
    assert many.returncode != 0 and "matches several" in many.stderr
    missing = run_parley("show", "no-such-article", "--db", str(demo_db), check=False)
    assert missing.returncode != 0
    assert "parley list" in missing.stderr and "parley search" in missing.stderr
    assert "parley stats" not in missing.stderr


# -- parley fetch -----------------------------------------------------------------------

PAGE = """<!doctype html><html><head><title>Minister resigns over budget row</title>
<meta property="og:title" content="Minister resigns over budget row"></head><body>
<nav><a href="/">Home</a></nav><article><h1>Minister resigns over budget row</h1>
<p>The finance minister of Freedonia resigned on Tuesday after a row over the budget, the prime
minister's office said in a statement. "I leave with a clear conscience," the minister told
reporters outside parliament in the capital.</p>
<p>Opposition leaders welcomed the resignation and called for early elections, saying the
government had lost the confidence of the country after months of protests over prices.</p>
<p>The prime minister said he would name a successor within days and promised to keep the
budget on track, according to the statement released by his office.</p></article></body></html>"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    (root / "story.html").write_text(PAGE)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (root / "private").mkdir()
    (root / "private" / "secret.html").write_text(PAGE)
    handler = partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_firstrun_fetch_stores_pages_and_rejects_with_reasons(site, tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_HOST_INTERVAL", "0")
    monkeypatch.setenv("PARLEY_FETCH_RETRIES", "0")
    db = tmp_path / "f.db"
    proc = run_parley("fetch", f"{site}/story.html", f"{site}/missing.html", f"{site}/private/secret.html",
                      "--published", "2020-05-01", "--db", str(db))
    assert "stored" in proc.stderr and "Minister resigns over budget row" in proc.stderr
    assert "fetch_failed" in proc.stderr and "robots_disallowed" in proc.stderr
    listed = run_parley("list", "--db", str(db)).stdout
    assert "Minister resigns over budget row" in listed and "2020-05-01" in listed
    reasons = {r["reason"] for r in json.loads(run_parley("rejections", "--db", str(db), "--format", "json").stdout)}
    assert reasons == {"fetch_failed", "robots_disallowed"}
    again = run_parley("fetch", f"{site}/story.html", "--db", str(db))
    assert "duplicate" in again.stderr


def test_firstrun_fetch_refuses_paths():
    proc = run_parley("fetch", "news/story.html", "--db", ":memory:", check=False)
    assert proc.returncode != 0 and "parley ingest" in proc.stderr
