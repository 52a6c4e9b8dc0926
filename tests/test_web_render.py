"""The pieces the pages are drawn with: overlapping marks as well-nested HTML, timelines, plots."""
from __future__ import annotations

import random
from html.parser import HTMLParser

from parley.web.article import Tag, render_marks
from parley.web.plots import timeline_svg
from parley.web.timeline import periods

TEXT = ('Washington is "not serious about fighting terrorism," Iran\'s deputy foreign minister has said, '
        "in a sharply worded criticism of the United States & its allies <b>fighting</b> IS.")


class Checker(HTMLParser):
    """Fails on a closing tag that does not close the innermost open one; collects the text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.links_in_links = 0

    def handle_starttag(self, tag, attrs):
        if tag == "a" and "a" in self.stack:
            self.links_in_links += 1
        self.stack.append(tag)

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def _tags(rng: random.Random, n: int) -> list[Tag]:
    kinds = [(0, "<span class='sent'>", "</span>", False), (1, "<span class='c'>", "</span>", False),
             (3, "<mark>", "</mark>", False), (5, "<a href='/x'>", "</a>", True)]
    out = []
    for _ in range(n):
        start = rng.randrange(len(TEXT))
        end = min(len(TEXT), start + rng.randrange(1, 40))
        rank, open_, close, exclusive = rng.choice(kinds)
        out.append(Tag(start, end, rank, open_, close, exclusive))
    return out


def test_web_overlapping_marks_render_well_nested_and_keep_the_text():
    rng = random.Random(8)
    for _ in range(200):
        html = render_marks(TEXT, _tags(rng, rng.randrange(1, 12)))
        checker = Checker()
        checker.feed(str(html))
        assert not checker.stack and checker.links_in_links == 0
        assert "".join(checker.text) == TEXT          # escaped markup comes back as the same text
        assert "<b>" not in html


def test_web_timeline_fills_gaps_and_counts_by_year_over_long_spans():
    rows = [{"month": "2014-12", "polarity": "conflict", "n": 2, "intensity_sum": -4.0, "intensity_n": 2},
            {"month": "2015-03", "polarity": "cooperation", "n": 1, "intensity_sum": 3.0, "intensity_n": 1},
            {"month": "20x5-03", "polarity": "cooperation", "n": 9, "intensity_sum": 0, "intensity_n": 0}]
    months = periods(rows)
    assert [p.period for p in months] == ["2014-12", "2015-01", "2015-02", "2015-03"]
    assert (months[0].conflict, months[0].mean_intensity, months[1].total) == (2, -2.0, 0)
    years = periods(rows + [{"month": "2021-06", "polarity": "other", "n": 1, "intensity_sum": None,
                             "intensity_n": 0}])
    assert [p.period for p in years] == [str(y) for y in range(2014, 2022)]
    assert years[1].cooperation == 1 and years[-1].other == 1 and years[-1].mean_intensity is None


def test_web_timeline_svg_draws_one_bar_per_count():
    months = periods([{"month": "2019-11", "polarity": "conflict", "n": 3, "intensity_sum": -6.0,
                       "intensity_n": 3},
                      {"month": "2019-12", "polarity": "cooperation", "n": 1, "intensity_sum": 1.0,
                       "intensity_n": 1}])
    svg = str(timeline_svg(months, "A <&> B"))
    assert svg.count('<rect class="bar conflict"') == 2 and svg.count('<rect class="bar coop"') == 2  # + legend
    assert "<title>A &lt;&amp;&gt; B</title>" in svg and svg.count("<circle") == 2
    assert "no dated events" in str(timeline_svg((), "empty"))
