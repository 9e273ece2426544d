"""The grammar of dates: rules (a regex and a parser each), built from the lexicon.

A rule's parser turns a match into a :class:`Parsed`: a function from a
reference date to (start, end, precision), plus which reference it needs -
none (absolute dates), the publication date (deictic: "last May", "on Friday"),
or an anchor date in the text (anaphoric: "the next day"). Parsers return None
to veto a match (an impossible date, a name rather than a month).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from . import time_calendar as cal
from .time_calendar import Value
from .time_lexicon import Fragments, Lexicon, fragments, lexicon, norm, words

Ref = Literal["none", "published", "anchor"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """A matched expression waiting for its reference date."""

    value: Callable[[dt.date | None], Value | None]
    ref: Ref = "none"
    day_like: bool = False  # a single day that an adjacent time of day attaches to


Parser = Callable[[re.Match[str], Lexicon], Parsed | None]
Spec = tuple[str, str, Parser, tuple[frozenset[str], ...]]  # name, regex, parser, trigger words


@dataclass(frozen=True)
class Rule:
    """A regex and its parser; it is tried only near a word of ``anchor`` and when
    every set in ``also`` has a word in the text (a cheap filter before the regex)."""

    name: str
    pattern: re.Pattern[str]
    parse: Parser
    anchor: frozenset[str]
    also: tuple[frozenset[str], ...] = ()


def group(m: re.Match[str], name: str) -> str | None:
    return m.group(name) if name in m.re.groupindex else None


def fixed(value: Value | None, day_like: bool = False) -> Parsed | None:
    """An absolute date: needs no reference."""
    return None if value is None else Parsed(lambda _ref: value, "none", day_like)


def day_value(date: dt.date | None) -> Value | None:
    return None if date is None else (date, date, "day")


# ---- absolute and year-less calendar dates ---------------------------------------------------


def parse_iso(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    return fixed(day_value(cal.make_date(int(m["y"]), int(m["mo"]), int(m["d"]))), True)


def parse_numeric(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """dd/mm/yyyy or mm/dd/yyyy, only when the two readings cannot differ."""
    a, b = int(m["a"]), int(m["b"])
    if a > 12 >= b:
        day, month = a, b
    elif b > 12 >= a or a == b:
        day, month = b, a
    else:
        return None
    return fixed(day_value(cal.make_date(int(m["y"]), month, day)), True)


def parse_day_month(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """9 May 2020, May 9, the 9th of May: absolute with a year, else the most recent one."""
    day, month = lex.day(m["d"]), lex.months[norm(m["m"])]
    if day is None:
        return None
    if m["y"]:
        return fixed(day_value(cal.make_date(int(m["y"]), month, day)), True)
    if cal.make_date(2000, month, day) is None:
        return None
    return Parsed(lambda pub: day_value(cal.year_for_day(month, day, pub, lex.tolerance)), "published", True)


def range_ends(m: re.Match[str], lex: Lexicon, pub: dt.date | None) -> tuple[dt.date, dt.date] | None:
    """The two ends of "3-9 May 2020", "between 28 April and 3 May", "May 3-9"."""
    d1, d2 = lex.day(m["d1"]), lex.day(m["d2"])
    m2 = lex.months[norm(m["m2"] or m["m1"])]
    m1 = lex.months[norm(m["m1"])] if m["m1"] else m2
    if d1 is None or d2 is None:
        return None
    if m["y2"] or m["y1"]:
        y2 = int(m["y2"] or m["y1"])
        end = cal.make_date(y2, m2, d2)
    elif pub is not None:
        end = cal.year_for_day(m2, d2, pub, lex.tolerance)
    else:
        return None
    if end is None:
        return None
    y1 = int(m["y1"]) if m["y1"] else (end.year if (m1, d1) <= (m2, d2) else end.year - 1)
    start = cal.make_date(y1, m1, d1)
    if start is None or not start < end or (end - start).days > 366:
        return None
    return start, end


def parse_range(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """A range of days; "the night of 3-4 May" is one night, day precision."""
    night = bool(group(m, "night"))

    def value(pub: dt.date | None) -> Value | None:
        ends = range_ends(m, lex, pub)
        if ends is None:
            return None
        start, end = ends
        precision = "day" if night and (end - start).days <= 1 else cal.span_precision(start, end)
        return start, end, precision

    absolute = bool(m["y1"] or m["y2"])
    if absolute and value(None) is None:
        return None
    return Parsed(value, "none" if absolute else "published")


def parse_month_range(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Between March and May (2020): whole months."""
    m1, m2 = lex.months[norm(m["m1"])], lex.months[norm(m["m2"])]
    y1_text, y2_text = group(m, "y1"), m["y2"]

    def value(pub: dt.date | None) -> Value | None:
        if y2_text or y1_text:
            y2 = int(y2_text or y1_text or 0)
        elif pub is not None:
            y2 = cal.year_for_month(m2, pub, None)
        else:
            return None
        y1 = int(y1_text) if y1_text else (y2 if m1 <= m2 else y2 - 1)
        start, end = cal.month_span(y1, m1)[0], cal.month_span(y2, m2)[1]
        return (start, end, "month") if start < end else None

    absolute = bool(y1_text or y2_text)
    return Parsed(value, "none" if absolute else "published")


