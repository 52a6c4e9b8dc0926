"""Shared fixtures. Corpora come from the data_dir setting (default ../shared/data);
tests that need a corpus skip with a clear message where it is absent."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from parley import Settings

ROOT = Path(__file__).resolve().parents[1]
SAMPLE_ID = "000_af679a3f55185a80"


def data_dir() -> Path:
    path = Path(Settings.load().data_dir)
    return path if path.is_absolute() else (ROOT / path).resolve()


def need(relative: str) -> Path:
    path = data_dir() / relative
    if not path.exists():
        pytest.skip(f"corpus {path} is absent: set PARLEY_DATA_DIR to the shared data folder")
    return path


@pytest.fixture(scope="session")
def sample_path() -> Path:
    return need(f"samples/{SAMPLE_ID}.txt")


def run_parley(*args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """The real CLI in a subprocess, as a user runs it."""
    proc = subprocess.run([sys.executable, "-m", "parley", *args], capture_output=True, text=True,
                          cwd=cwd or ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"parley {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


@pytest.fixture(scope="session")
def sample_output(sample_path, tmp_path_factory) -> dict:
    """`parley extract` of the sample article with --published 2014-12-18."""
    out = tmp_path_factory.mktemp("sample") / "sample.jsonl"
    run_parley("extract", str(sample_path), "--published", "2014-12-18", "--out", str(out))
    lines = out.read_text().splitlines()
    assert len(lines) == 1
    return json.loads(lines[0])


# -- stores: one contract suite, every backend ---------------------------------------------
# A real PostgreSQL server (tests/pg.py) is started once per session, in a temporary folder;
# each test gets a fresh database. Under CI (CI=true) a missing server fails instead of skipping.

@pytest.fixture(scope="session")
def postgres_admin_url():
    import os

    import pg
    url = os.environ.get("PARLEY_TEST_PG_URL")
    if url:
        yield url
        return
    try:
        server = pg.start_server()
    except pg.PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(str(exc))
    yield server.url
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request, tmp_path):
    """A fresh, empty store URL: a SQLite file, then a PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
        return
    import pg
    admin = request.getfixturevalue("postgres_admin_url")
    url = pg.create_database(admin)
    yield url
    pg.drop_database(admin, url)


@pytest.fixture(scope="session")
def syndicated(sample_path, tmp_path_factory) -> dict:
    """Extractions by article id: the sample from outlet A; a syndicated copy of it from outlet B
    (dateline, light edits, trimmed ending, wire credit); the sample's text again from outlet D;
    a distinct article (a PolNeAR dev story) from outlet C."""
    from parley import process
    (orig,) = list(process([sample_path], published="2014-12-18"))
    text = orig.article.text
    paras = text.split("\n\n")
    copy = ("MOSCOW (Reuters) - " + "\n\n".join(paras[:-3]).replace(" said ", " says ", 3)
            + "\n\nReporting by Jack Stubbs; Editing by Dmitry Solovyov")
    distinct = need("polnear/dev/text/breitbart_2016-09-20_poll-wealthy-voters-abandon-repu.txt").read_text()
    lines = [
        {"id": "sample-a", "text": text, "outlet": "Outlet A", "url": "https://a.example/1", "published": "2014-12-18"},
        {"id": "sample-copy-b", "text": copy, "outlet": "Outlet B", "url": "https://b.example/x",
         "published": "2014-12-19"},
        {"id": "sample-again-d", "text": text, "outlet": "Outlet D", "url": "https://d.example/y",
         "published": "2014-12-18"},
        {"id": "distinct-c", "text": distinct, "outlet": "Outlet C", "url": "https://c.example/z",
         "published": "2016-09-20"},
    ]
    path = tmp_path_factory.mktemp("syndicated") / "syndicated.jsonl"
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    results = list(process([path]))
    assert all(hasattr(r, "article") for r in results), results
    return {r.article.id: r for r in results}


# Real pages of the article-extraction-benchmark about states acting on each other (their own
# publication dates, 2019): with the sample (2014) they give the web UI's dyads and network data.
WEB_PAGES = (
    "1ee91d1fce65e09be8b8d2d29eab771546d98ca2ba5c862941e660e9fec12432",
    "624fcd903d56fc7055fa7097b330629450c095ad6937318deb027be7803bbf35",
    "db6b0816c612296c7f1f001c6df874214fcca0da0fc86fb3aea9358c7f681754",
    "39d5c43beb60605c3eec760c99500e62e7bd71ebbe4ae05edf382125e1b0b80a",
    "833caf3bdba53dcf48de273cf646370eebe9ac565744b0d0e941e298e1b79730",
    "dc7ccccc1f34eb2928cb238739aaf18c712d59d8d34b41acfb29178aeba65356",
)


@pytest.fixture(scope="session")
def web_db(sample_path, tmp_path_factory) -> str:
    """A store made by `parley ingest` of the sample (--published 2014-12-18) and WEB_PAGES."""
    html = need("article-extraction-benchmark/html")
    db = tmp_path_factory.mktemp("web") / "web.db"
    run_parley("ingest", str(sample_path), *[str(html / f"{p}.html.gz") for p in WEB_PAGES],
               "--published", "2014-12-18", "--db", str(db))
    return str(db)


@pytest.fixture(scope="session")
def pipeline():
    """The real pipeline in this process (spaCy loaded once), for tests on hand-written text."""
    from parley.pipeline import Pipeline
    return Pipeline(Settings.load())


# -- the bundled demo corpus (demo/corpus, in the repository: no shared data needed) -------

DEMO_CORPUS = ROOT / "demo" / "corpus" / "wikinews.jsonl"
# An undated report (no publication date, no date in the text): its events have no day, so
# timelines leave them out while counts above evidence lists must not.
UNDATED = {"id": "undated-border-row", "title": "France and Germany trade accusations over border",
           "text": "France accused Germany of closing the border without warning. Germany accused France "
                   "of spreading false claims about the closure. France threatened Germany with "
                   "sanctions over the closure.\n\nOfficials in both capitals declined to comment further."}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """`parley ingest` of the bundled demo corpus (its own dates) and one undated report."""
    folder = tmp_path_factory.mktemp("demo")
    undated = folder / "undated.jsonl"
    undated.write_text(json.dumps(UNDATED) + "\n")
    db = folder / "demo.db"
    run_parley("ingest", str(DEMO_CORPUS), str(undated), "--db", str(db))
    return db
