"""The SQLite store: idempotent ingest, read-back, and the CLI over it."""
import csv
import io
import json

from conftest import SAMPLE_ID, run_parley

from parley import open_store, process
from parley.contract import to_contract
from parley.store.migrations import MIGRATIONS
from parley.store.writer import Writer


def test_store_ingest_twice_adds_nothing(sample_path, tmp_path):
    db = str(tmp_path / "t.db")
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_text("")
    first = run_parley("ingest", str(sample_path), str(bad), "--published", "2014-12-18", "--db", db)
    assert "stored" in first.stderr and "empty" in first.stderr
    with open_store(db) as store:
        counts = store.counts()
    assert counts["articles"] == 1 and counts["rejections"] == 1 and counts["events"] > 0
    second = run_parley("ingest", str(sample_path), str(bad), "--published", "2014-12-18", "--db", db)
    assert "duplicates" in second.stderr
    with open_store(db) as store:
        assert store.counts() == counts
        assert store.schema_version == max(m.name for m in MIGRATIONS)


def test_store_read_back_equals_extraction(sample_path, tmp_path):
    (x,) = list(process([sample_path], published="2014-12-18"))
    with open_store(str(tmp_path / "r.db")) as store:
        writer = Writer(store)                  # the ingest step: registry join, then put
        assert writer.put(x) == "stored"
        assert writer.put(x) == "duplicate"
        back = store.extraction(SAMPLE_ID)
    a, b = to_contract(x), to_contract(back)
    assert any(actor["registry_id"] for actor in b["actors"])   # stored actors join the registry
    for actor in a["actors"] + b["actors"]:
        actor.pop("registry_id")
    for key in ("text", "actors", "attributions", "events", "title", "published"):
        assert a[key] == b[key], key


def test_store_cli_show_stats_export(sample_path, tmp_path):
    db = str(tmp_path / "c.db")
    run_parley("ingest", str(sample_path), "--published", "2014-12-18", "--db", db)
    shown = run_parley("show", SAMPLE_ID, "--db", db).stdout
    assert "Sergei Lavrov" in shown and "attributions" in shown and "events" in shown
    assert "articles" in run_parley("stats", "--db", db).stdout
    rows = list(csv.DictReader(io.StringIO(run_parley("export", "--format", "csv", "--db", db).stdout)))
    assert rows and all(r["notes"] and r["event_type"] for r in rows)  # ACLED-like layout
    objs = [json.loads(line) for line in run_parley("export", "--db", db).stdout.splitlines()]
    assert objs[0]["id"] == SAMPLE_ID
    missing = run_parley("show", "nope", "--db", db, check=False)
    assert missing.returncode != 0 and "no article 'nope'" in missing.stderr
