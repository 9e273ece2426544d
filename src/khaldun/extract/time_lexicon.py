"""The temporal vocabulary (``data/time_words.yaml``) as lookups and regex fragments.

Loaded once per process, lazily: the grammar in ``time_rules`` is built from it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from ..datafiles import load_yaml


def norm(word: str) -> str:
    """Lookup key: lower case, hyphens and runs of spaces as one space, no trailing dot."""
    return " ".join(word.lower().replace("-", " ").split()).rstrip(".")


def phrase_regex(phrase: str) -> str:
    """A phrase as a regex: spaces match any whitespace, hyphens are optional or spaces."""
    parts = [re.escape(w) for w in phrase.split()]
    return r"\s+".join(p.replace(r"\-", r"[-\s]?") for p in parts)


def alternation(phrases: list[str], strict: frozenset[str] = frozenset()) -> str:
    """Longest-first alternation of phrases; those in ``strict`` must be capitalised."""
    out = []
    for p in sorted(set(phrases), key=len, reverse=True):
        rx = phrase_regex(p)
        if norm(p) in strict:
            rx = f"(?-i:{rx}|{phrase_regex(p.upper())})"
        out.append(rx)
    return "(?:" + "|".join(out) + ")"


def words(*phrases: str) -> frozenset[str]:
    """Trigger words for phrases: each phrase's last word (every match contains one)."""
    return frozenset(norm(p).split()[-1] for p in phrases)


@dataclass(frozen=True)
class Lexicon:
    """Lookups from normalised words to values, and the regex fragments built from them."""

    raw: dict[str, Any]
    months: dict[str, int]
    month_names: dict[str, int]  # full names only
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    deictics: dict[str, str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    seasons: dict[str, tuple[int, int]]
    modifiers: dict[str, str]
    tolerance: int
    year_range: tuple[int, int]
    classes: dict[str, frozenset[str]]  # trigger words: month, weekday, season, year

    def number(self, word: str) -> int | None:
        key = norm(word)
        return int(key) if key.isdigit() else self.numbers.get(key)

    def day(self, word: str) -> int | None:
        key = norm(word)
        digits = re.match(r"\d+", key)
        return int(digits.group()) if digits else self.ordinals.get(key)

    def year(self, word: str | None) -> int | None:
        """A four-digit year inside the configured range, else None."""
        if word is None or not word.isdigit():
            return None
        y = int(word)
        return y if self.year_range[0] <= y <= self.year_range[1] else None

    def table(self, name: str) -> dict[str, Any]:
        """A mapping section of the YAML keyed by normalised phrase."""
        return {norm(k): v for k, v in self.raw[name].items()}


@functools.cache
def lexicon() -> Lexicon:
    """The vocabulary, loaded once per process."""
    raw = load_yaml("time_words.yaml")
    months: dict[str, int] = {}
    names: dict[str, int] = {}
    ambiguous: set[str] = set()
    for number, entry in raw["months"].items():
        for name in entry["names"]:
            months[norm(name)] = names[norm(name)] = int(number)
        for abbr in entry.get("abbr", []):
            months[norm(abbr)] = int(number)
        if entry.get("ambiguous"):
            ambiguous.update(norm(w) for w in entry["names"] + entry.get("abbr", []))
    weekdays = {norm(w): int(n) for n, ws in raw["weekdays"].items() for w in ws}
    seasons = {norm(k): (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()}
    return Lexicon(
        raw=raw,
        months=months,
        month_names=names,
        ambiguous_months=frozenset(ambiguous),
        weekdays=weekdays,
        deictics={norm(k): v for k, v in raw["deictics"].items()},
        numbers={norm(k): int(v) for k, v in raw["numbers"].items()},
        ordinals={norm(k): int(v) for k, v in raw["ordinals"].items()},
        seasons=seasons,
        modifiers={norm(k): v for k, v in raw["vague_modifiers"].items()},
        tolerance=int(raw["future_tolerance_days"]),
        year_range=(int(raw["year_range"][0]), int(raw["year_range"][1])),
        classes={
            "month": frozenset(months),
            "weekday": frozenset(weekdays),
            "season": frozenset(seasons),
            "year": frozenset({"0000"}),  # the trigger token for a four-digit number (a year)
        },
    )


@dataclass(frozen=True)
class Fragments:
    """Regex pieces shared by the rules (no capture groups: rules name their own)."""

    month: str
    month_name: str
    bare_month: str  # unambiguous full names only
    day: str
    year: str
    weekday: str
    deictic: str
    cue: str
    modifier: str
    part_of_day: str
    day_prefix: str
    number: str
    vague_number: str
    unit: str
    season: str
    plain_season: str
    time: str
    week_ordinal: str
    counts: str


@functools.cache
def fragments() -> Fragments:
    """The regex fragments, built once from the lexicon."""
    lex = lexicon()
    raw = lex.raw
    strict = lex.ambiguous_months
    names = [n for e in raw["months"].values() for n in e["names"]]
    abbrs = [a for e in raw["months"].values() for a in e.get("abbr", [])]
    month = rf"(?:{alternation(names, strict)}\b|{alternation(abbrs, strict)}\b\.?)"
    counts = alternation(raw["count_nouns"])
    ordinal_words = alternation(list(raw["ordinals"]))
    ambiguous_seasons = {norm(s) for s in raw["ambiguous_seasons"]}
    return Fragments(
        month=month,
        month_name=alternation(names, strict) + r"\b",
        bare_month=alternation([n for n in names if norm(n) not in strict]) + r"\b",
        day=rf"(?:(?<![\d,.])(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?\b|{ordinal_words}\b)",
        year=rf"(?<![\d,.])\d{{4}}(?![\d]|[,.]\d)(?!\s*-?\s*{counts}\b)",
        weekday=alternation([w for ws in raw["weekdays"].values() for w in ws]) + r"\b",
        deictic=alternation(list(raw["deictics"])),
        cue=alternation(raw["cues"]),
        modifier=alternation(list(raw["vague_modifiers"])),
        part_of_day=alternation(raw["part_of_day"]) + r"\b",
        day_prefix=alternation(raw["day_prefixes"]),
        number=rf"(?:\d{{1,3}}|{alternation(list(raw['numbers']))})",
        vague_number=alternation(list(raw["vague_numbers"])),
        unit=alternation(list(raw["units"])),
        season=alternation(list(raw["seasons"])) + r"\b",
        plain_season=alternation([s for s in raw["seasons"] if norm(s) not in ambiguous_seasons]) + r"\b",
        time="(?:" + "|".join(t if "\\" in t else phrase_regex(t) + r"\b" for t in raw["time_of_day"]) + ")",
        week_ordinal=alternation(list(raw["week_ordinals"])),
        counts=counts,
    )
