"""What the words around a capitalised name say about it: a place ("in X", "the
village of X", "X countryside", "X, Syria"), an organisation ("X Council"), a
common word or an acronym, a person's surname met again ("Jane Moore ... Moore said").
The recogniser builds on these tests."""

from __future__ import annotations

import re
from collections import Counter

from ..geo.gazetteer import Candidate, Gazetteer
from ..geo.names import name_key
from .base import DocContext
from .places_lexicon import PlaceWords
from .places_rules import HOLDERS, contains

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
SURNAME_CITY_POPULATION = 1_000_000  # a city this big is meant by its name even beside a namesake person

# "the capital, Sanaa", "the town, Nawa": an apposition that calls the name a place
_APPOSITION = re.compile(r"(?i)\b(?:capital|city|town|village|province|region)\s*,\s*$")
# "at the Islamabad High Court": a building named after the town it stands in
# "the Defence of the Homeland": a capitalised word, then "of the" or "for the"
_TITLE_BEFORE = re.compile(r"\b([A-Z][a-z]+)\s+(?:of|for)\s+the\s+$")
# "Florida Highway Patrol": a site word followed by more of a capitalised name
_CAPITAL_NEXT = re.compile(r"\s+[A-Z]")
AT_THE = re.compile(r"(?i)\b(?:at|in|inside|outside|near|to|into|from)\s+the\s+$")
# "Idlib's Maarat al-Numan", "Cabo Delgado's Mocimboa da Praia": a place's possessive right before
_POSSESSOR = re.compile(r"((?:[A-Z][\w'’-]*\s){0,2}[A-Z][\w-]*)['’]s\s+$")


