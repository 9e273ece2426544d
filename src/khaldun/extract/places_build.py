"""From resolutions to PlaceMentions: relative locations applied ("20 km south of X",
"between X and Y"), and names the gazetteer lacks placed where the text puts them.

A missing name (or one whose namesakes all lie in countries the document does not
point to: :func:`places_strays.reject_strays`) is, in order: a spelling variant of a
town in the province the text points to ("Quamishli" for Al Qamishli, matched by
consonant skeleton, precision 1);
the part of it that names a town inside its stated container ("Culiacan Rosales,
Sinaloa"); else its stated container or the place the sentence puts it near
(precision 2, or 3 for a province); else the document's focus place. Each such
mention carries a ``note`` saying so.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from ..geo.gazetteer import WIDE_FEATURES, Candidate, Gazetteer
from ..geo.geodesy import km
from ..geo.names import name_key, skeleton, strip_article
from ..records import PlaceMention
from .base import DocContext
from .places_focus import focus_place
from .places_lexicon import PlaceWords
from .places_relative import Relative, pair_point, pair_relation, relation_after, relation_before
from .places_resolve import Resolution
from .places_rules import contains, geo_precision

_LOCATIVE_BEFORE = re.compile(r"(?i)\b(?:in|at|near|outside|inside|into)\s+(?:the\s+)?$")


VARIANT_RATIO = 0.85  # string similarity for a spelling variant inside a stated province
HOME_NOTE = "the outlet's home decided between namesakes"  # not a stand-in: the place is its own entry


def stands_in(pm: PlaceMention) -> bool:
    """Does the mention stand at another place than its own gazetteer entry (or at a
    guessed spelling)? Its note says so; the outlet's home note does not count."""
    return pm.note is not None and not pm.note.startswith(HOME_NOTE)


def _ratio(a: str, b: str) -> float:
    m = SequenceMatcher(None, a, b, autojunk=False)
    return m.ratio() if m.real_quick_ratio() >= VARIANT_RATIO and m.quick_ratio() >= VARIANT_RATIO else 0.0


@dataclass
class Built:
    """A PlaceMention and the gazetteer entry behind it."""

    pm: PlaceMention
    cand: Candidate | None


