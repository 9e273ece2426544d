"""Nearness evidence among a document's places: readings of two different names that
lie together (this module), and the distance to the places already chosen
(:func:`nearest_other`).

A local paper writes "Paris and Henry County" without a state: the Paris that
lies in a Henry County, and the Henry County that contains a Paris, are the ones
meant, though neither is the best-known of its name. The resolver's nearness score
only looks at the reading already chosen for the other names, so two small
namesakes never find each other when both names have a famous reading; this looks
at every reading of the other names, in the first round only: later rounds keep
such a pair only if both readings were chosen (the nearness score). The evidence is shared out among a name's
readings that find such a partner, so a name with namesakes everywhere
("Washington", "Springfield") gains little from chance meetings.
"""

from __future__ import annotations

import math
from collections import defaultdict
from typing import TYPE_CHECKING

from ..geo.gazetteer import TOP_FEATURES, WIDE_FEATURES, Candidate
from ..geo.geodesy import km

if TYPE_CHECKING:
    from .places_resolve import Resolution

COLOCATED_KM = 30.0  # two towns this close are read as one neighbourhood
_CELL = 0.5  # degrees: grid cell of the neighbourhood search


def _cell(lat: float, lon: float) -> tuple[int, int]:
    return math.floor(lat / _CELL), math.floor(lon / _CELL)


def _close(a: Candidate, b: Candidate) -> bool:
    return km(a.lat, a.lon, b.lat, b.lon) < COLOCATED_KM


def colocated(res: list[Resolution]) -> list[dict[int, float]]:
    """For each mention, its readings (by ``pid``) that another name of the document has
    a reading next to (within :data:`COLOCATED_KM`, or district and town inside it),
    each with the share 1/n of the n such readings of that mention."""
    grid: dict[tuple[int, int], list[tuple[str, Candidate]]] = defaultdict(list)
    districts: dict[int, set[str]] = defaultdict(set)  # district pid -> names read as it
    towns_in: dict[int, set[str]] = defaultdict(set)  # district pid -> names with a town in it
    for r in res:
        key = r.mention.key
        for c in r.candidates:
            if c.kind > 1 or c.feature in TOP_FEATURES:
                continue
            if c.feature == "admin2":
                districts[c.pid].add(key)
            else:
                grid[_cell(c.lat, c.lon)].append((key, c))
                if c.a2pid is not None:
                    towns_in[c.a2pid].add(key)
    out: list[dict[int, float]] = []
    for r in res:
        key = r.mention.key
        hits: list[int] = []
        if any(c.kind <= 1 and c.feature in TOP_FEATURES for c in r.candidates):
            out.append({})  # "Mexico", "Kansas": a country or state is no homonym of a town
            continue
        for c in r.candidates:
            if c.kind > 1 or c.feature in TOP_FEATURES:
                continue
            if c.feature == "admin2":
                if towns_in.get(c.pid, set()) - {key}:
                    hits.append(c.pid)
                continue
            if c.a2pid is not None and districts.get(c.a2pid, set()) - {key}:
                hits.append(c.pid)
                continue
            ci, cj = _cell(c.lat, c.lon)
            if any(
                k != key and _close(c, d)
                for di in (-1, 0, 1)
                for dj in (-1, 0, 1)
                for k, d in grid.get((ci + di, cj + dj), ())
            ):
                hits.append(c.pid)
        out.append({pid: 1.0 / len(hits) for pid in hits})
    return out


def nearest_other(
    c: Candidate, i: int, points: list[tuple[int, str, float, float]], key: str
) -> float | None:
    """Distance (km, flat-earth approximation) to the nearest place chosen for
    another name of the document."""
    if c.feature in WIDE_FEATURES:
        return None
    best = None
    coslat = math.cos(math.radians(c.lat))
    for j, k, lat, lon in points:
        if j == i or k == key:
            continue
        dx = (lon - c.lon + 540.0) % 360.0 - 180.0
        d = 111.2 * math.hypot(lat - c.lat, dx * coslat)
        best = d if best is None or d < best else best
    return best
