"""Dates resolved against the publication date; places from the offline gazetteer."""
import pytest

from parley.events.dates import resolve_date
from parley.events.places import lookup_place
from parley.records import Article, Extraction

PUBLISHED = "2014-12-18"   # a Thursday


@pytest.mark.parametrize("text, iso, precision", [
    ("December 16", "2014-12-16", "day"),
    ("on Wednesday", "2014-12-17", "day"),
    ("Thursday", "2014-12-18", "day"),
    ("on Sunday", "2014-12-14", "day"),
    ("in February", "2014-02-01", "month"),
    ("last July", "2014-07-01", "month"),
    ("last year", "2013-01-01", "year"),
    ("yesterday", "2014-12-17", "day"),
    ("last December", "2013-12-01", "month"),     # the last one before the publication's month
    ("last November", "2014-11-01", "month"),
    ("recent weeks", "PAST_REF", "ref"),
    ("the near future", "FUTURE_REF", "ref"),
    ("in nineteen ninety-six", "1996-01-01", "year"),      # years spelled out (broadcast transcripts)
    ("January nineteen ninety-seven", "1997-01-01", "month"),
    ("the year two thousand", "2000-01-01", "year"),
    ("the nineties", "199", "decade"),
    ("earlier in the year", "2014-01-01", "year"),
    ("a few days back", "PAST_REF", "ref"),
    ("March of this year", "2014-03-01", "month"),      # a month or day with the year named apart
    ("December 22, last year", "2013-12-22", "day"),
    ("last year August 8", "2013-08-08", "day"),
    ("the first half of this year", "2014-H1", "half"),
    ("the last half of 2014", "2014-H2", "half"),
    ("Thanksgiving Day", "2014-11-27", "day"),          # holidays: the fourth Thursday of November
    ("last Christmas", "2013-12-25", "day"),
    ("Christmas Eve 1998", "1998-12-24", "day"),
    ("Easter", "2014-04-20", "day"),                    # the Gregorian computus
    ("Independence Day", "2014-07-04", "day"),
])
def test_dates_resolve_against_publication(text, iso, precision):
    assert resolve_date(text, PUBLISHED) == (iso, precision)


@pytest.mark.parametrize("text", ["two years", "the 1991-1995", "24-hour", "several months", "nineteen people",
                                  "twenty-one"])
def test_durations_are_not_dates(text):
    assert resolve_date(text, PUBLISHED) is None


def test_gazetteer_places():
    aleppo = lookup_place("Aleppo")
    assert aleppo.country == "SYR" and abs(aleppo.lat - 36.2) < 0.1 and abs(aleppo.lon - 37.16) < 0.1
    assert lookup_place("Bam", countries=frozenset({"IRN"})).country == "IRN"
    assert lookup_place("Iran") is None and lookup_place("Nowhereville") is None


def code(pipeline, text: str) -> Extraction:
    (result,) = list(pipeline.run_articles([Article(id="t", text=text, source="t", published=PUBLISHED)]))
    return result


def test_event_place_and_the_city_anaphor(pipeline):
    ex = code(pipeline, "Rebels attacked Aleppo on Wednesday. Government forces shelled the city overnight.")
    first, second = ex.events
    assert (first.place.name, first.date) == ("Aleppo", "2014-12-17")
    assert second.place.name == "Aleppo" and second.place.span != first.place.span
    assert second.date == PUBLISHED and second.date_span is None


def test_the_reports_quarter_named_again(pipeline):
    ex = code(pipeline, "Acme earned $5 million in the third quarter. Sales rose 3% in the quarter. "
                        "Costs fell. Prices rose. Its profit was $2 million in the 1988 quarter and "
                        "$3 million in the year-ago third quarter.")
    dates = {d.text: d.date for d in ex.dates}
    assert dates["the third quarter"] == "2014-Q3" and dates["the quarter"] == "2014-Q3"
    assert dates["the 1988 quarter"] == "1988-Q3" and dates["the year-ago third quarter"] == "2013-Q3"


def test_the_quarter_without_one_named_is_the_last_whole_quarter(pipeline):
    ex = code(pipeline, "Sales rose 3% in the quarter, the company said.")
    assert [(d.text, d.date, d.precision) for d in ex.dates] == [("the quarter", "2014-Q3", "quarter")]


