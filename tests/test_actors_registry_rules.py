"""The registry keeps people apart without evidence that they are one: different first
names, parties or countries; a surname alone joins only the one person who has it. And
`parley actors audit` lists the entries whose articles disagree."""
import json

from conftest import run_parley
from parley import process
from parley.store import open_store
from parley.store.writer import Writer
from parley.store.registry import Registry
from parley.store.registry_audit import _findings

ARTICLES = {
    "ken": "Ken Clarke, the Conservative chancellor, said on Monday that taxes would not rise this year.",
    "charles": "Charles Clarke, the Labour home secretary, said on Tuesday that the bill would pass.",
    "clarke": "Mr Clarke told reporters in London on Wednesday that the talks had ended without a deal.",
    "smith_r": "Republican senator John Smith said on Monday that he would vote against the budget.",
    "smith_d": "Democratic senator John Smith said on Friday that he would vote for the budget bill.",
    "ken2": "Ken Clarke said on Thursday that the markets had calmed after the announcement.",
}


def _store(tmp_path, names):
    folder = tmp_path / "in"
    folder.mkdir()
    lines = [json.dumps({"id": n, "text": ARTICLES[n], "published": "2016-03-01"}) for n in names]
    (folder / "news.jsonl").write_text("\n".join(lines) + "\n")
    db = tmp_path / "news.db"
    with open_store(str(db)) as store:
        Writer(store).put_many(process([str(folder / "news.jsonl")]))
    return db


def _entries_of(db, article_ids):
    with open_store(str(db)) as store:
        rows = store.query("SELECT ar.id AS article, a.name AS name, a.registry_id AS rid FROM actors a "
                           "JOIN articles ar ON ar.uid = a.article_uid WHERE a.kind = 'person'")
    return {(r["article"], r["name"]): r["rid"] for r in rows if r["article"] in article_ids}


def test_first_names_and_parties_keep_people_apart(tmp_path):
    db = _store(tmp_path, ["ken", "charles", "clarke", "smith_r", "smith_d", "ken2"])
    e = _entries_of(db, set(ARTICLES))
    assert e[("ken", "Ken Clarke")] != e[("charles", "Charles Clarke")]
    assert e[("ken", "Ken Clarke")] == e[("ken2", "Ken Clarke")]
    assert e[("clarke", "Clarke")] not in {e[("ken", "Ken Clarke")], e[("charles", "Charles Clarke")]}
    assert e[("smith_r", "John Smith")] != e[("smith_d", "John Smith")]
    with open_store(str(db)) as store:
        reg = Registry.of(store)
        ken = reg.show(e[("ken", "Ken Clarke")])
        assert "charles clarke" not in ken["names"]


def test_a_surname_joins_the_one_person_who_has_it(tmp_path):
    db = _store(tmp_path, ["ken", "clarke"])
    e = _entries_of(db, {"ken", "clarke"})
    assert e[("clarke", "Clarke")] == e[("ken", "Ken Clarke")]


def test_audit_finds_disagreeing_articles():
    rows = [{"name": "Clarke", "kind": "person", "aname": "Ken Clarke", "akind": "person",
             "country": "GBR", "role": "Conservative chancellor"},
            {"name": "Clarke", "kind": "person", "aname": "Charles Clarke", "akind": "person",
             "country": "GBR", "role": "Labour home secretary"},
            {"name": "Clarke", "kind": "person", "aname": "Clarke", "akind": "organization",
             "country": "USA", "role": None}]
    found = {f.reason: f.values for f in _findings("r1", rows, {"clarke"})}
    assert found["first names"] == ("charles", "ken")
    assert found["parties"] == ("Conservative Party", "Labour Party")
    assert found["kinds"] == ("organization", "person")
    assert found["countries"] == ("GBR", "USA")
    assert found["person and organisation"] == ("Clarke",)
    agreeing = [dict(rows[0]), dict(rows[0], aname="Clarke")]
    assert _findings("r2", agreeing, set()) == []


def test_audit_command_runs_on_a_store(tmp_path):
    db = _store(tmp_path, ["ken", "charles"])
    out = json.loads(run_parley("actors", "audit", "--json", "--db", str(db)).stdout)
    assert isinstance(out, list)
    assert all({"id", "name", "reason", "values"} <= set(f) for f in out)
