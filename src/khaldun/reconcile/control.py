"""Control timelines: who holds each place, since when, according to whom.

For every place that new documents mention in a control claim or a transfer event, the
place's timeline is rebuilt from all stored claims and events about it
(:mod:`.control_build`) and its rows in ``control_intervals``/``control_evidence``
replaced, in one transaction. Only the places the documents touch are revised, and the
result depends on the set of documents, not on the order they came in."""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from typing import TYPE_CHECKING, Any

from . import stage
from .control_build import Interval, Obs, build
from .control_rules import Rules, rules
from .sources import source_key, story_of

if TYPE_CHECKING:
    from ..store import Store

_CLAIMS = (
    "SELECT c.*, d.published, d.url, d.outlet, d.text AS doc_text FROM control_claims c "
    "JOIN documents d ON d.id = c.document_id WHERE c.place_key = ? ORDER BY c.document_id, c.ordinal"
)


@stage("control")
def update(store: Store, document_ids: list[str] | None) -> None:
    """Revise the control timelines of the places these documents touch (all when None)."""
    conn = store.conn
    keys = touched_places(conn, document_ids)
    r = rules()
    with store._transaction():
        if document_ids is None:
            conn.execute("DELETE FROM control_intervals")
            conn.execute("DELETE FROM control_places")
            _delete_contradictions(conn, None)
        for key in sorted(keys):
            rebuild_place(conn, key, r)


def touched_places(conn: sqlite3.Connection, document_ids: list[str] | None) -> set[str]:
    """Place keys of the control claims and the transfer and fighting events of these documents."""
    types = sorted(set(rules().transfer_types) | rules().contest_types)
    marks = ",".join("?" for _ in types)
    if document_ids is None:
        where, params = "", []
    else:
        where = f"WHERE document_id IN ({','.join('?' for _ in document_ids)})"
        params = list(document_ids)
    keys = {r[0] for r in conn.execute(f"SELECT DISTINCT place_key FROM control_claims {where}", params)}
    ev_where = f"{where} AND" if where else "WHERE"
    for row in conn.execute(
        f"SELECT DISTINCT geonames_id, country_code, latitude, longitude FROM events {ev_where} "
        f"sub_event_type IN ({marks}) AND latitude IS NOT NULL",
        [*params, *types],
    ):
        keys.add(event_place_key(row))
    return keys


def event_place_key(row: Any) -> str:
    if row["geonames_id"]:
        return f"gn:{row['geonames_id']}"
    return f"pt:{row['country_code'] or ''}:{row['latitude'] or 0:.3f}:{row['longitude'] or 0:.3f}"


def rebuild_place(conn: sqlite3.Connection, key: str, r: Rules) -> None:
    """Replace one place's intervals with those built from all its stored evidence."""
    claims = [dict(row) for row in conn.execute(_CLAIMS, (key,))]
    events = _events(conn, key, claims)
    conn.execute("DELETE FROM control_intervals WHERE place_key = ?", (key,))
    conn.execute("DELETE FROM control_places WHERE place_key = ?", (key,))
    _delete_contradictions(conn, key)
    place = _place(conn, key, claims, events)
    stories = story_of(conn, {row["document_id"] for row in [*claims, *events]})
    obs = [_claim_obs(c, stories) for c in claims] + [o for e in events if (o := _event_obs(e, r, stories))]
    if place is None or not any(o.kind in ("gain", "loss", "hold") for o in obs):
        return
    intervals = build(obs, r)
    conn.execute(
        "INSERT INTO control_places (place_key, name, latitude, longitude, geonames_id, country_code, "
        "aliases) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (key, *_place_columns(place), "|".join(sorted(place["aliases"]))),
    )
    for iv in intervals:
        _write_interval(conn, key, place, iv)


