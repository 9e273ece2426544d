"""The document's focus place: where the story as a whole happens.

In order: a dateline ("MAIDUGURI, Nigeria (Reuters) -"); else the place scoring
highest on mentions, weighted by specificity (a town counts more than its country),
with a bonus for places in the headline (the title, or the first line of the text)
and the first paragraph.
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
    r"(?:\((?:Reuters|AP|AFP|AA|Xinhua|UPI|dpa|IANS|PTI|ANI|Anadolu|[A-Z]{2,6})\)\s*)?[-–—:]\s",
    re.MULTILINE,
)
_WEIGHT = {1: 1.0, 2: 0.7, 3: 0.35}


def dateline_place(ctx: DocContext, places: Sequence[PlaceMention | None]) -> PlaceMention | None:
    """The place of a dateline in the text's first lines."""
    for m in DATELINE.finditer(ctx.text[:400]):
        for pm in places:
            if pm is not None and pm.place is not None and m.start(1) <= pm.start < m.end(1) + 2:
                return pm
    return None


def focus_place(ctx: DocContext, places: Sequence[PlaceMention | None]) -> PlaceMention | None:
    """The most prominent resolved place of the document (None when there is none)."""
    found = [pm for pm in places if pm is not None and pm.place is not None]
    if not found:
        return None
    dated = dateline_place(ctx, found)
    if dated is not None:
        return dated
    text = ctx.text
    first_line_end = text.find("\n")
    headline = name_key(
        (ctx.document.title or "") + " " + text[: first_line_end if first_line_end > 0 else 200]
    )
    lead_end = max(text.find("\n\n", 200), 600)
    score: dict[tuple[str, float, float], float] = defaultdict(float)
    first: dict[tuple[str, float, float], PlaceMention] = {}
    for pm in found:
        p = pm.place
        assert p is not None
        key = (p.name, round(p.latitude, 3), round(p.longitude, 3))
        w = _WEIGHT.get(pm.geo_precision, 0.35) * (0.5 if p.feature == "country" else 1.0)
        if pm.start < lead_end:
            w *= 1.5
        score[key] += w
        if key not in first:
            first[key] = pm
            if name_key(pm.text) and f" {name_key(pm.text)} " in f" {headline} ":
                score[key] += 2.0
    best = max(score, key=lambda k: (score[k], -first[k].start))
    return first[best]
