"""The document's focus place: where the story as a whole happens.

The place scoring highest on mentions, weighted by specificity (a town counts more
than its country), with a bonus for places in the headline (the title, or a short
first line) and the first paragraph. A dateline ("MAIDUGURI, Nigeria (Reuters) -")
counts as one good mention: a story filed in Khartoum about Wad Madani is about Wad
Madani.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from ..geo.names import name_key
from ..records import PlaceMention
from .base import DocContext

DATELINE = re.compile(
    r"^[ \t]*([A-Z][A-Za-z.'’ -]{1,40}?)(?:,\s+[A-Z][\w.' -]{1,30}?)?(?:,\s+\w+\.? \d{1,2})?\s*"
    r"(?:\((?:Reuters|AP|AFP|AA|Xinhua|UPI|dpa|IANS|PTI|ANI|Anadolu|[A-Z][\w&'. -]{1,30})\)\s*)?[-–—:]\s",
    re.MULTILINE,
)
_WEIGHT = {1: 1.0, 2: 0.7, 3: 0.35}
DATELINE_WEIGHT = 1.0  # where the story was filed: a strong hint, outweighed by the places the story is about
HEADLINE_WEIGHT = 2.0
HEADLINE_LOCATIVE_WEIGHT = 1.0  # "A new development in Gainesville, Va., provides a taste of Charleston"
HEADLINE_MAX = 150  # characters: a longer first line is the lead paragraph, not a headline


def dateline_place(ctx: DocContext, places: Sequence[PlaceMention | None]) -> PlaceMention | None:
    """The place of a dateline in the text's first lines."""
    for m in DATELINE.finditer(ctx.text[:400]):
        for pm in places:
            if pm is not None and pm.place is not None and m.start(1) <= pm.start < m.end(1) + 2:
                return pm
    return None


def _headline(text: str) -> str:
    """The text's first line when it reads as a headline (short, no closing full stop)."""
    end = text.find("\n")
    first = text[: end if end > 0 else len(text)].strip()
    return first if len(first) <= HEADLINE_MAX and not first.endswith(".") else ""


def focus_place(ctx: DocContext, places: Sequence[PlaceMention | None]) -> PlaceMention | None:
    """The most prominent resolved place of the document (None when there is none)."""
    found = [pm for pm in places if pm is not None and pm.place is not None]
    if not found:
        return None
    dated = dateline_place(ctx, found)
    text = ctx.text
    headline = name_key((ctx.document.title or "") + " " + _headline(text))
    lead_end = max(text.find("\n\n", 200), 600)
    score: dict[tuple[str, float, float], float] = defaultdict(float)
    first: dict[tuple[str, float, float], PlaceMention] = {}
    in_headline: set[tuple[str, float, float]] = set()
    for pm in found:
        p = pm.place
        assert p is not None
        key = (p.name, round(p.latitude, 3), round(p.longitude, 3))
        w = _WEIGHT.get(pm.geo_precision, 0.35) * (0.5 if p.feature == "country" else 1.0)
        if pm.start < lead_end:
            w *= 1.5
        if pm is dated:
            w = DATELINE_WEIGHT
        score[key] += w
        first.setdefault(key, pm)
        nk = name_key(pm.text)
        if key not in in_headline and nk and f" {nk} " in f" {headline} ":
            in_headline.add(key)  # once per place, by whichever of its names the headline uses
            score[key] += HEADLINE_WEIGHT
            if re.search(rf"\b(?:in|at|near|outside|from)\s+(?:the\s+)?{re.escape(nk)}\b", headline):
                score[key] += HEADLINE_LOCATIVE_WEIGHT
    best = max(score, key=lambda k: (score[k], -first[k].start))
    return first[best]
