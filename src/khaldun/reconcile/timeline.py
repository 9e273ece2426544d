"""Reading control timelines back: what ``khaldun control``, geojson ``--at`` and the web API call.

Plain JSON-ready dicts, in the shapes the reconcile contract names."""

from __future__ import annotations

import sqlite3
from typing import Any

_PLACE = "SELECT * FROM control_places"


def _place_dict(row: sqlite3.Row, conn: sqlite3.Connection) -> dict[str, Any]:
    n = conn.execute(
        "SELECT COUNT(*) FROM control_intervals WHERE place_key = ?", (row["place_key"],)
    ).fetchone()
    return {
        "place_key": row["place_key"],
        "name": row["name"],
        "latitude": row["latitude"],
        "longitude": row["longitude"],
        "geonames_id": row["geonames_id"],
        "country_code": row["country_code"],
        "intervals": n[0],
    }


def find_places(conn: sqlite3.Connection, query: str) -> list[dict[str, Any]]:
    """Places with a timeline whose name, a mention of it, its GeoNames id or its key is ``query``."""
    q = query.strip().lower()
    # best first: the gazetteer name or id, then the place most often called so in claims
    rows = conn.execute(
        _PLACE + " p WHERE lower(name) = ? OR place_key = ? OR CAST(geonames_id AS TEXT) = ? "
        "OR ('|' || aliases || '|') LIKE ? "
        "ORDER BY (lower(name) = ? OR CAST(geonames_id AS TEXT) = ?) DESC, "
        "(SELECT COUNT(*) FROM control_claims c "
        "WHERE c.place_key = p.place_key AND lower(c.place_mention) = ?) DESC, name, place_key",
        (q, query.strip(), q, f"%|{q}|%", q, q, q),
    ).fetchall()
    return [_place_dict(r, conn) for r in rows]


def list_control_places(conn: sqlite3.Connection, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    rows = conn.execute(_PLACE + " ORDER BY name, place_key LIMIT ? OFFSET ?", (limit, offset)).fetchall()
    return [_place_dict(r, conn) for r in rows]


def _covers(row: sqlite3.Row, at: str) -> bool:
    return (row["date_from"] is None or row["date_from"] <= at) and (
        row["date_to"] is None or at < row["date_to"]
    )


def control_json(conn: sqlite3.Connection, place_key: str, at: str | None = None) -> dict[str, Any] | None:
    """The issue's JSON: the place and its timeline (with ``at``: only the interval covering it)."""
    place = conn.execute(_PLACE + " WHERE place_key = ?", (place_key,)).fetchone()
    if place is None:
        return None
    rows = conn.execute(
        "SELECT * FROM control_intervals WHERE place_key = ? ORDER BY date_from IS NOT NULL, date_from",
        (place_key,),
    ).fetchall()
    if at:
        rows = [r for r in rows if _covers(r, at)]
    timeline = []
    for r in rows:
        ev = conn.execute(
            "SELECT document_id, url, outlet, published, sentence, source, stance, supports "
            "FROM control_evidence WHERE interval_id = ? ORDER BY published, document_id, start",
            (r["id"],),
        ).fetchall()
        timeline.append(
            {
                "from": r["date_from"],
                "to": r["date_to"],
                "controller": r["controller"],
                "status": r["status"],
                "confidence": r["confidence"],
                "evidence": [{**dict(e), "supports": bool(e["supports"])} for e in ev],
            }
        )
    return {
        "place": {
            "name": place["name"],
            "latitude": place["latitude"],
            "longitude": place["longitude"],
            "geonames_id": place["geonames_id"],
        },
        "timeline": timeline,
    }


def controllers_at(conn: sqlite3.Connection, date: str) -> list[dict[str, Any]]:
    """Every place's controller on ``date`` (YYYY-MM-DD), for geojson ``--at`` and the map."""
    rows = conn.execute(
        "SELECT * FROM control_intervals WHERE (date_from IS NULL OR date_from <= ?) "
        "AND (date_to IS NULL OR ? < date_to) ORDER BY place_name, place_key",
        (date, date),
    ).fetchall()
    return [
        {
            "place_key": r["place_key"],
            "name": r["place_name"],
            "latitude": r["latitude"],
            "longitude": r["longitude"],
            "geonames_id": r["geonames_id"],
            "controller": r["controller"],
            "status": r["status"],
            "confidence": r["confidence"],
        }
        for r in rows
    ]
