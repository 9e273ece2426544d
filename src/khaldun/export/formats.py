"""Export formats, registered by name: each writes stored event rows to a text
stream one at a time (constant memory) and returns how many it wrote."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from .shape import ACLED_COLUMNS, acled_row, event_date, event_json

Rows = Iterable[dict[str, Any]]
Exporter = Callable[[Rows, TextIO], int]
EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    def register(fn: Exporter) -> Exporter:
        EXPORTERS[name] = fn
        return fn

    return register


@exporter("acled-csv")
def write_acled_csv(rows: Rows, out: TextIO) -> int:
    """ACLED's column names first, then khaldun's evidence and attribution columns."""
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in rows:
        writer.writerow(acled_row(row))
        n += 1
    return n


@exporter("jsonl")
def write_jsonl(rows: Rows, out: TextIO) -> int:
    """One event per line, nested as ``khaldun extract`` writes it, with its document."""
    n = 0
    for row in rows:
        out.write(json.dumps(event_json(row), ensure_ascii=False) + "\n")
        n += 1
    return n


@exporter("geojson")
def write_geojson(rows: Rows, out: TextIO) -> int:
    """A FeatureCollection of points; events without coordinates are left out."""
    out.write('{"type": "FeatureCollection", "features": [')
    n = 0
    for row in rows:
        if row["latitude"] is None or row["longitude"] is None:
            continue
        out.write(",\n" if n else "\n")
        out.write(json.dumps(feature(row), ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n


def feature(row: dict[str, Any]) -> dict[str, Any]:
    """A GeoJSON point with flat properties, as GIS tools like them."""
    date, precision = event_date(row)
    props = {
        "event_id": row["id"],
        "event_date": date,
        "time_precision": precision,
        "event_type": row["event_type"],
        "sub_event_type": row["sub_event_type"],
        "actor1": row["actor1_name"],
        "actor2": row["actor2_name"],
        "location": row["location_name"],
        "country_code": row["country_code"],
        "admin1": row["admin1"],
        "geo_precision": row["geo_precision"],
        "fatalities": row["fatalities"],
        "source": row["source_name"],
        "stance": row["stance"],
        "cue": row["cue"],
        "evidence_sentence": row["evidence_sentence"],
        "document_id": row["document_id"],
        "url": row["url"],
        "outlet": row["outlet"],
    }
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
        "properties": props,
    }


def write_control_geojson(places: list[dict[str, Any]], out: TextIO) -> int:
    """One point per place with its controller on a date (``khaldun export --at``): the
    stand-in for control polygons."""
    feats = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [p["longitude"], p["latitude"]]},
            "properties": {
                k: p[k] for k in ("place_key", "name", "geonames_id", "controller", "status", "confidence")
            },
        }
        for p in places
        if p["latitude"] is not None and p["longitude"] is not None
    ]
    json.dump({"type": "FeatureCollection", "features": feats}, out, ensure_ascii=False)
    out.write("\n")
    return len(feats)