def parse_month_year(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    start, end = cal.month_span(int(m["y"]), lex.months[norm(m["m"])])
    return fixed((start, end, "month"))


def month_parser(month_group: str) -> Parser:
    """A month named without a year ("in May", "last May", "this March")."""

    def parse(m: re.Match[str], lex: Lexicon) -> Parsed | None:
        month = lex.months[norm(m[month_group])]
        deictic = lex.deictics.get(norm(m["deic"])) if group(m, "deic") else None

        def value(pub: dt.date | None) -> Value | None:
            if pub is None:
                return None
            start, end = cal.month_span(cal.year_for_month(month, pub, deictic), month)
            return start, end, "month"

        return Parsed(value, "published")

    return parse


def reads_as_name(m: re.Match[str], at: int) -> bool:
    """A capitalised word inside a name ("June Carter", "Theresa May", "USA Today")."""
    text = m.string
    if re.match(r"\s+[A-Z][a-z]", text[m.end() :]):
        return True
    before = text[max(0, at - 30) : at]
    after_capital = re.search(r"[A-Z][\w'’-]*\s+$", before)
    return bool(after_capital) and not re.search(r"(?:^|[.!?:\n])\s*[A-Z][\w'’-]*\s+$", before)


def parse_month_of_relative_year(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """March of next year, May last year: the month in the year before/after publication."""
    month = lex.months[norm(m["m"])]
    offset = {"last": -1, "this": 0, "next": 1}[lex.deictics[norm(m["deic"])]]

    def value(pub: dt.date | None) -> Value | None:
        return None if pub is None else (*cal.month_span(pub.year + offset, month), "month")

    return Parsed(value, "published")


def parse_bare_month(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """A month with no cue: vetoed when it reads as part of a name."""
    return None if reads_as_name(m, m.start()) else month_parser("core")(m, lex)


def parse_modified_month(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Early/mid/late March (2016): a third of the month, week precision."""
    month = lex.months[norm(m["m"])]
    first, last = lex.raw["thirds"]["month"][lex.modifiers[norm(m["mod"])]]

    def value(pub: dt.date | None) -> Value | None:
        if m["y"]:
            year = int(m["y"])
        elif pub is not None:
            year = cal.year_for_month(month, pub, None)
        else:
            return None
        return (*cal.third_of_month(year, month, first, last), "week")

    return Parsed(value, "none" if m["y"] else "published")


def parse_modified_year(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Early/mid/late 2015: a third of the year (four months), month precision."""
    year = lex.year(m["y"])
    if year is None:
        return None
    first, last = lex.raw["thirds"]["year"][lex.modifiers[norm(m["mod"])]]
    return fixed((*cal.months_span(year, first, last), "month"))


def parse_week_of_month(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """The first/second/last week of March: seven days, week precision."""
    month = lex.months[norm(m["m"])]
    n = int(lex.raw["week_ordinals"][norm(m["ord"])])

    def value(pub: dt.date | None) -> Value | None:
        if m["y"]:
            year = int(m["y"])
        elif pub is not None:
            year = cal.year_for_month(month, pub, None)
        else:
            return None
        start, end = cal.month_span(year, month)
        if n < 0:
            return end - dt.timedelta(days=6), end, "week"
        first = start + dt.timedelta(days=7 * (n - 1))
        return first, min(first + dt.timedelta(days=6), end), "week"

    return Parsed(value, "none" if m["y"] else "published")


def parse_year(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    year = lex.year(m["y"])
    return None if year is None else fixed((dt.date(year, 1, 1), dt.date(year, 12, 31), "year"))


def parse_year_range(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """2014-2016, 2015-16, between 2014 and 2016: whole years."""
    y1 = lex.year(m["y1"])
    tail = m["y2"]
    y2 = lex.year(tail if len(tail) == 4 else f"{m['y1'][:2]}{tail}")
    if y1 is None or y2 is None or not y1 < y2:
        return None
    return fixed((dt.date(y1, 1, 1), dt.date(y2, 12, 31), "year"))


def parse_decade(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    year = lex.year(m["dec"])
    return None if year is None else fixed((dt.date(year, 1, 1), dt.date(year + 9, 12, 31), "year"))


def season_parser(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Summer 2015, last summer, in the winter: months of the (northern) season."""
    first, last = lex.seasons[norm(m["s"])]
    deictic = lex.deictics.get(norm(m["deic"])) if group(m, "deic") else None
    year_text = group(m, "y")

    def value(pub: dt.date | None) -> Value | None:
        if year_text:
            year = int(year_text)
        elif pub is not None:
            year = cal.season_year(first, last, pub, deictic)
        else:
            return None
        return (*cal.months_span(year, first, last), "month")

    return Parsed(value, "none" if year_text else "published")


# ---- the grammar -------------------------------------------------------------------------------


def absolute_patterns(f: Fragments, c: dict[str, frozenset[str]]) -> list[Spec]:
    """(name, regex, parser, needs) for calendar dates, most specific first."""
    dd, mm, yy, wd = f.day, f.month, f.year, f.weekday
    sep = r"(?:\s*(?:-|–|—)\s*|\s+(?:to|and|until|till|through)\s+)"
    pre = r"(?:(?:between|from)\s+)?(?:(?P<night>the\s+night\s+of)\s+)?"
    count_after = rf"(?!\s*(?:%|per\s*cent|percent)|\s+{f.counts}\b)"
    month, year, season = (c["month"],), (c["year"],), (c["season"],)
    # "(early on) Friday (morning)," or "Friday (" before a calendar date: all one mention
    head = rf"(?:{f.day_prefix}\s+)?(?:{wd}(?:\s+{f.part_of_day})?(?:,?\s+|\s*(?P<paren>\(\s*)))?"
    close = r"(?(paren)\s*\))"
    return [
        ("iso", r"(?<![\d-])(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?![\d-])", parse_iso, year),
        (
            "numeric",
            r"(?<![\d/.])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?![\d/]|\.\d)",
            parse_numeric,
            year,
        ),
        (
            "range_dmy",
            rf"{pre}(?P<d1>{dd})(?:\s+(?:of\s+)?(?P<m1>{mm})(?:,?\s+(?P<y1>{yy}))?)?{sep}"
            rf"(?P<d2>{dd})(?:\s+of)?\s+(?P<m2>{mm})(?:,?\s+(?P<y2>{yy}))?",
            parse_range,
            month,
        ),
        (
            "range_mdy",
            rf"{pre}(?P<m1>{mm})\s+(?P<d1>{dd})(?:,?\s+(?P<y1>{yy}))?{sep}"
            rf"(?:(?P<m2>{mm})\s+)?(?P<d2>{dd}){count_after}(?:,?\s+(?P<y2>{yy}))?",
            parse_range,
            month,
        ),
        (
            "dmy",
            rf"{head}(?:the\s+)?(?P<d>{dd})(?:\s+of)?\s+(?P<m>{mm})(?:,?\s+(?P<y>{yy}))?{close}",
            parse_day_month,
            month,
        ),
        (
            "mdy",
            rf"{head}(?P<m>{mm})\s+(?:the\s+)?(?P<d>{dd}){count_after}(?:,?\s+(?P<y>{yy}))?{close}",
            parse_day_month,
            month,
        ),
        (
            "month_range",
            rf"(?:between|from)\s+(?P<m1>{f.month_name})(?:\s+(?P<y1>{yy}))?\s+"
            rf"(?:and|to|until|till|through)\s+(?P<m2>{f.month_name})(?:,?\s+(?P<y2>{yy}))?",
            parse_month_range,
            (c["month"], words("between", "from")),
        ),
        (
            "month_dash_range",
            rf"(?P<m1>{f.month_name})\s*[-–]\s*(?P<m2>{f.month_name}),?\s+(?P<y2>{yy})",
            parse_month_range,
            (c["month"], c["year"]),
        ),
        (
            "week_of_month",
            rf"the\s+(?P<ord>{f.week_ordinal})\s+week\s+of\s+(?P<m>{f.month_name})"
            rf"(?:,?\s+(?:of\s+)?(?P<y>{yy}))?",
            parse_week_of_month,
            (c["month"], words("week")),
        ),
        (
            "modified_month",
            rf"(?P<mod>{f.modifier})(?:\s+|-)(?P<m>{f.month_name})(?:,?\s+(?:of\s+)?(?P<y>{yy}))?",
            parse_modified_month,
            month,
        ),
        (
            "month_of_relative_year",
            rf"(?P<m>{f.month_name})\s+(?:of\s+)?(?P<deic>{f.deictic})\s+year\b",
            parse_month_of_relative_year,
            (c["month"], words("year")),
        ),
        (
            "month_year",
            rf"(?:the\s+month\s+of\s+)?(?P<m>{mm})(?:\s+of)?,?\s+(?P<y>{yy})",
            parse_month_year,
            (c["month"], c["year"]),
        ),
        ("modified_year", rf"(?P<mod>{f.modifier})(?:\s+|-)(?P<y>{yy})", parse_modified_year, year),
        (
            "season_year",
            rf"(?:the\s+)?(?P<s>{f.season})(?:\s+of)?,?\s+(?P<y>{yy})",
            season_parser,
            (c["season"], c["year"]),
        ),
        ("deictic_season", rf"(?P<deic>{f.deictic})\s+(?P<s>{f.season})", season_parser, season),
        ("cued_season", rf"{f.cue}\s+(?P<core>the\s+(?P<s>{f.plain_season}))", season_parser, season),
        ("deictic_month", rf"(?P<deic>{f.deictic})\s+(?P<m>{f.month_name})", month_parser("m"), month),
        (
            "cued_month",
            rf"{f.cue}\s+(?P<core>(?:the\s+month\s+of\s+)?(?P<m>{f.month_name}))",
            month_parser("m"),
            month,
        ),
        ("bare_month", rf"(?P<core>{f.bare_month})", parse_bare_month, month),
        (
            "year_range",
            rf"(?:between|from)\s+(?P<y1>{yy})\s+(?:and|to|until|till|through)\s+(?P<y2>{yy})",
            parse_year_range,
            (c["year"], words("between", "from")),
        ),
        (
            "cued_year_range",
            rf"{f.cue}\s+(?P<core>(?P<y1>{yy})\s*[-–/]\s*(?P<y2>\d{{4}}|\d\d)(?![\d,]))",
            parse_year_range,
            year,
        ),
        ("decade", r"(?:the\s+)?(?P<dec>\d{3}0)['’]?s\b", parse_decade, year),
        ("cued_year", rf"{f.cue}\s+(?P<core>(?:the\s+year\s+)?(?P<y>{yy}))", parse_year, year),
        ("possessive_year", rf"(?P<core>(?P<y>{yy}))(?=['’]s\b)", parse_year, year),
    ]


@functools.cache
def rules() -> tuple[Rule, ...]:
    """Every rule, compiled once per process; earlier rules win ties of equal length."""
    from .time_relative import relative_patterns

    f, lex = fragments(), lexicon()
    specs = absolute_patterns(f, lex.classes) + relative_patterns(f, lex)
    return tuple(
        Rule(name, re.compile(r"(?<![\w-])" + rx, re.IGNORECASE), p, needs[0], needs[1:])
        for name, rx, p, needs in specs
    )
