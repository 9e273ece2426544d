"""Toponyms resolved to gazetteer entries (component "places"), and :func:`locate`,
the location of an event described in a stretch of text.

Recognition is in :mod:`places_recognize`, disambiguation in :mod:`places_resolve`,
relative locations in :mod:`places_relative`, the document's focus place in
:mod:`places_focus`. The gazetteer and vocabularies load lazily, once per process.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace

from ..geo.gazetteer import AREA_FEATURES, Gazetteer, get_gazetteer
from ..records import PlaceMention
from .base import DocContext, component
from .places_build import MentionBuilder, stands_in
from .places_context import actor_countries, clock_countries
from .places_focus import dateline_place, focus_place
from .places_lexicon import PlaceWords, place_words
from .places_recognize import Mention, Recognizer
from .places_resolve import Resolver
from .places_rules import CONTAINER_GAP

__all__ = ["PlaceResolver", "locate"]


_PARTS: dict[int, tuple[Gazetteer, PlaceWords, Recognizer, Resolver, MentionBuilder]] = {}


def _parts() -> tuple[Gazetteer, PlaceWords, Recognizer, Resolver, MentionBuilder]:
    """The gazetteer and the component's helpers, made once per process."""
    pid = os.getpid()
    if pid not in _PARTS:
        gaz, words = get_gazetteer(), place_words()
        _PARTS.clear()
        _PARTS[pid] = (gaz, words, Recognizer(gaz, words), Resolver(gaz, words), MentionBuilder(gaz, words))
    return _PARTS[pid]


@component("places")
class PlaceResolver:
    """Finds toponyms (or takes ``ctx.mentions``) and resolves them into ``ctx.places``."""

    def __call__(self, ctx: DocContext) -> None:
        _gaz, words, recognizer, resolver, builder = _parts()
        text = ctx.text
        if ctx.mentions is not None:
            # in text order whatever order they come in: the resolver reads neighbours
            # ("Adelaide, SA", "California or Washington") from adjacent mentions
            mentions = [Mention(s, e, text[s:e], "given") for s, e in sorted(set(ctx.mentions))]
            for m in mentions:
                m.hint = recognizer.hint(text, m.start, m.end)
                m.bloc = recognizer.bloc(text, m.start, m.end)
        else:
            mentions = recognizer.find(ctx)
        actors = {a.actor.country for a in ctx.actors if a.actor is not None and a.actor.country}
        context = sorted(actors) if actors else actor_countries(text)
        context += clock_countries(text, words.clock_zone, words.zone_countries)
        home = ctx.outlet_home
        if home is not None:
            context.append(home.cc)
        res = resolver.resolve(text, mentions, context_countries=context, home=home)
        relations = ctx.mentions is None  # resolution-only mode resolves the toponyms themselves
        ctx.places = builder.build(ctx, res, relations)


_FROM = re.compile(
    r"(?i)\b(?:from|to|towards?|leads?\s+to|leading\s+to|heading\s+(?:to|for))\s+(?:the\s+)?"
    r"(?:(?:\w+\s+){0,2}(?:town|village|city|district|area|province)\s+of\s+)?$"
)
_LOCATIVE = re.compile(
    r"(?i)\b(?:in|at|near|inside|outside|on|into|around|across|outskirts of|countryside of)\s+"
    r"(?:the\s+)?(?:(?:\w+\s+){0,2}(?:town|village|city|district|area|province)\s+of\s+)?$"
)


_AREA_RANK = {"region": 3.75, "sea": 3.75, "water": 3.75, "country": 4.0, "continent": 5.0}


def specificity(pm: PlaceMention) -> float:
    """Lower is more specific: a town (1) over a near-town or district (2) over a
    province (3) over a region or sea (3.75) over a country (4) over a continent (5);
    a place standing in for a name the gazetteer lacks counts half a step less specific."""
    f = pm.place.feature if pm.place else None
    if f in _AREA_RANK:
        return _AREA_RANK[f]
    return float(pm.geo_precision) + (0.5 if stands_in(pm) else 0.0)