class Marks:
    """Tests on the text around a name; holds the gazetteer and the vocabulary."""

    def __init__(self, gazetteer: Gazetteer, words: PlaceWords) -> None:
        self.gaz = gazetteer
        self.words = words
        cues = sorted(words.cue_words, key=len, reverse=True)
        self._cue_before = re.compile(
            rf"(?i)(?:^|\W)(?:{'|'.join(map(re.escape, cues))})\s+(?:the\s+|al\s+|el\s+)?$"
        )

    def _in_title(self, text: str, s: int) -> bool:
        """Is the name the tail of a capitalised title ("Volunteers for the Defence of the
        Homeland", "Party of the Revolution") rather than a place the text names?"""
        m = _TITLE_BEFORE.search(text[max(0, s - 40) : s])
        return bool(m and not self.gaz.has_key(name_key(m.group(1))))

    def _organisation_follows(self, text: str, end: int) -> bool:
        m = re.match(r"\s+([A-Z][\w-]*)", text[end : end + 40])
        return bool(m and m.group(1).lower() in self.words.organisation_heads)

    # -- capitalised names ----------------------------------------------------------

    def _site_after(self, text: str, end: int) -> int:
        """Length of a lower-case site word right after a name ("square", "dam"), else 0."""
        m = self.words.kind_after.match(text[end : end + 30])
        if not m or not m.group(1).islower():
            return 0
        word = " ".join(m.group(1).split())
        return m.end() if word in self.words.site_words and word not in self.words.settlement_words else 0

    def _listed_place(self, text: str, s: int, e: int) -> bool:
        """A name in a place list: an area, or a town followed by more of the list."""
        cands = self.gaz.lookup(self._expand(text[s:e]))
        if not cands:
            return False
        if any(c.feature in ("country", "admin1", "admin2", "region") for c in cands[:8]):
            return True
        return bool(re.match(r"\s*[,)]", text[e : e + 3]))

    def _acronym(self, text: str, s: int, e: int) -> bool:
        """An upper-case short word ("SANA", "PAME") names an organisation, unless it
        is a country or province the gazetteer knows ("UAE", "DRC") or a dateline."""
        span = text[s:e]
        letters = [c for c in span if c.isalpha()]
        if not letters or len(letters) > 5 or not span.isupper():
            return False
        if (s == 0 or text[s - 1] == "\n") and text[e : e + 1] in (",", " "):
            return False  # "GAZA, Dec 1 (Reuters) -"
        known = self.gaz.lookup(self._expand(span))
        return not any(c.feature in ("country", "admin1") and c.kind <= 1 for c in known[:8])

    def _ordinary(self, key: str) -> bool:
        """Keys that are never toponyms on their own (a day, a demonym, "Russian-held")."""
        w = self.words
        return (
            not key
            or len(key) < 3
            or key in w.non_places
            or key in w.demonyms
            or key in w.adjective_places
            or key.rsplit(" ", 1)[-1] in w.modifier_suffixes
        )

    def _expand(self, span: str) -> str:
        span = span.strip()
        return self.words.abbreviations.get(span, self.words.abbreviations.get(span + ".", span))

    def _strongly_marked(self, text: str, s: int, e: int) -> bool:
        """ "the village of X", "X village", "in X, Homs": enough to take an unknown name
        for a place (it is then placed at its stated container or neighbour)."""
        before, after = text[max(0, s - 40) : s], text[e : e + 40]
        w = self.words
        kind = w.kind_before.search(before) or w.kind_after.match(after)
        if kind and " ".join(kind.group(1).lower().split()) not in w.site_words:
            return True
        inner = text[s:e].split()
        if len(inner) > 1 and (inner[-1].lower() in w.area_words or inner[-1].lower() in w.settlement_words):
            return True  # "Kafr Nabl town"; a lone "Department" or "County" names nothing
        return bool(self._cue_before.search(before) and self._container_after(after))

    def _marked_as_place(self, text: str, s: int, e: int) -> bool:
        """Does the text around [s, e) say this is a place?"""
        before = text[max(0, s - 40) : s]
        after = text[e : e + 40]
        w = self.words
        return bool(
            self._cue_before.search(before)
            or _APPOSITION.search(before)
            or w.kind_before.search(before)
            or w.kind_after.match(after)
            or w.relation_before.search(before)
            or self._container_after(after)
            or self._relation_after(after)
            or self._possessed(text, s, e)
        )

    def _possessed(self, text: str, s: int, e: int) -> bool:
        """ "Idlib's Maarat al-Numan": a town or district of the country or province whose
        possessive comes right before it (the tagger often calls such a name a person).
        "Britain's Johnson" is no place: no Johnson lies in Britain."""
        m = _POSSESSOR.search(text[max(0, s - 40) : s])
        if not m:
            return False
        areas = self._holders(m.group(1))
        if not areas:
            return False
        found = self.gaz.lookup(self._expand(text[s:e]))[:20]
        return any(contains(a, c) for a in areas for c in found if not c.is_area or c.feature == "admin2")

    def _relation_after(self, after: str) -> bool:
        """ "Aleppo countryside", "Idlib's outskirts": a word after the name that only a place takes."""
        m = re.match(r"(?:'s|’s)?\s+([a-z]+)", after)
        return bool(m and m.group(1) in self.words.relation_suffixes and m.group(1) not in ("area", "region"))

    def _container_after(self, after: str) -> bool:
        """ ", Syria" / " (Homs)": followed by a country or province the gazetteer knows."""
        m = re.match(r"\s*[,(]\s*((?:[A-Z][\w'’-]*\.?\s?){1,3})", after)
        if not m:
            return False
        name = m.group(1).strip()
        return bool(self._holders(name))

    def _holders(self, name: str) -> list[Candidate]:
        """The countries, provinces and districts a name (or its abbreviation) can be."""
        return [c for c in self.gaz.lookup(self._expand(name))[:8] if c.feature in HOLDERS]

    def bloc(self, text: str, start: int, end: int) -> str | None:
        """The bloc a given "West" or "Western" stands for ("the West", "Western
        countries"), unless more of a name or an area word follows ("Western Cape",
        "the West region")."""
        bloc = self.words.bloc_words.get(text[start:end].lower())
        nxt = re.match(r"\s+([\w-]+)", text[end : end + 40])
        if bloc is None or (nxt and (nxt.group(1)[:1].isupper() or self._area_word(nxt.group(1)))):
            return None
        return bloc

    def _area_word(self, word: str) -> bool:
        w = word.lower()
        return w in self.words.area_words or w in self.words.settlement_words

    def hint(self, text: str, start: int, end: int) -> str | None:
        """The kind of place the words around a name say it is."""
        w = self.words
        if w.street_after.match(text, end) or w.street_before.search(text[max(0, start - 60) : start]):
            return "street"  # "State and Hubbard streets": streets of the story's town
        if w.part_before.search(text[max(0, start - 30) : start]):
            return "part"  # "central Washington": a part of an area, if the name is one
        inner = text[start:end].split()
        if len(inner) > 1 and inner[-1].lower() in w.area_words:
            return w.area_words[inner[-1].lower()]
        m = w.kind_after.match(text[end : end + 30])
        before = not m
        if before:
            m = w.kind_before.search(text[max(0, start - 40) : start])
        if not m:
            return None
        word = " ".join(m.group(1).lower().split())
        if before and word in w.area_words_before_any:
            return "container"  # an area of some level: "the border territory of Georgia"
        if word in w.area_words:
            return w.area_words[word]
        if word in w.settlement_words:
            return "city"
        # A site word outside the name says what a longer name is, not what this one is:
        # "Florida Highway Patrol", "University of Nebraska" name the state, not a town.
        return None if before or _CAPITAL_NEXT.match(text, end + m.end()) else "site"

    def _surnames(self, ctx: DocContext) -> set[str]:
        """Last names of the people the model finds by full name ("Jane Moore"), unless the
        name is a country's, a big state's, a capital's or a big city's (a "Washington" or a
        "Houston" stays a place) or the full name is a place the gazetteer knows."""
        out = set()
        for e in ctx.doc.ents:
            full = len(e) >= 2 and e[0].text[:1].isupper() and e[-1].text[:1].isupper()
            if e.label_ != "PERSON" or not full:
                continue  # not a full name ("retook Manbij": the tagger took a verb in)
            if self.gaz.has_key(name_key(e.text)):
                continue  # a place the model took for a person ("Qambar Shahdadkot")
            last = e[-1].text
            found = self.gaz.lookup(last)[:8]
            if not any(c.kind == 0 and _big(c) for c in found):
                out.add(name_key(last))
        return out | self._people(ctx)

    def _people(self, ctx: DocContext) -> set[str]:
        """One-word names the model calls a person at least twice and nothing else
        ("killing Welch ... stabbed Welch ... from Welch"), unless a big place's or the
        text marks it as a place twice ("to Cirencester from Gloucester ... travelling to
        Cirencester")."""
        person: Counter[str] = Counter()
        marked: Counter[str] = Counter()
        other: set[str] = set()
        for e in ctx.doc.ents:
            if len(e) != 1 or not e.text[:1].isupper():
                continue
            k = name_key(e.text)
            if e.label_ != "PERSON":
                other.add(k)
                continue
            person[k] += 1
            marked[k] += self._marked_as_place(ctx.text, e.start_char, e.end_char)
        return {
            k
            for k, n in person.items()
            if n >= 2
            and k not in other
            and marked[k] < 2
            and not any(c.kind == 0 and _big(c) for c in self.gaz.lookup(k)[:8])
        }


def _big(c: Candidate) -> bool:
    """A country, or a state or city of :data:`SURNAME_CITY_POPULATION` people or a capital
    (Georgia, Washington, Houston; not Flores, a department of Uruguay)."""
    if c.feature == "country":
        return True
    return c.feature in ("admin1", "city") and (c.capital or c.population >= SURNAME_CITY_POPULATION)