def _events(conn: sqlite3.Connection, key: str, claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    r = rules()
    types = sorted(set(r.transfer_types) | set(r.contest_types))
    marks = ",".join("?" for _ in types)
    if key.startswith("gn:"):
        where, params = "e.geonames_id = ?", [int(key[3:])]
    else:
        _, cc, lat, lon = key.split(":")
        where = (
            "e.geonames_id IS NULL AND e.country_code IS ? "
            "AND ROUND(e.latitude, 3) = ? AND ROUND(e.longitude, 3) = ?"
        )
        params = [cc or None, float(lat), float(lon)]
    sql = (
        "SELECT e.*, d.published, d.url, d.outlet, d.text AS doc_text FROM events e "
        f"JOIN documents d ON d.id = e.document_id WHERE {where} AND e.sub_event_type IN ({marks}) "
        "AND (e.geo_precision IS NULL OR e.geo_precision = 1) ORDER BY e.document_id, e.ordinal"
    )
    claimed = {(c["document_id"], c["start"]) for c in claims if c["kind"] != "contest"}
    out = []
    for row in conn.execute(sql, [*params, *types]):
        e = dict(row)
        if e["sub_event_type"] in r.transfer_types and (e["document_id"], e["evidence_start"]) in claimed:
            continue  # the claim of the same sentence reads it better
        out.append(e)
    return out


def _place(
    conn: sqlite3.Connection, key: str, claims: list[dict[str, Any]], events: list[dict[str, Any]]
) -> dict[str, Any] | None:
    rows = claims or events
    if not rows:
        return None
    first = min(rows, key=lambda c: (c["document_id"], c.get("ordinal", 0)))
    aliases = {(c.get("place_mention") or c.get("location_mention") or "").lower() for c in rows}
    gid = first.get("geonames_id")
    if gid:
        aliases |= {
            r[0].lower()
            for r in conn.execute("SELECT DISTINCT text FROM places WHERE geonames_id = ?", (gid,))
        }
    name = first.get("place_name") or first.get("location_name")
    return {
        "name": name,
        "latitude": first.get("latitude"),
        "longitude": first.get("longitude"),
        "geonames_id": gid,
        "country_code": first.get("country_code"),
        "aliases": {a for a in aliases | {(name or "").lower()} if a},
    }


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _source_key(row: dict[str, Any], claimant: str | None, stories: dict[str, str]) -> str:
    """Whose word a statement is: the party or person it is attributed to, else the wire
    story the document copies, else the outlet (as the clusters stage counts sources)."""
    return source_key({**row, "source_name": claimant}, stories)


def _evidence(row: dict[str, Any], sentence: str, start: int, end: int, **more: Any) -> dict[str, Any]:
    return {
        "document_id": row["document_id"],
        "url": row.get("url"),
        "outlet": row.get("outlet"),
        "published": row.get("published"),
        "sentence": sentence,
        "start": start,
        "end": end,
        "event_key": None,
        "claim_id": None,
        **more,
    }


def _said(row: dict[str, Any], claimant: str | None, stories: dict[str, str]) -> dict[str, Any]:
    """The fields of an observation that come from who said it and when (claims and events alike)."""
    return {
        "claimant": claimant,
        "date": _day(row["date_start"]),
        "date_end": _day(row["date_end"]),
        "precision": row["date_precision"],
        "published": _day(row["published"]) or dt.date.min,
        "source_key": _source_key(row, claimant, stories),
        "identified": _identified(claimant, row.get("outlet")),
    }


def _claim_obs(c: dict[str, Any], stories: dict[str, str]) -> Obs:
    from ..extract.control_sides import side_of_name

    side, controller = c["controller_side"], c["controller"]
    if c["kind"] == "loss" and side is None and c["claimant_side"]:
        side, controller = c["claimant_side"], c["claimant"]  # "we lost the city", said the commander
    event_key = f"{c['document_id']}:{c['event_ordinal']}" if c["event_ordinal"] is not None else None
    return Obs(
        key=f"{c['document_id']}:c{c['ordinal']}",
        kind=c["kind"],
        controller=controller,
        side=side,
        claimant_side=c["claimant_side"],
        stance=c["stance"],
        basis=c["date_basis"],
        counterpart_side=side_of_name(c["counterpart"]),
        evidence=_evidence(
            c,
            c["sentence"],
            c["start"],
            c["end"],
            claim_id=f"{c['document_id']}:{c['ordinal']}",
            event_key=event_key,
        ),
        **_said(c, c["claimant"], stories),
    )


def _identified(claimant: str | None, outlet: str | None) -> bool:
    from ..extract.actors_registry import registry

    return not claimant or claimant == outlet or registry().by_name(claimant) is not None


def _event_obs(e: dict[str, Any], r: Rules, stories: dict[str, str]) -> Obs | None:
    from ..extract.actors_registry import registry
    from ..extract.control_sides import controller_of, side_of_name

    if e["sub_event_type"] in r.contest_types:
        kind, holder = "contest", None
    else:
        reg = registry()
        actor = reg.by_name(e["actor1_name"]) if e["actor1_name"] else None
        holder = controller_of(actor)
        if holder is None:
            return None
        kind = "gain"
    key = f"{e['document_id']}:{e['ordinal']}"
    return Obs(
        key=key,
        kind=kind,
        controller=holder.name if holder else None,
        side=registry().side_of(holder) if holder else None,
        claimant_side=side_of_name(e["source_name"]),
        stance=e["stance"],
        basis="event",
        from_event=True,
        evidence=_evidence(e, e["evidence_sentence"], e["evidence_start"], e["evidence_end"], event_key=key),
        **_said(e, e["source_name"], stories),
    )


def interval_id(key: str, iv: Interval) -> str:
    raw = f"{key}|{iv.date_from}|{iv.status}"
    return hashlib.sha1(raw.encode("utf-8")).hexdigest()[:16]


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def _place_columns(place: dict[str, Any]) -> tuple[Any, ...]:
    """name, latitude, longitude, geonames_id, country_code: as every control table stores a place."""
    return tuple(place[k] for k in ("name", "latitude", "longitude", "geonames_id", "country_code"))


def _write_interval(conn: sqlite3.Connection, key: str, place: dict[str, Any], iv: Interval) -> None:
    iid = interval_id(key, iv)
    conn.execute(
        "INSERT INTO control_intervals (id, place_key, place_name, latitude, longitude, geonames_id, "
        "country_code, date_from, date_to, controller, status, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (
            iid,
            key,
            *_place_columns(place),
            _iso(iv.date_from),
            _iso(iv.date_to),
            iv.controller,
            iv.status,
            iv.confidence,
        ),
    )
    for o, ok in iv.evidence:
        ev = o.evidence
        conn.execute(
            "INSERT INTO control_evidence (interval_id, document_id, event_key, claim_id, url, outlet, "
            'published, sentence, start, "end", source, stance, supports) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)',
            (
                iid,
                ev["document_id"],
                ev["event_key"],
                ev["claim_id"],
                ev["url"],
                ev["outlet"],
                ev["published"],
                ev["sentence"],
                ev["start"],
                ev["end"],
                o.claimant,
                o.stance,
                int(ok),
            ),
        )
    _write_contradiction(conn, key, place, iid, iv)


