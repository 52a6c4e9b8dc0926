"""Cleaning scraped text by general rules about lines and repeated paragraphs."""
from parley.ingest.text import clean_text


def test_ingest_text_sample_boilerplate_removed(sample_path):
    clean = clean_text(sample_path.read_text())
    text = clean.text
    for furniture in ("Accessibility links", "Breaking News", "About This Blog", "Latest Posts",
                      "Under The Black Flag"):
        assert furniture not in text
    caption = "says the United States took \"hasty measures\" to form its anti-IS coalition"
    assert caption not in text, "a caption repeated back to back is dropped"
    assert text.startswith("Iran Slams U.S. Fight Against IS")
    assert clean.title == "Iran Slams U.S. Fight Against IS, Backs Russia's Push For Syria Talks"
    assert clean.authors == ("Joanna Paraszczuk",)
    assert text.rstrip().endswith("tantamount to surrender.")


def test_ingest_text_rules_are_general():
    raw = ("Home\nWorld\nSign in\n\nFloods Hit Northern Town Overnight\n\n"
           "Heavy rain flooded the town of Ayr overnight, officials said on Monday.\n\n"
           "A photo shows a flooded street in the centre of the town today.\n"
           "A photo shows a flooded street in the centre of the town today.\n\n"
           "Residents were moved to a school, the council said in a statement.\n\n"
           "Residents were moved to a school, the council said in a statement.\n\n"
           "Share\nComments")
    clean = clean_text(raw)
    assert clean.title == "Floods Hit Northern Town Overnight"
    assert "Sign in" not in clean.text and "Share" not in clean.text
    assert "flooded street" not in clean.text
    assert clean.text.count("Residents were moved") == 1


def test_ingest_text_hard_wrapped_lines_join():
    raw = "The minister said the talks\nwould resume next week in Geneva.\n\nNo other details were given."
    assert "talks would resume" in clean_text(raw).text


def test_ingest_text_short_text_kept():
    assert clean_text("Rebels shelled Aleppo.").text == "Rebels shelled Aleppo."
