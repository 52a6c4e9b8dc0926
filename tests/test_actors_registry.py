"""The corpus-wide registry: articles join entries, roles keep their dates, and the
analyst's corrections (kept in actors.yaml) survive re-ingesting the corpus."""
import json

import pytest
import yaml

from conftest import run_parley
from parley import process
from parley.store import open_store
from parley.store.writer import Writer
from parley.store import registry_edits as edits
from parley.store.registry import Registry

LATER = ("Russian Foreign Minister Sergei Lavrov said on Monday that Moscow would attend the "
         "talks in Geneva. Lavrov met the UN envoy Staffan de Mistura, who said a truce was near.")


@pytest.fixture()
def corpus(sample_path, tmp_path):
    """The sample (2014-12-18) and a later article (2015-03-02), as files to ingest."""
    later = tmp_path / "corpus" / "later.jsonl"
    later.parent.mkdir()
    later.write_text(json.dumps({"id": "later", "text": LATER, "published": "2015-03-02"}) + "\n")
    return [str(sample_path), str(later)]


def _ingest(inputs, db):
    with open_store(str(db)) as store:
        return Writer(store).put_many(process(inputs, published="2014-12-18"))


def _entry(db, name):
    with open_store(str(db)) as store:
        reg = Registry.of(store)
        return reg.show(reg.resolve(name))


def test_registry_joins_articles_and_dates_roles(corpus, tmp_path):
    db = tmp_path / "news.db"
    assert _ingest(corpus, db)["stored"] == 2
    lavrov = _entry(db, "Sergei Lavrov")
    assert {a["article"] for a in lavrov["articles"]} == {"000_af679a3f55185a80", "later"}
    role = next(r for r in lavrov["roles"] if r["role"] == "Foreign Minister")
    assert (role["first"], role["last"], role["articles"]) == ("2014-12-18", "2015-03-02", 2)
    gov = _entry(db, "Moscow")
    assert (gov["kind"], gov["country"], gov["sector"]) == ("organization", "RUS", "GOV")
    assert len(gov["articles"]) == 2


def test_registry_corrections_survive_reingest(corpus, tmp_path):
    db = tmp_path / "news.db"
    _ingest(corpus, db)
    with open_store(str(db)) as store:
        reg = Registry.of(store)
        country = next(e["id"] for e in reg.entries(search="syria") if e["kind"] == "country")
        edits.merge(reg, "Government of Syria", [country])
        edits.rename(reg, "Staffan de Mistura", "Staffan de Mistura (UN)", sector="NGO")
    recorded = yaml.safe_load((tmp_path / "actors.yaml").read_text())
    assert [c["op"] for c in recorded["corrections"]] == ["merge", "rename"]

    def check():
        mistura = _entry(db, "Staffan de Mistura (UN)")
        assert mistura["sector"] == "NGO" and {a["sector"] for a in mistura["articles"]} == {"NGO"}
        assert len(mistura["articles"]) == 2
        syria = _entry(db, "Syria")                     # the country is merged into the government
        assert syria["name"] == "Government of Syria" and syria["merged"]

    check()
    assert _ingest(corpus, db)["duplicate"] == 2       # the same corpus again: nothing new
    check()
    for f in tmp_path.glob("news.db*"):
        f.unlink()
    assert _ingest(corpus, db)["stored"] == 2          # a new store from the same corpus
    check()


def test_registry_cli_lists_shows_and_renames(corpus, tmp_path):
    db = tmp_path / "cli.db"
    _ingest(corpus, db)
    out = json.loads(run_parley("actors", "list", "--search", "lavrov", "--json", "--db", str(db)).stdout)
    assert [e["name"] for e in out] == ["Sergei Lavrov"]
    shown = run_parley("actors", "show", out[0]["id"], "--db", str(db)).stdout
    assert "Foreign Minister, 2014-12 to 2015-03" in shown
    run_parley("actors", "rename", "Sergei Lavrov", "Sergey Lavrov", "--db", str(db))
    assert "Sergey Lavrov" in (tmp_path / "actors.yaml").read_text()
    bad = run_parley("actors", "show", "Nobody Atall", "--db", str(db), check=False)
    assert bad.returncode != 0 and "parley actors list" in bad.stderr
