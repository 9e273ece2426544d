"""The store's repository API: save extractions, read documents and events back.

One transaction per document: a document is saved whole, with all its records,
or not at all, in which case only its error row remains."""

from __future__ import annotations

import hashlib
import itertools
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..records import Document, Extraction
from . import rows
from .db import connect, default_path, migrate
from .query import EventFilter

ERROR_PREFIX = "error-"  # ids of error rows: "error-" + a hash of the input's name
_CHILD_TABLES = (
    ("events", rows.EVENT_COLUMNS),
    ("actors", rows.ACTOR_COLUMNS),
    ("places", rows.PLACE_COLUMNS),
    ("attributions", rows.ATTRIBUTION_COLUMNS),
    ("dates", rows.DATE_COLUMNS),
)
_SQL = {table: rows.insert_sql(table, cols) for table, cols in _CHILD_TABLES}
_SQL["documents"] = rows.insert_sql("documents", rows.DOCUMENT_COLUMNS)
_SQL["control_claims"] = rows.insert_sql("control_claims", rows.CONTROL_CLAIM_COLUMNS)
_EVENTS = (
    "SELECT e.*, d.url, d.outlet, d.title, d.published, d.origin "
    "FROM events e JOIN documents d ON d.id = e.document_id {where} "
    "ORDER BY COALESCE(e.date_start, d.published), e.document_id, e.ordinal"
)