def test_event_takes_the_date_of_its_own_clause(pipeline):
    ex = code(pipeline, "On Monday the minister said that rebels had attacked the convoy on Saturday.")
    (e,) = [e for e in ex.events if e.type == "ASSAULT"]
    assert e.date == "2014-12-13" and ex.article.text[e.date_span[0]:e.date_span[1]] == "Saturday"
    assert [d.date for d in ex.dates] == ["2014-12-15", "2014-12-13"]


def test_no_wall_clock_without_a_publication_date(pipeline, caplog):
    (ex,) = list(pipeline.run_articles([Article(id="t", text=(
        "Rebels attacked the convoy last week. On Friday the army said it fought in 1967 "
        "and on March 3, 2001."), source="t", published=None)]))
    dates = {d.text: d for d in ex.dates}
    assert dates["last week"].date is None and dates["Friday"].date is None
    assert dates["1967"].date == "1967-01-01" and dates["March 3, 2001"].date == "2001-03-03"
    assert all(e.date is None or e.date < "2002" for e in ex.events)


def test_ages_counts_and_measures_are_not_dates(pipeline):
    ex = code(pipeline, "Viktor Makarov, 50, said 35 soldiers walked 12 miles on Monday.")
    assert [d.text for d in ex.dates if d.kind == "DATE"] == ["Monday"]


def test_durations_and_sets_are_in_durations_with_a_kind_and_no_date(pipeline):
    ex = code(pipeline, "The siege lasted two years. Talks are held every Tuesday since March 3, 2001.")
    kinds = {d.text: (d.kind, d.value, d.date) for d in ex.durations}
    assert kinds["two years"] == ("DURATION", "P2Y", None)
    assert kinds["every Tuesday"] == ("SET", "XXXX-WXX-2", None)
    assert [d.text for d in ex.dates] == ["March 3, 2001"] and {d.kind for d in ex.dates} == {"DATE"}


def test_durations_are_a_field_of_the_contract_and_read_back(pipeline):
    from parley.contract import from_contract, problems, to_contract
    ex = code(pipeline, "The siege lasted two years until Monday.")
    obj = to_contract(ex)
    assert [d["kind"] for d in obj["dates"]] == ["DATE"] and [d["kind"] for d in obj["durations"]] == ["DURATION"]
    assert not problems(obj)
    back = from_contract(obj)
    assert back.dates == ex.dates and back.durations == ex.durations
    older = {**obj, "dates": obj["dates"] + obj["durations"]}    # an output written before `durations`
    del older["durations"]
    assert from_contract(older).durations == ex.durations and from_contract(older).dates == ex.dates
    assert any("belongs in durations" in p for p in problems(older))


def test_a_past_year_stays_that_year_and_the_next_year_follows_publication(pipeline):
    ex = code(pipeline, "Israel captured the Golan Heights in 1967. Elections are due next year.")
    dates = {d.text: d.date for d in ex.dates}
    assert dates["1967"] == "1967-01-01" and dates["next year"] == "2015-01-01"


def test_no_date_later_than_publication_plus_one_year(pipeline):
    text = ("The minister will visit on Friday. The ceasefire expires Dec. 7. Fighting resumed in January "
            "and talks are planned for next month. The deal was signed on March 30 and in 1999.")
    ex = code(pipeline, text)
    assert ex.dates and all(d.date is None or d.date <= "2015-12-18" for d in ex.dates)
    assert all(e.date <= "2015-12-18" for e in ex.events if e.date)


