"""Readings the text contradicts, turned into unknown names after scoring (the builder
then places them at their stated container or neighbour): a place outside the
province the text puts it in, a look-alike spelling nothing else supports, and a small
namesake in a country the document never points to."""

from __future__ import annotations

import re
from collections import Counter
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from ..geo.gazetteer import AREA_FEATURES, VARIANT, Candidate
from ..geo.names import name_key, strip_article
from .places_candidates import STRAY_POPULATION
from .places_cohere import nearest_other
from .places_rules import Province, backing, fits_container, own_vote, provinces

if TYPE_CHECKING:
    from .places_resolve import Resolution

VARIANT_NEAR_KM = 150  # a spelling variant must lie this close to another place the text names
NEAR_IDENTICAL = 0.88  # how close a respelling must be to stand on its own, with no other evidence
PROVINCE_STRAY_KM = 300  # a small town outside the document's provinces is set aside this far from its places


def _contradicted(res: list[Resolution], i: int) -> None:
    """The text puts this name in a province none of its namesakes lies in: it and
    its other mentions are unknown places, all placed by that container."""
    key, container = res[i].mention.key, res[i].container
    for j, r in enumerate(res):
        if j == container:
            continue  # "Mopti Commune (Mopti)": the container itself stays what it is
        if r.mention.key == key and (r.container is None or r is res[i]):
            r.best = None
            r.container = container if r.container is None else r.container


def reject_strays(
    res: list[Resolution],
    votes: Counter[str],
    cued: list[tuple[str, str | None]],
    sovereigns: dict[str, str] | None = None,
    quarter: re.Pattern[str] | None = None,
) -> None:
    """Readings the text contradicts become unknown names (placed later at their
    stated container or neighbour): a place outside the province the text puts it
    in ("Jen (Karim-Lamido LGA, Taraba)" is not the Chinese Jen), or a small place
    or district in a country nothing else in the document supports ("Republic" in a
    story from Derry is not Republic, Missouri; a territory's places are backed by its
    sovereign (``sovereigns``) when that is the document's leading country; curated
    sites and towns of :data:`STRAY_POPULATION` people are exempt), or a small town in
    another province of the country whose provinces the document names
    (:func:`_off_province`), or a town named like a city's quarter ("South Side") far
    from every other place the story names (:data:`VARIANT_NEAR_KM`). A capitalised
    word taken for a place only because the gazetteer knows it is dropped instead.
    For toponyms given from outside (resolution-only) the province rules hold only for
    a small town the text puts "in" a place in words ("August in New Orleans" is the
    restaurant): a container read from punctuation alone is a guess, and on GWN and
    LGL it undid more right readings than wrong ones; such a given name whose stated
    container does not hold it still faces the country test."""
    total = sum(votes.values())
    leading = votes.most_common(1)[0][0] if votes else None
    points = [
        (j, x.mention.key, x.best.lat, x.best.lon)
        for j, x in enumerate(res)
        if x.best is not None and x.best.kind != VARIANT and not x.best.is_area
    ]
    towns, named = provinces(res)
    for i, r in enumerate(res):
        best = r.best
        guessed = best is not None and best.kind == VARIANT
        if guessed and not _supported(best, r, votes, total, points, cued):  # type: ignore[arg-type]
            r.best = None  # a look-alike spelling needs the document's support
            continue
        if best is None:
            continue
        if quarter is not None and quarter.fullmatch(r.mention.text) and not best.is_area:
            d = nearest_other(best, i, points, r.mention.key)
            if d is not None and d > VARIANT_NEAR_KM:  # Chicago's South Side is not Fowler, Colorado
                r.best, r.stray = None, "a quarter of a city, not a namesake far from the story's places"
                continue
        given = r.mention.origin == "given"
        if not given and _outside_cued(best, cued):
            _contradicted(res, i)  # "OSCE SMM ... near Lozove": not the Lozove of Kharkiv
            continue
        cont = res[r.container].best if r.container is not None else None
        big = best.population >= STRAY_POPULATION and best.kind == 0
        curated = best.source == "supplement"  # named because news names them
        small_town = best.feature == "city" and not big
        if (
            (not given or (r.said_in and small_town))
            and cont is not None
            and not fits_container(cont, best, big)
        ):
            _contradicted(res, i)
            continue
        small_district = best.feature == "admin2" and best.population < STRAY_POPULATION
        held = cont is not None and (not given or fits_container(cont, best, big))
        if (best.feature in AREA_FEATURES and not small_district) or big or curated or held:
            continue  # a given name whose stated container does not hold it is tested like any other
        if any(x.container == i and (not x.best or fits_container(best, x.best, False)) for x in res):
            continue  # it contains another place the text names
        if _off_province(best, r, i, res, points, named, towns):
            _unback(r, "no namesake in the document's provinces", votes)
            continue
        own = own_vote(r, best.cc)
        sovereign = (sovereigns or {}).get(best.cc)  # Saipan in a story about the United States
        backed = backing(votes, r, best.cc) > 0 or (sovereign is not None and sovereign == leading)
        if not backed and total - own >= 1.0:
            _unback(r, "no namesake in the document's countries", votes)


