"""Temporal expressions in English news, resolved against the publication date.

A small grammar (``time_rules``, ``time_relative``) built from the vocabulary in
``data/time_words.yaml`` finds candidate expressions; where candidates overlap the
longest wins (ties: the more specific rule). Each is then resolved in text order:
absolute dates need nothing, deictic ones ("last May", "on Friday") need the
publication date, anaphoric ones ("the next day") the nearest day named up to
two sentences before (else the publication date). Without a publication
date relative expressions are kept, unresolved, rather than guessed.

News conventions (see ``time_calendar``): a weekday is the most recent such day
(the day of publication included); a month or a day without a year is the most
recent one, a day allowing a week after publication; early/mid/late narrow a
month to days 1-10/11-20/21-end (week precision) and a year to January-April/
May-August/September-December (month precision).

spaCy's DATE entities are not used: on news they add durations and ages ("2,000
years", "a 10-year-old") that this resolver deliberately leaves out.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import DateMention
from .base import DocContext, component
from .time_lexicon import fragments, lexicon
from .time_rules import Parsed, rules

__all__ = ["TimeResolver", "dates_in", "document_date", "find_dates", "resolve"]

# A sentence boundary, roughly: enough to keep "the next day" near its anchor.
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“'(\[]?[A-Z0-9])|\n")
_ANCHOR_SENTENCES = 2  # the anchor may sit up to two sentences back ("... on Wednesday. ... . The same day")
_TOKEN = re.compile(r"[A-Za-z]+|\d+")
_REACH = 60  # characters a match may extend either side of its rule's anchor word


@dataclass(slots=True)
class _Candidate:
    start: int
    end: int
    rank: int
    parsed: Parsed


@functools.cache
def _time_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Times of day that attach to the day next to them: "at 3 pm on Monday", "Monday at dawn"."""
    t = fragments().time
    lead = r"(?:(?:at|around|about|by|after|before|shortly\s+(?:before|after)|just\s+(?:before|after))\s+)?"
    zone = r"(?:\s+(?:local\s+time|GMT|UTC))?"
    before = re.compile(rf"(?<![\w:.])(?<![:.]\s){lead}(?P<t>{t}){zone},?\s+(?:on\s+)?\Z", re.I)
    after = re.compile(rf"\A,?\s+(?:at|around|about|shortly\s+(?:before|after))\s+(?P<t>{t}){zone}", re.I)
    return before, after


def _token_positions(text: str) -> dict[str, list[int]]:
    """Where each trigger word starts (lower-cased; "0000" stands for a four-digit number).

    The rules' cheap pre-filter: a rule runs only near its trigger words."""
    out: dict[str, list[int]] = {}
    triggers = _triggers()
    for m in _TOKEN.finditer(text):
        word = m.group()
        key = word.lower() if word[0].isalpha() else "0" * min(len(word), 4)
        if key in triggers:
            out.setdefault(key, []).append(m.start())
    return out


@functools.cache
def _triggers() -> frozenset[str]:
    return frozenset().union(*(r.anchor for r in rules()), *(s for r in rules() for s in r.also))


def _windows(positions: dict[str, list[int]], anchor: frozenset[str]) -> list[tuple[int, int]]:
    """Merged stretches of text around the anchor words: where a rule can match at all."""
    starts = sorted(p for w in anchor.intersection(positions) for p in positions[w])
    out: list[tuple[int, int]] = []
    for p in starts:
        lo, hi = max(0, p - _REACH), p + _REACH
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return out


def _candidates(text: str) -> list[_Candidate]:
    lex = lexicon()
    positions = _token_positions(text)
    present = positions.keys()
    windows: dict[frozenset[str], list[tuple[int, int]]] = {}
    out: list[_Candidate] = []
    for rank, rule in enumerate(rules()):
        if not all(needed.intersection(present) for needed in rule.also):
            continue
        if rule.anchor not in windows:
            windows[rule.anchor] = _windows(positions, rule.anchor)
        has_core = "core" in rule.pattern.groupindex
        for lo, hi in windows[rule.anchor]:
            for m in rule.pattern.finditer(text, lo, hi):
                parsed = rule.parse(m, lex)
                if parsed is not None:
                    start, end = m.span("core") if has_core else m.span()
                    out.append(_Candidate(start, end, rank, parsed))
    return out