@pytest.mark.slow
def test_no_date_past_publication_plus_one_year_nor_from_the_clock_on_real_news(pipeline):
    """The 181 benchmark pages (publication dates as Parley reads them from the HTML) and
    PolNeAR dev (dates from the file names): no date the text does not state with its year
    lies after publication + 1 year; without a publication date none lies near today's clock."""
    import re
    from datetime import date, timedelta

    from conftest import need

    from parley.events.dates import article_dates
    from parley.events.spelled import digits
    from parley.events.timex import iso_date
    from parley.ingest import read_articles
    from parley.records import Article
    from parley.settings import Settings
    html, polnear = need("article-extraction-benchmark/html"), need("polnear/dev/text")
    items = [(a.text, a.published) for a in read_articles([html], Settings.load()) if isinstance(a, Article)]
    items += [(p.read_text(encoding="utf-8"), re.search(r"\d{4}-\d\d-\d\d", p.name)[0])
              for p in sorted(polnear.glob("*.txt"))]
    assert len(items) > 240                # 181 pages less the few rejected (no prose), 84 PolNeAR articles
    clock = (date.today() - timedelta(days=7)).isoformat()
    bad = []
    for doc, (_, published) in zip(pipeline.nlp.pipe(t for t, _ in items), items):
        for d in article_dates(doc, published):
            day = iso_date(d.date, d.precision)
            if day is None or re.search(r"\d{4}", digits(d.text.lower())):   # a year (or decade) the text states
                continue
            limit = date.fromisoformat(published[:10]).replace(year=int(published[:4]) + 1).isoformat() \
                if published else clock
            if day > limit:
                bad.append((published, d.text, d.date))
    assert not bad, bad[:20]


def test_the_same_day_and_the_day_before_are_the_days_named_before(pipeline):
    ex = code(pipeline, "Rebels attacked the town on Monday. The same day, the army shelled the port. "
                        "Police had arrested him on Dec. 3, and charged him the day after. It was "
                        "Oct. 12, the day before the crash.")
    dates = {d.text: d.date for d in ex.dates}
    assert dates["The same day"] == "2014-12-15" and dates["the day after"] == "2014-12-04"
    assert "the day before" not in dates          # "the day before the crash" is Oct. 12 itself


def test_the_second_day_of_december_5_and_6(pipeline):
    ex = code(pipeline, "Schools closed on December 5 and 6, the government said.")
    assert [(d.text, d.date) for d in ex.dates if d.date] == [("December 5", "2014-12-05"), ("6", "2014-12-06")]


def test_that_day_is_the_day_named_before(pipeline):
    ex = code(pipeline, "On Friday, he resigned. Later that day, police fired on the crowd.")
    assert {d.text: d.date for d in ex.dates}["Later that day"] == "2014-12-12"


def test_later_in_the_day_without_a_day_named_is_the_publication_day(pipeline):
    ex = code(pipeline, "The minister arrived in Paris later in the day.")
    assert [(d.text, d.date) for d in ex.dates] == [("later in the day", PUBLISHED)]


def test_until_in_a_past_clause_and_a_plan_that_was_are_not_pushed_ahead(pipeline):
    ex = code(pipeline, "The general, who led the mission until October, resigned. They had given "
                        "the government until Tuesday. The emergency begun on November 25 ended. The "
                        "vote, which was expected to take place on December 20, was postponed.")
    dates = {d.text: d.date for d in ex.dates}
    assert dates["October"] == "2014-10-01" and dates["Tuesday"] == "2014-12-16"
    assert dates["November 25"] == "2014-11-25" and dates["December 20"] == "2014-12-20"


def test_the_same_day_far_from_the_day_named_is_still_that_day(pipeline):
    ex = code(pipeline, "Rebels attacked the town on Monday. Many died. The town burned. Troops left. "
                        "The same day, the army shelled the port.")
    assert {d.text: d.date for d in ex.dates}["The same day"] == "2014-12-15"


def test_that_year_and_later_that_month_are_the_anchors(pipeline):
    ex = code(pipeline, "The plant opened in March 2009. Later that month, it closed. Sales fell 8% that year.")
    dates = {d.text: (d.date, d.precision) for d in ex.dates}
    assert dates["Later that month"] == ("2009-03-01", "month") and dates["that year"] == ("2009-01-01", "year")


def test_a_plan_moved_in_the_past_tense_may_name_a_date_ahead(pipeline):
    ex = code(pipeline, "Maryland rescheduled its primary to January 6; it was originally planned for "
                        "December 2.")
    dates = {d.text: d.date for d in ex.dates}
    assert dates["January 6"] == "2015-01-06" and dates["December 2"] == "2014-12-02"


def test_a_month_under_way_is_this_years_for_an_act_to_come(pipeline):
    ex = code(pipeline, "Elections scheduled to occur in December were delayed.")
    assert [(d.text, d.date) for d in ex.dates] == [("December", "2014-12-01")]