def _delete_contradictions(conn: sqlite3.Connection, key: str | None) -> None:
    if key is None:
        conn.execute("DELETE FROM contradictions WHERE stage = 'control'")
    else:
        conn.execute("DELETE FROM contradictions WHERE stage = 'control' AND subject = ?", (key,))


def _write_contradiction(
    conn: sqlite3.Connection, key: str, place: dict[str, Any], iid: str, iv: Interval
) -> None:
    """Two sources disagreeing on who holds the place during this interval."""
    pro = [(o, ok) for o, ok in iv.evidence if ok and o.kind in ("gain", "hold")]
    con = [(o, ok) for o, ok in iv.evidence if not ok and o.kind in ("gain", "hold")]
    if not pro or not con:
        return
    cid = f"control-{iid}"  # apart from the clusters stage's ids
    summary = (
        f"{place['name']}: {iv.controller or 'unknown'} holds it, say {len(pro)}; {len(con)} say otherwise"
    )
    conn.execute(
        "INSERT INTO contradictions (id, stage, kind, subject, place_name, latitude, longitude, geonames_id, "
        "date, summary) VALUES (?, 'control', 'control', ?, ?, ?, ?, ?, ?, ?)",
        (
            cid,
            key,
            place["name"],
            place["latitude"],
            place["longitude"],
            place["geonames_id"],
            _iso(iv.date_from),
            summary,
        ),
    )
    for o, _ok in pro + con:
        ev = o.evidence
        position = (
            f"{o.controller or 'another side'} {'holds' if o.kind == 'hold' else 'took'} {place['name']}"
        )
        conn.execute(
            "INSERT INTO contradiction_sides (contradiction_id, document_id, event_key, claim_id, source, "
            'stance, position, sentence, start, "end") VALUES (?,?,?,?,?,?,?,?,?,?)',
            (
                cid,
                ev["document_id"],
                ev["event_key"],
                ev["claim_id"],
                o.claimant,
                o.stance,
                position,
                ev["sentence"],
                ev["start"],
                ev["end"],
            ),
        )
