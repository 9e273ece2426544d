"""The readings a name can have: gazetteer entries under its own name, an
abbreviation's (each of the states or countries a shared one stands for), a
demonym's country, its name without the article or area word, a
spelling variant, or (resolution-only) the place named inside a longer name; minus
the areas a town of the same name shadows."""

from __future__ import annotations

import re

from ..geo.gazetteer import AREA_FEATURES, STRIPPED, VARIANT, Candidate, Gazetteer, with_kind
from ..geo.geodesy import km
from ..geo.names import name_key
from .places_lexicon import PlaceWords
from .places_recognize import Mention

STRAY_POPULATION = 100_000  # towns this big are plausible in any story
_NO_SETTLEMENT = frozenset({"sea", "water", "continent"})  # what "X village" or "X neighbourhood" never is
SHADOW_KM = 300  # a big town outside an area shadows it only this close, unless the capital
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,5}")  # "SA", "OAS", "U.S.", "UCLA"
_LINKS = frozenset({"of", "the", "at", "in", "for", "and", "de"})  # "University of California"
_DIRECTIONS = frozenset(
    "north south east west northern southern eastern western central upper lower greater".split()
)


class Readings:
    """Candidate readings of a mention."""

    def __init__(self, gazetteer: Gazetteer, words: PlaceWords) -> None:
        self.gaz = gazetteer
        self.words = words

    def __call__(self, m: Mention) -> list[Candidate]:
        text = m.text.strip()
        shared = self.words.shared_abbreviations.get(text)
        if shared is not None:
            # derived readings: none is the name's own, so the name points to no country alone
            return [with_kind(c, 2) for name in shared if (c := self._area(name)) is not None]
        found = self._readings(m, text)
        if _ACRONYM.fullmatch(text):
            found = [c for c in found if not _spelt_as(c, text)]
        return found

    def _area(self, name: str) -> Candidate | None:
        """The state or country of that name."""
        found = self.gaz.lookup(name)
        return next((c for c in found if c.kind == 0 and c.feature in ("country", "admin1")), None)

    def _region(self, name: str) -> list[Candidate]:
        """The area of that name (a region, state or country a given word stands for)."""
        return [c for c in self.gaz.lookup(name) if c.is_area][:1]

    def _readings(self, m: Mention, text: str) -> list[Candidate]:
        full = self.words.abbreviations.get(text, self.words.abbreviations.get(text + ".", text))
        found = list(self.gaz.lookup(full))
        if full != text and any(c.feature == "admin1" for c in found):
            return [c for c in found if c.feature == "admin1"]  # "N.Y.", "Tenn.": the state
        text = full
        if m.bloc:
            return self._region(m.bloc)  # "the West"
        if m.origin == "given":
            # "Russian", "Canadians", "European" given as toponyms: the country, the region
            low = text.lower()
            demonym = self.words.demonyms.get(low) or (
                self.words.demonyms.get(low[:-1]) if low.endswith("s") else None
            )
            country = self.gaz.country(demonym) if demonym else None
            if country is not None:
                return [country]
            region = self.words.adjective_places.get(low)
            if region:
                m.adjective = True
                return self._region(region)
        words = text.split()
        if not found and len(words) > 1 and words[-1].lower() in self.words.area_words:
            m.hint = m.hint or self.words.area_words[words[-1].lower()]
            found = list(self.gaz.lookup(" ".join(words[:-1])))
        if not found and len(words) > 1 and words[-1].lower() in ("city", "town"):
            towns = [c for c in self.gaz.lookup(" ".join(words[:-1])) if not c.is_area]
            if towns:  # "Norwich City": the town (its club), when the gazetteer lacks the whole
                m.hint, found = m.hint or "city", towns
        if not found and len(words) > 1 and words[0].lower() in self.words.area_prefixes:
            m.hint = m.hint or self.words.area_prefixes[words[0].lower()]  # "Co. Cork"
            found = [c for c in self.gaz.lookup(" ".join(words[1:])) if c.is_area]
        if not found and len(words) > 1 and words[0].lower() == "the":
            found = list(self.gaz.lookup(" ".join(words[1:])))
        if not found:
            found = list(self.gaz.variants(text))
        if not found and m.origin == "given" and len(words) > 1:
            found, m.institution = self._named_inside(words)
        return [
            c
            for c in found
            if not (c.feature == "continent" and m.hint in ("admin1", "admin2"))
            and (c.kind != STRIPPED or c.cc in self.words.article_countries)
        ]

    def uncontained(self, text: str, m: Mention, container: int | None) -> bool:
        """No container stated after the name: neither a linked mention nor a state's
        abbreviation ("Washington, D.C.", "Athens, Ga.")."""
        if container is not None:
            return False
        after = re.match(r",\s*([A-Z][\w.]*\.)", text[m.end : m.end + 12])
        return after is None or after.group(1) not in self.words.abbreviations

    def _named_inside(self, words: list[str]) -> tuple[list[Candidate], bool]:
        """A given name the gazetteer lacks, read as the country, state or city of
        :data:`STRAY_POPULATION` people a part of it names (or any area a part with its area
        word names: "Montgomery County History Center"), when the rest is an
        institution ("University of California", "Robinson College Cambridge", "Bank of
        Japan", "British Embassy Tokyo", "Iowa House") or a direction ("South Florida"), or
        the part is a country ("Nazi Germany"); its readings count as derived. A place
        named after another ("Hamilton Township", "Tennessee Colony", "Lake Vermont") is not
        in it, nor is a surname: a part right after a name ("Marjory Stoneman Douglas High
        School") that is not a country. Also says whether the rest is an institution."""
        heads = self.words.organisation_heads | self.words.building_heads | self.words.hosted_heads
        for n in range(len(words) - 1, 0, -1):
            for k in range(len(words) - n + 1):
                part, rest = words[k : k + n], [w.lower().strip(".,") for w in words[:k] + words[k + n :]]
                if not all(w[:1].isupper() for w in part) or any(w.lower() in heads for w in part):
                    continue
                key = name_key(" ".join(part))
                if key in self.words.non_places or key in self.words.demonyms:
                    continue
                area = len(part) > 1 and part[-1].lower() in self.words.area_words  # "Montgomery County"
                found = [
                    with_kind(c, 2)
                    for c in self.gaz.lookup(" ".join(part))
                    if _prominent(c) or (area and c.is_area)
                ]
                institution = any(w in heads for w in rest)
                direction = all(w in _DIRECTIONS for w in rest)
                country = any(c.feature == "country" for c in found)
                before = words[k - 1].lower().strip(".,") if k else ""
                surname = bool(before) and before not in heads | _DIRECTIONS | _LINKS
                if surname and not country:
                    continue  # "Marjory Stoneman Douglas High School" is not in Douglas
                if found and (institution or direction or country):
                    return found, institution
        return self._national(words, heads), True

    def _national(self, words: list[str], heads: frozenset[str]) -> list[Candidate]:
        """The nation or region an institution's leading adjective names, when no part of
        its name is a place: "Russian Higher School of Economics", "African National
        Congress", "European Central Bank"."""
        lead, rest = words[0].lower(), {w.lower().strip(".,") for w in words[1:]}
        if not rest & heads:
            return []
        cc = self.words.demonyms.get(lead)
        country = self.gaz.country(cc) if cc else None
        if country is not None:
            return [with_kind(country, 2)]
        region = self.words.adjective_places.get(lead)
        return [with_kind(c, 2) for c in self._region(region)] if region else []

    @staticmethod
    def unshadow(found: list[Candidate], hint: str | None) -> list[Candidate]:
        """Drop a province or district named after a town inside it ("Aleppo" the
        governorate behind "Aleppo" the city), or after a town beside it of a tenth of
        its population or more, or after the capital ("Buenos Aires" the province behind
        the capital, Washington state behind Washington, D.C.; not Wyoming the state
        behind Wyoming, Michigan), unless
        the text says it means an area (a town named so only by an alternate name
        shadows only the area it lies in); and a district named like the province it
        lies in ("Donetsk" raion behind "Donetsk" oblast) unless the text says district."""
        if hint == "street":  # the gazetteer holds no streets: the builder places it in its town
            return []
        if hint == "city":  # "Black Sea neighbourhood": a settlement is no sea, river or continent
            found = [c for c in found if c.feature not in _NO_SETTLEMENT]
        if not found:
            return found
        if hint != "admin2":
            a1s = {(c.cc, c.a1code) for c in found if c.feature == "admin1"}
            found = [c for c in found if not (c.feature == "admin2" and (c.cc, c.a1code) in a1s)]
        if hint in ("admin1", "admin2", "container"):
            return found
        towns = [t for t in found if t.feature not in AREA_FEATURES and t.kind <= 1]

        def shadowed(c: Candidate) -> bool:
            for t in towns:
                if t.cc != c.cc or t.kind > c.kind:
                    continue
                inside = t.a1code == c.a1code if c.feature == "admin1" else t.a2pid == c.pid
                if hint == "part":  # "eastern Aleppo" may be the city's east, "central Washington"
                    return inside  # is no part of the capital: the state
                beside = t.capital or km(t.lat, t.lon, c.lat, c.lon) <= SHADOW_KM  # "Buenos Aires"
                if inside or (t.kind == 0 and t.population * 10 >= c.population and beside):
                    return True
            return False

        return [c for c in found if not (c.feature in ("admin1", "admin2") and shadowed(c))]


