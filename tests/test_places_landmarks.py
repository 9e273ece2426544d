"""Landmarks against small namesake towns, and direction words against provinces of
countries the document never names.

Every text here is written for the test from general knowledge."""

from __future__ import annotations

import pytest

from khaldun.geo.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def resolve(resolve_given):
    """Resolution-only: name -> (country_code, admin1, feature, name) of each resolved given name."""
    return lambda text, names: {
        k: (p.country_code, p.admin1, p.feature, p.name) for k, p in resolve_given(text, names).items()
    }


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
