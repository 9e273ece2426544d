"""The API's clusters, contradictions and control timelines go through the reconcile read
functions (``khaldun.reconcile.ledger`` / ``.timeline``); here they are stand-ins that
record their calls, so the wiring is tested whether or not reconciliation has run."""

from __future__ import annotations

import sqlite3
from types import SimpleNamespace

import pytest
from fastapi.testclient import TestClient

from khaldun.web.app import Settings, create_app
from khaldun.web.reconciled import LEDGER, TIMELINE, Reconciled

TABLES = ("clusters", "cluster_members", "contradictions", "control_intervals")


@pytest.fixture
def fake(web_db, tmp_path):
    """A copy of the sample database with the reconcile tables present, and fake modules."""
    path = tmp_path / "copy.db"
    with sqlite3.connect(web_db["path"]) as src, sqlite3.connect(path) as dst:
        src.backup(dst)
        for table in TABLES:
            dst.execute(f"CREATE TABLE IF NOT EXISTS {table} (id TEXT)")
    calls: list[tuple] = []
    contradiction = {"id": "k1", "kind": "toll", "summary": "5 or 50 killed", "sides": [{"source": "A"}]}
    cluster = {
        "id": "c1",
        "sources": 2,
        "members": [{"event_id": 1}, {"event_id": 2}],
        "contradictions": [contradiction],
    }
    timeline = {
        "place": {"name": "Soledar"},
        "timeline": [{"from": "2023-01-01", "to": None, "status": "held"}],
    }
    ledger = SimpleNamespace(
        cluster_of_event=lambda conn, event_id: calls.append(("of", event_id)) or "c1",
        get_cluster=lambda conn, cid: cluster if cid == "c1" else None,
        list_clusters=lambda conn, **kw: calls.append(("clusters", kw)) or [{"id": "c1", "members": 2}],
        list_contradictions=lambda conn, **kw: calls.append(("contradictions", kw)) or [contradiction],
    )
    control = SimpleNamespace(
        find_places=lambda conn, q: (
            calls.append(("find", q)) or [{"place_key": "pk-soledar", "name": "Soledar"}]
        ),
        list_control_places=lambda conn, **kw: [{"place_key": "pk-soledar"}],
        control_json=lambda conn, key, at=None: (
            calls.append(("control", key, at)) or (timeline if key == "pk-soledar" else None)
        ),
        controllers_at=lambda conn, date: [{"place_key": "pk-soledar", "controller": "X", "date": date}],
    )
    app = create_app(Settings(db=str(path)), Reconciled({LEDGER: ledger, TIMELINE: control}))
    with TestClient(app) as c:
        yield c, calls, cluster, timeline


def test_an_event_comes_with_its_cluster_and_contradictions(fake):
    c, calls, cluster, _ = fake
    got = c.get("/api/events/1").json()
    assert got["cluster"] == cluster
    assert got["contradictions"] == cluster["contradictions"]
    assert ("of", 1) in calls


def test_cluster_and_contradiction_lists_pass_their_filters(fake):
    c, calls, cluster, _ = fake
    c.get(
        "/api/clusters",
        params={"place": "Aleppo", "type": "Battles", "since": "2024-01-01", "min_sources": 2},
    )
    assert (
        "clusters",
        {
            "place": "Aleppo",
            "type_": "Battles",
            "since": "2024-01-01",
            "until": None,
            "min_sources": 2,
            "limit": 50,
            "offset": 0,
        },
    ) in calls
    assert c.get("/api/clusters/c1").json() == cluster
    assert c.get("/api/clusters/zz").status_code == 404
    got = c.get("/api/contradictions", params={"kind": "toll"}).json()["contradictions"]
    assert got[0]["kind"] == "toll"
    assert ("contradictions", {"kind": "toll", "place": None, "limit": 50, "offset": 0}) in calls


def test_a_places_control_timeline(fake):
    c, calls, _, timeline = fake
    assert c.get("/api/places", params={"q": "Soledar"}).json() == {
        "places": [{"place_key": "pk-soledar", "name": "Soledar"}],
        "timelines": True,
    }
    assert c.get("/api/places/pk-soledar/control", params={"at": "2023-02-01"}).json() == timeline
    assert ("control", "pk-soledar", "2023-02-01") in calls
    assert c.get("/api/places/elsewhere/control").status_code == 404
    assert c.get("/api/control", params={"at": "2023-02-01"}).json()["places"][0]["controller"] == "X"
    assert c.get("/api/meta").json()["reconciled"] == {"clusters": True, "control": True}


def test_without_the_tables_the_modules_are_not_asked(web_db):
    def boom(*a, **k):
        raise AssertionError("called without its tables")

    mods = {
        LEDGER: SimpleNamespace(cluster_of_event=boom, list_clusters=boom),
        TIMELINE: SimpleNamespace(control_json=boom),
    }
    with sqlite3.connect(":memory:") as conn:
        rec = Reconciled(mods)
        assert rec.cluster_of_event(conn, 1) is None
        assert rec.list_clusters(conn) == []
        assert rec.control_json(conn, "k", None) is None


def test_without_reconcile_modules_places_come_from_events(web_db):
    app = create_app(Settings(db=web_db["path"]), Reconciled({LEDGER: None, TIMELINE: None}))
    with TestClient(app) as c:
        got = c.get("/api/places", params={"q": "Aleppo"}).json()
        assert got["timelines"] is False
        assert got["places"][0]["name"] == "Aleppo" and got["places"][0]["events"] > 0
        assert c.get("/api/clusters").json()["clusters"] == []
        event = c.get("/api/events/1").json()
        assert event["cluster"] is None and event["contradictions"] == []
