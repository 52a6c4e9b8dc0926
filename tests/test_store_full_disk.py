"""A full disk during ingest: the run stops with one coded line, nothing is marked done that
was not stored, and the re-run stores every input (none lost as a 'store_error' rejection)."""
from __future__ import annotations

import resource
import signal
import sqlite3
import subprocess
import sys

from conftest import ROOT
from news_folder import write_news_folder

from parley import open_store

N = 24


def _ingest(folder, db, fsize: int | None = None) -> subprocess.CompletedProcess:
    def limit():                       # a file-size limit stands in for a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    return subprocess.run([sys.executable, "-m", "parley", "ingest", str(folder), "--db", str(db),
                           "--published", "2020-01-01"], capture_output=True, text=True, cwd=ROOT,
                          preexec_fn=limit if fsize else None, timeout=600)


def test_a_full_disk_stops_the_run_and_loses_nothing(tmp_path):
    folder = write_news_folder(tmp_path / "in", N)
    db = tmp_path / "full.db"
    open_store(str(db)).close()                          # the empty store, migrated
    full = _ingest(folder, db, fsize=db.stat().st_size + 96 * 1024)
    assert full.returncode == 1, full.stderr[-2000:]
    assert "[P407]" in full.stderr and "Traceback" not in full.stderr, full.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        stored_first = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert stored_first < N

    again = _ingest(folder, db)
    assert again.returncode == 0, again.stderr[-2000:]
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == N
        assert conn.execute("SELECT count(*) FROM rejections").fetchone()[0] == 0
        assert conn.execute("SELECT count(DISTINCT id) FROM articles").fetchone()[0] == N
