"""Relative dates: read against the publication date ("on Friday", "last week",
"two days ago") or against a day named just before ("the next day")."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import time_calendar as cal
from .time_calendar import Value
from .time_lexicon import Fragments, Lexicon, alternation, norm, words
from .time_rules import Parsed, Spec, day_value, group, reads_as_name

COARSER = {"day": "week", "week": "month", "month": "year", "year": "year"}
OFFSETS = {"last": -1, "this": 0, "next": 1}


def deictic(m: re.Match[str], lex: Lexicon) -> str | None:
    word = group(m, "deic")
    return lex.deictics.get(norm(word)) if word else None


def shift(ref: dt.date, unit: dict[str, Any], n: int) -> dt.date:
    """``ref`` moved by ``n`` units (negative: back in time)."""
    if "months" in unit:
        year, month = cal.shift_month(ref.year, ref.month, n * int(unit["months"]))
        last = cal.month_span(year, month)[1].day
        return dt.date(year, month, min(ref.day, last))
    if "hours" in unit:
        return ref + dt.timedelta(days=int(n * int(unit["hours"]) / 24))
    return ref + dt.timedelta(days=n * int(unit["days"]))


def around(day: dt.date, precision: str) -> Value:
    """The day, week, month or year containing ``day``, at that precision."""
    if precision == "day":
        return day, day, "day"
    if precision == "week":
        return (*cal.week_span(day), "week")
    if precision == "month":
        return (*cal.month_span(day.year, day.month), "month")
    return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31), "year"


def published(fn: Any, day_like: bool = False) -> Parsed:
    """A value computed from the publication date (unresolved without one)."""
    return Parsed(lambda pub: None if pub is None else fn(pub), "published", day_like)


def after_article(m: re.Match[str]) -> bool:
    """ "an overnight raid", "the tonight show": an adverb used as an adjective."""
    return bool(re.search(r"(?<!\w)(?:an?|the)\s+$", m.string[max(0, m.start() - 5) : m.start()], re.I))


def open_tail(m: re.Match[str], lex: Lexicon) -> bool:
    """ "the day before the vote": a preposition with an object is not anaphoric."""
    last = norm(m.group()).split()[-1]
    if last not in {norm(w) for w in lex.raw["anaphoric_open_tails"]}:
        return False
    return bool(re.match(r"\s+(?!(?:in|at|on|and|but|as|when)\b)[\w\"“']", m.string[m.end() :]))


# ---- parsers ---------------------------------------------------------------------------------


def parse_weekday(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """On Friday / early Saturday / Monday night / last Friday: one day."""
    weekday, which = lex.weekdays[norm(m["wd"])], deictic(m, lex)
    return published(lambda pub: day_value(cal.weekday_date(weekday, pub, which)), True)


def parse_day_word(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Yesterday (morning), late today, tomorrow; not "USA Today"."""
    if m["dw"][0].isupper() and reads_as_name(m, m.start("dw")):
        return None
    offset = int(lex.table("day_words")[norm(m["dw"])])
    return published(lambda pub: day_value(pub + dt.timedelta(days=offset)), True)


