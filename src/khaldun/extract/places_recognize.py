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

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
OTHER_LABELS = frozenset({"ORG", "PERSON", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})
_CONNECT = (
    r"(?:al|el|ad|ar|as|ash|at|az|an|ed|es|ez|de|del|di|da|do|dos|du|des|la|le|les|of|on|upon|sur|am|im|"
    r"bin|ibn|abu|um|umm|bani|beni|i|e|y|imeni|wa)"
)
_WORD = r"[A-Z][\w'’‘ʿʾ.]*(?:-[\w'’‘ʿʾ]+)*"
# A capitalised name: words starting upper-case, joined by spaces, hyphens and
# Arabic/Romance connectors ("Deir ez-Zor", "Ras al-Ain", "Kafr Nabl", "al-Bab").
NAME = re.compile(
    rf"(?<![\w-])(?:(?:al|el|ad|ar|as|ash|at|az|an)-)?{_WORD}(?:[ -](?:{_CONNECT}[ -])?{_WORD})*"
)


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

    @property
    def key(self) -> str:
        return name_key(self.text)  # cached by name_key


def _parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """An entity span split at commas and parentheses ("Lawdar, Abyan" -> two)."""
    out, s = [], start
    for m in re.finditer(r"[,()]", text[start:end]):
        out.append((s, start + m.start()))
        s = start + m.end()
    out.append((s, end))
    return [(a, b) for a, b in out if text[a:b].strip()]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop a leading article and a trailing possessive or punctuation."""
    span = text[start:end]
    m = re.match(r"(?i)\s*(?:the\s+)?", span)
    if m:
        start += m.end()
    while end > start and text[end - 1] in ".,;:)”\"'’ ":
        end -= 1
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            end -= len(suffix)
    return start, end


class Recognizer:
    """Finds candidate toponyms; one instance per process (holds no document state)."""

    def __init__(self, gazetteer: Gazetteer, words: PlaceWords) -> None:
        self.gaz = gazetteer
        self.words = words
        cues = sorted(words.cue_words, key=len, reverse=True)
        self._cue_before = re.compile(
            rf"(?i)(?:^|\W)(?:{'|'.join(map(re.escape, cues))})\s+(?:the\s+|al\s+|el\s+)?$"
        )

    def find(self, ctx: DocContext) -> list[Mention]:
        text = ctx.text
        found = self._from_entities(ctx)
        ner_keys = {m.key for m in found}
        pairs = [self._split_pair(text, m.start(), m.end()) for m in NAME.finditer(text)]
        paired = {r for p in pairs if len(p) == 2 for r in p}
        runs = [r for p in pairs for r in p if not any(m.start < r[1] and r[0] < m.end for m in found)]
        rest = []
        for s, e in runs:
            cand = self._from_run(
                text, s, e, ner_keys | ({name_key(text[s:e])} if (s, e) in paired else set())
            )
            if cand is not None:
                found.append(cand)
            else:
                rest.append((s, e))
        found.extend(self._chained(text, found, rest))
        found.sort(key=lambda x: (x.start, -x.end))
        out: list[Mention] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue
            out.append(m)
        for m in out:
            m.hint = m.hint or self.hint(text, m.start, m.end)
        return out

    def _split_pair(self, text: str, start: int, end: int) -> list[tuple[int, int]]:
        """ "Aleppo-Damascus" (a road, a front) is two names unless the whole is one."""
        span = text[start:end]
        m = re.search(r"(?<=[a-z])[-–—/](?=[A-Z])", span)
        if not m or self.gaz.has_key(name_key(span)):
            return [(start, end)]
        left, right = span[: m.start()], span[m.end() :]
        if self.gaz.has_key(name_key(left)) and self.gaz.has_key(name_key(right)):
            return [(start, start + m.start()), (start + m.end(), end)]
        return [(start, end)]

    def _chained(self, text: str, found: list[Mention], rest: list[tuple[int, int]]) -> list[Mention]:
        """Names listed after a place: "X, Tandubas, Tawi-Tawi", "X (Afgooye, Lower Shabelle)"."""
        ends = {m.end for m in found}
        added: list[Mention] = []
        changed = True
        while changed:
            changed = False
            for s, e in list(rest):
                before = text[max(0, s - 25) : s]
                gaps = [re.search(p, before) for p in (r"\s*[,(]\s*$", r"\s+\w+\s*[,(]\s*$")]
                joined = re.search(r"\s*,?\s+(?:and|or)\s+$", before)
                if not any(g and s - len(g.group(0)) in ends for g in gaps) and not (
                    joined and s - len(joined.group(0)) in ends
                ):
                    continue
                s2, e2 = _trim(text, s, e)
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

    # -- entities -------------------------------------------------------------------

    def _from_entities(self, ctx: DocContext) -> list[Mention]:
        text, out = ctx.text, []
        for ent in ctx.doc.ents:
            if ent.label_ not in PLACE_LABELS and ent.label_ not in OTHER_LABELS:
                continue
            for s, e in _parts(text, ent.start_char, ent.end_char):
                m = self._entity_part(text, s, e, ent.label_)
                if m is not None:
                    out.append(m)
        return out

    def _entity_part(self, text: str, start: int, end: int, label: str) -> Mention | None:
        """One comma-separated part of an entity ("Lawdar, Abyan"), its kind word cut
        off ("Kingston city" -> "Kingston", hint city)."""
        start, end = _trim(text, start, end)
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
        if self._ordinary(key) or not span[0].isupper():
            return None
        if self._organisation_follows(text, end) or last in self.words.organisation_heads:
            return None
        if label in PLACE_LABELS:
            return Mention(
                start, name_end, span, "ner", hint=hint, label=label, site=last in self.words.site_words
            )
        if last in self.words.site_words and len(words) > 1:
            return Mention(start, end, text[start:end], "site", hint="site", site=True, label=label)
        if label in ("ORG", "PERSON") and self._marked_as_place(text, start, end) and self.gaz.has_key(key):
            return Mention(start, name_end, span, "entity", hint=hint, label=label)
        return None

    def _organisation_follows(self, text: str, end: int) -> bool:
        m = re.match(r"\s+([A-Z][\w-]*)", text[end : end + 40])
        return bool(m and m.group(1).lower() in self.words.organisation_heads)

    # -- capitalised names ----------------------------------------------------------

    def _from_run(self, text: str, start: int, end: int, ner_keys: set[str]) -> Mention | None:
        """A whole capitalised run the text marks as a place; a known name, or an unknown
        one the words around it call a town, village or district ("the village of X")."""
        s, e = _trim(text, start, end)
        words = text[s:e].split()
        if (
            not words
            or words[-1].lower() in self.words.organisation_heads
            or self._organisation_follows(text, e)
        ):
            return None
        site = len(words) > 1 and words[-1].lower() in self.words.site_words
        name_end = e
        if len(words) > 1 and (
            words[-1].lower() in self.words.area_words or words[-1].lower() in self.words.settlement_words
        ):
            name_end = s + len(text[s:e]) - len(words[-1]) - 1
            name_end = len(text[:name_end].rstrip())
        span = text[s:name_end]
        key = name_key(span)
        if self._ordinary(key):
            return None
        known = self.gaz.has_key(name_key(self._expand(span)))
        site_after = self._site_after(text, e)
        if site_after and not site:  # "the Saray square", "Mosul dam": a site named after a place
            full_end = e + site_after
            if self.gaz.has_key(name_key(text[s:full_end])):
                return Mention(s, full_end, text[s:full_end], "gazetteer", hint="site", site=True)
            return Mention(s, e, text[s:e], "site", hint="site", site=True) if known else None
        if known and (key in ner_keys or self._marked_as_place(text, s, e)):
            return Mention(s, name_end, span, "gazetteer")
        if site and len(words) > 1:
            return Mention(s, e, text[s:e], "site", hint="site", site=True)
        if not known and self._strongly_marked(text, s, e):
            return Mention(s, name_end, span, "unknown")
        if not known and self._cue_before.search(text[max(0, s - 40) : s]):
            return Mention(s, name_end, span, "cued")  # kept only if a spelling variant is found
        return None

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

    def _ordinary(self, key: str) -> bool:
        """Keys that are never toponyms on their own."""
        w = self.words
        return (
            not key or len(key) < 3 or key in w.non_places or key in w.demonyms or key in w.adjective_places
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
        if inner[-1].lower() in w.area_words or inner[-1].lower() in w.settlement_words:
            return True
        return bool(self._cue_before.search(before) and self._container_after(after))

    def _marked_as_place(self, text: str, s: int, e: int) -> bool:
        """Does the text around [s, e) say this is a place?"""
        before = text[max(0, s - 40) : s]
        after = text[e : e + 40]
        w = self.words
        return bool(
            self._cue_before.search(before)
            or w.kind_before.search(before)
            or w.kind_after.match(after)
            or w.relation_before.search(before)
            or self._container_after(after)
        )

    def _container_after(self, after: str) -> bool:
        """ ", Syria" / " (Homs)": followed by a country or province the gazetteer knows."""
        m = re.match(r"\s*[,(]\s*((?:[A-Z][\w'’-]*\.?\s?){1,3})", after)
        if not m:
            return False
        name = m.group(1).strip()
        name = self.words.abbreviations.get(name, name)
        return any(c.feature in ("country", "admin1", "admin2") for c in self.gaz.lookup(name)[:8])

    def hint(self, text: str, start: int, end: int) -> str | None:
        """The kind of place the words around a name say it is."""
        w = self.words
        inner = text[start:end].split()
        if len(inner) > 1 and inner[-1].lower() in w.area_words:
            return w.area_words[inner[-1].lower()]
        m = w.kind_after.match(text[end : end + 30])
        if not m:
            m = w.kind_before.search(text[max(0, start - 40) : start])
        if not m:
            return None
        word = " ".join(m.group(1).lower().split())
        if word in w.area_words:
            return w.area_words[word]
        if word in w.settlement_words:
            return "city"
        return "site"
