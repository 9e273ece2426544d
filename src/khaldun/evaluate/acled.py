"""Whole-event extraction scored on ACLED coder notes (``acled/acled-2020-05-global.csv``).

Each row's ``notes`` is extracted as a document *without* a publication date: the
notes state their own date ("On 9 May 2020, ...", "Around 9 May 2020 (as
reported), ..."), which is what the time component must find; passing ACLED's
event date as publication date would leak the answer into the date figure.

The first (most salient) event is compared with the gold row:
- ``sub_event_type`` / ``event_type``: equal labels (no event = wrong);
- ``actor1``: names normalised (lowercase, parenthetical periods such as
  "(2016-)" removed, spaces collapsed); ``actor1`` counts equal names,
  ``actor1_prefix`` also counts a gold name that starts with ours ("military forces
  of yemen" for "Military Forces of Yemen (2016-) Supreme Political Council");
- ``location_25km``: our event location within 25 km of the gold coordinates;
- ``event_date``: our event date's start equals the gold ``event_date``;
- ``fatalities``: our toll equals the gold figure (no toll stated counts as 0,
  as ACLED codes unknown tolls as 0).

``limit`` takes an evenly spaced sample of rows (every k-th), which keeps the
distribution of sub-event types; without it all 5,071 notes are run in batches.
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from ..acquire.normalize import make_document
from ..extract.actors_registry import registry
from ..extract.pipeline import Pipeline
from ..records import SUB_EVENT_TYPES, Event
from . import Missing, evaluation
from .case import NONE, per_class, weighted_f1

FILE = Path("acled") / "acled-2020-05-global.csv"
_PERIOD = re.compile(r"\(\s*\d{4}\s*-\s*(?:\d{4})?\s*\)")


def normalise_actor(name: str | None) -> str:
    """Lowercase, periods such as "(2016-)" removed, spaces collapsed:
    'Military Forces of Yemen (2016-) Houthi' -> 'military forces of yemen houthi'."""
    if not name:
        return ""
    return " ".join(_PERIOD.sub(" ", name).lower().split())


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(min(1.0, a)))


def gold_date(text: str) -> dt.date:
    """ACLED's '9-May-20' (or ISO '2020-05-09')."""
    for fmt in ("%d-%b-%y", "%Y-%m-%d", "%d %B %Y"):
        try:
            return dt.datetime.strptime(text.strip(), fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unreadable ACLED date {text!r}")


def read_rows(path: Path, limit: int | None) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for r in csv.DictReader(fh) if r.get("notes")]
    if limit is not None and 0 < limit < len(rows):
        step = len(rows) / limit
        rows = [rows[int(i * step)] for i in range(limit)]
    return rows


def score_row(gold: dict[str, str], ev: Event | None) -> dict[str, bool]:
    """Which fields of the first event match the gold row."""
    if ev is None:
        return {
            k: False
            for k in (
                "sub_event_type",
                "event_type",
                "actor1",
                "actor1_prefix",
                "location_25km",
                "event_date",
            )
        } | {"fatalities": gold["fatalities"] in ("", "0")}
    ours = normalise_actor(registry().acled_spelling(ev.actor1.name) if ev.actor1 else None)
    theirs = normalise_actor(gold["actor1"])
    loc_ok = False
    if ev.location is not None and ev.location.lat is not None and gold["latitude"] and gold["longitude"]:
        loc_ok = km(ev.location.lat, ev.location.lon, float(gold["latitude"]), float(gold["longitude"])) <= 25
    date_ok = ev.date is not None and ev.date.start_date == gold_date(gold["event_date"])
    toll = ev.fatalities or 0
    return {
        "sub_event_type": ev.sub_event_type == gold["sub_event_type"],
        "event_type": ev.event_type == gold["event_type"],
        "actor1": bool(ours) and ours == theirs,
        "actor1_prefix": bool(ours) and theirs.startswith(ours),
        "location_25km": loc_ok,
        "event_date": date_ok,
        "fatalities": str(toll) == gold["fatalities"].strip(),
    }


@evaluation("acled")
def evaluate_acled(shared: Path, pipeline: Pipeline, limit: int | None = None) -> dict[str, Any]:
    path = shared / FILE
    if not path.exists():
        raise Missing(f"{path} is absent")
    rows = read_rows(path, limit)
    started = time.perf_counter()
    docs = ((make_document(r["notes"]), None) for r in rows)
    firsts = [ext.events[0] if ext.events else None for ext in pipeline.pipe(docs, batch_size=64)]
    seconds = time.perf_counter() - started
    hits: Counter[str] = Counter()
    for gold, ev in zip(rows, firsts, strict=True):
        hits.update(k for k, ok in score_row(gold, ev).items() if ok)
    n = len(rows)
    gold_types = [r["sub_event_type"] for r in rows]
    pred_types = [ev.sub_event_type if ev else NONE for ev in firsts]
    labels = tuple(SUB_EVENT_TYPES)
    return {
        "notes": n,
        **{
            f"{k}_accuracy": round(hits[k] / n, 4) if n else None
            for k in (
                "sub_event_type",
                "event_type",
                "actor1",
                "actor1_prefix",
                "location_25km",
                "event_date",
                "fatalities",
            )
        },
        "no_event": sum(ev is None for ev in firsts),
        "weighted_f1_sub_event_type": weighted_f1(gold_types, pred_types, labels),
        "per_class": per_class(gold_types, pred_types, labels),
        "confusions": [
            f"{g} -> {p}: {k}"
            for (g, p), k in Counter(
                (g, p) for g, p in zip(gold_types, pred_types, strict=True) if g != p
            ).most_common(25)
        ],
        "docs_per_second": round(n / seconds, 1) if seconds else None,
    }