def _qualifiers(text: str, places: list[PlaceMention]) -> set[int]:
    """Indexes of mentions that only qualify the one before ("Yasne, Donetsk")."""
    out = set()
    for i in range(1, len(places)):
        a, b = places[i - 1], places[i]
        gap = text[a.end : b.start]
        if not (0 <= b.start - a.end <= 45 and CONTAINER_GAP.match(gap)):
            continue
        area = b.place is not None and b.place.feature in AREA_FEATURES
        if area or re.search(r"[,(]", gap):  # "X, Y" / "X (Y)"; "X in Y" only for a province Y
            out.add(i)
    return out


def locate(ctx: DocContext, start: int, end: int, anchor: int | None = None) -> PlaceMention | None:
    """The best location for an event described in ``text[start:end]``.

    Rule: among the resolved places inside the range, the most specific (a town over
    a relative location or district, over its province, over its country), leaving
    out places that only qualify another ("Yasne, Donetsk": Donetsk) and a dateline
    (where the story was filed, "KHARTOUM, Dec 19 -") and a capital that speaks for its
    government ("Kyiv said", read as an actor), and ranking places where a
    movement starts or heads ("from X", "towards X") half a step lower; ties go to the
    place nearest ``anchor`` (the event's trigger, when the caller knows it), else to
    the first. When the range names no place, or only a country, or only the area a
    movement starts from ("rockets launched from the Gaza Strip" in a story about Tel
    Aviv), the document's focus place stands in, its precision unchanged. A province
    or district is given the point of its seat (the town it is named after, else its
    largest; ACLED's convention for precision 3), with a note. None when nothing is
    known."""
    places = [pm for pm in ctx.places if pm.place is not None]
    quals = _qualifiers(ctx.text, places)
    dated = dateline_place(ctx, places)
    pool = [pm for pm in places if start <= pm.start < end]
    inside = [pm for i, pm in enumerate(places) if start <= pm.start < end and i not in quals]
    inside = [pm for pm in inside if pm is not dated] or inside or pool
    speakers = {(a.start, a.end) for a in ctx.actors}
    inside = [pm for pm in inside if (pm.start, pm.end) not in speakers]  # "Kyiv said", "Moscow claimed"
    best = None
    if inside:
        near = (lambda pm: abs(pm.start - anchor)) if anchor is not None else (lambda pm: pm.start)
        best = min(inside, key=lambda pm: (specificity(pm) + _cue_penalty(ctx.text, pm), near(pm)))
    origin = best is not None and specificity(best) >= 3 and _FROM.search(_before(ctx.text, best)) is not None
    if best is None or specificity(best) >= 4 or origin:
        focus = focus_place(ctx, ctx.places)
        if (
            focus is not None
            and (best is None or origin or _same_country(focus, best))
            and (best is None or specificity(focus) < specificity(best))
        ):
            best = replace(focus, note=_join(focus.note, "document focus place"))
    return _seated(best) if best is not None else None


def _before(text: str, pm: PlaceMention) -> str:
    return text[max(0, pm.start - 40) : pm.start]


def _cue_penalty(text: str, pm: PlaceMention) -> float:
    """Half a step for "from X" or "towards X" (where a movement starts or heads), a
    quarter for a place not introduced by a locative word ("residents of X protested
    in Y": Y)."""
    before = text[max(0, pm.start - 40) : pm.start]
    if _FROM.search(before):
        return 0.5
    return 0.0 if _LOCATIVE.search(before) else 0.25


def _same_country(a: PlaceMention, b: PlaceMention) -> bool:
    return a.place is not None and b.place is not None and a.place.country_code == b.place.country_code


def _join(note: str | None, more: str) -> str:
    return f"{note}; {more}" if note else more


def _seated(pm: PlaceMention) -> PlaceMention:
    """A province or district located at its largest town (kept when an offset is set)."""
    p = pm.place
    if p is None or p.feature not in ("admin1", "admin2") or pm.latitude is not None or p.geonames_id is None:
        return pm
    gaz = _parts()[0]
    area = gaz.by_geonames_id(p.geonames_id)
    seat = gaz.seat(area.pid) if area is not None else None
    if seat is None:
        return pm
    return replace(
        pm, latitude=seat.lat, longitude=seat.lon, note=_join(pm.note, f"at {seat.name}, its largest town")
    )
