"""Event clusters: one real event, however many documents report it (docs/reconcile.md).

The stage links stored events (:mod:`.link`), counts independent sources (:mod:`.sources`)
and writes each cluster with its claims ledger and contradictions (:mod:`.claims`).
It is incremental: new documents revise only the linked components their events join,
found through an index query on dates and kinds; and order-independent: components,
clusters and their ids depend only on the set of stored events."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from . import stage
from .claims import cluster_id, cluster_row, contradictions, short_hash
from .features import Ev, config, events_by_id, family_rules, family_types, iso_day, load_events
from .link import group, link, linkable
from .sources import rebuild_stories, source_key, story_of, update_stories

if TYPE_CHECKING:
    from ..store import Store

_CLUSTER_COLS = (
    "id, event_type, sub_event_type, date_start, date_end, date_precision, location_name, latitude, "
    "longitude, geonames_id, country_code, admin1, actor1_name, actor2_name, reports, sources, "
    "fatalities_best, fatalities_low, fatalities_high, lead_event_key, summary"
).split(", ")
_CONTRA_COLS = [
    "id",
    "stage",
    "kind",
    "subject",
    "place_name",
    "latitude",
    "longitude",
    "geonames_id",
    "date",
    "summary",
]
_SIDE_COLS = [
    "document_id",
    "event_key",
    "claim_id",
    "source",
    "stance",
    "position",
    "sentence",
    "start",
    "end",
]


@stage("clusters")
def update(store: Store, document_ids: list[str] | None) -> None:
    """Merge the events of these documents into clusters (all documents when None)."""
    with store._transaction():
        if document_ids is None:
            rebuild(store.conn)
        else:
            revise(store.conn, document_ids)


def rebuild(conn: sqlite3.Connection) -> None:
    """Every cluster from every stored event."""
    rebuild_stories(conn)
    conn.execute("DELETE FROM contradictions WHERE stage = 'clusters'")
    conn.execute("DELETE FROM clusters")
    conn.execute("DELETE FROM cluster_members")
    write(conn, load_events(conn))


def revise(conn: sqlite3.Connection, document_ids: Sequence[str]) -> None:
    """The clusters these documents' events join, re-derived from their whole components."""
    docs = sorted(set(document_ids) | update_stories(conn, list(document_ids)))
    if not docs:
        return
    seeds = _chunked(conn, load_events, "e.document_id IN ({})", docs)
    events = {e.key: e for e in seeds}
    comps: set[str] = set()
    frontier = list(seeds)
    while frontier:
        comps |= _components(conn, [e.key for e in frontier])
        found = _candidates(conn, frontier, events)
        frontier = []
        unclustered = _without_rows(conn, [e.key for e in found])
        for e in found:
            events[e.key] = e
            if e.key in unclustered:  # stored before this stage ran: explore its links too
                frontier.append(e)
        comps |= _components(conn, [e.key for e in found])
    members = _chunked(
        conn,
        lambda c, w, p: [r[0] for r in c.execute(f"SELECT event_id FROM cluster_members WHERE {w}", p)],
        "component IN ({})",
        sorted(comps),
    )
    for e in events_by_id(conn, [m for m in members if m is not None]):
        events.setdefault(e.key, e)
    old = sorted(
        set(_chunked(conn, _column("cluster_id", "component"), "component IN ({})", sorted(comps)))
        | set(_chunked(conn, _column("cluster_id", "event_key"), "event_key IN ({})", sorted(events)))
    )
    _delete(conn, old, sorted(events), sorted(comps))
    write(conn, list(events.values()))


