"""Control claims extracted from single sentences (khaldun/extract/control.py)."""

from __future__ import annotations

import json

from khaldun.records import CONTROL_KINDS


def claims(extract, text: str, published: str = "2022-03-04", outlet: str = "Test Post"):
    return extract(text, published=published, outlet=outlet).control_claims


def only(found, kind: str):
    return [c for c in found if c.kind == kind]


def test_capture_by_subject_is_a_gain_dated_by_the_sentence(extract):
    found = claims(extract, "Russian troops seized Kherson on Wednesday after a week of fighting.")
    gains = only(found, "gain")
    assert gains and gains[0].controller == "Military Forces of Russia"
    assert gains[0].place.place.country_code == "UA"
    assert str(gains[0].date.start_date) == "2022-03-02"
    assert gains[0].stance == "asserted" and gains[0].claimant == "Test Post"


def test_passive_agent_is_the_new_holder(extract):
    found = claims(
        extract, "Ramadi was captured by Islamic State militants on Sunday.", published="2015-05-18"
    )
    gains = only(found, "gain")
    assert gains and gains[0].controller == "Islamic State"


def test_denied_fall_is_a_holding_claim_of_the_speaker(extract):
    text = "Syria's army denied that Palmyra had fallen, saying troops had only redeployed."
    found = claims(extract, text, published="2016-12-12")
    holds = only(found, "hold")
    assert holds and all(c.controller == "Military Forces of Syria" for c in holds if c.controller)
    assert not only(found, "gain")


def test_withdrawal_is_a_loss_of_the_subject(extract):
    found = claims(extract, "Russian forces withdrew from Lyman on Saturday.", published="2022-10-02")
    losses = only(found, "loss")
    assert losses and losses[0].controller == "Military Forces of Russia"


def test_sentence_without_a_place_or_cue_gives_nothing(extract):
    assert claims(extract, "Prices of bread rose again in the capital's markets on Monday.") == []


def test_claims_in_extract_json(extract):
    ext = extract("Islamic State fighters recaptured Palmyra on Sunday.", published="2016-12-12")
    data = json.loads(json.dumps(ext.to_json()))
    assert data["control_claims"]
    claim = data["control_claims"][0]
    assert claim["kind"] in CONTROL_KINDS
    assert set(claim) >= {"place", "kind", "controller", "claimant", "stance", "date", "evidence", "cue"}
    text = ext.document.text
    assert text[claim["cue"]["start"] : claim["cue"]["end"]] == claim["cue"]["text"]
