"""Relative locations: "20 km south of X", "on the outskirts of X", "X's countryside",
"between X and Y", "the X-Y road", and named sites the gazetteer lacks
("Syriatel Hill, a strategic site close to Palmyra").

All of them become PlaceMentions anchored at a resolved place with
``geo_precision = 2`` (3 when the anchor is itself a province or larger), a
``relation`` and, for a distance with a bearing, an offset point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..geo.geodesy import BEARINGS, midpoint, offset
from .places_lexicon import PlaceWords

_UNITS = {
    "km": 1.0,
    "kms": 1.0,
    "kilometres": 1.0,
    "kilometers": 1.0,
    "kilometre": 1.0,
    "kilometer": 1.0,
    "mi": 1.609,
    "mile": 1.609,
    "miles": 1.609,
}
_BEARING = "|".join(sorted(BEARINGS, key=len, reverse=True))
DISTANCE_BEFORE = re.compile(
    rf"(?i)(\d+(?:[.,]\d+)?)\s*-?\s*({'|'.join(_UNITS)})\b\.?(?:\s*\([^)]*\))?\s+(?:to\s+the\s+)?({_BEARING})\s+of\s+(?:the\s+\w+\s+of\s+)?$"
)
BEARING_BEFORE = re.compile(
    rf"(?i)\b(?:just\s+|directly\s+|to\s+the\s+)?({_BEARING})(?:ern)?\s+of\s+(?:the\s+\w+\s+of\s+)?$"
)
POSSESSIVE = re.compile(r"^(?:'s|’s|’|')?\s+([a-z]+)")
BETWEEN = re.compile(r"(?i)\bbetween\s+(?:the\s+)?$")
AND_NEXT = re.compile(r"(?i)^\s+and\s+(?:the\s+)?$")
DASH_NEXT = re.compile(r"^\s*[-–—/]\s*$")


@dataclass
class Relative:
    """How a mention is placed relative to its anchor."""

    relation: str
    distance_km: float | None = None
    bearing: float | None = None

    def point(self, lat: float, lon: float) -> tuple[float, float] | None:
        """The offset point from the anchor, when distance and bearing are known."""
        if self.distance_km is None or self.bearing is None:
            return None
        return offset(lat, lon, self.distance_km, self.bearing)


def relation_before(text: str, start: int, words: PlaceWords) -> Relative | None:
    """A relation stated just before a name: "20 km south of", "near", "the outskirts of"."""
    before = text[max(0, start - 80) : start]
    m = DISTANCE_BEFORE.search(before)
    if m:
        dist = float(m.group(1).replace(",", ".")) * _UNITS[m.group(2).lower()]
        bearing = m.group(3).lower()
        return Relative(f"{m.group(1)} {m.group(2)} {bearing} of", dist, BEARINGS[bearing])
    m = BEARING_BEFORE.search(before)
    if m:
        return Relative(f"{m.group(1).lower()} of")
    m = words.relation_before.search(before)
    if m:
        return Relative(words.relations[" ".join(m.group(1).lower().split())])
    return None


def relation_after(text: str, end: int, words: PlaceWords) -> Relative | None:
    """A relation stated right after a name: "Palmyra's countryside", "Aleppo suburbs"."""
    m = POSSESSIVE.match(text[end : end + 30])
    if m and m.group(1) in words.relation_suffixes:
        return Relative(words.relation_suffixes[m.group(1)])
    return None


def pair_relation(
    text: str, a_end: int, b_start: int, b_end: int, a_start: int, words: PlaceWords
) -> str | None:
    """ "between A and B" or "the A-B road": the relation shared by two adjacent mentions."""
    gap = text[a_end:b_start]
    if AND_NEXT.match(gap) and BETWEEN.search(text[max(0, a_start - 20) : a_start]):
        return "between"
    if DASH_NEXT.match(gap):
        after = re.match(r"^\s+(\w+)", text[b_end : b_end + 20])
        if after and after.group(1).lower() in words.road_words:
            return after.group(1).lower()
    return None


def pair_point(lat1: float, lon1: float, lat2: float, lon2: float) -> tuple[float, float]:
    return midpoint(lat1, lon1, lat2, lon2)
