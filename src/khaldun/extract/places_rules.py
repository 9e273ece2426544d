"""Small rules the resolver and the mention builder share: which features are areas,
what containment the text states, what a place's ACLED precision is, and which
country a name points to on its own."""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from ..geo.gazetteer import AREA_FEATURES, VARIANT, Candidate
from ..geo.geodesy import km

if TYPE_CHECKING:
    from .places_recognize import Mention
    from .places_resolve import Resolution

# Up to two words may stand between a place and "in" its container: what the place is
# ("Kafr Nabl town in Idlib", "Hamza Camp in Mashru al-Hadba", "the La Palace hotel in
# Zahle"), not a verb phrase or a clause ("Khayelitsha to live in Delft", "Newark after
# practicing in New Zealand" put nothing in Delft or New Zealand).
_NOT_BEFORE_IN = "|".join(
    "to from and or but then after before since while when who which that".split()
    + "live lived living moved born work worked".split()
)
_BEFORE_IN = rf"(?:\s+(?!(?:{_NOT_BEFORE_IN})\b)\w+){{0,2}}"
_COMMA = r"^(?:\s+\w+){0,2}\s*(?:,|\()\s*(?:the\s+)?$"  # "X, Y" / "X (Y)": Y names an area
COMMA_GAP = re.compile(_COMMA)
CONTAINER_GAP = re.compile(
    _COMMA + rf"|^{_BEFORE_IN}\s*(?:(?:in|of)\s+(?:the\s+)?(?:\w+\s+){{0,2}}?"
    r"(?:countryside|outskirts|suburbs|vicinity|rural\s+areas|areas|area|province|governorate|district|region)"
    r"\s+of|in\s+rural|in)\s*(?:the\s+)?$"
    r"|^\s+(?:neighbou?rhood|quarter|suburb|village|town|district|sub-?district|county|municipality|area|region"
    r"|locality|camp)\s+of\s+(?:the\s+)?$"
)


HOLDERS = frozenset({"country", "admin1", "admin2"})  # areas the text puts places in ("X, Y", "Y's X")


def geo_precision(c: Candidate) -> int:
    """ACLED precision of a place itself: towns and sites 1, districts 2, larger areas 3."""
    if c.feature == "admin2":
        return 2
    if c.feature in AREA_FEATURES:
        return 3
    return 1


def dominant_country(cands: list[Candidate]) -> str | None:
    """The country a name points to on its own: its only country, a country it names
    outright, or one whose biggest place of that name is ten times any other's."""
    if not cands:
        return None
    if cands[0].feature == "country" and cands[0].kind == 0:
        return cands[0].cc
    biggest: dict[str, int] = {}
    for c in cands:
        if c.cc and c.kind <= 1:
            biggest[c.cc] = max(biggest.get(c.cc, 0), c.population)
    if len(biggest) == 1:
        return next(iter(biggest))
    ranked = sorted(biggest.items(), key=lambda t: -t[1])
    if len(ranked) > 1 and ranked[0][1] >= 10 * max(ranked[1][1], 1000):
        return ranked[0][0]
    return None


Province = tuple[str, str | None]


def provinces(res: list[Resolution]) -> tuple[dict[Province, set[tuple[int, str]]], Counter[Province]]:
    """Provinces of the places chosen so far, with each place and the name that chose it
    (a town is no evidence for itself when its name comes twice), and provinces named
    outright (not through an adjective: "English fans" say little about where in England)."""
    towns: dict[Province, set[tuple[int, str]]] = {}
    named: Counter[Province] = Counter()
    for r in res:
        b = r.best
        if b is None or not b.a1code or b.kind == VARIANT:  # a guessed spelling is no evidence
            continue
        if b.feature == "admin1":
            if not r.mention.adjective:
                named[(b.cc, b.a1code)] += 1
        elif b.feature != "country":
            towns.setdefault((b.cc, b.a1code), set()).add((b.pid, r.mention.key))
    return towns, named


def own_vote(r: Resolution, cc: str) -> float:
    """The vote a name casts for its own country (:func:`country_votes`): no evidence for itself."""
    return 1.0 if r.dominant == cc else 0.0


def backing(votes: Counter[str], r: Resolution, cc: str) -> float:
    """The document's votes for a country beyond the one this name casts itself."""
    return votes.get(cc, 0.0) - own_vote(r, cc)


def others(found: set[tuple[int, str]] | None, *own: int) -> bool:
    """A place lies there other than ``own`` (the one being weighed, the mention's choice so far)."""
    return bool(found) and any(pid not in own for pid, _ in found)