def _select(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping candidates, longest first, in text order."""
    candidates.sort(key=lambda c: (c.start - c.end, c.rank, c.start))
    chosen: list[_Candidate] = []
    for c in candidates:
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    chosen.sort(key=lambda c: c.start)
    return chosen


def _attach_times(text: str, chosen: list[_Candidate]) -> None:
    """Widen a single-day mention over an adjacent time of day, never into a neighbour."""
    before, after = _time_patterns()
    for i, c in enumerate(chosen):
        if not c.parsed.day_like:
            continue
        floor = chosen[i - 1].end if i else 0
        ceiling = chosen[i + 1].start if i + 1 < len(chosen) else len(text)
        window = max(floor, c.start - 40)
        m = before.search(text, window, c.start)
        if m:
            c.start = m.start("t")
        m = after.match(text[c.end : min(ceiling, c.end + 40)])
        if m:
            c.end += m.end("t")


def _near(text: str, start: int, end: int) -> bool:
    return len(_BOUNDARY.findall(text, start, end)) <= _ANCHOR_SENTENCES


def find_dates(text: str, published: dt.date | None) -> list[DateMention]:
    """Every temporal expression in ``text``, resolved where possible, sorted by start."""
    chosen = _select(_candidates(text))
    _attach_times(text, chosen)
    out: list[DateMention] = []
    anchor: tuple[int, dt.date] | None = None  # the last resolved single day: (end offset, date)
    for c in chosen:
        ref: dt.date | None = None
        if c.parsed.ref == "published":
            ref = published
        elif c.parsed.ref == "anchor":
            ref = anchor[1] if anchor and _near(text, anchor[0], c.start) else published
        value = c.parsed.value(ref) if ref is not None or c.parsed.ref == "none" else None
        mention = DateMention(c.start, c.end, text[c.start : c.end])
        if value is not None:
            mention.start_date, mention.end_date, mention.precision = value
            if value[2] == "day":
                anchor = (c.end, value[0])
        out.append(mention)
    return out


def resolve(expression: str, published: dt.date | None) -> DateMention | None:
    """The longest temporal expression in ``expression`` (offsets into it), or None."""
    found = find_dates(expression, published)
    return max(found, key=lambda d: (d.end - d.start, -d.start)) if found else None


def _mentions(ctx_or_dates: DocContext | Sequence[DateMention]) -> Sequence[DateMention]:
    return ctx_or_dates.dates if isinstance(ctx_or_dates, DocContext) else ctx_or_dates


def dates_in(ctx_or_dates: DocContext | Sequence[DateMention], start: int, end: int) -> list[DateMention]:
    """The resolved date mentions lying inside the character range [start, end)."""
    return [d for d in _mentions(ctx_or_dates) if d.resolved and start <= d.start and d.end <= end]


def document_date(
    ctx_or_dates: DocContext | Sequence[DateMention], published: dt.date | None
) -> DateMention | None:
    """The date a document leads with (its first resolved mention), else its publication day.

    The fallback is a zero-length mention at offset 0 with day precision, so an
    event with no date of its own can still carry when it was reported.
    """
    for d in _mentions(ctx_or_dates):
        if d.resolved:
            return d
    if published is None:
        return None
    return DateMention(0, 0, "", published, published, "day")


@component("time")
class TimeResolver:
    """Sets ``ctx.dates`` from the text and the document's publication date."""

    def __call__(self, ctx: DocContext) -> None:
        ctx.dates = find_dates(ctx.text, ctx.document.published)
