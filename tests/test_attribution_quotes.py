"""Quote spans: pairs, split quotes, multi-paragraph quotes, and unbalanced marks."""
import pytest

from parley.attribution.quotes import find_quotes


def _quoted(text):
    return [text[s:e] for s, e in find_quotes(text)]


def test_curly_and_straight_quotes_pair():
    assert _quoted('He said "yes" and “no”.') == ['"yes"', "“no”"]


def test_two_apostrophes_are_a_quote_mark():
    assert _quoted("''Did I enjoy it? No,'' she said.") == ["''Did I enjoy it? No,''"]


def test_split_quote_gives_two_quotes_around_the_cue():
    assert _quoted("“We will win,” Trump said, “and fast.”") == ["“We will win,”", "“and fast.”"]


def test_quote_running_over_paragraphs_is_one_span():
    text = "“The first part.\n\n“The second part.”\n\nNot quoted."
    assert _quoted(text) == ["“The first part.\n\n“The second part.”"]


def test_unclosed_quote_ends_with_its_paragraph():
    text = "“Never closed here\n\nA plain paragraph with a “real quote” in it."
    assert _quoted(text) == ["“Never closed here", "“real quote”"]


@pytest.mark.parametrize("text", ["”", "“", '"', "''", "” stray “", 'a " b', "“\n\n“\n\n", "", "\n\n"])
def test_unbalanced_marks_never_raise(text):
    for s, e in find_quotes(text):
        assert 0 <= s < e <= len(text)
