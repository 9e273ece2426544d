"""Choosing, for each toponym, the gazetteer entry the document means.

A log-linear score per candidate adds up the document's evidence: population and
feature type as priors; the countries the document names or implies (demonyms,
unambiguous places, the outlet's country; a capital stands for a country it names:
"Washington backed London"); administrative containment stated in
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
from collections import Counter
from dataclasses import dataclass, field

from ..geo.gazetteer import TOP_FEATURES, VARIANT, WIDE_FEATURES, Candidate, Gazetteer
from .places_candidates import Readings, area_named
from .places_cohere import colocated, nearest_other
from .places_lexicon import PlaceWords
from .places_links import link_containers, place_campuses
from .places_outlets import Home
from .places_recognize import Mention
from .places_rules import (
    Province,
    backing,
    contains,
    country_votes,
    dominant_country,
    fits_hint,
    listed_pairs,
    others,
    provinces,
)
from .places_strays import reject_strays

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
    "home_country": 1.5,  # ... in the country of an outlet known only by its country
    "listed_with": 3.0,  # listed with states or countries ("Missouri, New York and Virginia"): one too
    "capital_seen": 3.0,  # a capital stands for its country ("Washington backed London") when that is named
    "named_in_full": 2.0,  # a bare "Suffolk" after "Suffolk County": the district itself
}
MAX_CANDIDATES = 100
ROUNDS = 3  # scoring rounds; each uses the previous round's choices as context
TOWN_FLOOR = 500  # the population a packaged town of unknown size is taken to have


@dataclass
class Resolution:
    """A mention, its candidates and the chosen one."""

    mention: Mention
    candidates: list[Candidate]
    best: Candidate | None = None
    score: float = 0.0
    container: int | None = None  # index of the mention that contains this one
    said_in: bool = False  # the text puts it there in words ("X in Y"), not by punctuation alone
    rejected: bool = False  # a weak mention whose only reading clashes with the document
    stray: str | None = None  # why its readings were set aside (the note of the place standing in)
    by_home: bool = False  # the outlet's home province decided between its namesakes
    dominant: str | None = None  # the country the name points to on its own
    holds: list[int] = field(default_factory=list)  # mentions the text puts inside this one
    names_area: bool = False  # its most prominent own reading is a state or country ("Minnesota")
    together: dict[int, float] = field(default_factory=dict)  # pid -> share of "lies by another name"
    listed: list[int] = field(default_factory=list)  # mentions listed with this one ("A, B and C")
    ranked: list[Candidate] = field(default_factory=list)  # candidates, best-scored first
    seat: bool = False  # "X district" and no district X known: the town X stands for it


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

    def prior(self, c: Candidate, m: Mention, seat: bool = False) -> float:
        """Population, feature and what the text says the name is (``seat``: "X district"
        with no district of that name known, so the town X stands for the district it
        seats: "Samarra district" is Samarra, not Samara's oblast)."""
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
        if m.hint == "part":  # "central Washington": an area, a part of which is meant
            s += w["hint_match"] if c.feature in ("admin1", "country", "region") else 0.0
        elif m.hint == "container":
            s += w["hint_match"] / 2 if c.feature in ("admin1", "country", "region") else 0.0
            s += w["hint_match"] / 4 if c.feature == "admin2" else 0.0
        elif m.hint:
            fits = fits_hint(c, m.hint) or (seat and c.feature == "city" and c.kind == 0)
            s += w["hint_match"] if fits else w["hint_clash"]
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
        link_containers(text, res)
        self._link_lists(text, res)
        place_campuses(text, res)
        for r in res:
            r.candidates = self.readings.unshadow(r.candidates, r.mention.hint)[:MAX_CANDIDATES]
            area = area_named(r.candidates)
            if area is not None and r.mention.hint is None:
                r.candidates = [c for c in r.candidates if not _named_after(c, area)]
            r.seat = r.mention.hint == "admin2" and not any(
                c.feature == "admin2" or (c.feature == "admin1" and c.kind == 0) for c in r.candidates
            )
            r.dominant = dominant_country(r.candidates)
            r.names_area = area is not None
        for j, x in enumerate(res):
            if x.container is not None:
                res[x.container].holds.append(j)
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
                plain = [(self._score(c, r, i, res, votes, total, provs, points), c) for c in r.candidates]
                scored = [(s + _at_home(c, home, r.names_area), c) for s, c in plain]
                r.score, r.best = max(scored, key=lambda t: t[0])
                r.ranked = [c for _, c in sorted(scored, key=lambda t: -t[0])]
                r.by_home = r.best is not max(plain, key=lambda t: t[0])[1]
            self._harmonise(res)
            if round_ == 0:  # a seed: later rounds keep a pair only if both readings were chosen
                for r in res:
                    r.together = {}
        reject_strays(res, votes, cued, self.words.sovereigns, self.words.quarter_name)
        return res

    def _score(
        self,
        c: Candidate,
        r: Resolution,
        i: int,
        res: list[Resolution],
        votes: Counter[str],
        total: float,
        provs: tuple[dict[Province, set[tuple[int, str]]], Counter[Province]],
        points: list[tuple[int, str, float, float]],
    ) -> float:
        w = WEIGHTS
        s = self.prior(c, r.mention, r.seat)
        own = backing(votes, r, c.cc)
        if own > 0:
            s += w["country_seen"] + w["country_share"] * own / total
            s += w["capital_seen"] if c.capital else 0.0
        elif not c.cc and votes:  # seas, continents, regions across borders fit any story
            s += w["country_seen"]
        if c.feature not in TOP_FEATURES:
            key, (towns, named) = (c.cc, c.a1code), provs
            if others(towns.get(key), c.pid, r.best.pid if r.best is not None else c.pid):
                s += w["admin1_seen"]
            if named[key] > 0:
                s += w["admin1_named"]
        if r.container is not None:
            cont = res[r.container].best
            if cont is not None and contains(cont, c):
                s += w["contained"]
        if c.is_area and any((b := res[j].best) is not None and contains(c, b) for j in r.holds):
            s += w["contains"]
        s += w["colocated"] * r.together.get(c.pid, 0.0)
        if c.feature == "admin2" and c.kind >= 1 and r.mention.hint is None and _named_in_full(c, res):
            s += w["named_in_full"]
        if c.feature in ("admin1", "country") and any(
            (b := res[j].best) is not None and b.feature == c.feature and b.pid != c.pid for j in r.listed
        ):
            s += w["listed_with"]
        d = nearest_other(c, i, points, r.mention.key)
        if d is not None:
            s += w["near_50"] if d < 50 else w["near_200"] if d < 200 else w["near_600"] if d < 600 else 0.0
        return s

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
        """One name, one place per document: later mentions of a name follow its best-scored
        one (a name the text calls part of an area, "central Washington", counts: the name
        is that area's)."""
        best_by_key: dict[str, Resolution] = {}
        for r in res:
            if r.best is None or r.mention.hint not in (None, "part"):
                continue
            k = r.mention.key
            if k not in best_by_key or r.score > best_by_key[k].score:
                best_by_key[k] = r
        for r in res:
            top = best_by_key.get(r.mention.key)
            part = top is not None and top.mention.hint == "part"  # its area may be unshadowed only there
            if (
                top is not None
                and r.best is not None
                and not r.mention.hint
                and (top.best in r.candidates or part)
            ):
                r.best, r.by_home = top.best, top.by_home


def _named_in_full(c: Candidate, res: list[Resolution]) -> bool:
    """The document names this district with its area word ("Suffolk County")."""
    return any(x.best is not None and x.best.pid == c.pid and x.mention.hint == "admin2" for x in res)


def _named_after(c: Candidate, area: Candidate) -> bool:
    """A small town inside a state or country that bears its name only as an alternate
    one ("Montana City", once "Montana"): the name means the area. Not its big town
    ("Durango" for Victoria de Durango, the capital of Durango)."""
    small = c.population * 10 < area.population
    return c.kind >= 1 and not c.is_area and small and contains(area, c)


def _at_home(c: Candidate, home: Home | None, area: bool) -> float:
    """The outlet's province favours its towns and districts ("Columbus" in a Georgia paper),
    a national outlet's country its towns ("Manchester" in a British paper, however often
    the story names the US), but not by a name that is a state's or a country's own
    (``area``): not Minneota, once called "Minnesota", over the state."""
    if home is None or c.cc != home.cc or c.feature in TOP_FEATURES or (area and c.kind != 0):
        return 0.0
    if home.admin1 is None:  # a national outlet ("thesun.co.uk"): its country's towns, more weakly
        return WEIGHTS["home_country"]
    return WEIGHTS["home_province"] if c.a1name == home.admin1 else 0.0
