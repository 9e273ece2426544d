"""Acceptance: the seed report alone gives Palmyra's control (issue 4)."""

from __future__ import annotations

import pytest

from khaldun.acquire.normalize import make_document
from khaldun.ingest import Ingester
from khaldun.reconcile.timeline import control_json, find_places
from khaldun.store import Store

from .conftest import SHARED

SEED = SHARED / "seed" / "palmyra-2016-03-25.txt"
pytestmark = pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is absent")


@pytest.fixture(scope="module")
def timeline(pipeline, tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("seed") / "seed.db")
    doc = make_document(
        SEED.read_text(encoding="utf-8"), published="2016-03-25", outlet="Middle East Eye", origin="seed"
    )
    Ingester(store, lambda: pipeline, lambda *a, **k: None).ingest_documents([doc])
    found = find_places(store.conn, "Palmyra")
    assert found
    yield control_json(store.conn, found[0]["place_key"])["timeline"]
    store.close()


def test_held_by_islamic_state_since_may_2015(timeline):
    held = [iv for iv in timeline if iv["controller"] == "Islamic State" and iv["status"] == "held"]
    assert held and held[0]["from"].startswith("2015-05"), timeline


def test_contested_from_early_march_2016_still_is_held(timeline):
    last = timeline[-1]
    assert last["status"] == "contested" and last["controller"] == "Islamic State"
    assert last["from"].startswith("2016-03") and int(last["from"][8:]) <= 10
    assert last["to"] is None


def test_is_claim_and_unesco_liberation_are_the_contradicting_evidence(timeline):
    ev = timeline[-1]["evidence"]
    is_claim = [e for e in ev if "still in control" in e["sentence"] and e["supports"]]
    unesco = [
        e for e in ev if e["source"] == "UNESCO" and "liberation" in e["sentence"] and not e["supports"]
    ]
    assert is_claim and unesco, ev


def test_no_change_of_control_in_march_2016(timeline):
    assert all(iv["controller"] == "Islamic State" for iv in timeline if (iv["from"] or "") >= "2016-03")