def _unback(r: Resolution, why: str, votes: Counter[str]) -> None:
    """A reading nothing backs: the next big namesake that is a capital or lies in a
    country the document points to takes its place ("London" beside Washington and New
    York, once London, Ohio is set aside); failing that, a capitalised word taken for a
    place only because the gazetteer knows it is dropped, and another name becomes
    unknown, placed by its neighbours."""
    big = next(
        (
            c
            for c in r.ranked
            if c.population >= STRAY_POPULATION and c.kind == 0 and (c.capital or backing(votes, r, c.cc) > 0)
        ),
        None,
    )
    if big is not None:
        r.best = big
    elif r.mention.origin in ("gazetteer", "entity"):
        r.rejected = True
    else:
        r.best, r.stray = None, why


def _outside_cued(c: Candidate, cued: list[tuple[str, str | None]]) -> bool:
    """A small town in the cued country but outside every province the cue names."""
    return (
        bool(cued)
        and not c.is_area
        and c.population < STRAY_POPULATION
        and c.cc in {cc for cc, _ in cued}
        and (c.cc, c.a1code) not in cued
    )


def _supported(
    c: Candidate,
    r: Resolution,
    votes: Counter[str],
    total: float,
    points: list[tuple[int, str, float, float]],
    cued: list[tuple[str, str | None]],
) -> bool:
    """Does the rest of the document point to this place: the provinces a region
    cue names, its country (or, for a near-identical spelling, there is no other
    evidence at all), and a town near it when the text names towns?"""
    own = own_vote(r, c.cc)
    if cued:
        if (c.cc, c.a1code) not in cued:
            return False
    elif backing(votes, r, c.cc) <= 0:
        if total - own >= 1.0 or r.mention.origin == "cued":
            return False  # a capitalised word after "in" needs its country named elsewhere
        if not _near_identical(r.mention.text, c.name):
            return False  # with nothing else to go on, only a slight respelling is trusted
    d = nearest_other(c, -1, points, r.mention.key)
    return d is None or d < VARIANT_NEAR_KM


def _near_identical(text: str, name: str) -> bool:
    """ "Quamishli" for "Al Qamishli", not "Garabulli" for "Gârbău"."""
    a = name_key(text)
    b = name_key(name)
    a, b = strip_article(a) or a, strip_article(b) or b
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_IDENTICAL


def _off_province(
    c: Candidate,
    r: Resolution,
    i: int,
    res: list[Resolution],
    points: list[tuple[int, str, float, float]],
    named: Counter[Province],
    towns: dict[Province, set[tuple[int, str]]],
) -> bool:
    """A small town in another province of the country whose provinces the document
    names, where none of its other places lies, far from all of them: "Bourbon" in a
    story about New Orleans, Louisiana is the street, not Bourbon, Indiana. Not the
    first place the story names (its own: "Laconia police ... from Alaska"), nor one the
    outlet's province chose or the text puts in a container."""
    if c.feature != "city" or c.population >= STRAY_POPULATION or r.container is not None:
        return False
    if r.by_home or res[0].mention.key == r.mention.key:
        return False
    province = (c.cc, c.a1code)
    if province in named or c.cc not in {cc for cc, _ in named}:
        return False
    if any(key != r.mention.key for _, key in towns.get(province, ())):
        return False
    d = nearest_other(c, i, points, r.mention.key)
    return d is None or d > PROVINCE_STRAY_KM
