"""Stored events as the clusters stage compares them: family, day numbers, points, sides, words.

Loaded straight from the store's rows; nothing here depends on the order events were stored."""

from __future__ import annotations

import datetime as dt
import functools
import re
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..datafiles import load_yaml

_WORD = re.compile(r"[a-z0-9]+")
_EVENT_SQL = (
    "SELECT e.id, e.document_id, e.ordinal, e.event_type, e.sub_event_type, e.actor1_name, e.actor2_name, "
    "e.location_name, e.latitude, e.longitude, e.geonames_id, e.country_code, e.admin1, e.geo_precision, "
    "e.date_start, e.date_end, e.date_precision, e.fatalities, e.source_name, e.stance, "
    "e.evidence_start, e.evidence_end, e.evidence_sentence, e.confidence, d.outlet, d.published "
    "FROM events e JOIN documents d ON d.id = e.document_id WHERE d.status = 'ok'"
)
_PLACES_SQL = (
    'SELECT document_id, start, "end", text, geonames_id, latitude, longitude, geo_precision FROM places '
    "WHERE document_id IN ({marks})"
)


@functools.cache
def config() -> dict[str, Any]:
    """``data/clusters.yaml`` with a sub-event type -> family index added."""
    cfg = dict(load_yaml("clusters.yaml"))
    family_of = {}
    for name, fam in cfg["families"].items():
        for sub in fam["types"]:
            family_of[sub] = name
    cfg["family_of"] = family_of
    cfg["stopwords"] = frozenset(cfg["stopwords"])
    cfg["unnamed_re"] = re.compile(cfg["unnamed_source"])
    return cfg


def family_rules(family: str) -> dict[str, Any]:
    cfg = config()
    return cfg["families"].get(family) or cfg["default_family"]


def family_types(family: str) -> list[str]:
    """The sub-event types of a family (a type outside every family is its own family)."""
    fam = config()["families"].get(family)
    return list(fam["types"]) if fam else [family]


def day(value: str | None) -> int | None:
    return dt.date.fromisoformat(value[:10]).toordinal() if value else None


def iso_day(n: int) -> str:
    return dt.date.fromordinal(n).isoformat()


@functools.cache
def side(name: str | None) -> str | None:
    """An actor's belligerent side (the registry's), else its own name; None for no actor."""
    if not name:
        return None
    from ..extract.actors_registry import registry

    reg = registry()
    actor = reg.by_name(name)
    return (reg.side_of(actor) if actor else None) or name


@dataclass(slots=True)
class Ev:
    """One stored event with what linking compares."""

    id: int
    key: str  # document_id:ordinal
    doc: str
    row: dict[str, Any]
    family: str
    lo: int | None  # first and last day (proleptic ordinals)
    hi: int | None
    located: bool  # a location precise enough to match on
    points: list[tuple[float, float, bool]] = field(default_factory=list)  # (lat, lon, is the location)
    side1: str | None = None
    sides: frozenset[str] = frozenset()
    words: frozenset[str] = frozenset()
    text: str = ""  # the evidence sentence, lowercased, words between single spaces, padded
    own_names: frozenset[str] = frozenset()  # the event's location as resolved and as the document names it

    @property
    def span(self) -> int:
        return 0 if self.lo is None or self.hi is None else self.hi - self.lo

    @property
    def precision(self) -> str:
        return self.row.get("date_precision") or "day"


def words(text: str | None) -> frozenset[str]:
    stop = config()["stopwords"]
    return frozenset(w for w in _WORD.findall((text or "").lower()) if w not in stop and len(w) > 1)


def norm(text: str | None) -> str:
    """Lowercased words between single spaces, padded with a space each side."""
    return " " + " ".join(_WORD.findall((text or "").lower())) + " "


def make_event(
    row: dict[str, Any], sentence_places: Sequence[tuple[float, float]] = (), names: Iterable[str] = ()
) -> Ev:
    """An :class:`Ev` from an event row (joined with its document's outlet and date), with the
    precise places its evidence sentence names and the names the document gives its location."""
    cfg = config()
    lo, hi = day(row.get("date_start")), day(row.get("date_end") or row.get("date_start"))
    coarse = (row.get("geo_precision") or 1) >= cfg["coarse_precision"]
    located = row.get("latitude") is not None and not coarse
    points = [(row["latitude"], row["longitude"], True)] if located else []
    points += [(lat, lon, False) for lat, lon in sentence_places]
    a1, a2 = side(row.get("actor1_name")), side(row.get("actor2_name"))
    return Ev(
        id=row["id"],
        key=f"{row['document_id']}:{row['ordinal']}",
        doc=row["document_id"],
        row=row,
        family=cfg["family_of"].get(row["sub_event_type"], row["sub_event_type"]),
        lo=lo,
        hi=hi if hi is not None and lo is not None and hi >= lo else lo,
        located=located,
        points=points,
        side1=a1,
        sides=frozenset(s for s in (a1, a2) if s),
        words=words(row.get("evidence_sentence")),
        text=norm(row.get("evidence_sentence")),
        own_names=frozenset(
            norm(n) for n in (row.get("location_name"), row.get("location_mention"), *names) if n and located
        ),
    )


def load_events(conn: sqlite3.Connection, where: str = "", params: Iterable[Any] = ()) -> list[Ev]:
    """Events of 'ok' documents matching ``where`` (an SQL condition on e/d), with the
    precise places their evidence sentences name."""
    sql = _EVENT_SQL + (f" AND ({where})" if where else "")
    rows = [dict(r) for r in conn.execute(sql, list(params))]
    return [
        make_event(r, pts, names) for r, (pts, names) in zip(rows, sentence_places(conn, rows), strict=True)
    ]


def events_by_id(conn: sqlite3.Connection, ids: Iterable[int]) -> list[Ev]:
    ids = sorted(set(ids))
    out: list[Ev] = []
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        out += load_events(conn, f"e.id IN ({','.join('?' * len(chunk))})", chunk)
    return out


def sentence_places(
    conn: sqlite3.Connection, rows: list[dict[str, Any]]
) -> list[tuple[list[tuple[float, float]], set[str]]]:
    """For each event row: the points of the precise places mentioned inside its evidence
    sentence, and how the document names the event's location (mentions resolved to it)."""
    coarse = config()["coarse_precision"]
    docs = sorted({r["document_id"] for r in rows})
    by_doc: dict[str, list[sqlite3.Row]] = {}
    for i in range(0, len(docs), 500):
        chunk = docs[i : i + 500]
        for p in conn.execute(_PLACES_SQL.format(marks=",".join("?" * len(chunk))), chunk):
            by_doc.setdefault(p["document_id"], []).append(p)
    out = []
    for r in rows:
        s, e = r["evidence_start"], r["evidence_end"]
        inside = [p for p in by_doc.get(r["document_id"], ()) if p["start"] >= s and p["end"] <= e]
        points = {
            (p["latitude"], p["longitude"])
            for p in inside
            if p["latitude"] is not None and (p["geo_precision"] or 1) < coarse
        }
        gid = r.get("geonames_id")
        names = {p["text"] for p in by_doc.get(r["document_id"], ()) if gid and p["geonames_id"] == gid}
        out.append((sorted(points), names))
    return out