def test_a_number_before_a_plural_noun_or_after_is_is_a_count_not_a_year(pipeline):
    ex = code(pipeline, "Of the patients, 1846 persons were hospitalized. The toll is 1501. In 2016, cases rose.")
    assert [d.text for d in ex.dates] == ["2016"]


def test_a_weekday_of_a_plan_told_in_the_past_is_the_nearer_one(pipeline):
    # published on a Thursday: Friday is a day ahead, Monday three days back
    ex = code(pipeline, "Protesters planned a march on Friday. The prosecutor has scheduled a news "
                        "conference Monday. A memorial service planned for Wednesday was canceled.")
    dates = {d.text: d.date for d in ex.dates}
    assert dates["Friday"] == "2014-12-19" and dates["Monday"] == "2014-12-15"
    assert dates["Wednesday"] == "2014-12-17"


def test_as_early_as_a_weekday_points_ahead(pipeline):
    ex = code(pipeline, "The father could come to the United States as early as Tuesday.")
    assert [(d.text, d.date) for d in ex.dates] == [("Tuesday", "2014-12-23")]


def test_the_holiday_of_a_past_act_is_the_one_before_publication(pipeline):
    ex = code(pipeline, "The boy was found on Thanksgiving Day. Shops will close on Christmas. "
                        "Christmas trees were sold out.")
    assert [(d.text, d.date) for d in ex.dates] == [("Thanksgiving Day", "2014-11-27"), ("Christmas", "2014-12-25")]


def test_todays_youth_names_no_day(pipeline):
    ex = code(pipeline, "The case is for today's youth what the blockade was for earlier generations. "
                        "He met the minister today.")
    assert [(d.text, d.date) for d in ex.dates] == [("today", PUBLISHED)]


def test_the_full_year_is_the_year_under_way_or_the_one_named_in_its_sentence(pipeline):
    ex = code(pipeline, "The company forecast an earnings increase for the full year. In 2009, sales "
                        "fell 8% for the year.")
    dates = {d.text: d.date for d in ex.dates}
    assert dates["the full year"] == "2014-01-01" and dates["the year"] == "2009-01-01"


def test_the_latest_period_and_last_years_quarter_follow_the_report(pipeline):
    ex = code(pipeline, "Acme expects a fourth-quarter charge. Profit fell 9% in the latest period. "
                        "Sales for last year's quarter were $3 million.")
    dates = {d.text: d.date for d in ex.dates}
    assert dates["the latest period"] == "2014-Q3" and dates["last year's quarter"] == "2013-Q3"


def test_a_deadline_just_before_publication_is_not_a_year_ahead(pipeline):
    ex = code(pipeline, "The agency ordered the family to hand the boy over by December 16.")
    assert [(d.text, d.date) for d in ex.dates] == [("December 16", "2014-12-16")]


def test_a_weekday_of_an_act_on_the_timetable_in_the_present_lies_ahead(pipeline):
    ex = code(pipeline, "Arafat meets Albright on Monday. The minister said on Monday that talks failed.")
    assert [(d.text, d.date) for d in ex.dates] == [("Monday", "2014-12-22"), ("Monday", "2014-12-15")]


def test_each_july_is_a_set_not_a_date(pipeline):
    ex = code(pipeline, "Orangemen march each July through the town. Each may vote.")
    assert not ex.dates and [(d.text, d.kind, d.value) for d in ex.durations] == [("each July", "SET", "XXXX-07")]


def test_each_side_of_an_entity_joining_two_dates_is_read(pipeline):
    ex = code(pipeline, "After a small revision Friday to December's figures, jobs grew. It will take two to "
                        "three years.")
    assert [(d.text, d.date) for d in ex.dates] == [("Friday", "2014-12-12"), ("December's", "2014-12-01")]
    assert [d.text for d in ex.durations] == []


def test_an_intention_told_in_the_past_still_points_ahead(pipeline):
    ex = code(pipeline, "The two leaders agreed to meet on Monday. Hungary staged celebrations to mark its "
                        "entry into NATO on Wednesday.")
    assert [(d.text, d.date) for d in ex.dates] == [("Monday", "2014-12-22"), ("Wednesday", "2014-12-17")]
