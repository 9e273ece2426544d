"""Landmarks against small namesake towns, and direction words against provinces of
countries the document never names.

Every text here is written for the test from general knowledge."""

from __future__ import annotations

import pytest

from khaldun.acquire.normalize import make_document
from khaldun.extract import Pipeline
from khaldun.extract.base import DocContext
from khaldun.extract.places import PlaceResolver
from khaldun.geo.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(["places"]).nlp


@pytest.fixture(scope="module")
def resolve(nlp):
    """Resolution-only: name -> (country, admin1, feature, name) of each resolved given name."""
    component = PlaceResolver()

    def go(text: str, names: list[str]) -> dict[str, tuple[str, str | None, str, str]]:
        doc = make_document(text)
        spans = []
        for n in names:
            i = doc.text.index(n)
            spans.append((i, i + len(n)))
        ctx = DocContext(document=doc, doc=nlp(doc.text), mentions=spans)
        component(ctx)
        return {
            pm.text: (pm.place.country_code, pm.place.admin1, pm.place.feature, pm.place.name)
            for pm in ctx.places
            if pm.place is not None
        }

    return go


def test_supplement_rank_column_reaches_the_compiled_gazetteer():
    kremlin = [c for c in Gazetteer().lookup("Kremlin") if c.source == "supplement"]
    assert kremlin and kremlin[0].cc == "RU" and kremlin[0].population == 20000


def test_white_house_is_the_seat_of_government_in_a_political_story(resolve):
    text = "American senators left the White House after a two-hour meeting on the budget, aides said."
    got = resolve(text, ["White House"])
    assert got["White House"][:3] == ("US", "District of Columbia", "landmark")


def test_white_house_is_the_town_when_the_story_is_about_its_county(resolve):
    text = (
        "Police in Gallatin and Hendersonville joined the search, and a school bus in White House "
        "was stopped near the Sumner County line, Tennessee officials said."
    )
    got = resolve(text, ["Gallatin", "Hendersonville", "White House", "Sumner County", "Tennessee"])
    assert got["White House"][:3] == ("US", "Tennessee", "city")


def test_airport_beats_a_small_namesake_town(resolve):
    text = "Flights out of Heathrow were delayed for hours after a drone was seen near a runway."
    got = resolve(text, ["Heathrow"])
    assert got["Heathrow"][:3] == ("GB", "England", "airport")


def test_seats_of_government_named_in_war_news(resolve):
    text = "The Pentagon said the Kremlin had moved troops, and Downing Street called a meeting."
    got = resolve(text, ["Pentagon", "Kremlin", "Downing Street"])
    assert got["Pentagon"][0] == "US"
    assert got["Kremlin"][0] == "RU"
    assert got["Downing Street"][0] == "GB"
