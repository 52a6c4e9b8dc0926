"""Issue 19: SIGKILL during ingest (with worker processes), during an export and during a
migration; after each, nothing is half-written, no process is left behind, and a re-run
completes with nothing lost or doubled while `parley check` passes."""
from __future__ import annotations

import json
import multiprocessing as mp
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, run_parley

TEXT = ("Russian Foreign Minister Sergei Lavrov met US Secretary of State John Kerry in Geneva on "
        "{day}. Lavrov said the talks on item {n} were constructive. \"We will meet again,\" Kerry "
        "told reporters after the meeting, officials said.")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def _inputs(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "in.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"d{i}", "text": TEXT.format(day=DAYS[i % 5], n=i)})
                              for i in range(n)) + "\n")
    return path


def _children(pid: int) -> list[int]:
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            out.append(int(stat.parent.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state not in ("Z", "X")


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the worker processes")
def test_sigkill_during_parallel_ingest_leaves_no_workers_and_resumes(tmp_path):
    src = _inputs(tmp_path / "in", 120)
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-m", "parley", "ingest", str(src), "--db", str(db),
                             "--processes", "2", "--batch-size", "2"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 240
        workers: list[int] = []
        while time.time() < deadline and proc.poll() is None:
            workers = _children(proc.pid)
            if len(workers) >= 2 and db.exists() and _stored(db) >= 2:
                break
            time.sleep(0.2)
        assert len(workers) >= 2, "the ingest never started its workers"
        proc.send_signal(signal.SIGKILL)
        proc.wait(30)
        end = time.time() + 10
        while time.time() < end and any(_alive(w) for w in workers):
            time.sleep(0.1)
        left = [w for w in workers if _alive(w)]
    finally:
        for w in _children(proc.pid):
            os.kill(w, signal.SIGKILL)
    assert not left, f"worker processes {left} outlived their killed parent"
    run_parley("ingest", str(src), "--db", str(db), "--processes", "2")
    con = sqlite3.connect(db)
    ids = [r[0] for r in con.execute("SELECT id FROM articles")]
    assert sorted(ids) == sorted(f"d{i}" for i in range(120)), "lost or doubled articles"
    assert run_parley("check", "--db", str(db)).returncode == 0


def _stored(db: Path) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        return con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0


def _slow_export(db: str, out: str, fmt: str) -> None:
    """An export whose rows come slowly (so a kill lands in the middle of writing)."""
    import parley.export as ex
    from parley.store import open_store
    rows_of = ex._table

    def slow_table(store, o, table):
        columns, rows = rows_of(store, o, table)

        def trickle():
            for row in rows:
                yield row
                time.sleep(0.3)
        return columns, trickle()
    ex._table = slow_table
    with open_store(db) as store:
        ex.export(store, ex.ExportOptions(fmt=fmt, table="events" if fmt == "csv" else None), out)


@pytest.fixture(scope="module")
def small_db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("crash")
    db = root / "s.db"
    run_parley("ingest", str(_inputs(root / "in", 12)), "--db", str(db))
    return db


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_sigkill_during_export_leaves_the_previous_file_whole(small_db, tmp_path, fmt):
    out = tmp_path / f"export.{fmt}"
    run_parley("export", "--format", fmt, "--out", str(out), "--db", str(small_db))
    before = out.read_bytes()
    assert before.count(b"\n") >= 3
    child = mp.get_context("fork").Process(target=_slow_export, args=(str(small_db), str(out), fmt))
    child.start()
    deadline = time.time() + 60
    while time.time() < deadline and not list(tmp_path.glob(f".export.{fmt}.*.tmp")):
        time.sleep(0.05)
    time.sleep(0.5)                                   # some rows written to the temporary file
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    assert out.read_bytes() == before                 # the previous export, byte for byte


LANGUAGE_MIGRATION = "1901_article_language_encoding"    # adds articles.language and .encoding


def _slow_migration(db: str) -> None:
    """Open the store with the newest migration made slow after its first statement."""
    from parley.store import migrations
    from parley.store.sqlite import SQLiteStore
    last = next(m for m in migrations.MIGRATIONS if m.name == LANGUAGE_MIGRATION)
    slow = migrations.Migration(last.name, (last.statements[0], lambda store: time.sleep(30),
                                            *last.statements[1:]))
    migrations.MIGRATIONS = tuple(slow if m is last else m for m in migrations.MIGRATIONS)
    import parley.store.base as base
    base.MIGRATIONS = migrations.MIGRATIONS
    SQLiteStore(db)


def test_sigkill_during_a_migration_leaves_the_store_as_it_was(small_db, tmp_path):
    from parley.store import migrations, open_store
    db = tmp_path / "old.db"
    con = sqlite3.connect(small_db)
    con.execute(f"VACUUM INTO '{db}'")
    con.close()
    last = next(m for m in migrations.MIGRATIONS if m.name == LANGUAGE_MIGRATION)
    con = sqlite3.connect(db)
    for col in ("language", "encoding"):
        con.execute(f"ALTER TABLE articles DROP COLUMN {col}")
    con.execute("DELETE FROM schema_migrations WHERE name = ?", (last.name,))
    con.commit()
    con.close()
    child = mp.get_context("fork").Process(target=_slow_migration, args=(str(db),))
    child.start()
    time.sleep(3)
    os.kill(child.pid, signal.SIGKILL)
    child.join(10)
    con = sqlite3.connect(db)
    cols = {r[1] for r in con.execute("PRAGMA table_info(articles)")}
    con.close()
    assert "language" not in cols                     # the half-done migration was rolled back
    with open_store(str(db)) as store:                # and applies whole on the next open
        assert store.schema_version == max(m.name for m in migrations.MIGRATIONS)
    assert run_parley("check", "--db", str(db)).returncode == 0
