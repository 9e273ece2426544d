"""Homonyms decided by what a local report says around them: namesakes that lie
together, state abbreviations, and names inside longer institution names.

Every text here is written for the test from general knowledge."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def resolve(resolve_given):
    """Resolution-only: name -> (country_code, admin1, feature) of each resolved given name."""
    return lambda text, names: {
        k: (p.country_code, p.admin1, p.feature) for k, p in resolve_given(text, names).items()
    }


def test_small_namesakes_that_lie_together_beat_famous_ones(resolve):
    text = "The county commission of Henry County met in Paris on Tuesday to plan repairs of rural roads."
    got = resolve(text, ["Henry County", "Paris"])
    assert got["Paris"][:2] == ("US", "Tennessee")
    assert got["Henry County"][:2] == ("US", "Tennessee")


def test_town_inside_a_named_county_of_its_own_state(resolve):
    text = "Deputies from Lauderdale County searched a house in Florence after a tip, the sheriff said."
    got = resolve(text, ["Lauderdale County", "Florence"])
    assert got["Florence"][:2] == ("US", "Alabama")


def test_a_country_name_is_not_taken_for_a_namesake_town_by_its_neighbours(resolve):
    text = "Flights from Mexico land in Houston and Dallas every hour, the airline said."
    got = resolve(text, ["Mexico", "Houston", "Dallas"])
    assert got["Mexico"] == ("MX", None, "country")


def test_a_state_abbreviation_names_the_state(resolve):
    got = resolve("The plant in Albany, N.Y., will close next year.", ["Albany", "N.Y."])
    assert got["N.Y."] == ("US", "New York", "admin1")
    got = resolve("The mill near Nelson, BC, burned on Friday.", ["Nelson", "BC"])
    assert got["BC"] == ("CA", "British Columbia", "admin1")


@pytest.mark.parametrize(
    ("text", "name", "state"),
    [
        ("A Florida Highway Patrol trooper stopped the truck on Monday.", "Florida", "Florida"),
        ("Researchers at the University of Nebraska studied rural towns.", "Nebraska", "Nebraska"),
        ("California prison records show the warrant was issued in May.", "California", "California"),
    ],
)
def test_a_name_inside_an_institution_name_is_the_state(resolve, text, name, state):
    assert resolve(text, [name])[name] == ("US", state, "admin1")


def test_a_site_word_after_a_town_still_means_the_town(resolve):
    got = resolve("Shelling closed Kherson airport and the bridge on Sunday.", ["Kherson"])
    assert got["Kherson"][2] == "city"