def parse_relative_day(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Tonight, last night, overnight (the night before publication: two days, day precision)."""
    if after_article(m) or (m.group()[0].isupper() and reads_as_name(m, m.start())):
        return None
    first, last = lex.table("relative_days")[norm(m.group())]
    return published(
        lambda pub: (pub + dt.timedelta(days=first), pub + dt.timedelta(days=last), "day"),
        first == last,
    )


def parse_relative_period(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """This week (Monday .. publication), last month (the whole month), last year."""
    unit, offset, extent = lex.table("relative_periods")[norm(m.group())]

    def value(pub: dt.date) -> Value:
        start, end = cal.unit_span(unit, pub, int(offset))
        return start, (min(end, pub) if extent == "to_date" else end), unit

    return published(value)


def parse_recent(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """In recent days / weeks: a window ending at publication."""
    days, precision = lex.table("recent_windows")[norm(m.group())]
    return published(lambda pub: (pub - dt.timedelta(days=int(days)), pub, precision))


def parse_modified_relative(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Early last year, late this month, mid-next week: a third of the unit."""
    unit, offset = norm(m["unit"]), OFFSETS[deictic(m, lex) or "this"]
    first, last = lex.raw["thirds"][unit][lex.modifiers[norm(m["mod"])]]

    def value(pub: dt.date) -> Value:
        start, _ = cal.unit_span(unit, pub, offset)
        if unit == "week":
            return start + dt.timedelta(days=first - 1), start + dt.timedelta(days=last - 1), "week"
        if unit == "month":
            return (*cal.third_of_month(start.year, start.month, first, last), "week")
        return (*cal.months_span(start.year, first, last), "month")

    return published(value)


def count(m: re.Match[str], lex: Lexicon) -> tuple[int, int] | None:
    """The (low, high) count of "two days", "a few weeks"."""
    text = norm(m["n"])
    vague = lex.table("vague_numbers").get(text)
    if vague:
        return int(vague[0]), int(vague[1])
    n = lex.number(text)
    return None if n is None or n <= 0 else (n, n)


def parse_ago(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Two days ago (day), three weeks ago (that week), a month ago (that month)."""
    unit, n = lex.table("units")[norm(m["unit"])], count(m, lex)
    if n is None:
        return None
    low, high = n
    if low == high:
        precision = unit["precision"]
        return published(lambda pub: around(shift(pub, unit, -low), precision), precision == "day")
    coarse = COARSER[unit["precision"]]
    return published(lambda pub: (shift(pub, unit, -high), shift(pub, unit, -low), coarse))


def parse_last_n(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """The past 24 hours, the last three days: a window ending at publication."""
    unit, n = lex.table("units")[norm(m["unit"])], count(m, lex)
    if n is None:
        return None

    def value(pub: dt.date) -> Value:
        start = shift(pub, unit, -n[1])
        precision = "day" if (pub - start).days <= 1 else cal.span_precision(start, pub)
        return start, pub, precision

    return published(value)


def parse_anaphoric(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """The previous day, the next morning, that night: relative to the day named before."""
    if open_tail(m, lex):
        return None
    offset = int(lex.table("anaphoric_days")[norm(m.group())])
    return Parsed(
        lambda ref: None if ref is None else day_value(ref + dt.timedelta(days=offset)), "anchor", True
    )


def parse_anaphoric_shift(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """Two days later, a week earlier: relative to the day named before."""
    if open_tail(m, lex):
        return None
    unit, n = lex.table("units")[norm(m["unit"])], count(m, lex)
    if n is None or n[0] != n[1]:
        return None
    sign = int(lex.raw["anaphoric_shift_words"][norm(m["dir"])])
    precision, steps = unit["precision"], sign * n[0]
    return Parsed(
        lambda ref: None if ref is None else around(shift(ref, unit, steps), precision),
        "anchor",
        precision == "day",
    )


def parse_weekend(m: re.Match[str], lex: Lexicon) -> Parsed | None:
    """The weekend: the most recent Saturday-Sunday; "last weekend" on a weekend: the one before."""
    which = deictic(m, lex)

    def value(pub: dt.date) -> Value:
        saturday = pub - dt.timedelta(days=(pub.weekday() - 5) % 7)
        if which == "last" and pub.weekday() >= 5:
            saturday -= dt.timedelta(days=7)
        elif which == "next":
            saturday += dt.timedelta(days=7)
        return saturday, saturday + dt.timedelta(days=1), "week"

    return published(value)


def relative_patterns(f: Fragments, lex: Lexicon) -> list[Spec]:
    """(name, regex, parser, needs) for deictic and anaphoric expressions."""
    raw = lex.raw
    units = rf"(?P<unit>{f.unit})s?\b"
    number = rf"(?P<n>{f.vague_number}|{f.number})"
    pre = rf"(?:(?P<pre>{f.day_prefix})\s+)?"

    def phrases(section: str) -> tuple[str, frozenset[str]]:
        return alternation(list(raw[section])) + r"\b", words(*raw[section])

    shift_words = raw["anaphoric_shift_words"]
    plural_units = frozenset(w for u in raw["units"] for w in (norm(u), norm(u) + "s"))
    specs: list[Spec] = [
        (
            "weekday",
            rf"{pre}(?:(?P<deic>{f.deictic})\s+)?(?P<wd>{f.weekday})(?:\s+(?P<pod>{f.part_of_day}))?",
            parse_weekday,
            (lex.classes["weekday"],),
        ),
        (
            "day_word",
            rf"{pre}(?P<dw>{alternation(list(raw['day_words']))})\b(?:\s+(?P<pod>{f.part_of_day}))?",
            parse_day_word,
            (words(*raw["day_words"]),),
        ),
        (
            "modified_relative",
            rf"(?P<mod>{f.modifier})(?:\s+|-)(?P<deic>{f.deictic})\s+(?P<unit>week|month|year)\b",
            parse_modified_relative,
            (words("week", "month", "year"),),
        ),
        ("ago", rf"{number}\s+{units}\s+ago\b", parse_ago, (words(*raw["ago_words"]), plural_units)),
        (
            "last_n",
            rf"(?:the\s+)?(?:past|last|previous)\s+{number}\s+{units}",
            parse_last_n,
            (plural_units, words("past", "last", "previous")),
        ),
        (
            "anaphoric_shift",
            rf"{number}\s+{units}\s+(?P<dir>{alternation(list(shift_words))})\b",
            parse_anaphoric_shift,
            (words(*shift_words), plural_units),
        ),
        ("weekend", rf"(?:(?P<deic>{f.deictic})\s+|the\s+)weekend\b", parse_weekend, (words("weekend"),)),
    ]
    for name, section, parser in [
        ("relative_day", "relative_days", parse_relative_day),
        ("relative_period", "relative_periods", parse_relative_period),
        ("recent", "recent_windows", parse_recent),
        ("anaphoric", "anaphoric_days", parse_anaphoric),
    ]:
        rx, trigger = phrases(section)
        specs.append((name, rx, parser, (trigger,)))
    return specs