class MentionBuilder:
    def __init__(self, gazetteer: Gazetteer, words: PlaceWords) -> None:
        self.gaz = gazetteer
        self.words = words

    def build(self, ctx: DocContext, res: list[Resolution], relations: bool) -> list[PlaceMention]:
        text = ctx.text
        out: list[Built | None] = []
        for r in res:
            m, best = r.mention, r.best
            if best is None or r.rejected:
                out.append(None)
                continue
            pm = PlaceMention(m.start, m.end, m.text, place=best.place(), geo_precision=geo_precision(best))
            if r.by_home and best.a1name:
                pm.note = f"{HOME_NOTE} ({best.a1name}, {best.cc})"
            if relations:
                rel = relation_before(text, m.start, self.words) or relation_after(text, m.end, self.words)
                if rel is None and m.site and best.feature == "city":
                    rel = Relative("near")  # "the Saray square", "Aleppo airport": a site at or near the town
                if rel is not None and not (best.is_area and rel.relation == "near" and m.hint):
                    _apply(pm, rel)
            out.append(Built(pm, best))
        if relations:
            self._pairs(text, out)
        # the focus of the places the gazetteer knows: stand-ins are no evidence of it
        focus = focus_place(ctx, [b.pm if b else None for b in out])
        for i, r in enumerate(res):
            if out[i] is None and not r.rejected and self._placeable(ctx, r):
                out[i] = self._missing(ctx, i, res, out, focus)
        return [b.pm for b in out if b is not None]

    def _placeable(self, ctx: DocContext, r: Resolution) -> bool:
        """Only names the text marks as places are placed without a gazetteer entry."""
        m = r.mention
        hinted = m.hint is not None and m.hint != "street"  # a street found in passing is left out
        if m.origin in ("given", "unknown", "site", "cued") or hinted or r.container is not None:
            return True
        if self.words.quarter_name.fullmatch(m.text):
            return True  # "a South Side man": a quarter of the story's town
        before = ctx.text[max(0, m.start - 40) : m.start]
        return bool(
            relation_before(ctx.text, m.start, self.words)
            or self.words.kind_before.search(before)
            or (m.origin == "ner" and _LOCATIVE_BEFORE.search(before))
        )

    def _pairs(self, text: str, out: list[Built | None]) -> None:
        """ "between A and B", "the A-B road": both mentions placed at the midpoint."""
        for i in range(len(out) - 1):
            a, b = out[i], out[i + 1]
            if a is None or b is None or a.cand is None or b.cand is None:
                continue
            rel = pair_relation(text, a.pm.end, b.pm.start, b.pm.end, a.pm.start, self.words)
            if rel is None:
                continue
            lat, lon = pair_point(a.cand.lat, a.cand.lon, b.cand.lat, b.cand.lon)
            name = (
                f"between {a.pm.text} and {b.pm.text}"
                if rel == "between"
                else f"{a.pm.text}-{b.pm.text} {rel}"
            )
            for x in (a.pm, b.pm):
                x.relation, x.latitude, x.longitude = name, lat, lon
                x.geo_precision = max(x.geo_precision, 2)

    # -- names the gazetteer lacks ----------------------------------------------------

    def _missing(
        self,
        ctx: DocContext,
        i: int,
        res: list[Resolution],
        out: list[Built | None],
        focus: PlaceMention | None,
    ) -> Built | None:
        m = res[i].mention
        anchor, why = self._stated_anchor(ctx, i, res, out, focus), "the place the text puts it near"
        if anchor is None:
            found = [b for b in out if b is not None and b.pm is focus]
            anchor, why = (found[0], "the document's focus place") if found else (None, "")
        if anchor is None or anchor.cand is None:
            return None
        variant = self._spelling_variant(m.text, anchor.cand)
        if variant is None and m.origin == "cued" and res[i].container is None:
            return None
        if variant is not None:
            pm = PlaceMention(
                m.start,
                m.end,
                m.text,
                place=variant.place(),
                geo_precision=geo_precision(variant),
                note=f"spelling variant of {variant.name}",
            )
            return Built(pm, variant)
        part = self._part_inside(m.text, anchor.cand) if res[i].container is not None else None
        if part is not None:
            pm = PlaceMention(
                m.start,
                m.end,
                m.text,
                place=part.place(),
                geo_precision=2,
                note=f"not in gazetteer; placed at {part.name}, the part of the name found in "
                f"{anchor.cand.name}",
            )
            return Built(pm, part)
        area = anchor.cand.is_area
        lacks = res[i].stray or "not in gazetteer"
        pm = PlaceMention(
            m.start,
            m.end,
            m.text,
            place=anchor.cand.place(),
            geo_precision=3 if area else 2,
            relation="in" if area else "near",
            note=f"{lacks}; placed at {anchor.cand.name}, {why}",
        )
        return Built(pm, anchor.cand)

    def _spelling_variant(self, text: str, anchor: Candidate) -> Candidate | None:
        """A town of the anchor's province (or inside the anchor) spelt nearly the same:
        equal consonant skeletons, or a close string match ("Tall Refaat" for "Tall
        Rif'at"); the closest such town to the anchor."""
        if anchor.feature in WIDE_FEATURES or not anchor.a1code:
            return None
        key = name_key(text)
        want, bare = skeleton(key), strip_article(key) or key
        if len(bare) < 4:
            return None
        scored = []
        for t, tbare, tskel in self._towns(anchor.cc, anchor.a1code):
            if tbare[:1] != bare[:1]:
                continue
            same = len(want) >= 4 and tskel == want
            ratio = 1.0 if same else _ratio(bare, tbare)
            if ratio >= VARIANT_RATIO and (anchor.feature == "admin1" or contains(anchor, t)):
                scored.append((-ratio, km(t.lat, t.lon, anchor.lat, anchor.lon), t))
        return min(scored, key=lambda x: (x[0], x[1]))[2] if scored else None

    @functools.lru_cache(maxsize=512)  # noqa: B019  (one builder per process)
    def _towns(self, cc: str, a1code: str) -> tuple[tuple[Candidate, str, str], ...]:
        """The towns of a province with their article-less keys and skeletons."""
        out = []
        for t in self.gaz.towns_in(cc, a1code):
            key = name_key(t.name)
            out.append((t, strip_article(key) or key, skeleton(key)))
        return tuple(out)

    def _part_inside(self, text: str, cont: Candidate) -> Candidate | None:
        """The longest part of an unknown name that names a town inside ``cont``; not a
        place named after that town ("Hamilton Township" is not Hamilton)."""
        words = text.split()
        kinds = self.words.area_words.keys() | self.words.settlement_words
        for n in range(len(words) - 1, 0, -1):
            for k in range(len(words) - n + 1):
                part = " ".join(words[k : k + n])
                if len(part) < 4 or name_key(part) in self.words.non_places:
                    continue
                if all(w.lower() in kinds for w in words[:k] + words[k + n :]):
                    continue
                inside = [c for c in self.gaz.lookup(part) if not c.is_area and contains(cont, c)]
                if inside:
                    return inside[0]
        return None

    def _stated_anchor(
        self,
        ctx: DocContext,
        i: int,
        res: list[Resolution],
        out: list[Built | None],
        focus: PlaceMention | None = None,
    ) -> Built | None:
        """The resolved place the text relates this one to: its container ("X, Homs"),
        a place after a relation word ("X, a hill close to Palmyra"), else the
        sentence's nearest town in the country of the document's focus ("Salah's home
        village of Nagrig ... the player who cost Liverpool": not Liverpool in a story
        about Cairo)."""
        m = res[i].mention
        c = res[i].container
        if c is not None and out[c] is not None:
            town = self._district_town(ctx.text, out, i, c)
            return town if town is not None else out[c]
        sent = ctx.sentence_at(m.start)
        lo, hi = (sent.start, sent.end) if sent else (m.start - 200, m.end + 200)
        inside = [b for b in out if b is not None and lo <= b.pm.start < hi and b.cand is not None]
        related = [
            b for b in inside if b.pm.start > m.end and relation_before(ctx.text, b.pm.start, self.words)
        ]
        if related:
            return related[0]
        home = focus.place.country_code if focus is not None and focus.place is not None else ""
        inside = [b for b in inside if not home or b.cand.cc == home]  # type: ignore[union-attr]
        towns = [b for b in inside if b.cand is not None and not b.cand.is_area]
        pool = towns or [b for b in inside if b.cand is not None and b.cand.feature in ("admin1", "admin2")]
        return min(pool, key=lambda b: abs(b.pm.start - m.start)) if pool else None

    @staticmethod
    def _district_town(text: str, out: list[Built | None], i: int, c: int) -> Built | None:
        """ "Tieba (Bankass, Mopti)": the town listed before the province that holds the
        place, inside it, is the nearer anchor (the district ACLED's brackets name)."""
        town, area = (out[c - 1] if c - 1 > i else None), out[c]
        if town is None or area is None or town.cand is None or area.cand is None or town.cand.is_area:
            return None
        listed = re.fullmatch(r"\s*,\s*", text[town.pm.end : area.pm.start]) is not None
        return town if listed and contains(area.cand, town.cand) else None


def _apply(pm: PlaceMention, rel: Relative) -> None:
    pm.relation = rel.relation
    pm.geo_precision = max(pm.geo_precision, 2)
    if pm.place is not None:
        point = rel.point(pm.place.latitude, pm.place.longitude)
        if point is not None:
            pm.latitude, pm.longitude = point