def write(conn: sqlite3.Connection, events: list[Ev]) -> None:
    """Group these events (whole components) and store their clusters, members and contradictions."""
    stories = story_of(conn, {e.doc for e in events})
    keys = {e.key: source_key(e.row, stories) for e in events}
    cluster_rows, member_rows, contra_rows, side_rows = [], [], [], []
    for comp, members in group(events):
        cid = cluster_id(members)
        row = cluster_row(cid, members, keys)
        cluster_rows.append([row[c] for c in _CLUSTER_COLS])
        comp_key = "k" + short_hash(comp)
        for e in members:
            r = e.row
            member_rows.append(
                (
                    e.key,
                    cid,
                    e.id,
                    e.doc,
                    keys[e.key],
                    r.get("source_name"),
                    r["stance"],
                    r.get("fatalities"),
                    r.get("date_start"),
                    r.get("date_end"),
                    comp_key,
                )
            )
        for c in contradictions(row, members, keys):
            contra_rows.append([c[k] for k in _CONTRA_COLS])
            side_rows += [[c["id"], *(s[k] for k in _SIDE_COLS)] for s in c["sides"]]
    conn.executemany(
        f"INSERT INTO clusters ({', '.join(_CLUSTER_COLS)}) VALUES ({','.join('?' * len(_CLUSTER_COLS))})",
        cluster_rows,
    )
    conn.executemany("INSERT INTO cluster_members VALUES (?,?,?,?,?,?,?,?,?,?,?)", member_rows)
    conn.executemany(
        f"INSERT INTO contradictions ({', '.join(_CONTRA_COLS)}) VALUES ({_marks(len(_CONTRA_COLS))})",
        contra_rows,
    )
    conn.executemany(
        "INSERT INTO contradiction_sides (contradiction_id, document_id, event_key, claim_id, source, "
        'stance, position, sentence, start, "end") VALUES (?,?,?,?,?,?,?,?,?,?)',
        side_rows,
    )


def _marks(n: int) -> str:
    return ",".join("?" * n)


# -- neighbourhood queries ---------------------------------------------------------


def _candidates(conn: sqlite3.Connection, frontier: list[Ev], known: dict[str, Ev]) -> list[Ev]:
    """Stored events not yet known that link with an event of the frontier (an index query on
    kind and dates, then the linking rules)."""
    cfg = config()
    slack = max(cfg["precision_slack_days"].values())
    ids: set[int] = set()
    for e in frontier:
        if not linkable(e):
            continue
        assert e.lo is not None and e.hi is not None
        w = int(family_rules(e.family)["window_days"]) + slack
        types = family_types(e.family)
        sql = (
            "SELECT id, document_id || ':' || ordinal FROM events "
            f"WHERE sub_event_type IN ({_marks(len(types))}) "
            "AND date_start BETWEEN ? AND ? AND COALESCE(date_end, date_start) >= ?"
        )
        params = [*types, iso_day(e.lo - w - cfg["max_span_days"]), iso_day(e.hi + w), iso_day(e.lo - w)]
        ids |= {i for i, k in conn.execute(sql, params) if k not in known}
    found = events_by_id(conn, ids)
    return [c for c in found if any(link(e, c) is not None for e in frontier)]


def _components(conn: sqlite3.Connection, keys: list[str]) -> set[str]:
    return {c for c in _chunked(conn, _column("component", "event_key"), "event_key IN ({})", keys) if c}


def _without_rows(conn: sqlite3.Connection, keys: list[str]) -> set[str]:
    return set(keys) - set(_chunked(conn, _column("event_key", "event_key"), "event_key IN ({})", keys))


def _column(col: str, by: str) -> Any:
    def read(conn: sqlite3.Connection, where: str, params: list[Any]) -> list[Any]:
        return [r[0] for r in conn.execute(f"SELECT {col} FROM cluster_members WHERE {where}", params)]

    del by
    return read


def _chunked(conn: sqlite3.Connection, fn: Any, where: str, values: Iterable[Any]) -> list[Any]:
    """``fn(conn, where, params)`` over chunks of ``values`` (SQLite limits bound parameters)."""
    values = list(values)
    out: list[Any] = []
    for i in range(0, len(values), 500):
        chunk = values[i : i + 500]
        out += fn(conn, where.format(",".join("?" * len(chunk))), chunk)
    return out


def _delete(conn: sqlite3.Connection, clusters: list[str], keys: list[str], comps: list[str]) -> None:
    for i in range(0, len(clusters), 500):
        chunk = clusters[i : i + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM contradictions WHERE stage = 'clusters' AND subject IN ({marks})", chunk)
        conn.execute(f"DELETE FROM clusters WHERE id IN ({marks})", chunk)
        conn.execute(f"DELETE FROM cluster_members WHERE cluster_id IN ({marks})", chunk)
    _chunked(
        conn,
        lambda c, w, p: c.execute(f"DELETE FROM cluster_members WHERE {w}", p).fetchall(),
        "event_key IN ({})",
        keys,
    )
    _chunked(
        conn,
        lambda c, w, p: c.execute(f"DELETE FROM cluster_members WHERE {w}", p).fetchall(),
        "component IN ({})",
        comps,
    )
