"""CAMEO/Phoenix actor dictionaries (PETRARCH2's format) and how an import codes mentions."""
import json

import pytest

from conftest import run_parley
from parley import process
from parley.actors.phoenix import DictionaryError, decode, parse
from parley.store import open_store
from parley.store.writer import Writer
from parley.store.registry import Registry

DICTIONARY = """\
# A small Phoenix-format actor dictionary, as analysts keep them.
<!-- the first lines
     are comments -->
OLEKSANDR_KRAVETS_  [UKRBUS]   # default code
+KRAVETS_
\t[UKRGOV 20140301-20161231]
\t[UKRMIL <140228]
NORTH_ATLANTIC_TREATY_ORGANIZATION_ [IGONAT]
"""
ARTICLE = ("Oleksandr Kravets said on Tuesday that the talks with the rebels had failed. "
           "Kravets told reporters the ceasefire would not hold.")


def test_phoenix_parse_entries_synonyms_dated_codes():
    kravets, nato = parse(DICTIONARY)
    assert (kravets.name, kravets.synonyms) == ("OLEKSANDR KRAVETS", ["KRAVETS"])
    assert kravets.default.code == "UKRBUS"
    assert [(c.code, c.start, c.end) for c in kravets.dated] == [
        ("UKRGOV", "2014-03-01", "2016-12-31"), ("UKRMIL", "", "2014-02-28")]
    assert kravets.coding_on("2015-06-01").code == "UKRGOV"
    assert kravets.coding_on("2013-01-01").code == "UKRMIL"
    assert kravets.coding_on("2019-01-01").code == "UKRBUS"
    assert (nato.name, nato.default.country, nato.default.sector) == ("NORTH ATLANTIC TREATY ORGANIZATION", None, "IGO")


def test_phoenix_decode_codes():
    assert decode("USAGOV") == ("USA", "GOV")
    assert decode("AFGGOVAGR") == ("AFG", "GOV")
    assert decode("IGOUNO") == (None, "IGO")
    assert decode("SYR") == ("SYR", None)


def test_phoenix_bad_line_names_the_fix():
    with pytest.raises(DictionaryError, match="needs an actor line"):
        parse("+ORPHAN_SYNONYM\n")


def _kravets(db, inputs):
    with open_store(str(db)) as store:
        Writer(store).put_many(process(inputs))
        rows = store.query("SELECT country, sector FROM actors WHERE name = ?", ("Oleksandr Kravets",))
    assert len(rows) == 1
    return rows[0]["country"], rows[0]["sector"]


def test_import_changes_how_a_matching_mention_is_coded(tmp_path):
    article = tmp_path / "kravets.jsonl"
    article.write_text(json.dumps({"id": "k1", "text": ARTICLE, "published": "2015-06-02"}) + "\n")
    dictionary = tmp_path / "dict" / "ukraine.actors.txt"
    dictionary.parent.mkdir()
    dictionary.write_text(DICTIONARY)

    plain = tmp_path / "plain" / "news.db"
    assert _kravets(plain, [str(article)]) == (None, None)

    coded = tmp_path / "coded" / "news.db"
    run_parley("actors", "import", str(dictionary), "--db", str(coded))
    assert _kravets(coded, [str(article)]) == ("UKR", "GOV")          # the 2014-2016 code

    run_parley("actors", "import", str(dictionary), "--db", str(plain))  # after the ingest:
    with open_store(str(plain)) as store:                                 # stored mentions recoded
        row = store.query("SELECT country, sector, registry_id FROM actors WHERE name = ?",
                          ("Oleksandr Kravets",))[0]
        assert (row["country"], row["sector"]) == ("UKR", "GOV")
        entry = Registry.of(store).show(row["registry_id"])
        assert "kravets" in entry["names"] and entry["codes"]