def _spelt_as(c: Candidate, acronym: str) -> bool:
    """A reading of an acronym that is only a name spelt with its letters: never a
    respelling ("Uccle" for "UCLA"); for three letters or fewer no town's alternate name
    ("Oucques" for "UK"), for two not even its own ("Saa" for "SA"). Abbreviations the
    gazetteer lists as a place's own ("UK", "NYC") are kept."""
    letters = len(re.sub(r"\W", "", acronym))
    if c.kind == VARIANT:
        return True
    if letters <= 3 and c.kind == 1 and not c.is_area:
        return True
    if c.kind != 0 or name_key(c.name) != name_key(acronym):
        return False
    return letters <= 2 or (letters == 3 and not c.is_area and c.population < STRAY_POPULATION)


def area_named(cands: list[Candidate]) -> Candidate | None:
    """The state or country a name's most prominent own reading is ("Missouri"), if it is one."""
    own = [c for c in cands if c.kind == 0]
    top = max(own, key=lambda c: c.population) if own else None
    return top if top is not None and top.feature in ("admin1", "country") else None


def _prominent(c: Candidate) -> bool:
    """A country, a state or a city of :data:`STRAY_POPULATION` people, under its own name."""
    big_city = c.feature == "city" and c.population >= STRAY_POPULATION
    return c.kind == 0 and (c.feature in ("country", "admin1") or big_city)
