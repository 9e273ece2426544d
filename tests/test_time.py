"""Dates: temporal expressions resolved against the publication date (extract/time.py)."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path

import pytest
import spacy

from khaldun.acquire.normalize import make_document
from khaldun.extract.base import DocContext
from khaldun.extract.time import TimeResolver, dates_in, document_date, find_dates, resolve

D = dt.date
FRI = D(2016, 3, 25)  # the seed report's publication date, a Friday
WED = D(2016, 3, 23)
SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "palmyra-2016-03-25.txt"


def only(text: str, published: dt.date | None = FRI):
    found = find_dates(text, published)
    assert len(found) == 1, [d.to_json() for d in found]
    return found[0]


def value(text: str, published: dt.date | None = FRI):
    d = only(text, published)
    return d.start_date, d.end_date, d.precision


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # weekdays: the day of publication if it is that day, else the most recent one
        ("on Friday", FRI, (FRI, FRI, "day")),
        ("on Thursday", FRI, (D(2016, 3, 24), D(2016, 3, 24), "day")),
        ("on Friday", WED, (D(2016, 3, 18), D(2016, 3, 18), "day")),
        ("on Friday morning", FRI, (FRI, FRI, "day")),
        ("early Saturday", FRI, (D(2016, 3, 19), D(2016, 3, 19), "day")),
        ("Monday night", FRI, (D(2016, 3, 21), D(2016, 3, 21), "day")),
        ("last Friday", FRI, (D(2016, 3, 18), D(2016, 3, 18), "day")),
        ("in the early hours of Friday morning", FRI, (FRI, FRI, "day")),
        # days around publication
        ("overnight", FRI, (D(2016, 3, 24), FRI, "day")),
        ("yesterday", FRI, (D(2016, 3, 24), D(2016, 3, 24), "day")),
        ("late yesterday", FRI, (D(2016, 3, 24), D(2016, 3, 24), "day")),
        ("today", FRI, (FRI, FRI, "day")),
        ("this morning", FRI, (FRI, FRI, "day")),
        ("last night", FRI, (D(2016, 3, 24), D(2016, 3, 24), "day")),
        ("tonight", FRI, (FRI, FRI, "day")),
        ("two days ago", FRI, (D(2016, 3, 23), D(2016, 3, 23), "day")),
        # months without a year
        ("last May", FRI, (D(2015, 5, 1), D(2015, 5, 31), "month")),
        ("in May", FRI, (D(2015, 5, 1), D(2015, 5, 31), "month")),
        ("in March", FRI, (D(2016, 3, 1), D(2016, 3, 31), "month")),
        ("in February", FRI, (D(2016, 2, 1), D(2016, 2, 29), "month")),
        ("last March", FRI, (D(2015, 3, 1), D(2015, 3, 31), "month")),
        ("by March of next year", FRI, (D(2017, 3, 1), D(2017, 3, 31), "month")),
        # periods relative to publication
        ("this month", FRI, (D(2016, 3, 1), FRI, "month")),
        ("earlier this month", FRI, (D(2016, 3, 1), FRI, "month")),
        ("last month", FRI, (D(2016, 2, 1), D(2016, 2, 29), "month")),
        ("this week", FRI, (D(2016, 3, 21), FRI, "week")),
        ("earlier this week", FRI, (D(2016, 3, 21), FRI, "week")),
        ("last week", FRI, (D(2016, 3, 14), D(2016, 3, 20), "week")),
        ("last year", FRI, (D(2015, 1, 1), D(2015, 12, 31), "year")),
        ("earlier this year", FRI, (D(2016, 1, 1), FRI, "year")),
        ("in recent days", FRI, (D(2016, 3, 18), FRI, "week")),
        ("in recent weeks", FRI, (D(2016, 2, 26), FRI, "week")),
        ("three weeks ago", FRI, (D(2016, 2, 29), D(2016, 3, 6), "week")),
        ("a month ago", FRI, (D(2016, 2, 1), D(2016, 2, 29), "month")),
        ("the weekend", FRI, (D(2016, 3, 19), D(2016, 3, 20), "week")),
        ("last weekend", D(2016, 3, 27), (D(2016, 3, 19), D(2016, 3, 20), "week")),
        ("over the weekend", D(2016, 3, 27), (D(2016, 3, 26), D(2016, 3, 27), "week")),
        # vague parts of a month or a year
        ("the start of March", FRI, (D(2016, 3, 1), D(2016, 3, 10), "week")),
        ("early March", FRI, (D(2016, 3, 1), D(2016, 3, 10), "week")),
        ("the beginning of March", FRI, (D(2016, 3, 1), D(2016, 3, 10), "week")),
        ("mid-March", FRI, (D(2016, 3, 11), D(2016, 3, 20), "week")),
        ("late March", FRI, (D(2016, 3, 21), D(2016, 3, 31), "week")),
        ("the end of February", FRI, (D(2016, 2, 21), D(2016, 2, 29), "week")),
        ("early 2015", None, (D(2015, 1, 1), D(2015, 4, 30), "month")),
        ("late last year", FRI, (D(2015, 9, 1), D(2015, 12, 31), "month")),
        ("the first week of March", FRI, (D(2016, 3, 1), D(2016, 3, 7), "week")),
        # explicit dates
        ("9 May 2020", None, (D(2020, 5, 9), D(2020, 5, 9), "day")),
        ("May 9, 2020", None, (D(2020, 5, 9), D(2020, 5, 9), "day")),
        ("the 9th of May 2020", None, (D(2020, 5, 9), D(2020, 5, 9), "day")),
        ("Thursday, February 2, 2016", None, (D(2016, 2, 2), D(2016, 2, 2), "day")),
        ("2020-05-09", None, (D(2020, 5, 9), D(2020, 5, 9), "day")),
        ("13/05/2020", None, (D(2020, 5, 13), D(2020, 5, 13), "day")),
        ("Around 5 May 2020", None, (D(2020, 5, 5), D(2020, 5, 5), "day")),
        ("on 9 May", D(2020, 5, 12), (D(2020, 5, 9), D(2020, 5, 9), "day")),
        ("on May 9", D(2020, 5, 12), (D(2020, 5, 9), D(2020, 5, 9), "day")),
        ("on 9 May", D(2020, 5, 5), (D(2020, 5, 9), D(2020, 5, 9), "day")),  # within a week after
        ("on 30 May", D(2020, 5, 5), (D(2019, 5, 30), D(2019, 5, 30), "day")),  # else the year before
        ("on 30 December", D(2021, 1, 2), (D(2020, 12, 30), D(2020, 12, 30), "day")),
        ("between 3 and 9 May 2020", None, (D(2020, 5, 3), D(2020, 5, 9), "week")),
        ("3-9 May 2020", None, (D(2020, 5, 3), D(2020, 5, 9), "week")),
        ("from 3 to 9 May", D(2020, 5, 20), (D(2020, 5, 3), D(2020, 5, 9), "week")),
        ("between 1 and 20 May 2020", None, (D(2020, 5, 1), D(2020, 5, 20), "month")),
        ("between 28 April and 3 May 2020", None, (D(2020, 4, 28), D(2020, 5, 3), "week")),
        ("the night of 3-4 May 2020", None, (D(2020, 5, 3), D(2020, 5, 4), "day")),
        ("in May 2020", None, (D(2020, 5, 1), D(2020, 5, 31), "month")),
        ("May 2020", None, (D(2020, 5, 1), D(2020, 5, 31), "month")),
        ("in 2015", None, (D(2015, 1, 1), D(2015, 12, 31), "year")),
        ("since 2014", None, (D(2014, 1, 1), D(2014, 12, 31), "year")),
        ("the elections of 2019", None, (D(2019, 1, 1), D(2019, 12, 31), "year")),
        ("summer 2015", None, (D(2015, 6, 1), D(2015, 8, 31), "month")),
        # a time of day attaches to its day
        ("at 3 pm on Monday", FRI, (D(2016, 3, 21), D(2016, 3, 21), "day")),
        ("Monday at 10:30", FRI, (D(2016, 3, 21), D(2016, 3, 21), "day")),
    ],
)
def test_resolves(text, published, expected):
    assert value(text, published) == expected


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("after last May's seizure of the city", "last May"),
        ("launched a bid at the start of March, backed", "the start of March"),
        ("clashes on Friday killed", "Friday"),
        ("in May 2020 the army", "May 2020"),
        ("at 3 pm on Monday", "3 pm on Monday"),
        ("between 3 and 9 May 2020", "between 3 and 9 May 2020"),
    ],
)
def test_mention_text_and_offsets(text, mention):
    d = only(text)
    assert d.text == mention and text[d.start : d.end] == mention


@pytest.mark.parametrize(
    "text",
    [
        "relics dating back 2,000 years",
        "fighting for three days",
        "a 10-year-old boy was killed",
        "a 24 hours curfew",
        "two weeks of fighting",
        "at 3 pm",
        "an overnight curfew",
        "a crowd of 2000 people",
        "in 2000 people",
        "Theresa May said",
        "the fighters may march on the city",
        "the day before the vote",
        "a USA TODAY analysis",
        "09/05/2020",  # day/month or month/day: ambiguous
        "Seventy-four years ago",
    ],
)
def test_not_dates(text):
    assert find_dates(text, FRI) == []


def test_count_after_month_is_not_a_day():
    assert [d.text for d in find_dates("in March 12 people were killed", FRI)] == ["March"]


def test_weeks_ago_is_a_date_but_weeks_of_fighting_is_not():
    assert value("two weeks ago") == (D(2016, 3, 7), D(2016, 3, 13), "week")


def test_relative_without_publication_is_kept_unresolved():
    for text in ["on Friday", "last May", "yesterday", "two days ago", "on 9 May", "last week"]:
        d = only(text, None)
        assert (d.start_date, d.end_date, d.precision) == (None, None, None), text
        assert not d.resolved


def test_anaphora_follow_the_nearest_day_before():
    text = "Rebels took the town on 3 May 2020. The army retook it the next day. The previous day was calm."
    found = find_dates(text, None)
    assert [d.text for d in found] == ["3 May 2020", "the next day", "The previous day"]
    assert found[1].start_date == D(2020, 5, 4)
    assert found[2].start_date == D(2020, 5, 3)  # the nearest preceding day is 4 May


def test_anaphora_reach_two_sentences_back_but_no_further():
    text = "Shells hit Omdurman on 19 July 2023. Doctors said so. Jets bombed Khartoum the same day."
    assert find_dates(text, FRI)[-1].start_date == D(2023, 7, 19)
    far = "Shells hit Omdurman on 19 July 2023. Doctors said so. Aid stalled. Jets bombed it the same day."
    assert find_dates(far, FRI)[-1].start_date == FRI


def test_anaphora_fall_back_to_publication():
    assert value("the previous day") == (D(2016, 3, 24), D(2016, 3, 24), "day")
    assert value("a day earlier") == (D(2016, 3, 24), D(2016, 3, 24), "day")
    text = "In 2015 the city fell.\nIt was quiet.\nAnd more.\nThe next day shelling resumed."
    assert find_dates(text, FRI)[-1].start_date == D(2016, 3, 26)  # 2015 is not a day; too far anyway


def test_state_tv_date_anchors_previous_day():
    text = "State TV said Thursday, February 2, 2016 that the town was attacked the previous day."
    found = find_dates(text, None)
    assert found[-1].start_date == D(2016, 2, 1)


def test_sorted_and_non_overlapping():
    text = "On 9 May 2020, and again on Friday, 15 May, clashes resumed; last week and in 2019 too."
    found = find_dates(text, D(2020, 5, 20))
    assert [d.start for d in found] == sorted(d.start for d in found)
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    assert [d.text for d in found] == ["9 May 2020", "Friday, 15 May", "last week", "2019"]


def test_resolve_returns_the_longest_expression():
    d = resolve("on 9 May 2020", None)
    assert d is not None and d.text == "9 May 2020" and d.start_date == D(2020, 5, 9)
    assert resolve("nothing here", FRI) is None


def test_dates_in_and_document_date():
    text = "On 9 May 2020, clashes. On Friday more."
    found = find_dates(text, None)
    assert [d.text for d in dates_in(found, 0, 22)] == ["9 May 2020"]
    assert dates_in(found, 23, len(text)) == []  # "Friday" is unresolved without publication
    assert document_date(found, None).text == "9 May 2020"
    fallback = document_date([], FRI)
    assert (fallback.start, fallback.end, fallback.start_date, fallback.precision) == (0, 0, FRI, "day")
    assert document_date([], None) is None


def test_component_sets_ctx_dates():
    doc = make_document("The army retook the hill on Friday.", published="2016-03-25")
    ctx = DocContext(document=doc, doc=spacy.blank("en")(doc.text))
    TimeResolver()(ctx)
    assert [(d.text, d.start_date) for d in ctx.dates] == [("Friday", FRI)]
    assert dates_in(ctx, 0, len(doc.text)) == ctx.dates


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is absent")
def test_seed_report():
    text = make_document(SEED.read_text(encoding="utf-8")).text
    found = find_dates(text, FRI)
    by_text: dict[str, set] = {}
    for d in found:
        assert text[d.start : d.end] == d.text
        by_text.setdefault(d.text, set()).add((d.start_date, d.end_date, d.precision))
    assert by_text["last May"] == {(D(2015, 5, 1), D(2015, 5, 31), "month")}
    assert by_text["the start of March"] == {(D(2016, 3, 1), D(2016, 3, 10), "week")}
    assert by_text["Friday"] == {(FRI, FRI, "day")}
    assert by_text["Thursday"] == {(D(2016, 3, 24), D(2016, 3, 24), "day")}
    assert not any("2,000" in d.text or "years" in d.text for d in found)
