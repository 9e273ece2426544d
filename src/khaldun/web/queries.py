"""Read queries behind the web API: pages of events, facets, a histogram, documents with
the spans of their records. Filters come from :class:`khaldun.store.EventFilter` (the
same as ``khaldun events``) plus a country code; every value is a bound parameter."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..store.query import EventFilter, country_name

EVENT_SELECT = (
    "SELECT e.*, d.url, d.outlet, d.title, d.published, d.origin "
    "FROM events e JOIN documents d ON d.id = e.document_id"
)
ORDER = " ORDER BY COALESCE(e.date_start, d.published), e.document_id, e.ordinal"
_DAY = "COALESCE(e.date_start, d.published)"


@dataclass(slots=True)
class Selection:
    """What the API selects: the CLI's filters plus a country (ISO code) for the UI's menu."""

    filters: EventFilter
    country: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        where, params = self.filters.where()
        if self.country:
            clause = "e.country_code = ? COLLATE NOCASE"
            where = f"{where} AND ({clause})" if where else f"WHERE ({clause})"
            params = [*params, self.country]
        return where, params


def event_page(conn: sqlite3.Connection, sel: Selection, limit: int, offset: int) -> tuple[int, list[dict]]:
    """(how many events match, the rows of one page of them)."""
    where, params = sel.where()
    # Every event has its document (a foreign key): join only when a filter reads it.
    source = "events e JOIN documents d ON d.id = e.document_id" if "d." in where else "events e"
    total = conn.execute(f"SELECT COUNT(*) FROM {source} {where}", params).fetchone()[0]
    rows = conn.execute(f"{EVENT_SELECT} {where}{ORDER} LIMIT ? OFFSET ?", [*params, limit, offset])
    return total, [dict(r) for r in rows]


def iter_events(conn: sqlite3.Connection, sel: Selection, limit: int | None = None) -> Iterator[dict]:
    """Every matching event row, streamed (for exports and the map's GeoJSON)."""
    where, params = sel.where()
    sql = f"{EVENT_SELECT} {where}{ORDER}"
    if limit is not None:
        sql += " LIMIT ?"
        params = [*params, limit]
    for row in conn.execute(sql, params):
        yield dict(row)


def event_row(conn: sqlite3.Connection, event_id: int) -> dict | None:
    row = conn.execute(f"{EVENT_SELECT} WHERE e.id = ?", (event_id,)).fetchone()
    return dict(row) if row else None


def histogram(conn: sqlite3.Connection, sel: Selection) -> list[dict]:
    """Events per day under the filters (the day an event starts, else its report's)."""
    where, params = sel.where()
    sql = (
        f"SELECT {_DAY} AS day, COUNT(*) AS n FROM events e JOIN documents d ON d.id = e.document_id "
        f"{where} GROUP BY day HAVING day IS NOT NULL ORDER BY day"
    )
    return [{"day": r["day"], "count": r["n"]} for r in conn.execute(sql, params)]


def facets(conn: sqlite3.Connection, top: int = 50) -> dict[str, list[dict]]:
    """The values the UI's filter menus offer, most frequent first."""
    q = conn.execute

    def pairs(sql: str) -> list[dict]:
        return [{"value": r[0], "count": r[1]} for r in q(sql, (top,)) if r[0] is not None]

    countries = pairs(
        "SELECT country_code, COUNT(*) n FROM events WHERE country_code IS NOT NULL "
        "GROUP BY country_code ORDER BY n DESC LIMIT ?"
    )
    for c in countries:
        c["label"] = country_name(c["value"]) or c["value"]
    return {
        "types": pairs(
            "SELECT event_type, COUNT(*) n FROM events GROUP BY event_type ORDER BY n DESC LIMIT ?"
        ),
        "sub_types": pairs(
            "SELECT sub_event_type, COUNT(*) n FROM events GROUP BY sub_event_type ORDER BY n DESC LIMIT ?"
        ),
        "sources": pairs(
            "SELECT source_name, COUNT(*) n FROM events GROUP BY source_name ORDER BY n DESC LIMIT ?"
        ),
        "stances": pairs("SELECT stance, COUNT(*) n FROM events GROUP BY stance ORDER BY n DESC LIMIT ?"),
        "actors": pairs(
            "SELECT name, COUNT(*) n FROM (SELECT actor1_name AS name FROM events UNION ALL "
            "SELECT actor2_name FROM events) WHERE name IS NOT NULL GROUP BY name ORDER BY n DESC LIMIT ?"
        ),
        "countries": countries,
    }


def documents(conn: sqlite3.Connection, limit: int, offset: int, status: str | None) -> tuple[int, list]:
    """Document rows without their text, newest ingestion last."""
    where, params = ("WHERE status = ?", [status]) if status else ("", [])
    total = conn.execute(f"SELECT COUNT(*) FROM documents {where}", params).fetchone()[0]
    sql = (
        "SELECT d.id, d.url, d.outlet, d.title, d.published, d.origin, d.language, d.status, d.error, "
        "d.skip_reason, d.ingested_at, (SELECT COUNT(*) FROM events e WHERE e.document_id = d.id) AS events "
        f"FROM documents d {where} ORDER BY d.rowid LIMIT ? OFFSET ?"
    )
    return total, [dict(r) for r in conn.execute(sql, [*params, limit, offset])]


# kind -> (table, start, end, label, extra columns); the spans a document view highlights.
_SPAN_SOURCES = {
    "event": ("events", "evidence_start", "evidence_end", "sub_event_type", "stance, source_name"),
    "trigger": ("events", "trigger_start", "trigger_end", "trigger_text", "sub_event_type"),
    "place": ("places", "start", '"end"', "name", "geonames_id, latitude, longitude"),
    "actor": ("actors", "start", '"end"', "name", "actor_id"),
    "date": ("dates", "start", '"end"', "text", "start_date, end_date"),
    "attribution_source": ("attributions", "source_start", "source_end", "source_name", "stance"),
    "attribution_cue": ("attributions", "cue_start", "cue_end", "cue_text", "stance"),
    "attribution_content": ("attributions", "content_start", "content_end", "source_name", "stance"),
}


def document(conn: sqlite3.Connection, doc_id: str) -> dict | None:
    """A document with its text and the spans of every record, sorted by offset."""
    row = conn.execute(
        "SELECT id, url, outlet, title, published, author, origin, language, status, error, skip_reason, "
        "text, ingested_at FROM documents WHERE id = ?",
        (doc_id,),
    ).fetchone()
    if row is None:
        return None
    out = dict(row)
    spans = []
    for kind, (table, start, end, label, extra) in _SPAN_SOURCES.items():
        sql = (
            f"SELECT id, {start} AS s, {end} AS e, {label} AS label, {extra} FROM {table} "
            f"WHERE document_id = ? AND {start} IS NOT NULL ORDER BY id"
        )
        for r in conn.execute(sql, (doc_id,)):
            info = {k: r[k] for k in r.keys() if k not in ("id", "s", "e", "label")}  # noqa: SIM118 (a Row)
            spans.append(
                {
                    "kind": kind,
                    "record_id": r["id"],
                    "start": r["s"],
                    "end": r["e"],
                    "label": r["label"],
                    **info,
                }
            )
    spans.sort(key=lambda s: (s["start"], -s["end"], s["kind"]))
    out["spans"] = spans
    return out


def event_places(conn: sqlite3.Connection, query: str | None, limit: int, offset: int) -> list[dict]:
    """Places events happen at (used when no control timelines are stored)."""
    params: list[Any] = []
    where = "WHERE location_name IS NOT NULL"
    if query:
        where += " AND (location_name LIKE ? ESCAPE '\\' OR CAST(geonames_id AS TEXT) = ?)"
        escaped = query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        params += [f"%{escaped}%", query]
    sql = (
        "SELECT location_name AS name, MIN(latitude) AS latitude, MIN(longitude) AS longitude, "
        "geonames_id, MIN(country_code) AS country_code, COUNT(*) AS events FROM events "
        f"{where} GROUP BY location_name, geonames_id ORDER BY events DESC, name LIMIT ? OFFSET ?"
    )
    return [dict(r) for r in conn.execute(sql, [*params, limit, offset])]


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    found = conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,))
    return found.fetchone() is not None
