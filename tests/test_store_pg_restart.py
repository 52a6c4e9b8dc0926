"""A PostgreSQL server restarted mid-ingest: the run stops with one coded line (a store error,
never a rejection of the input), and the re-run stores every input once; `parley check` passes.

The test starts a private server (tests/pg.py) so that restarting it disturbs no other test.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from conftest import ROOT, run_parley
from news_folder import write_news_folder

from parley import open_store

N = 40          # inputs; the restart lands after the first few are stored
RESTART_AFTER = 4


@pytest.fixture(scope="module")
def server():
    import pg
    try:
        srv = pg.start_server()
    except pg.PostgresUnavailable as exc:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is required in CI: {exc}")
        pytest.skip(str(exc))
    yield srv
    srv.stop()


def _folder(tmp_path):
    return write_news_folder(tmp_path / "in", N)


def _count(url: str, sql: str) -> int:
    import psycopg
    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            return conn.execute(sql).fetchone()[0]
    except psycopg.Error:
        return 0


def _ingest(folder, url: str, log) -> subprocess.Popen:
    # one document per batch: results are stored one by one, so the restart lands mid-run
    return subprocess.Popen([sys.executable, "-m", "parley", "ingest", str(folder), "--db", url,
                             "--published", "2020-01-01", "--batch-size", "1"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=log)


def test_a_postgres_restart_mid_ingest_loses_nothing_and_doubles_nothing(server, tmp_path):
    import pg
    folder = _folder(tmp_path)
    url = pg.create_database(server.url)
    open_store(url).close()                                   # the empty store, migrated
    log_path = tmp_path / "first.log"
    with open(log_path, "w") as log:
        proc = _ingest(folder, url, log)
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline and \
                _count(url, "SELECT count(*) FROM ingest_inputs") < RESTART_AFTER:
            time.sleep(0.05)
        assert proc.poll() is None, "the run ended before the restart: " + log_path.read_text()[-2000:]
        server.restart()
        try:
            proc.wait(timeout=300)
        finally:
            if proc.poll() is None:
                proc.kill()
    err = log_path.read_text()
    done_first = _count(url, "SELECT count(*) FROM ingest_inputs")
    assert proc.returncode == 1, err[-3000:]
    assert "Traceback" not in err, err[-3000:]
    coded = [line for line in err.splitlines() if line.startswith("Error: [P4")]
    assert len(coded) == 1, err[-3000:]                       # one coded line says what happened
    assert RESTART_AFTER <= done_first < N
    # the input being stored when the connection dropped is no rejection: nothing is rejected
    assert _count(url, "SELECT count(*) FROM rejections") == 0
    assert _count(url, "SELECT count(*) FROM ingest_inputs WHERE status <> 'stored'") == 0

    again = run_parley("ingest", str(folder), "--db", url, "--published", "2020-01-01", check=False)
    assert again.returncode == 0, again.stderr[-3000:]
    assert f"{done_first}" in again.stderr and "skipped" in again.stderr
    with open_store(url) as store:
        counts = store.counts()
        ids = [r["id"] for r in store.query("SELECT id FROM articles")]
        inputs = store.query("SELECT status, article_uid FROM ingest_inputs")
    assert counts["articles"] == len(ids) == len(set(ids)) == N     # nothing lost, nothing doubled
    assert sorted(ids) == sorted(p.stem for p in folder.iterdir())
    assert len(inputs) == N and {r["status"] for r in inputs} == {"stored"}
    assert len({r["article_uid"] for r in inputs}) == N
    assert counts["rejections"] == 0 and counts["reports"] == N
    check = run_parley("check", "--db", url, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "every check passed" in check.stderr
    assert "[P407]" in err and url.rsplit("/", 1)[1] in coded[0]     # the line names the store

    # and `parley check` on PostgreSQL sees what is wrong with a store
    import psycopg
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DELETE FROM search_units WHERE article_uid = (SELECT MIN(uid) FROM articles)")
        conn.execute("ALTER TABLE mentions ADD CONSTRAINT never_checked CHECK (start_char < 0) NOT VALID")
    check = run_parley("check", "--db", url, check=False)
    assert check.returncode == 1, check.stdout + check.stderr
    assert "missing from the search index" in check.stdout and "never_checked" in check.stdout, check.stdout


def test_a_store_reconnects_after_a_server_restart(server):
    """The store replaces a dropped connection; a long-running `watch` has it done at the start
    of each round, so its state reads work again after a restart."""
    import pg

    from parley.feeds.watch import Watcher
    from parley.settings import Settings
    url = pg.create_database(server.url)
    with open_store(url) as store:
        before = store.counts()
        assert store.reconnect_if_lost() is False
        server.restart()
        assert store.reconnect_if_lost() is True
        assert store.counts() == before
        assert store.reconnect_if_lost() is False
        watcher = Watcher(store, Settings.load(db=url), pipeline=object())   # no pipeline needed
        server.restart()
        assert watcher.round([]) == []
        assert watcher.state.feed("https://news.example/rss").url == "https://news.example/rss"
        watcher.fetcher.close()


def test_serve_on_postgres_goes_on_after_a_server_restart(server):
    """Every request after the restart is answered (before: the server's connections stayed
    dead and every page answered 500 until `serve` was restarted by hand)."""
    import warnings

    import pg
    from fastapi.testclient import TestClient

    from parley.web import create_app
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    url = pg.create_database(server.url)
    open_store(url).close()
    with TestClient(create_app(url), raise_server_exceptions=False) as client:
        assert client.get("/api/").status_code == 200
        assert client.get("/api/actors").status_code == 200
        server.restart()
        for path in ("/api/", "/api/actors", "/api/statements", "/", "/api/"):
            r = client.get(path)
            assert r.status_code == 200, (path, r.status_code, r.text[:500])
