"""Finding toponyms in a parsed document.

Three sources, in order of trust: spaCy's GPE/LOC/FAC entities; names of sites
("Syriatel Hill", "Tishreen Dam") whatever label the model gave them; and
capitalised words the gazetteer knows that the text itself marks as places
("in X", "the village of X", "X province", "X, Syria"). Person and organisation
names, demonyms ("Syrian") and common words are kept out by the vocabulary in
``data/place_words.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..geo.gazetteer import Gazetteer
from ..geo.names import name_key
from .base import DocContext
from .places_lexicon import PlaceWords
from .places_marks import AT_THE, PLACE_LABELS, Marks
from .places_spans import (
    HYPHEN_TAIL,
    JOINERS,
    LIST_WORD,
    NAME,
    in_brackets,
    lead_trimmed,
    parts,
    sentences,
    trim,
)

CITY_POPULATION = 50_000  # see Recognizer._city
_LIST_GAPS = (r"\s*[,(]\s*$", r"\s+\w+\s*[,(]\s*$", r"\s+\w+\s+\w+\s*[,(]\s*$")
OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})


@dataclass
class Mention:
    """A toponym found in the text (not yet resolved)."""

    start: int
    end: int
    text: str
    origin: str  # "ner", "entity", "gazetteer", "site", "unknown", "cued", "given"
    hint: str | None = None  # feature the text says it is: admin1, admin2, city, site
    site: bool = False  # a named site (hill, dam, crossing...)
    label: str | None = None
    adjective: bool = False  # read through an adjective ("English": England), not named
    institution: bool = False  # a given institution's name, read by the place it names
    bloc: str | None = None  # the bloc of countries a given "West" stands for ("the West")

    @property
    def key(self) -> str:
        return name_key(self.text)  # cached by name_key


class Recognizer(Marks):
    """Finds candidate toponyms; one instance per process (holds no document state)."""

    def __init__(self, gazetteer: Gazetteer, words: PlaceWords) -> None:
        super().__init__(gazetteer, words)
        odd = sorted((a for a in words.abbreviations if not NAME.fullmatch(a)), key=len, reverse=True)
        self._abbrev = re.compile(rf"(?<![\w&.])(?:{'|'.join(map(re.escape, odd))})(?![\w&])")

    def find(self, ctx: DocContext) -> list[Mention]:
        text = ctx.text
        found = self._from_entities(ctx)
        ner_keys = {m.key for m in found}
        pairs = [
            self._split_pair(text, a, b)
            for m in NAME.finditer(text)
            for s, e in sentences(text, m)
            for a, b in self._split_joined(text, s, e)
        ]
        paired = {r for p in pairs if len(p) == 2 for r in p}
        self._extend_entities(text, found, [r for p in pairs for r in p], ner_keys)
        runs = [r for p in pairs for r in p if not any(m.start < r[1] and r[0] < m.end for m in found)]
        rest = []
        names = self._organisation_spans(ctx, found)
        for s, e in runs:
            cand = self._from_run(
                text, s, e, ner_keys | ({name_key(text[s:e])} if (s, e) in paired else set())
            )
            inside_name = cand is not None and any(a <= s and e <= b and b - a > e - s for a, b in names)
            if inside_name and not self._container_after(text[e : e + 40]):
                continue  # "the Defence of the Homeland": a word of an organisation's name
            if cand is not None:
                found.append(cand)
            else:
                rest.append((s, e))
        found.extend(self._chained(text, found, rest))
        found.extend(self._abbreviated(text, found))
        found.sort(key=lambda x: (x.start, -x.end))
        surnames = self._surnames(ctx)
        out: list[Mention] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            if m.key in surnames and not (
                self._container_after(text[m.end : m.end + 40]) or self._strongly_marked(text, m.start, m.end)
            ):
                continue  # "Jane Moore ... Moore said": the person again, not Moore, Oklahoma
            out.append(m)
        for m in out:
            m.hint = m.hint or self.hint(text, m.start, m.end)
        return out

    @staticmethod
    def _organisation_spans(ctx: DocContext, found: list[Mention]) -> list[tuple[int, int]]:
        """Spans the model reads as an organisation, person or work that gave no place."""
        return [
            (e.start_char, e.end_char)
            for e in ctx.doc.ents
            if e.label_ in OTHER_LABELS and not any(e.start_char <= m.start < e.end_char for m in found)
        ]

    def _extend_entities(
        self, text: str, found: list[Mention], runs: list[tuple[int, int]], ner_keys: set[str]
    ) -> None:
        """An entity the model cut short inside a longer place name ("Qala" of "Qala i
        Naw district", "Nawa" of "Nawa-e Barakzayi") gives way to the whole name."""
        for s, e in runs:
            inside = [m for m in found if s <= m.start and m.end <= e]
            if not inside or any(m.start < e and s < m.end and m not in inside for m in found):
                continue
            placed = any(m.label in PLACE_LABELS for m in inside)  # "Rio Grande" of "Rio Grande do Norte"
            whole = {name_key(text[s:e])} if placed and self.gaz.has_key(name_key(text[s:e])) else set()
            cand = self._from_run(text, s, e, ner_keys | whole)
            if cand is None or not all(cand.start <= m.start and m.end <= cand.end for m in inside):
                continue
            extra = [w for w in cand.text.split()[1:] if w[:1].isupper()]
            if cand.origin != "gazetteer" and any(self._ordinary(name_key(w)) for w in extra):
                continue  # "Bamenda on Saturday": a name and a day, not a longer name
            if cand.end - cand.start > max(m.end - m.start for m in inside):
                for m in inside:
                    found.remove(m)
                found.append(cand)

    def _split_joined(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """A run the gazetteer does not know as a whole, cut at "of", "on" and at a
        possessive: "PD10 of Kandahar", "Jerusalem's Bet Shemesh", "Bamenda on Saturday"."""
        if self.gaz.has_key(name_key(text[start:end])):
            return [(start, end)]
        out, s = [], start
        for cut in JOINERS.finditer(text, start, end):
            out.append((s, cut.start()))
            s = cut.end()
        out.append((s, end))
        return [(a, b) for a, b in out if b > a]

    def _split_pair(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """ "Aleppo-Damascus" (a road, a front) is two names unless the whole is one."""
        span = text[start:end]
        m = re.search(r"(?<=[a-z])[-–—/](?=[A-Z])", span)
        if not m or self.gaz.has_key(name_key(span)):
            return [(start, end)]
        left, right = span[: m.start()], span[m.end() :]
        if not self._pair_cue(text, start, end):
            return [(start, end)]  # "Mayo-Sava", "Orikhove-Donetske": one name the gazetteer lacks
        if self.gaz.has_key(name_key(left)) and self.gaz.has_key(name_key(right)):
            return [(start, start + m.start()), (start + m.end(), end)]
        return [(start, end)]

    def _pair_cue(self, text: str, start: int, end: int) -> bool:
        """ "the A-B road", "between A-B", "the A/B frontline": a pair of places."""
        after = re.match(r"\s+([a-z]+)", text[end : end + 20])
        if after and after.group(1) in self.words.road_words:
            return True
        return bool(re.search(r"(?i)\b(?:between|from)\s+(?:the\s+)?$", text[max(0, start - 20) : start]))

    def _chained(self, text: str, found: list[Mention], rest: list[tuple[int, int]]) -> list[Mention]:
        """Names listed after a place: "X, Tandubas, Tawi-Tawi", "X (Afgooye, Lower Shabelle)"."""
        ends = {m.end for m in found}
        added: list[Mention] = []
        changed = True
        while changed:
            changed = False
            for s, e in list(rest):
                before = text[max(0, s - 25) : s]
                gaps = [re.search(p, before) for p in _LIST_GAPS]  # "X, Y", "X district center, Y"
                joined = re.search(r"\s*,?\s+(?:and|or)\s+$", before)
                if (
                    not any(g and s - len(g.group(0)) in ends for g in gaps)
                    and not (joined and s - len(joined.group(0)) in ends)
                    and not in_brackets(text, s, e)
                ):
                    continue
                s2, e2 = trim(text, s, e)
                if self._ordinary(name_key(text[s2:e2])):
                    continue
                known = self.gaz.has_key(name_key(self._expand(text[s2:e2])))
                if (joined and known) or self._listed_place(text, s2, e2):
                    added.append(Mention(s2, e2, text[s2:e2], "gazetteer"))
                elif self._container_after(text[e2 : e2 + 40]):
                    added.append(Mention(s2, e2, text[s2:e2], "unknown"))
                else:
                    continue
                ends.add(e2)
                rest.remove((s, e))
                changed = True
        return added

    def _abbreviated(self, text: str, found: list[Mention]) -> list[Mention]:
        """Abbreviated provinces the name pattern misses ("J&K") after a comma, a
        bracket or a place cue: "Poonch district, J&K"."""
        out = []
        for m in self._abbrev.finditer(text):
            s, e = m.span()
            if any(x.start < e and s < x.end for x in found):
                continue
            before = text[max(0, s - 40) : s]
            if re.search(r"[,(]\s*$", before) or self._cue_before.search(before):
                out.append(Mention(s, e, text[s:e], "gazetteer", hint="container"))
        return out

    # -- entities -------------------------------------------------------------------

    def _from_entities(self, ctx: DocContext) -> list[Mention]:
        text, out = ctx.text, []
        for start, end, label in self._joined_entities(ctx):
            for s, e in self._listed(text, *lead_trimmed(text, start, end)):
                m = self._entity_part(text, s, e, label)
                if m is not None:
                    out.append(m)
        return out

    def _listed(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """An entity split at commas and brackets, and at "and"/"or" unless the whole
        is one name ("Metula and Kiryat Shmona" -> two; "Bosnia and Herzegovina" -> one)."""
        out = []
        for s, e in parts(text, start, end):
            pieces = []
            for m in LIST_WORD.finditer(text, s, e):
                pieces.append((s, m.start()))
                s = m.end()
            pieces.append((s, e))
            i = 0
            while i < len(pieces):  # the longest run of pieces that is one known name, else one piece
                j = next(
                    (
                        j
                        for j in range(len(pieces) - 1, i, -1)
                        if self.gaz.has_key(name_key(text[pieces[i][0] : pieces[j][1]]))
                    ),
                    i,
                )
                out.append((pieces[i][0], pieces[j][1]))
                i = j + 1
        return [(a, b) for a, b in out if text[a:b].strip()]

    def _joined_entities(self, ctx: DocContext) -> list[tuple[int, int, str]]:
        """Entity spans, with a place entity the model cut in two joined again when the
        whole is a known name ("Baja" + "California", "KwaZulu" + "-Natal", "Bosnia" +
        "and Herzegovina")."""
        text = ctx.text
        spans = [
            (e.start_char, e.end_char, e.label_)
            for e in ctx.doc.ents
            if e.label_ in PLACE_LABELS or e.label_ in OTHER_LABELS
        ]
        out: list[tuple[int, int, str]] = []
        for s, e, label in spans:
            if out and out[-1][2] in PLACE_LABELS and text[out[-1][1] : s] in (" ", "-", " and ", " & "):
                ps, _pe, plabel = out[-1]
                if self.gaz.has_key(name_key(text[ps:e])):
                    out[-1] = (ps, e, plabel)
                    continue
            if label in PLACE_LABELS and out is not None:
                m = HYPHEN_TAIL.match(text, e)
                if m and self.gaz.has_key(name_key(text[s : m.end()])):
                    e = m.end()
            out.append((s, e, label))
        return out

    def _entity_part(self, text: str, start: int, end: int, label: str) -> Mention | None:
        """One comma-separated part of an entity ("Lawdar, Abyan"), its kind word cut
        off ("Kingston city" -> "Kingston", hint city)."""
        start, end = trim(text, start, end)
        if end <= start:
            return None
        words = text[start:end].split()
        last = words[-1].lower()
        hint, name_end = None, end
        if len(words) > 1 and (last in self.words.area_words or last in self.words.settlement_words):
            hint = self.words.area_words.get(last, "city")
            name_end = start + text[start:end].rfind(words[-1])
            name_end = len(text[:name_end].rstrip())
        span = text[start:name_end]
        key = name_key(span)
        if self._common(key, hint) or not span[0].isupper() or self._acronym(text, start, name_end):
            return None
        named = label in PLACE_LABELS and self.gaz.has_key(name_key(text[start:end]))
        if not named and (self._organisation_follows(text, end) or last in self.words.organisation_heads):
            return self._building(text, start, end)  # "Aleppo Media Center"; not "the West Bank"
        if label in PLACE_LABELS:
            return Mention(
                start, name_end, span, "ner", hint=hint, label=label, site=last in self.words.site_words
            )
        if last in self.words.site_words and len(words) > 1:
            return Mention(start, end, text[start:end], "site", hint="site", site=True, label=label)
        if label in ("ORG", "PERSON") and self._marked_as_place(text, start, end) and self.gaz.has_key(key):
            if self._in_title(text, start):
                return None  # "the Defence of the Homeland": the end of an organisation's name
            return Mention(start, name_end, span, "entity", hint=hint, label=label)
        if label == "ORG" and len(words) == 1 and self._city(span) and not self._in_title(text, start):
            return Mention(start, name_end, span, "entity", hint=hint, label=label)  # "that Kherson fell"
        return None

    def _common(self, key: str, area: str | None) -> bool:
        """A word that is no place on its own, unless an area word after it makes it a
        province of that name ("Somali region" is Ethiopia's, though "Somali" alone is
        a people)."""
        if not self._ordinary(key):
            return False
        if area not in ("admin1", "admin2") or key not in self.words.demonyms:
            return True
        areas = (c for c in self.gaz.lookup_key(key)[:8] if c.kind == 0)
        return not any(c.feature in ("admin1", "admin2") for c in areas)

    def _city(self, name: str) -> bool:
        """A one-word name that is first of all a city of ``CITY_POPULATION`` people or more
        under its main name: a place even where the tagger calls it an organisation."""
        return any(
            c.kind == 0 and c.feature == "city" and c.population >= CITY_POPULATION
            for c in self.gaz.lookup(name)[:8]
        )

    def _from_run(self, text: str, start: int, end: int, ner_keys: set[str]) -> Mention | None:
        """A whole capitalised run the text marks as a place; a known name, or an unknown
        one the words around it call a town, village or district ("the village of X")."""
        s, e = trim(text, start, end)
        words = text[s:e].split()
        if not words:
            return None
        if words[-1].lower() in self.words.organisation_heads or self._organisation_follows(text, e):
            return self._building(text, s, e)
        site = len(words) > 1 and words[-1].lower() in self.words.site_words
        name_end = e
        if len(words) > 1 and (
            words[-1].lower() in self.words.area_words or words[-1].lower() in self.words.settlement_words
        ):
            name_end = s + len(text[s:e]) - len(words[-1]) - 1
            name_end = len(text[:name_end].rstrip())
        span = text[s:name_end]
        key = name_key(span)
        after = self.words.kind_after.match(text[e : e + 30])  # "Somali region"
        word = words[-1] if name_end < e else (after.group(1) if after else "")
        kind = self.words.area_words.get(word.lower())
        if self._common(key, kind) or self._acronym(text, s, name_end):
            return None
        known = self.gaz.has_key(name_key(self._expand(span)))
        site_after = self._site_after(text, e)
        if site_after and not site:  # "the Saray square", "Mosul dam": a site named after a place
            full_end = e + site_after
            if self.gaz.has_key(name_key(text[s:full_end])):
                return Mention(s, full_end, text[s:full_end], "gazetteer", hint="site", site=True)
            return Mention(s, e, text[s:e], "site", hint="site", site=True) if known else None
        if known and key not in ner_keys and self._in_title(text, s):
            return None  # "the Defence of the Homeland": the end of an organisation's name
        if known and (key in ner_keys or self._marked_as_place(text, s, e)):
            return Mention(s, name_end, span, "gazetteer")
        if site and len(words) > 1:
            return Mention(s, e, text[s:e], "site", hint="site", site=True)
        if not known and self._strongly_marked(text, s, e):
            return Mention(s, name_end, span, "unknown")
        if not known and self._cue_before.search(text[max(0, s - 40) : s]):
            return Mention(s, name_end, span, "cued")  # kept only if a spelling variant is found
        return None

    def _building(self, text: str, s: int, e: int) -> Mention | None:
        """ "at the Islamabad High Court", "outside the Kabul University": the town a
        building is named after, as a site at that town. Other organisation names
        ("the Volunteers for the Defence of the Homeland") give no place."""
        words = text[s:e].split()
        if words[-1].lower() not in self.words.building_heads or not AT_THE.search(text[max(0, s - 20) : s]):
            return None
        for n in range(len(words) - 1, 0, -1):
            name = " ".join(words[:n])
            if self._ordinary(name_key(name)):
                continue
            if any(not c.is_area for c in self.gaz.lookup(self._expand(name))[:8]):
                end = s + len(name)
                return Mention(s, end, text[s:end], "site", hint="site", site=True)
        return None
