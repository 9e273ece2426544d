"""Clusters of the control corpus (tests/control) against its truth: every real event's
reports in one cluster, events that must stay apart apart, wire copies one source, and the
same clusters whatever the order and batching of ingestion.

A report's *matching* events for a real event are the stored events of that document with
the event's kind (any territorial sub-event type for a change of control), a date range of
at most ``MAX_SPAN`` days within a tolerance of the true date, and the place: resolved
within ``NEAR_KM`` of it or named (name or alias) in the evidence sentence or mention."""

from __future__ import annotations

import datetime as dt
import math
import random
import sqlite3
from typing import Any

import pytest

from khaldun import reconcile
from khaldun.store import Store

from .control_corpus import clusters_snapshot, ingest, places, reports, truth
from .test_control_corpus import corpus, wire_groups

CONTROL_KINDS = {
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
}
NEAR_KM = 30
MAX_SPAN = 10
TOLERANCE = {"control": 4, "day": 1, "week": 7, "month": 31, "year": 366}
MUST_STAY_APART = [
    ("palmyra-2016-03-recapture", "palmyra-2017-03-recapture"),
    ("kherson-2023-11-shelling", "kherson-2023-11-oleshky-strikes"),
]


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(h))


def matching(
    conn: sqlite3.Connection, doc_id: str, event: dict[str, Any], spot: dict[str, Any], names: list[str]
) -> list[dict[str, Any]]:
    """The stored events of one document that report this real event."""
    control = event["kind"] in CONTROL_KINDS
    kinds = CONTROL_KINDS if control else {event["kind"]}
    tol = dt.timedelta(days=TOLERANCE["control" if control else event.get("precision", "day")])
    lo, hi = (event["date"] - tol).isoformat(), (event["date"] + tol).isoformat()
    out = []
    for r in conn.execute("SELECT * FROM events WHERE document_id = ? ORDER BY ordinal", (doc_id,)):
        if r["sub_event_type"] not in kinds or not r["date_start"]:
            continue
        start, end = r["date_start"], r["date_end"] or r["date_start"]
        if (
            end < lo
            or start > hi
            or (dt.date.fromisoformat(end) - dt.date.fromisoformat(start)).days > MAX_SPAN
        ):
            continue
        near = (
            r["latitude"] is not None
            and _km(r["latitude"], r["longitude"], spot["lat"], spot["lon"]) <= NEAR_KM
        )
        text = f"{r['evidence_sentence']} {r['location_mention'] or ''}".lower()
        if near or any(n.lower() in text for n in names):
            out.append(dict(r))
    return out


def score_clusters(conn: sqlite3.Connection, ids: dict[str, str]) -> dict[str, Any]:
    """{"clusters": {event id: cluster ids of its matching events}, "missing": {event id:
    reports without a matching event}, "split": [...], "merged": [(event, event), ...]}."""
    cluster_of = dict(conn.execute("SELECT event_id, cluster_id FROM cluster_members").fetchall())
    out: dict[str, Any] = {"clusters": {}, "missing": {}, "split": [], "merged": []}
    for place in places():
        t = truth(place)
        names = [t["place"]["name"], *t["aliases"]]
        owner: dict[str, str] = {}
        for ev in t["events"] + t["other_events"]:
            found: set[str] = set()
            for rid in ev["reports"]:
                evs = matching(conn, ids[rid], ev, t["place"], names)
                if not evs:
                    out["missing"].setdefault(ev["id"], []).append(rid)
                found |= {cluster_of[e["id"]] for e in evs}
            out["clusters"][ev["id"]] = found
            if len(found) > 1:
                out["split"].append(ev["id"])
            for c in sorted(found):
                if c in owner:
                    out["merged"].append((owner[c], ev["id"]))
                owner.setdefault(c, ev["id"])
    return out


@pytest.fixture(scope="module")
def scored(control_store):
    store, ids = control_store
    return score_clusters(store.conn, ids)


def test_real_events_are_one_cluster_each(scored):
    """Every real event of the corpus (changes of control and the other events) is one cluster."""
    assert scored["split"] == []
    assert all(len(cs) == 1 for cs in scored["clusters"].values()), scored["clusters"]
    assert scored["merged"] == []


def test_most_reports_have_a_matching_event(scored):
    n = sum(len(ev["reports"]) for p in places() for ev in truth(p)["events"] + truth(p)["other_events"])
    missing = sum(len(v) for v in scored["missing"].values())
    assert missing <= 0.15 * n, scored["missing"]


@pytest.mark.parametrize("a,b", MUST_STAY_APART)
def test_events_that_must_stay_apart(scored, a, b):
    assert scored["clusters"][a] and scored["clusters"][b]
    assert not scored["clusters"][a] & scored["clusters"][b]


def test_wire_copies_share_one_story(control_store):
    store, ids = control_store
    story = dict(store.conn.execute("SELECT document_id, story_key FROM document_sources").fetchall())
    groups = [g for d in corpus().values() for g in wire_groups(d["reports"])]
    for g in groups:
        assert len({story.get(ids[r]) for r in g}) == 1 and story.get(ids[min(g)]), sorted(g)
    copied = {ids[r] for g in groups for r in g}
    assert set(story) == copied  # nothing else is a copy


def test_wire_copies_count_once_in_a_cluster(control_store, scored):
    store, ids = control_store
    cid = next(iter(scored["clusters"]["palmyra-2016-12-capture"]))
    members = store.conn.execute(
        "SELECT document_id, source_key FROM cluster_members WHERE cluster_id = ?", (cid,)
    )
    keys = {d: k for d, k in members if k.startswith("wire:")}
    assert ids["palmyra-09-pacific-morning-star"] in keys
    assert len(set(keys.values())) == 1


def test_control_contradictions_found(control_store, scored):
    """The disputed toll of the Kherson shelling; the denial of Palmyra's fall (December 2016)."""
    q = store_q(control_store)
    shelling = next(iter(scored["clusters"]["kherson-2023-11-shelling"]))
    fall = next(iter(scored["clusters"]["palmyra-2016-12-capture"]))
    assert ("toll", shelling) in q
    assert ("occurrence", fall) in q


def store_q(control_store) -> set[tuple[str, str]]:
    store, _ = control_store
    return {
        tuple(r)
        for r in store.conn.execute("SELECT kind, subject FROM contradictions WHERE stage = 'clusters'")
    }


def test_same_clusters_whatever_the_order(pipeline, control_store, tmp_path):
    """Two shuffled orders, one of them in small batches (incremental), and a rebuild all agree
    with the fixture's id-ordered ingestion."""
    reference = clusters_snapshot(control_store[0])
    recs = reports()
    with Store(tmp_path / "a.db") as a:
        ingest(a, pipeline, recs, seed=7)
        assert clusters_snapshot(a) == reference
    with Store(tmp_path / "b.db") as b:
        shuffled = list(recs)
        random.Random(11).shuffle(shuffled)
        for i in range(0, len(shuffled), 9):
            ingest(b, pipeline, shuffled[i : i + 9])
        assert clusters_snapshot(b) == reference
        reconcile.update(b, None)
        assert clusters_snapshot(b) == reference
