"""What the text says about how its names sit together: "X, Y", "X (Y)", "X in Y" and
"Y's X" put X inside Y; "A, B and C" is a list, not a nesting; "University of X, Y" is
an institution standing in Y, not in X. The resolver reads these links as evidence."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..geo.gazetteer import AREA_FEATURES, WIDE_FEATURES, Candidate
from .places_candidates import area_named
from .places_rules import COMMA_GAP, CONTAINER_GAP, HOLDERS, chained, contains, same_level

if TYPE_CHECKING:
    from .places_resolve import Resolution

POSSESSIVE_GAP = re.compile(r"^['’]s\s+$")  # "Idlib's Maarat al-Numan"
_EPITHET = re.compile(r"\b[A-Z][a-z]+\s+of\s+$")  # "Gregory of ", "University of " before a name
CAMPUS_GAP = re.compile(r"^\s*(?:,|\bat\b|\bin\b)\s*(?:the\s+)?$")  # "University of X, Y" / "at Y" / "in Y"


def link_containers(text: str, res: list[Resolution]) -> None:
    """ "X, Y" / "X (Y)" / "X district, Y" with Y an area, or "X in (the countryside
    of) Y" with Y any place: Y is X's stated container."""
    for i in range(len(res) - 1):
        a, b = res[i].mention, res[i + 1].mention
        gap = text[a.end : b.start]
        if POSSESSIVE_GAP.match(gap):
            _link_possessor(res, i)
            continue
        if b.start - a.end > 45 or not CONTAINER_GAP.match(gap):
            continue
        j = i + 1
        if not res[j].candidates and j + 1 < len(res) and chained(text, res[j].mention, res[j + 1].mention):
            j += 1  # "Afar area (Al Malagim, Al Bayda)": past an unknown name to the province
        area = any(c.feature in AREA_FEATURES for c in res[j].candidates)
        if _wider(res[i].candidates, res[j].candidates):
            continue  # "the T&T mission in Washington": a country lies in no state or town
        if (
            a.key != res[j].mention.key
            and same_level(res[i].candidates, res[j].candidates)
            and not _state_of(res[i].candidates, res[j].candidates)
        ):
            continue  # a list: "Kabul, Ghor, Laghman and Balkh provinces"
        comma = bool(COMMA_GAP.match(gap))
        if comma and i > 0 and res[i - 1].container != i and _listed(text, res[i - 1], res[i], res[j]):
            continue  # "Miami, West Palm Beach, New York and Detroit": a list goes on
        if "(" in gap and not area and _district_of(text, res, j):
            j += 1  # "Tieba (Bankass, Mopti)": held to the province the bracket ends with
            area = True
        if area or (res[j].candidates and re.search(r"\b(?:in|of)\b", gap)):
            res[i].container = j
            # "X in Y" in words; not an epithet's place ("St. Gregory of Narek in Vatican")
            epithet = _EPITHET.search(text, max(0, a.start - 30), a.start) is not None
            res[i].said_in = re.search(r"\bin\b", gap) is not None and not epithet
            # a known place "in Aleppo" is in the province; a restaurant "in New York", in the city
            if area and (comma or res[i].candidates):
                res[j].mention.hint = res[j].mention.hint or "container"


def _district_of(text: str, res: list[Resolution], j: int) -> bool:
    """ "Tieba (Bankass, Mopti)": a town in brackets followed by its province names the
    district the bracketed place lies in (ACLED's "village (district, province)")."""
    k = j + 1
    return (
        k < len(res)
        and bool(res[j].candidates)
        and chained(text, res[j].mention, res[k].mention)
        and any(c.feature in AREA_FEATURES for c in res[k].candidates)
    )


def place_campuses(text: str, res: list[Resolution]) -> None:
    """An institution named after one place but said to stand in another ("University
    of St. Thomas in Houston", "University of California, Los Angeles", "... at San
    Marcos") is at the latter: the readings its name gave are dropped, and it is placed
    by the place stated."""
    for i, r in enumerate(res[:-1]):
        if not r.mention.institution or not r.candidates:
            continue
        j = r.container if r.container is not None else i + 1
        if r.container is None and not CAMPUS_GAP.match(text[r.mention.end : res[j].mention.start]):
            continue
        if res[j].mention.institution:
            continue  # "Florida Atlantic University, California Polytechnic ...": a list of institutions
        site = res[j].candidates
        inside = (
            k.pid == c.pid or ((k.is_area or not c.is_area) and contains(k, c))
            for k in site
            for c in r.candidates
        )
        if site and not any(inside):  # a state or country lies in no town
            r.container, r.candidates, r.stray = j, [], "an institution named after a place elsewhere"


def _link_possessor(res: list[Resolution], i: int) -> None:
    """ "Idlib's Maarat al-Numan", "Kharkiv's Izium": the possessor holds the next name
    when one of its areas holds one of that name's readings ("Israel's Gaza war" links
    nothing: no Gaza lies in Israel); a name the gazetteer lacks lies in its possessor,
    whatever kind of place that is ("London's Heathrow Animal Reception Center")."""
    if not res[i + 1].candidates and res[i].candidates:
        res[i + 1].container = i
        return
    areas = [c for c in res[i].candidates if c.feature in HOLDERS]
    if any(contains(a, c) for a in areas for c in res[i + 1].candidates):
        res[i + 1].container = i
        res[i].mention.hint = res[i].mention.hint or "container"


def _wider(a: list[Candidate], b: list[Candidate]) -> bool:
    """``a`` names a country (its most prominent own reading) and no reading of ``b`` is one or wider."""
    return _names_country(a) and not any(c.feature in WIDE_FEATURES for c in b)


def _listed(text: str, a: Resolution, b: Resolution, after: Resolution) -> bool:
    """``a`` and ``b`` begin a list of towns that ``after`` goes on ("Miami, West Palm
    Beach, New York"), not "Rockingham and Safety Bay, WA" nor "Aleppo, Idlib, Syria"."""
    if not re.fullmatch(r"\s*,\s*", text[a.mention.end : b.mention.start]):
        return False
    if _names_country(after.candidates):
        return False
    return area_named(a.candidates) is None and any(c.feature not in AREA_FEATURES for c in a.candidates)


def _state_of(a: list[Candidate], b: list[Candidate]) -> bool:
    """``b`` is a country and ``a`` none: "Oaxaca State, Mexico" is a state and its
    country, not a list of two states (México is one too)."""
    return _names_country(b) and not any(c.feature == "country" and c.kind == 0 for c in a)


def _names_country(cands: list[Candidate]) -> bool:
    """The name's most prominent own reading is a country ("Mexico", "Syria")."""
    top = area_named(cands)
    return top is not None and top.feature == "country"
