"""Death tolls stated in a sentence: "killing 6", "at least 40 civilians were killed",
"six dead", "the death toll rose to 12", "1 fatality".

Counts of the wounded, of houses or of years are not deaths; a count introduced by
"including" is part of a larger one. ``None`` means no toll is stated; "no one was
killed" states a toll of 0. Vague quantities ("dozens") take the figures ACLED's
codebook assigns them (from the lexicon).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .event_lexicon import load_lexicon

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
)
DEATH_AFTER = (
    r"(?:killed|dead|died|slain|murdered|executed|massacred|beheaded|shot\s+dead|gunned\s+down|"
    r"lost\s+(?:their|his|her)\s+lives?|perished|fatalities|fatality|deaths|bodies|"
    r"killed\s+and|were\s+killed|have\s+been\s+killed|confirmed\s+dead|burned\s+to\s+death|"
    r"hacked\s+to\s+death|beaten\s+to\s+death|stabbed\s+to\s+death|lynched)"
)
KILL_BEFORE = (
    r"(?:kill(?:ed|ing|s)?|massacr(?:ed|ing)|execut(?:ed|ing)|murder(?:ed|ing)|behead(?:ed|ing)|"
    r"shot\s+dead|shooting\s+dead|gunn(?:ed|ing)\s+down|slaughter(?:ed|ing)|claim(?:ed|ing)\s+the\s+lives\s+of)"
)


_PART_OF = re.compile(r",\s*[\w-]+\s+of\s+(?:them|whom)\b[^,.;]*,")


@dataclass(frozen=True)
class _Compiled:
    count_after: re.Pattern[str]  # N ... killed
    pair: re.Pattern[str]  # N fighters and M soldiers were killed
    kill_before: re.Pattern[str]  # killed N
    toll: re.Pattern[str]  # death toll rose to N
    lives: re.Pattern[str]  # claimed N lives / left N dead
    single: re.Pattern[str]  # "a soldier was killed"
    none: re.Pattern[str]
    values: dict[str, int]
    multipliers: dict[str, int]
    units: frozenset[str]


def _alt(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@functools.cache
def _compiled() -> _Compiled:
    cfg = load_lexicon().fatalities
    values = {str(k): int(v) for k, v in (cfg.get("numbers") or {}).items()}
    values.update({str(k): int(v) for k, v in (cfg.get("vague") or {}).items()})
    mult = {str(k): int(v) for k, v in (cfg.get("multipliers") or {}).items()}
    word = _alt([*values, *mult])
    digits = rf"\d[\d,]*(?:\.\d+)?(?:\s+(?:{_alt(list(mult))}))?|(?:{word})(?:[\s-]+(?:{word}))*"
    num, num2 = rf"(?P<n>{digits})", rf"(?P<m>{digits})"
    qual = rf"(?:(?:{_alt(cfg.get('qualifiers') or [])})\s+)?"
    not_dead = _alt(cfg.get("not_dead") or [])
    gap = rf"(?:(?!(?:{not_dead})\b)(?![\d])[\w'’-]+,?\s+){{0,5}}?"
    be = r"(?:(?:were|was|have\s+been|has\s+been|had\s+been|are|is|being|got|reportedly|people|persons)\s+)*"
    flags = re.IGNORECASE
    return _Compiled(
        count_after=re.compile(rf"\b{qual}{num}\s+{gap}{be}{DEATH_AFTER}\b", flags),
        pair=re.compile(rf"\b{qual}{num}\s+{gap}and\s+{qual}{num2}\s+{gap}{be}{DEATH_AFTER}\b", flags),
        kill_before=re.compile(rf"\b{KILL_BEFORE}\s+{qual}{num}\b", flags),
        toll=re.compile(
            rf"\bdeath\s+toll\s+(?:[\w'’-]+\s+){{0,5}}?(?:to|at|of|reached|hit|is|was|stands\s+at|"
            rf"stood\s+at)\s+{qual}{num}\b",
            flags,
        ),
        lives=re.compile(
            rf"\b(?:claim(?:ed|ing)|cost|took|left|leaving)\s+{qual}{num}\s+"
            rf"(?:(?:people|persons|civilians|soldiers|others)\s+)?(?:lives|dead)\b",
            flags,
        ),
        single=re.compile(
            r"\b(?:was|has\s+been|had\s+been|got)\s+(?:\w+\s+)?(?:killed|shot\s+dead|murdered|"
            r"executed|beheaded|gunned\s+down|lynched|beaten\s+to\s+death|hacked\s+to\s+death|"
            r"stabbed\s+to\s+death|found\s+dead)\b|\bkill(?:ed|ing)\s+(?:him|her)\b"
            r"|\b(?:killed|killing|shot\s+dead|murdered|beheaded|executed|lynched|gunned\s+down)\s+(?:a|an|one)\s+"
            r"(?!(?:number|total|group|series|few|dozen|couple|lot|score)\b)"
            r"|\b(?:beat|beaten|burned|burnt|stoned|stabbed|hacked|clubbed)\s+(?:a|an|one)\s+(?:[\w-]+\s+){1,3}?to\s+death\b",
            flags,
        ),
        none=re.compile(rf"\b(?:{_alt(cfg.get('none_killed') or [])})\b", flags),
        values=values,
        multipliers=mult,
        units=frozenset(str(u).lower() for u in load_lexicon().cue_phrases.get("unit_not_people", ())),
    )


def parse_number(text: str) -> int | None:
    """'40' -> 40, '2,000' -> 2000, 'twenty-five' -> 25, 'two hundred' -> 200, 'dozens' -> 12."""
    c = _compiled()
    t = text.lower().replace(",", "").strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(\w+))?", t)
    if m:
        n = float(m.group(1)) * (c.multipliers.get(m.group(2) or "", 1))
        return int(n)
    total, current = 0, 0
    for w in re.split(r"[\s-]+", t):
        if w in c.multipliers:
            current = max(current, 1) * c.multipliers[w]
            if c.multipliers[w] >= 1000:
                total, current = total + current, 0
        elif w in c.values:
            current += c.values[w]
        elif w != "and":
            return None
    return total + current or None


def _plausible(text: str, m: re.Match[str]) -> bool:
    """Not a year or a day of the month, not part of a larger count ("including 2 women")."""
    raw = m.group("n").lower()
    before = text[max(0, m.start("n") - 12) : m.start("n")].lower()
    after = text[m.end("n") : m.end("n") + 10].lower()
    if re.fullmatch(r"(1[89]|20)\d\d", raw):
        return False
    nxt = re.match(r"\s*([\w%]+)", after)
    if nxt and (nxt.group(1) in _compiled().units or nxt.group(1).rstrip("s") in _compiled().units):
        return False
    if any(after.lstrip().startswith(mo) or before.rstrip().endswith(mo) for mo in MONTHS):
        return False
    if raw in ("a", "an") and re.match(r"\s*(?:number|total|group|series|few|couple|lot|score)\b", after):
        return False  # "killed a number of soldiers" states no count
    if re.match(r"\s*of\s+(?:them|whom)\b", after):
        return False  # "11 of them children" is part of a larger count
    return not re.search(r"\b(?:including|among\s+them|of\s+whom|of\s+them)\s*$", before)


def fatalities_in(text: str) -> int | None:
    """The death toll a sentence states, or None; the largest when several are given."""
    c = _compiled()
    text = _PART_OF.sub(",", text)  # "58 people, 11 of them children, were killed"
    counts: list[int] = []
    nones = [m.span() for m in c.none.finditer(text)]
    for m in c.pair.finditer(text):
        a, b = parse_number(m.group("n")), parse_number(m.group("m"))
        if a is not None and b is not None and _plausible(text, m):
            counts.append(a + b)
    for pat in (c.count_after, c.kill_before, c.toll, c.lives):
        for m in pat.finditer(text):
            if any(a <= m.start("n") < b for a, b in nones):
                continue
            if _plausible(text, m):
                n = parse_number(m.group("n"))
                if n is not None:
                    counts.append(n)
    if counts:
        return max(counts)
    if nones:
        return 0
    if c.single.search(text):
        return 1
    return None
