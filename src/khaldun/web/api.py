"""The read-only REST API under ``/api/``: events (with their evidence), documents,
search, facets, clusters, contradictions, places and their control timelines, exports."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import JSONResponse, StreamingResponse

from .. import __version__
from ..export import EXPORTERS, event_json
from ..export.formats import feature
from ..store.query import EventFilter
from . import queries
from .reconciled import Reconciled, event_context

router = APIRouter(prefix="/api", responses={400: {"description": "bad query"}})

Stance = Literal["asserted", "claimed", "denied", "hedged"]
MAX_ID = 2**63 - 1
Text = Annotated[str | None, Query(max_length=200)]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=10_000_000)]


def conn(request: Request) -> Any:
    """This thread's read connection."""
    return request.app.state.stores.reader().conn


def rec(request: Request) -> Reconciled:
    return request.app.state.reconciled


def selection(
    place: Text = None,
    actor: Text = None,
    type: Text = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    source: Text = None,
    stance: Stance | None = None,
    search: Text = None,
    document: Annotated[str | None, Query(max_length=100)] = None,
    country: Annotated[str | None, Query(max_length=3, description="ISO country code")] = None,
) -> queries.Selection:
    """The filters of ``khaldun events`` (and a country code), as query parameters."""
    filters = EventFilter(
        place=place,
        actor=actor,
        type=type,
        since=since,
        until=until,
        source=source,
        stance=stance,
        document=document,
        search=search,
    )
    return queries.Selection(filters, country=country)


Conn = Annotated[Any, Depends(conn)]
Sel = Annotated[queries.Selection, Depends(selection)]


@router.get("/meta", tags=["meta"])
def meta(request: Request, c: Conn) -> dict[str, Any]:
    """The server's version and settings the page needs, and what the store holds."""
    settings = request.app.state.settings
    return {
        "version": __version__,
        "writable": bool(settings.token),
        "tiles": settings.tiles,
        "events": c.execute("SELECT COUNT(*) FROM events").fetchone()[0],
        "documents": c.execute("SELECT COUNT(*) FROM documents WHERE status = 'ok'").fetchone()[0],
        "reconciled": request.app.state.reconciled.available(c),
    }


@router.get("/events", tags=["events"])
def list_events(
    c: Conn,
    sel: Sel,
    limit: Limit = 100,
    offset: Offset = 0,
    format: Literal["json", "geojson"] = "json",
) -> Any:
    """A page of events, oldest first; ``format=geojson``: a FeatureCollection of those with
    coordinates (``limit`` then up to 10,000, for the map)."""
    if format == "geojson":
        return _geojson(c, sel, offset)
    total, rows = queries.event_page(c, sel, limit, offset)
    return {"total": total, "limit": limit, "offset": offset, "events": [event_json(r) for r in rows]}


def _geojson(c: Any, sel: queries.Selection, offset: int, limit: int = 10_000) -> dict[str, Any]:
    where, params = sel.where()
    where = f"{where} AND " if where else "WHERE "
    where += "e.latitude IS NOT NULL AND e.longitude IS NOT NULL"
    sql = f"{queries.EVENT_SELECT} {where}{queries.ORDER} LIMIT ? OFFSET ?"
    rows = c.execute(sql, [*params, limit, offset])
    return {"type": "FeatureCollection", "features": [feature(dict(r)) for r in rows]}


@router.get("/events/{event_id}", tags=["events"], responses={404: {"description": "no such event"}})
def get_event(request: Request, c: Conn, event_id: Annotated[int, Path(ge=1, le=MAX_ID)]) -> dict[str, Any]:
    """One event with its evidence: the sentence and its offsets in the document, the source
    and stance, its cluster (the other reports) and the contradictions about it."""
    row = queries.event_row(c, event_id)
    if row is None:
        raise HTTPException(404, "no such event")
    return {**event_json(row), **event_context(rec(request), c, event_id)}


@router.get("/histogram", tags=["events"])
def get_histogram(c: Conn, sel: Sel) -> dict[str, Any]:
    """Events per day under the filters, for the timeline."""
    return {"days": queries.histogram(c, sel)}


@router.get("/facets", tags=["events"])
def get_facets(c: Conn) -> dict[str, Any]:
    """Values for the filter menus: event types, sources, stances, actors, countries."""
    return queries.facets(c)


@router.get(
    "/export",
    tags=["events"],
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {"text/csv": {}, "application/geo+json": {}, "application/x-ndjson": {}},
            "description": "the selected events",
        }
    },
)
def export(c: Conn, sel: Sel, format: Literal["acled-csv", "geojson", "jsonl"] = "acled-csv") -> Any:
    """The selection as a download: ACLED CSV, GeoJSON or JSON lines (``khaldun export``)."""
    suffix = {"acled-csv": "csv", "geojson": "geojson", "jsonl": "jsonl"}[format]
    media = {"acled-csv": "text/csv", "geojson": "application/geo+json", "jsonl": "application/x-ndjson"}
    buffer = io.StringIO()
    EXPORTERS[format](queries.iter_events(c, sel), buffer)
    headers = {"Content-Disposition": f'attachment; filename="khaldun-events.{suffix}"'}
    return StreamingResponse(_chunks(buffer.getvalue()), media_type=media[format], headers=headers)