class Store:
    """A khaldun database: ``Store(path)`` opens (and migrates) it."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = str(path if path is not None else default_path())
        self.conn = connect(self.path)
        migrate(self.conn)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------

    def duplicate_of(self, text_hash: str | None) -> str | None:
        """The id of a stored document with this normalised-text hash, if any."""
        if not text_hash:
            return None
        row = self.conn.execute("SELECT id FROM documents WHERE hash = ?", (text_hash,)).fetchone()
        return row["id"] if row else None

    def save(self, extraction: Extraction) -> str:
        """Store a document and everything extracted from it in one transaction.

        An extraction that failed is stored as an error row; a failure while
        saving rolls the document back and leaves an error row instead. A text
        already stored is not stored again: the existing document's id is returned."""
        doc = extraction.document
        if extraction.error:
            return self.save_error(doc.origin or doc.id, extraction.error, document=doc)
        existing = self.duplicate_of(doc.hash)
        if existing:
            return existing
        try:
            with self._transaction():
                self._forget_errors(doc.origin)
                status = "skipped" if extraction.skipped else "ok"
                self.conn.execute(
                    _SQL["documents"],
                    rows.document_row(
                        doc, status=status, language=extraction.language, skip_reason=extraction.skipped
                    ),
                )
                self._insert_records(doc.id, extraction)
        except Exception as exc:  # any failure: nothing of the document but its error row
            return self.save_error(doc.origin or doc.id, f"cannot store: {exc}", document=doc)
        return doc.id

    def save_error(self, origin: str, message: str, *, document: Document | None = None) -> str:
        """Record that ``origin`` could not be processed (one row per origin, the latest kept)."""
        doc_id = ERROR_PREFIX + hashlib.sha256(origin.encode("utf-8")).hexdigest()[:16]
        doc = document or Document(id=doc_id, text="", origin=origin)
        meta = Document(
            id=doc_id,
            text="",
            title=doc.title,
            url=doc.url,
            outlet=doc.outlet,
            published=doc.published,
            author=doc.author,
            origin=origin,
        )
        with self._transaction():
            self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
            self.conn.execute(
                _SQL["documents"], rows.document_row(meta, status="error", error=message, keep_text=False)
            )
        return doc_id

    def _insert_records(self, doc_id: str, ext: Extraction) -> None:
        c = self.conn
        c.executemany(_SQL["events"], [rows.event_row(doc_id, i, e) for i, e in enumerate(ext.events)])
        c.executemany(_SQL["actors"], [rows.actor_row(doc_id, m) for m in ext.actors])
        c.executemany(_SQL["places"], [rows.place_row(doc_id, m) for m in ext.places])
        c.executemany(_SQL["attributions"], [rows.attribution_row(doc_id, a) for a in ext.attributions])
        c.executemany(_SQL["dates"], [rows.date_row(doc_id, d) for d in ext.dates])
        claims = [rows.control_claim_row(doc_id, i, k) for i, k in enumerate(ext.control_claims)]
        c.executemany(_SQL["control_claims"], claims)

    def _forget_errors(self, origin: str | None) -> None:
        """A document that now succeeds no longer needs the error row of an earlier try."""
        if origin:
            self.conn.execute("DELETE FROM documents WHERE status = 'error' AND origin = ?", (origin,))

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn)

    def delete(self, doc_id: str) -> bool:
        """Remove a document and (by cascade) its records."""
        with self._transaction():
            cur = self.conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))
        return cur.rowcount > 0

    # -- reading ---------------------------------------------------------------

    def document(self, doc_id: str) -> dict[str, Any] | None:
        """A document row with its records under ``events``, ``places``, ``actors``, ..."""
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        out = dict(row)
        for table, _ in _CHILD_TABLES:
            found = self.conn.execute(f"SELECT * FROM {table} WHERE document_id = ? ORDER BY id", (doc_id,))
            out[table] = [dict(r) for r in found]
        return out

    def documents(self, status: str | None = None) -> list[dict[str, Any]]:
        """Document rows without their text, in ingestion order."""
        sql = "SELECT id, hash, url, outlet, title, published, origin, language, status, error, skip_reason"
        sql += ", ingested_at FROM documents"
        params: list[Any] = []
        if status:
            sql += " WHERE status = ?"
            params.append(status)
        return [dict(r) for r in self.conn.execute(sql + " ORDER BY rowid", params)]

    def place_provinces(
        self, features: Iterable[str]
    ) -> Iterator[tuple[str | None, str | None, set[tuple[str, str]]]]:
        """Per stored document: its url, its outlet, and the provinces (country, admin1
        name) of the places of these features it names. What outlet homes are learned from."""
        features = list(features)
        sql = (
            "SELECT d.id, d.url, d.outlet, p.country_code, p.admin1 FROM documents d "
            "JOIN places p ON p.document_id = d.id WHERE d.status = 'ok' AND p.admin1 IS NOT NULL "
            f"AND p.feature IN ({', '.join('?' * len(features))}) ORDER BY d.rowid"
        )
        found = self.conn.execute(sql, features)
        for (_id, url, outlet), group in itertools.groupby(found, key=lambda r: (r[0], r[1], r[2])):
            yield url, outlet, {(r[3], r[4]) for r in group}

    def iter_events(self, filters: EventFilter | None = None) -> Iterator[dict[str, Any]]:
        """Event rows joined with their document's url, outlet, title and date; streamed."""
        filters = filters or EventFilter()
        where, params = filters.where()
        sql = _EVENTS.format(where=where)
        if filters.limit is not None:
            sql += " LIMIT ?"
            params.append(filters.limit)
        for row in self.conn.execute(sql, params):
            yield dict(row)

    def events(self, filters: EventFilter | None = None) -> list[dict[str, Any]]:
        return list(self.iter_events(filters))

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Documents matching a full-text query (FTS5 syntax), best first, with a snippet."""
        sql = (
            "SELECT d.id, d.title, d.outlet, d.published, d.url, "
            "snippet(documents_fts, 2, '[', ']', '…', 12) AS snippet "
            "FROM documents_fts JOIN documents d ON d.id = documents_fts.document_id "
            "WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        return [dict(r) for r in self.conn.execute(sql, (query, limit))]

    def stats(self, top: int = 10) -> dict[str, Any]:
        """Counts for the summary table: documents by status, events by type, top places
        and actors, stances."""
        q = self.conn.execute
        return {
            "documents": {r[0]: r[1] for r in q("SELECT status, COUNT(*) FROM documents GROUP BY status")},
            "events": q("SELECT COUNT(*) FROM events").fetchone()[0],
            "event_types": [
                tuple(r)
                for r in q(
                    "SELECT event_type, sub_event_type, COUNT(*) AS n FROM events "
                    "GROUP BY event_type, sub_event_type ORDER BY n DESC, event_type, sub_event_type"
                )
            ],
            "places": _pairs(q(_TOP_PLACES, (top,))),
            "actors": _pairs(q(_TOP_ACTORS, (top,))),
            "stances": _pairs(q("SELECT stance, COUNT(*) AS n FROM events GROUP BY stance ORDER BY n DESC")),
        }


_TOP_PLACES = (
    "SELECT location_name, COUNT(*) AS n FROM events WHERE location_name IS NOT NULL "
    "GROUP BY location_name ORDER BY n DESC, location_name LIMIT ?"
)
_TOP_ACTORS = (
    "SELECT name, COUNT(*) AS n FROM (SELECT actor1_name AS name FROM events UNION ALL "
    "SELECT actor2_name FROM events) WHERE name IS NOT NULL GROUP BY name ORDER BY n DESC, name LIMIT ?"
)


def _pairs(cursor: sqlite3.Cursor) -> list[tuple[Any, int]]:
    return [(r[0], r[1]) for r in cursor]


class _Transaction:
    """``BEGIN`` ... ``COMMIT``, or ``ROLLBACK`` when the block raises."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.conn.execute("ROLLBACK" if exc_type else "COMMIT")
