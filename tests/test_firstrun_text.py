"""Plain-text headlines: a short first line followed by a blank line is the title, and stays
the text's first paragraph, whatever its case and closing punctuation (issue 17)."""
import pytest

from parley.ingest import to_article
from parley.ingest.text import clean_text
from parley.records import RawItem
from parley.settings import Settings

LEAD = ("The finance minister resigned on Tuesday after a week of protests over fuel prices, "
        "the government said in a statement.")
MORE = "Opposition leaders called for early elections and said they would keep up the protests."

LAYOUTS = {
    # headline with a full stop (wire copy, PolNeAR-like): read as prose before
    "sentence, full stop": ("Finance minister quits after fuel protests.", None),
    # sentence case, no punctuation: read as a short menu-like line and dropped before
    "sentence case, bare": ("Finance minister quits after fuel protests", None),
    # headline with a colon kicker
    "kicker": ("Poll: Voters turn against the finance minister", None),
    # headline, then a one-word section label, then the body
    "label after": ("Finance minister quits after fuel protests", "ABSTRACT."),
    # a question as headline
    "question": ("Will the finance minister survive the fuel protests?", None),
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_firstrun_headline_is_title_and_kept(layout):
    headline, label = LAYOUTS[layout]
    parts = [headline] + ([label] if label else []) + [LEAD, MORE]
    clean = clean_text("\n\n".join(parts))
    assert clean.title == headline
    assert clean.text.startswith(headline + "\n\n")
    assert LEAD in clean.text and MORE in clean.text


def test_firstrun_headline_after_section_label():
    clean = clean_text("IN BRIEF.\n\nSpain struggles to form a government.\n\n" + LEAD + "\n\n" + MORE)
    assert clean.title == "Spain struggles to form a government."
    assert "IN BRIEF" not in clean.text


def test_firstrun_headline_with_abbreviations_is_one_sentence():
    head = "Obama Power Plant Rules Face Key Test In U.S. Court."
    assert clean_text(f"{head}\n\n{LEAD}\n\n{MORE}").title == head


def test_firstrun_title_case_heading_after_menus_still_wins():
    raw = f"Home\nWorld\nSign in\n\nBreaking News\n\nFinance Minister Quits After Fuel Protests\n\n{LEAD}\n\n{MORE}"
    clean = clean_text(raw)
    assert clean.title == "Finance Minister Quits After Fuel Protests"
    assert "Sign in" not in clean.text and "Breaking News" not in clean.text


def test_firstrun_no_headline_no_title():
    # two sentences on the first line: a lead paragraph, not a headline
    clean = clean_text(f"{LEAD} {MORE}\n\n{MORE.replace('Opposition', 'Union')}")
    assert clean.title is None
    assert clean.text.startswith(LEAD)
    # a single paragraph has no title either
    assert clean_text(LEAD).title is None
    # a headline line without prose after it is no title
    assert clean_text("Finance minister quits\n\nShare this").title is None


def test_firstrun_headline_becomes_article_title():
    raw = RawItem(id="t1", source="t1.txt", kind="text",
                  content=f"Finance minister quits after fuel protests\n\n{LEAD}\n\n{MORE}")
    art = to_article(raw, Settings.load())
    assert art.title == "Finance minister quits after fuel protests"
    assert art.text.startswith(art.title)