def _chunks(text: str, size: int = 65536) -> Iterator[bytes]:
    for i in range(0, len(text), size):
        yield text[i : i + size].encode("utf-8")


@router.get("/documents", tags=["documents"])
def list_documents(
    c: Conn,
    limit: Limit = 100,
    offset: Offset = 0,
    status: Literal["ok", "skipped", "error"] | None = None,
) -> dict[str, Any]:
    """Stored documents without their text, in ingestion order."""
    total, rows = queries.documents(c, limit, offset, status)
    return {"total": total, "limit": limit, "offset": offset, "documents": rows}


@router.get(
    "/documents/{document_id}", tags=["documents"], responses={404: {"description": "no such document"}}
)
def get_document(c: Conn, document_id: Annotated[str, Path(max_length=100)]) -> dict[str, Any]:
    """A document's text and the spans of every record in it (events, triggers, places,
    actors, dates, attributions), as character offsets into the text."""
    found = queries.document(c, document_id)
    if found is None:
        raise HTTPException(404, "no such document")
    return found


@router.get("/search", tags=["documents"])
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=200, description="SQLite FTS5 query")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> dict[str, Any]:
    """Full-text search over the stored documents, best first, with snippets."""
    return {"documents": request.app.state.stores.reader().search(q, limit)}


@router.get("/clusters", tags=["reconciled"])
def list_clusters(
    request: Request,
    c: Conn,
    place: Text = None,
    type: Text = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    min_sources: Annotated[int | None, Query(ge=1, le=1000)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Event clusters (one real event, however many reports); empty before reconciliation."""
    found = rec(request).list_clusters(
        c,
        place=place,
        type_=type,
        since=since.isoformat() if since else None,
        until=until.isoformat() if until else None,
        min_sources=min_sources,
        limit=limit,
        offset=offset,
    )
    return {"clusters": found, "limit": limit, "offset": offset}


@router.get(
    "/clusters/{cluster_id}", tags=["reconciled"], responses={404: {"description": "no such cluster"}}
)
def get_cluster(
    request: Request, c: Conn, cluster_id: Annotated[str, Path(max_length=100)]
) -> dict[str, Any]:
    """A cluster with its member reports and its contradictions."""
    found = rec(request).get_cluster(c, cluster_id)
    if found is None:
        raise HTTPException(404, "no such cluster")
    return found


@router.get("/contradictions", tags=["reconciled"])
def list_contradictions(
    request: Request,
    c: Conn,
    kind: Literal["toll", "occurrence", "control", "date"] | None = None,
    place: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Claims that contradict each other, each with its sides (who says what, where)."""
    found = rec(request).list_contradictions(c, kind=kind, place=place, limit=limit, offset=offset)
    return {"contradictions": found, "limit": limit, "offset": offset}


@router.get("/places", tags=["places"])
def list_places(
    request: Request, c: Conn, q: Text = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Places with control timelines (``place_key`` opens one), matching ``q`` (a name, an
    alias or a GeoNames id); without stored timelines, the places events happen at."""
    r = rec(request)
    found = r.find_places(c, q) if q else r.list_control_places(c, limit, offset)
    if found is not None:
        return {"places": found[offset : offset + limit] if q else found, "timelines": True}
    return {"places": queries.event_places(c, q, limit, offset), "timelines": False}


@router.get(
    "/places/{place_key}/control",
    tags=["places"],
    responses={404: {"description": "no timeline for this place"}},
)
def place_control(
    request: Request, c: Conn, place_key: Annotated[str, Path(max_length=200)], at: dt.date | None = None
) -> dict[str, Any]:
    """A place's control timeline: intervals (held, contested, unknown) with their evidence;
    ``at``: only the interval covering that date."""
    found = rec(request).control_json(c, place_key, at.isoformat() if at else None)
    if found is None:
        raise HTTPException(404, "no control timeline for this place")
    return found


@router.get("/control", tags=["places"])
def control_at(request: Request, c: Conn, at: dt.date) -> dict[str, Any]:
    """Who controls each place on a date, for the map."""
    return {"at": at.isoformat(), "places": rec(request).controllers_at(c, at.isoformat())}


def bad_query(_: Request, exc: Exception) -> JSONResponse:
    """A malformed full-text query is the caller's mistake, not the server's."""
    return JSONResponse({"detail": f"bad query: {exc}"}, status_code=400)
