"""Control timelines from the bundled sample reports (samples/): one to three reports a
place, written by the team, in which sides claim, concede and deny.

These check the rules on reports the control corpus does not hold: an outlet's own
report of a capture with the winner's claim is a change; a side's admission of its loss,
weeks later, confirms the winner's claim without re-dating it; a side denying its loss
leaves the change standing but contested."""

from __future__ import annotations

from pathlib import Path

import pytest

from khaldun.ingest import Ingester
from khaldun.reconcile.timeline import control_json, find_places
from khaldun.store import Store

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def store(pipeline, tmp_path_factory):
    s = Store(tmp_path_factory.mktemp("samples") / "samples.db")
    Ingester(s, lambda: pipeline, lambda *a, **k: None).run([str(SAMPLES)])
    yield s
    s.close()


def timeline(store: Store, name: str) -> list[dict]:
    found = find_places(store.conn, name)
    assert found, name
    return control_json(store.conn, found[0]["place_key"])["timeline"]


def controller_on(tl: list[dict], day: str) -> str | None:
    for iv in tl:
        if (iv["from"] or "") <= day and (iv["to"] is None or day < iv["to"]):
            return iv["controller"]
    return None


def test_wad_madani_falls_to_the_rsf_and_returns_to_the_army(store):
    tl = timeline(store, "Wad Madani")
    assert controller_on(tl, "2023-12-10") == "Military Forces of Sudan"
    assert controller_on(tl, "2024-06-01") == "Rapid Support Forces"
    assert controller_on(tl, "2025-01-12") == "Military Forces of Sudan"
    change = next(iv for iv in tl if iv["controller"] == "Rapid Support Forces")
    assert change["from"] in ("2023-12-18", "2023-12-19"), tl


def test_soledar_admitted_loss_confirms_the_russian_claim_at_its_date(store):
    tl = timeline(store, "Soledar")
    assert controller_on(tl, "2023-01-05") == "Military Forces of Ukraine"
    russian = [iv for iv in tl if iv["controller"] == "Military Forces of Russia"]
    assert russian and "2023-01-11" <= russian[0]["from"] <= "2023-01-16", tl
    contested = [iv for iv in tl if iv["status"] == "contested"]
    assert contested and any(e["stance"] == "denied" for iv in contested for e in iv["evidence"]), tl


def test_kidal_taken_by_the_army_on_the_outlets_word_and_the_armys_claim(store):
    tl = timeline(store, "Kidal")
    assert controller_on(tl, "2023-11-20") == "Military Forces of Mali", tl


def test_a_capital_speaking_for_its_government_gets_no_timeline(store):
    assert not find_places(store.conn, "Moscow")  # "Moscow claimed the capture of Soledar"


def test_goma_passes_to_m23_when_the_losing_government_concedes_it(store):
    tl = timeline(store, "Goma")
    assert controller_on(tl, "2025-01-20") == "Military Forces of the Democratic Republic of Congo"
    assert controller_on(tl, "2025-01-29") == "M23", tl
