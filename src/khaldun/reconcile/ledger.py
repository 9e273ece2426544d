"""Reading clusters, their claims ledgers and contradictions back: what ``khaldun clusters``,
``khaldun contradictions`` and the web API show. Every function returns JSON-ready dicts."""

from __future__ import annotations

import sqlite3
from typing import Any

_MEMBERS = (
    "SELECT m.event_key, m.event_id, m.document_id, d.url, d.outlet, d.published, m.source_name, "
    "m.source_key, m.stance, m.fatalities, m.date_start, m.date_end, e.sub_event_type, "
    'e.evidence_sentence AS sentence, e.evidence_start AS start, e.evidence_end AS "end" '
    "FROM cluster_members m LEFT JOIN events e ON e.id = m.event_id "
    "LEFT JOIN documents d ON d.id = m.document_id WHERE m.cluster_id = ? ORDER BY d.published, m.event_key"
)


def _like(value: str) -> str:
    return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def list_clusters(
    conn: sqlite3.Connection,
    *,
    place: str | None = None,
    type_: str | None = None,
    since: str | None = None,
    until: str | None = None,
    min_sources: int | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Clusters, oldest first, with their member count under "members".

    ``place`` matches the location name, admin1 or country code; ``type_`` the event or
    sub-event type (case-insensitive); ``since``/``until`` are inclusive YYYY-MM-DD bounds."""
    where, params = [], []
    if place:
        where.append(
            "(c.location_name LIKE ? ESCAPE '\\' OR c.admin1 LIKE ? ESCAPE '\\' OR c.country_code = ?)"
        )
        params += [_like(place), _like(place), place.upper()]
    if type_:
        where.append("(LOWER(c.event_type) = LOWER(?) OR LOWER(c.sub_event_type) = LOWER(?))")
        params += [type_, type_]
    if since:
        where.append("COALESCE(c.date_end, c.date_start) >= ?")
        params.append(since)
    if until:
        where.append("c.date_start <= ?")
        params.append(until)
    if min_sources:
        where.append("c.sources >= ?")
        params.append(min_sources)
    sql = (
        "SELECT c.*, (SELECT COUNT(*) FROM cluster_members m WHERE m.cluster_id = c.id) AS members "
        "FROM clusters c"
        + (" WHERE " + " AND ".join(where) if where else "")
        + " ORDER BY c.date_start, c.id"
    )
    if limit:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [dict(r) for r in conn.execute(sql, params)]


def get_cluster(conn: sqlite3.Connection, cluster_id: str) -> dict[str, Any] | None:
    """A cluster with its claims ledger ("members": one entry per report of it, with its
    source, stance, figures and evidence) and its "contradictions"."""
    row = conn.execute("SELECT * FROM clusters WHERE id = ?", (cluster_id,)).fetchone()
    if row is None:
        return None
    out = dict(row)
    out["members"] = [dict(r) for r in conn.execute(_MEMBERS, (cluster_id,))]
    found = conn.execute(
        "SELECT * FROM contradictions WHERE stage = 'clusters' AND subject = ? ORDER BY kind, id",
        (cluster_id,),
    )
    out["contradictions"] = [_with_sides(conn, dict(r)) for r in found]
    return out


def cluster_of_event(conn: sqlite3.Connection, event_id: int) -> str | None:
    row = conn.execute("SELECT cluster_id FROM cluster_members WHERE event_id = ?", (event_id,)).fetchone()
    return row[0] if row else None


def list_contradictions(
    conn: sqlite3.Connection,
    *,
    kind: str | None = None,
    place: str | None = None,
    limit: int | None = 50,
    offset: int = 0,
) -> list[dict[str, Any]]:
    """Contradictions of every stage (clusters and control), oldest first, each with its "sides"."""
    where, params = [], []
    if kind:
        where.append("kind = ?")
        params.append(kind)
    if place:
        where.append("place_name LIKE ? ESCAPE '\\'")
        params.append(_like(place))
    sql = "SELECT * FROM contradictions" + (" WHERE " + " AND ".join(where) if where else "")
    sql += " ORDER BY date, id"
    if limit:
        sql += " LIMIT ? OFFSET ?"
        params += [limit, offset]
    return [_with_sides(conn, dict(r)) for r in conn.execute(sql, params)]


def _with_sides(conn: sqlite3.Connection, row: dict[str, Any]) -> dict[str, Any]:
    sides = conn.execute(
        "SELECT s.document_id, s.event_key, s.claim_id, s.source, s.stance, s.position, s.sentence, s.start, "
        's."end", d.url, d.outlet, d.published FROM contradiction_sides s '
        "LEFT JOIN documents d ON d.id = s.document_id WHERE s.contradiction_id = ? ORDER BY s.id",
        (row["id"],),
    )
    row["sides"] = [dict(r) for r in sides]
    return row
