"""Stored event rows -> the shapes exports write.

``event_json`` gives the same nested shape as ``Event.to_json`` (what
``khaldun extract`` writes), plus the event's id and its document, so a stored
event and a freshly extracted one read alike."""

from __future__ import annotations

from typing import Any

from ..extract.actors_registry import registry
from ..store.query import country_name

# ACLED's time_precision: 1 = the day is known, 2 = the week, 3 = the month or less.
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
UNDATED_PRECISION = 3  # no date in the text: dated by the report, within an unknown span


def _actor(row: dict[str, Any], n: int) -> dict[str, Any] | None:
    name = row[f"actor{n}_name"]
    if name is None:
        return None
    return {"name": name, "mention": row[f"actor{n}_mention"], "inter": row[f"actor{n}_inter"]}


def _location(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["location_name"] is None:
        return None
    keys = ("latitude", "longitude", "geonames_id", "country_code", "admin1", "geo_precision")
    return {"name": row["location_name"], **{k: row[k] for k in keys}, "mention": row["location_mention"]}


def _date(row: dict[str, Any]) -> dict[str, Any] | None:
    if row["date_start"] is None:
        return None
    return {
        "start": row["date_start"],
        "end": row["date_end"],
        "precision": row["date_precision"],
        "text": row["date_text"],
    }


def event_json(row: dict[str, Any]) -> dict[str, Any]:
    """One stored event as nested JSON, with its evidence and document."""
    trigger = None
    if row["trigger_start"] is not None:
        trigger = {"text": row["trigger_text"], "start": row["trigger_start"], "end": row["trigger_end"]}
    return {
        "id": row["id"],
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "actor1": _actor(row, 1),
        "actor2": _actor(row, 2),
        "location": _location(row),
        "date": _date(row),
        "fatalities": row["fatalities"],
        "source": {"name": row["source_name"], "stance": row["stance"], "cue": row["cue"]},
        "evidence": {
            "sentence": row["evidence_sentence"],
            "start": row["evidence_start"],
            "end": row["evidence_end"],
        },
        "trigger": trigger,
        "confidence": row["confidence"],
        "document": {
            "id": row["document_id"],
            "url": row["url"],
            "outlet": row["outlet"],
            "title": row["title"],
            "published": row["published"],
        },
    }


def event_date(row: dict[str, Any]) -> tuple[str | None, int | None]:
    """ACLED's (event_date, time_precision): the event's own date, else the report's."""
    if row["date_start"]:
        return row["date_start"], TIME_PRECISION.get(row["date_precision"] or "", UNDATED_PRECISION)
    if row["published"]:
        return row["published"], UNDATED_PRECISION
    return None, None


def acled_row(row: dict[str, Any]) -> dict[str, Any]:
    """One stored event in ACLED's columns, then khaldun's own."""
    date, precision = event_date(row)
    return {
        "event_date": date,
        "year": date[:4] if date else None,
        "time_precision": precision,
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "actor1": registry().acled_spelling(row["actor1_name"]),
        "inter1": row["actor1_inter"],
        "actor2": registry().acled_spelling(row["actor2_name"]),
        "inter2": row["actor2_inter"],
        "country": country_name(row["country_code"]),
        "admin1": row["admin1"],
        "location": row["location_name"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geo_precision": row["geo_precision"],
        "source": row["outlet"],
        "notes": row["evidence_sentence"],
        "fatalities": row["fatalities"] if row["fatalities"] is not None else 0,
        "stance": row["stance"],
        "claimant": row["source_name"],
        "evidence_url": row["url"],
        "evidence_sentence": row["evidence_sentence"],
        "document_id": row["document_id"],
        "evidence_start": row["evidence_start"],
        "evidence_end": row["evidence_end"],
        "event_id": row["id"],
        "country_code": row["country_code"],
        "confidence": row["confidence"],
    }


ACLED_COLUMNS: tuple[str, ...] = (
    # ACLED's own columns ...
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
    # ... then khaldun's: who says so, how firmly, and where in which document.
    "stance",
    "claimant",
    "evidence_url",
    "evidence_sentence",
    "document_id",
    "evidence_start",
    "evidence_end",
    "event_id",
    "country_code",
    "confidence",
)
