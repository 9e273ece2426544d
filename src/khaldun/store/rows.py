"""Records -> table rows: one flat tuple per record, in the column order the
INSERT statements name, so the store's SQL stays short and parameterised."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..records import ActorMention, Attribution, ControlClaim, DateMention, Document, Event, PlaceMention

EVENT_COLUMNS = (
    "document_id, ordinal, event_type, sub_event_type, "
    "actor1_name, actor1_mention, actor1_inter, actor2_name, actor2_mention, actor2_inter, "
    "location_name, location_mention, latitude, longitude, geonames_id, country_code, admin1, geo_precision, "
    "date_start, date_end, date_precision, date_text, fatalities, source_name, stance, cue, "
    "evidence_start, evidence_end, evidence_sentence, trigger_start, trigger_end, trigger_text, confidence"
)
ACTOR_COLUMNS = 'document_id, start, "end", text, name, actor_id, inter, country, generic'
PLACE_COLUMNS = (
    'document_id, start, "end", text, name, latitude, longitude, geonames_id, country_code, '
    "admin1, feature, geo_precision, relation, note"
)
ATTRIBUTION_COLUMNS = (
    "document_id, source_start, source_end, source_text, source_name, cue_start, cue_end, cue_text, "
    "content_start, content_end, stance"
)
DATE_COLUMNS = 'document_id, start, "end", text, start_date, end_date, precision'
CONTROL_CLAIM_COLUMNS = (
    "document_id, ordinal, kind, place_key, place_name, place_mention, latitude, longitude, geonames_id, "
    "country_code, controller, controller_side, counterpart, claimant, claimant_side, stance, "
    'date_start, date_end, date_precision, date_basis, event_ordinal, sentence, start, "end", '
    "cue_start, cue_end, cue_text"
)
DOCUMENT_COLUMNS = (
    "id, hash, url, outlet, title, published, author, origin, language, status, error, skip_reason, "
    "text, ingested_at"
)


def insert_sql(table: str, columns: str) -> str:
    marks = ", ".join("?" for _ in columns.split(","))
    return f"INSERT INTO {table} ({columns}) VALUES ({marks})"


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def document_row(
    doc: Document,
    *,
    status: str,
    language: str | None = None,
    error: str | None = None,
    skip_reason: str | None = None,
    keep_text: bool = True,
) -> tuple[Any, ...]:
    return (
        doc.id,
        doc.hash if keep_text else None,
        doc.url,
        doc.outlet,
        doc.title,
        iso(doc.published),
        doc.author,
        doc.origin,
        language,
        status,
        error,
        skip_reason,
        doc.text if keep_text else None,
        now(),
    )


def _actor(m: ActorMention | None) -> tuple[Any, ...]:
    return (m.name, m.text, m.inter) if m else (None, None, None)


def _location(m: PlaceMention | None) -> tuple[Any, ...]:
    if m is None or m.place is None:
        return (None, m.text if m else None, None, None, None, None, None, None)
    p = m.place
    return (p.name, m.text, m.lat, m.lon, p.geonames_id, p.country_code, p.admin1, m.geo_precision)


def _date(d: DateMention | None) -> tuple[Any, ...]:
    if d is None:
        return (None, None, None, None)
    return (iso(d.start_date), iso(d.end_date), d.precision, d.text)


def event_row(doc_id: str, ordinal: int, e: Event) -> tuple[Any, ...]:
    return (
        doc_id,
        ordinal,
        e.event_type,
        e.sub_event_type,
        *_actor(e.actor1),
        *_actor(e.actor2),
        *_location(e.location),
        *_date(e.date),
        e.fatalities,
        e.source.name,
        e.source.stance,
        e.source.cue,
        e.evidence.start,
        e.evidence.end,
        e.evidence.text,
        e.trigger.start,
        e.trigger.end,
        e.trigger.text,
        e.confidence,
    )


def actor_row(doc_id: str, m: ActorMention) -> tuple[Any, ...]:
    a = m.actor
    return (
        doc_id,
        m.start,
        m.end,
        m.text,
        m.name,
        a.id if a else None,
        m.inter,
        a.country if a else None,
        int(m.generic),
    )


def place_row(doc_id: str, m: PlaceMention) -> tuple[Any, ...]:
    p = m.place
    return (
        doc_id,
        m.start,
        m.end,
        m.text,
        p.name if p else m.text,
        m.lat,
        m.lon,
        p.geonames_id if p else None,
        p.country_code if p else None,
        p.admin1 if p else None,
        p.feature if p else None,
        m.geo_precision if p else None,
        m.relation,
        m.note,
    )


def attribution_row(doc_id: str, a: Attribution) -> tuple[Any, ...]:
    src = a.source
    return (
        doc_id,
        src.start if src else None,
        src.end if src else None,
        src.text if src else None,
        a.source_name,
        a.cue.start,
        a.cue.end,
        a.cue.text,
        a.content.start,
        a.content.end,
        a.stance,
    )


def date_row(doc_id: str, d: DateMention) -> tuple[Any, ...]:
    return (doc_id, d.start, d.end, d.text, iso(d.start_date), iso(d.end_date), d.precision)


def place_key(m: PlaceMention) -> str:
    """A place's identity across documents: its GeoNames id, else country and rounded point."""
    p = m.place
    if p is not None and p.geonames_id:
        return f"gn:{p.geonames_id}"
    lat, lon = m.lat, m.lon
    return f"pt:{p.country_code if p else ''}:{lat or 0:.3f}:{lon or 0:.3f}"


def control_claim_row(doc_id: str, ordinal: int, c: ControlClaim) -> tuple[Any, ...]:
    m, p, d = c.place, c.place.place, c.date
    return (
        doc_id,
        ordinal,
        c.kind,
        place_key(m),
        p.name if p else m.text,
        m.text,
        m.lat,
        m.lon,
        p.geonames_id if p else None,
        p.country_code if p else None,
        c.controller,
        c.controller_side,
        c.counterpart,
        c.claimant,
        c.claimant_side,
        c.stance,
        *(_date(d)[:3] if d else (None, None, None)),
        c.date_basis,
        c.event_index,
        c.evidence.text,
        c.evidence.start,
        c.evidence.end,
        c.cue.start,
        c.cue.end,
        c.cue.text,
    )
