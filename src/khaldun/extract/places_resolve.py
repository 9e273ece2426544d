"""Choosing, for each toponym, the gazetteer entry the document means.

A log-linear score per candidate adds up the document's evidence: population and
feature type as priors; the countries the document names or implies (demonyms,
unambiguous places, the outlet's country); administrative containment stated in
the text ("Tadmur, Homs province", "Lafayette, Ind."; and the other way round:
"Adelaide, SA" is South Australia); nearness to the other
places the document mentions; the names it is listed with ("Missouri, New York
and Virginia"); the province the outlet reports from; and, in the first round,
namesakes of two names that lie together ("Paris" and "Henry County": the ones in
Tennessee). Three rounds: each uses the previous round's choices as context.
Weights live in :data:`WEIGHTS`; the readings themselves come from
:mod:`places_candidates`.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from ..geo.gazetteer import AREA_FEATURES, TOP_FEATURES, VARIANT, WIDE_FEATURES, Candidate, Gazetteer
from ..geo.names import name_key, strip_article
from .places_candidates import STRAY_POPULATION, Readings, area_named
from .places_cohere import colocated, nearest_other
from .places_lexicon import PlaceWords
from .places_outlets import Home
from .places_recognize import Mention
from .places_rules import (
    CONTAINER_GAP,
    chained,
    contains,
    country_votes,
    dominant_country,
    fits_container,
    fits_hint,
    listed_pairs,
    provinces,
    same_level,
)

WEIGHTS = {
    "population": 1.0,  # per decade of population
    "alternate": -1.5,  # matched an alternate name, not the place's own
    "derived": -1.5,  # matched only without the article or area word
    "variant": -1.0,  # matched only as a spelling variant (on top of "derived")
    "country": 3.0,
    "admin1": 1.2,
    "continent": 6.0,  # "Africa", "Europe": never the small towns of that name
    "region": 6.0,  # curated regions and seas: named because news names them
    "sea": 6.0,
    "water": 6.0,  # curated rivers and lakes
    "curated": 1.5,  # supplement sites: named because news names them
    "capital": 1.0,
    "country_share": 2.5,  # times the share of the document's country evidence
    "country_seen": 1.5,
    "admin1_seen": 1.5,  # another place of the document lies in the same province
    "admin1_named": 3.0,  # the document names the province it lies in
    "contained": 6.0,  # the text says it lies in this country/province
    "contains": 3.0,  # a container reading that holds the place the text puts in it ("Adelaide, SA")
    "bare_district": -2.0,  # a district named without "district"/"county" by an alias
    "hint_match": 4.0,
    "hint_clash": -4.0,
    "near_50": 2.5,
    "near_200": 1.5,
    "near_600": 0.5,
    "colocated": 3.0,  # lies by (or in, or around) a reading of another name; shared among such readings
    "home_province": 2.5,  # a town or district in the province the outlet reports from
    "listed_with": 3.0,  # listed with states or countries ("Missouri, New York and Virginia"): one too
}
MAX_CANDIDATES = 100
ROUNDS = 3  # scoring rounds; each uses the previous round's choices as context
TOWN_FLOOR = 500  # the population a packaged town of unknown size is taken to have
VARIANT_NEAR_KM = 250  # a spelling variant must lie this close to another place the text names
NEAR_IDENTICAL = 0.88  # how close a respelling must be to stand on its own, with no other evidence


@dataclass
class Resolution:
    """A mention, its candidates and the chosen one."""

    mention: Mention
    candidates: list[Candidate]
    best: Candidate | None = None
    score: float = 0.0
    container: int | None = None  # index of the mention that contains this one
    rejected: bool = False  # a weak mention whose only reading clashes with the document
    stray: bool = False  # its namesakes lie only in countries the document does not point to
    dominant: str | None = None  # the country the name points to on its own
    together: dict[int, float] = field(default_factory=dict)  # pid -> share of "lies by another name"
    listed: list[int] = field(default_factory=list)  # mentions listed with this one ("A, B and C")


class Resolver:
    def __init__(self, gazetteer: Gazetteer, words: PlaceWords) -> None:
        self.gaz = gazetteer
        self.words = words
        self.readings = Readings(gazetteer, words)

    # -- candidates -----------------------------------------------------------------

    # -- evidence -------------------------------------------------------------------

    def cued_provinces(self, text: str) -> list[tuple[str, str | None]]:
        """Provinces a region cue of the text points to ("OSCE SMM": Donetsk, Luhansk)."""
        pattern = self.words.region_cue
        if pattern is None:
            return []
        out: list[tuple[str, str | None]] = []
        for m in pattern.finditer(text):
            for cc, name in self.words.region_cues.get(" ".join(m.group(0).split()), ()):
                area = next((c for c in self.gaz.lookup(name) if c.feature == "admin1" and c.cc == cc), None)
                if area is not None and (cc, area.a1code) not in out:
                    out.append((cc, area.a1code))
        return out

    def country_evidence(self, text: str, res: list[Resolution], context: list[str]) -> Counter[str]:
        return country_votes(text, res, context, self.words.demonyms)

    # -- scoring --------------------------------------------------------------------

    def prior(self, c: Candidate, m: Mention) -> float:
        w = WEIGHTS
        # cities500 lists places of 500 people or more: a population of 0 means unknown
        pop = c.population or (TOWN_FLOOR if c.source == "geonames" and c.feature == "city" else 0)
        s = w["population"] * math.log10(pop + 10)
        s += w["alternate"] if c.kind == 1 else w["derived"] if c.kind >= 2 else 0.0
        s += w["variant"] if c.kind == VARIANT else 0.0
        if c.feature in WIDE_FEATURES:
            s += w[c.feature]
        elif c.feature == "admin1" and c.kind == 0:
            s += w["admin1"]
        elif c.source == "supplement" and not c.population:  # a ranked site is weighed by its rank alone
            s += w["curated"]
        if c.capital:
            s += w["capital"]
        if c.feature == "admin2" and c.kind >= 1 and m.hint not in ("admin2", "container"):
            s += w["bare_district"]
        if m.hint == "container":
            s += w["hint_match"] / 2 if c.feature in ("admin1", "country", "region") else 0.0
            s += w["hint_match"] / 4 if c.feature == "admin2" else 0.0
        elif m.hint:
            s += w["hint_match"] if fits_hint(c, m.hint) else w["hint_clash"]
        return s

    def resolve(
        self,
        text: str,
        mentions: list[Mention],
        context_countries: list[str] | None = None,
        home: Home | None = None,
    ) -> list[Resolution]:
        """Choose each mention's place. ``context_countries``: countries known from
        elsewhere (the actors' countries, the outlet's), weak evidence; ``home``: where
        the outlet reports from (its province favours the towns inside it)."""
        res = [Resolution(m, self.readings(m)) for m in mentions]
        self._link_containers(text, res)
        self._link_lists(text, res)
        for r in res:
            r.candidates = self.readings.unshadow(r.candidates, r.mention.hint)[:MAX_CANDIDATES]
            r.dominant = dominant_country(r.candidates)
        for r, together in zip(res, colocated(res), strict=True):
            r.together = together
        votes = self.country_evidence(text, res, context_countries or [])
        total = sum(votes.values()) or 1.0
        cued = self.cued_provinces(text)
        for round_ in range(ROUNDS):
            provs = provinces(res)
            provs[1].update(cued)
            points = [
                (j, r.mention.key, r.best.lat, r.best.lon)
                for j, r in enumerate(res)
                if r.best is not None
                and r.best.kind != VARIANT  # a guessed spelling is no evidence for the others
                and r.best.feature not in TOP_FEATURES
            ]
            for i, r in enumerate(res):
                if not r.candidates:
                    continue
                area = area_named(r.candidates) is not None
                scored = [
                    (self._score(c, r, i, res, votes, total, provs, points) + _at_home(c, home, area), c)
                    for c in r.candidates
                ]
                r.score, r.best = max(scored, key=lambda t: t[0])
            self._harmonise(res)
            if round_ == 0:  # a seed: later rounds keep a pair only if both readings were chosen
                for r in res:
                    r.together = {}
        self._reject_strays(res, votes, cued)
        return res

    @staticmethod
    def _contradicted(res: list[Resolution], i: int) -> None:
        """The text puts this name in a province none of its namesakes lies in: it and
        its other mentions are unknown places, all placed by that container."""
        key, container = res[i].mention.key, res[i].container
        for r in res:
            if r.mention.key == key and (r.container is None or r is res[i]):
                r.best = None
                r.container = container if r.container is None else r.container

    def _reject_strays(
        self, res: list[Resolution], votes: Counter[str], cued: list[tuple[str, str | None]]
    ) -> None:
        """Readings the text contradicts become unknown names (placed later at their
        stated container or neighbour): a place outside the province the text puts it
        in ("Jen (Karim-Lamido LGA, Taraba)" is not the Chinese Jen), or a small place
        or district in a country nothing else in the document supports ("Republic" in a
        story from Derry is not Republic, Missouri; curated sites and towns of
        :data:`STRAY_POPULATION` people are exempt). A capitalised word taken for a place
        only because the gazetteer knows it is dropped instead. The province rules stay
        off for toponyms given from outside (resolution-only): there the stated container
        is a guess from punctuation alone, and on GWN and LGL it undid more right readings
        than wrong ones."""
        total = sum(votes.values())
        points = [
            (j, x.mention.key, x.best.lat, x.best.lon)
            for j, x in enumerate(res)
            if x.best is not None and x.best.kind != VARIANT and not x.best.is_area
        ]
        for i, r in enumerate(res):
            best = r.best
            guessed = best is not None and best.kind == VARIANT
            if guessed and not self._supported(best, r, votes, total, points, cued):  # type: ignore[arg-type]
                r.best = None  # a look-alike spelling needs the document's support
                continue
            if best is None:
                continue
            given = r.mention.origin == "given"
            if not given and self._outside_cued(best, cued):
                self._contradicted(res, i)  # "OSCE SMM ... near Lozove": not the Lozove of Kharkiv
                continue
            cont = res[r.container].best if r.container is not None else None
            big = best.population >= STRAY_POPULATION and best.kind == 0
            curated = best.source == "supplement"  # named because news names them
            if not given and cont is not None and not fits_container(cont, best, big):
                self._contradicted(res, i)
                continue
            small_district = best.feature == "admin2" and best.population < STRAY_POPULATION
            if (best.feature in AREA_FEATURES and not small_district) or big or curated or cont is not None:
                continue
            if any(x.container == i and (not x.best or fits_container(best, x.best, False)) for x in res):
                continue  # it contains another place the text names
            own = 1.0 if r.dominant == best.cc else 0.0
            if votes.get(best.cc, 0.0) - own <= 0 and total - own >= 1.0:
                if r.mention.origin in ("gazetteer", "entity"):
                    r.rejected = True
                else:
                    r.best, r.stray = None, True

    @staticmethod
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
        self,
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
        own = 1.0 if r.dominant == c.cc else 0.0
        if cued:
            if (c.cc, c.a1code) not in cued:
                return False
        elif votes.get(c.cc, 0.0) - own <= 0:
            if total - own >= 1.0 or r.mention.origin == "cued":
                return False  # a capitalised word after "in" needs its country named elsewhere
            if not _near_identical(r.mention.text, c.name):
                return False  # with nothing else to go on, only a slight respelling is trusted
        d = nearest_other(c, -1, points, r.mention.key)
        return d is None or d < VARIANT_NEAR_KM

    def _score(
        self,
        c: Candidate,
        r: Resolution,
        i: int,
        res: list[Resolution],
        votes: Counter[str],
        total: float,
        provs: tuple[Counter[tuple[str, str | None]], Counter[tuple[str, str | None]]],
        points: list[tuple[int, str, float, float]],
    ) -> float:
        w = WEIGHTS
        s = self.prior(c, r.mention)
        own = votes.get(c.cc, 0.0) - (1.0 if r.dominant == c.cc else 0.0)
        if own > 0:
            s += w["country_seen"] + w["country_share"] * own / total
        elif not c.cc and votes:  # seas, continents, regions across borders fit any story
            s += w["country_seen"]
        if c.feature not in TOP_FEATURES:
            key, (towns, named) = (c.cc, c.a1code), provs
            own = r.best is not None and r.best.feature != "admin1" and (r.best.cc, r.best.a1code) == key
            if towns[key] - own > 0:
                s += w["admin1_seen"]
            if named[key] > 0:
                s += w["admin1_named"]
        if r.container is not None:
            cont = res[r.container].best
            if cont is not None and contains(cont, c):
                s += w["contained"]
        if c.is_area and any(x.container == i and x.best is not None and contains(c, x.best) for x in res):
            s += w["contains"]
        s += w["colocated"] * r.together.get(c.pid, 0.0)
        if c.feature in ("admin1", "country") and any(
            (b := res[j].best) is not None and b.feature == c.feature and b.pid != c.pid for j in r.listed
        ):
            s += w["listed_with"]
        d = nearest_other(c, i, points, r.mention.key)
        if d is not None:
            s += w["near_50"] if d < 50 else w["near_200"] if d < 200 else w["near_600"] if d < 600 else 0.0
        return s

    def _link_containers(self, text: str, res: list[Resolution]) -> None:
        """ "X, Y" / "X (Y)" / "X district, Y" with Y an area, or "X in (the countryside
        of) Y" with Y any place: Y is X's stated container."""
        for i in range(len(res) - 1):
            a, b = res[i].mention, res[i + 1].mention
            gap = text[a.end : b.start]
            if b.start - a.end > 45 or not CONTAINER_GAP.match(gap):
                continue
            j = i + 1
            if (
                not res[j].candidates
                and j + 1 < len(res)
                and chained(text, res[j].mention, res[j + 1].mention)
            ):
                j += 1  # "Afar area (Al Malagim, Al Bayda)": past an unknown name to the province
            area = any(c.feature in AREA_FEATURES for c in res[j].candidates)
            if a.key != res[j].mention.key and same_level(res[i].candidates, res[j].candidates):
                continue  # a list: "Kabul, Ghor, Laghman and Balkh provinces"
            if area or (res[j].candidates and re.search(r"\b(?:in|of)\b", gap)):
                res[i].container = j
                if area:
                    res[j].mention.hint = res[j].mention.hint or "container"

    def _link_lists(self, text: str, res: list[Resolution]) -> None:
        """Names listed together ("Missouri, New York and Virginia") know each other; a
        name listed with states or countries may be one too (its area readings are kept
        and favoured), unless a town of that name lies in one ("Moscow, Idaho") or the
        text gives its container ("Washington, D.C.")."""
        for i, j in listed_pairs(text, res):
            res[i].listed.append(j)
            res[j].listed.append(i)
        areas = [area_named(self.readings.unshadow(r.candidates, r.mention.hint)) for r in res]
        for r in res:
            listed_areas = [a for j in r.listed if (a := areas[j]) is not None]
            if r.mention.hint is not None or not listed_areas:
                continue
            inside = any(contains(a, c) for a in listed_areas for c in r.candidates)
            if not inside and self.readings.uncontained(text, r.mention, r.container):
                r.mention.hint = "container"

    @staticmethod
    def _harmonise(res: list[Resolution]) -> None:
        """One name, one place per document: later mentions of a name follow its best-scored one."""
        best_by_key: dict[str, Resolution] = {}
        for r in res:
            if r.best is None or r.mention.hint:
                continue
            k = r.mention.key
            if k not in best_by_key or r.score > best_by_key[k].score:
                best_by_key[k] = r
        for r in res:
            top = best_by_key.get(r.mention.key)
            if top is not None and r.best is not None and not r.mention.hint and top.best in r.candidates:
                r.best = top.best


def _at_home(c: Candidate, home: Home | None, area: bool) -> float:
    """The outlet's province favours its towns and districts ("Columbus" in a Georgia paper),
    but not by a name that is a state's or a country's own (``area``): not Minneota,
    once called "Minnesota", over the state."""
    if home is None or home.admin1 is None or c.feature in TOP_FEATURES or (area and c.kind != 0):
        return 0.0
    return WEIGHTS["home_province"] if c.cc == home.cc and c.a1name == home.admin1 else 0.0


def _near_identical(text: str, name: str) -> bool:
    """ "Quamishli" for "Al Qamishli", not "Garabulli" for "Gârbău"."""
    a = name_key(text)
    b = name_key(name)
    a, b = strip_article(a) or a, strip_article(b) or b
    return SequenceMatcher(None, a, b, autojunk=False).ratio() >= NEAR_IDENTICAL