# "migrants (mostly from Afghanistan)", "refugees from Syria": where people come from
_ORIGIN = re.compile(
    r"(?i)\b(?:migrants?|refugees?|asylum[- ]seekers?|immigrants?|nationals|mostly|originally)\b"
    r"[^.;()]{0,30}\bfrom\s+(?:the\s+)?$"
)
LIST_GAP = re.compile(r"^\s*(?:,|,?\s+(?:and|or|&))\s*$")


def listed_pairs(text: str, res: list[Resolution]) -> list[tuple[int, int]]:
    """Neighbouring mentions of one list ("Missouri, New York and Virginia",
    "California or Washington"), not a town and its container ("Washington, D.C."):
    index pairs."""
    out = []
    for i in range(len(res) - 1):
        a, b = res[i].mention, res[i + 1].mention
        if a.key != b.key and res[i].container != i + 1 and LIST_GAP.match(text[a.end : b.start]):
            out.append((i, i + 1))
    return out


def chained(text: str, a: Mention, b: Mention) -> bool:
    return 0 <= b.start - a.end <= 45 and bool(CONTAINER_GAP.match(text[a.end : b.start]))


def same_level(a: list[Candidate], b: list[Candidate]) -> bool:
    """Both names can be provinces (or both districts): listed side by side, not nested."""
    for level in ("admin1", "country"):
        if any(c.feature == level for c in a) and any(c.feature == level for c in b):
            return True
    return False


def fits_hint(c: Candidate, hint: str) -> bool:
    if hint == "admin1":
        return c.feature in ("admin1", "region")
    if hint == "admin2":
        return c.feature in ("admin2", "admin1", "region")
    if hint == "city":
        return c.feature not in AREA_FEATURES
    return c.feature not in ("country", "continent")  # "Florida prison": a state's, not a town's


def contains(container: Candidate, c: Candidate) -> bool:
    if container.feature == "country":
        return c.cc == container.cc
    if container.feature == "admin1":
        return c.cc == container.cc and c.a1code == container.a1code and c.pid != container.pid
    if container.feature == "admin2":
        return c.a2pid == container.pid or (
            c.cc == container.cc and km(c.lat, c.lon, container.lat, container.lon) < 60
        )
    if container.feature == "region":
        return km(c.lat, c.lon, container.lat, container.lon) < 300
    if container.feature not in ("continent",):  # "in the countryside of <town>"
        return km(c.lat, c.lon, container.lat, container.lon) < 60
    return False


def fits_container(cont: Candidate, c: Candidate, big: bool) -> bool:
    """Can ``c`` lie where the text puts it? In an area: inside it. "X in Y" with Y a
    town (its countryside, its outskirts): in Y's province or within reach of Y; a big
    town or an area named there is let be ("fighters from Raqqa in Mosul")."""
    if cont.pid == c.pid:
        return True  # "Mopti Commune (Mopti)": named twice, the same place
    if cont.feature in AREA_FEATURES:
        return contains(cont, c)
    if big or c.is_area:
        return True
    return c.cc == cont.cc and (c.a1code == cont.a1code or contains(cont, c))


def country_votes(
    text: str, res: list[Resolution], context: list[str], demonyms: dict[str, str]
) -> Counter[str]:
    """The countries a document points to: each distinct name's own country (one vote, half
    for where migrants come from: "migrants (mostly from Afghanistan)"),
    demonyms ("Syrian", "South Sudanese": half a vote each) and countries known from
    elsewhere (actors, the outlet: half a vote)."""
    votes: Counter[str] = Counter()
    seen: set[str] = set()
    for r in res:  # each distinct name votes once; a place people come from, half
        cc = r.dominant
        if cc and r.mention.key not in seen:
            votes[cc] += 0.5 if _ORIGIN.search(text[max(0, r.mention.start - 60) : r.mention.start]) else 1.0
        seen.add(r.mention.key)
    caps = list(re.finditer(r"\b[A-Z][a-z]+\b", text))
    skip = -1
    for i, m in enumerate(caps):  # "Syrian", "Syrian Observatory", "South Sudanese"
        if i <= skip:
            continue
        nxt = caps[i + 1] if i + 1 < len(caps) and caps[i + 1].start() == m.end() + 1 else None
        pair = demonyms.get(f"{m.group(0)} {nxt.group(0)}".lower()) if nxt else None
        cc = pair or demonyms.get(m.group(0).lower())
        if cc:
            votes[cc] += 0.5
            skip = i + 1 if pair else i
    for cc in context:  # countries known from outside the toponyms (actors, the outlet)
        votes[cc] += 0.5
    return votes
