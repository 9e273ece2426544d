"""Calendar arithmetic for the date resolver: the news conventions live here, in one place.

News reports past events, so an expression without a year or a direction
("in May", "on Friday", "on 9 May") is read as the most recent such date,
allowing a short window after publication for announced or scheduled events.
"""

from __future__ import annotations

import calendar
import datetime as dt

from ..records import Precision

Value = tuple[dt.date, dt.date, Precision]
DAY = dt.timedelta(days=1)


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it does not exist (31 April, 29 February 2019)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    """First and last day of a month."""
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    """(year, month) moved by ``by`` months."""
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def week_span(day: dt.date) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of the ISO week containing ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def span_precision(start: dt.date, end: dt.date) -> Precision:
    """How precise a range of days is: one day, up to a week apart, up to a year, more."""
    days = (end - start).days
    if days <= 0:
        return "day"
    if days <= 7:
        return "week"
    if days <= 366:
        return "month"
    return "year"


def year_for_day(month: int, day: int, published: dt.date, tolerance: int) -> dt.date | None:
    """The most recent ``day month`` not more than ``tolerance`` days after publication."""
    limit = published + dt.timedelta(days=tolerance)
    for year in (published.year + 1, published.year, published.year - 1):
        date = make_date(year, month, day)
        if date is not None and date <= limit:
            return date
    return None


def year_for_month(month: int, published: dt.date, deictic: str | None) -> int:
    """The year of a month named without one.

    Bare ("in May"): the most recent May not after publication; "last": strictly
    before the publication month; "this": the publication year; "next": the next one.
    """
    year = published.year
    if deictic == "this":
        return year
    if deictic == "last":
        return year if month < published.month else year - 1
    if deictic == "next":
        return year if month > published.month else year + 1
    return year if month <= published.month else year - 1


def weekday_date(weekday: int, published: dt.date, deictic: str | None) -> dt.date:
    """The date of a weekday named in a report published on ``published``.

    Bare: that day if the report is published on it, else the most recent past
    one; "last": strictly before publication; "this": in the publication's week;
    "next": strictly after publication.
    """
    back = (published.weekday() - weekday) % 7
    if deictic == "last":
        return published - dt.timedelta(days=back or 7)
    if deictic == "next":
        return published + dt.timedelta(days=(weekday - published.weekday()) % 7 or 7)
    if deictic == "this":
        return week_span(published)[0] + dt.timedelta(days=weekday)
    return published - dt.timedelta(days=back)


def unit_span(unit: str, ref: dt.date, offset: int) -> tuple[dt.date, dt.date]:
    """The whole week, month or year ``offset`` units from the one containing ``ref``."""
    if unit == "week":
        monday, sunday = week_span(ref)
        shift = dt.timedelta(days=7 * offset)
        return monday + shift, sunday + shift
    if unit == "month":
        return month_span(*shift_month(ref.year, ref.month, offset))
    year = ref.year + offset
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def third_of_month(year: int, month: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """Days ``first``..``last`` of a month, clipped to its length."""
    start, end = month_span(year, month)
    return start.replace(day=min(first, end.day)), end.replace(day=min(last, end.day))


def months_span(year: int, first: int, last: int) -> tuple[dt.date, dt.date]:
    """Months ``first``..``last`` of ``year``; a ``last`` before ``first`` runs into the next year."""
    end_year = year if last >= first else year + 1
    return month_span(year, first)[0], month_span(end_year, last)[1]


def season_year(first: int, last: int, published: dt.date, deictic: str | None) -> int:
    """The year a season (months ``first``..``last``) starts in, read against publication.

    Bare/"this": the most recent one that has begun; "last": the most recent one
    that has ended; "next": the one after the most recent one that has begun.
    """
    year = published.year if published.month >= first else published.year - 1
    if deictic == "next":
        return year + 1
    if deictic == "last":
        _, end = months_span(year, first, last)
        return year if end < published else year - 1
    return year
