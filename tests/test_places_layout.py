"""How the text lays names out: containers ("X, Y", "X in Y"), lists, the order given
names come in, and the focus place that names the gazetteer lacks stand at."""

from __future__ import annotations

import pytest

from khaldun.acquire.normalize import make_document


def test_given_names_are_read_in_text_order_whatever_order_they_come_in(resolve_given):
    text = "Sharks were sighted off Rockingham and Safety Bay, WA, on Sunday."
    names = ["Rockingham", "Safety Bay", "WA"]
    for order in (names, names[::-1], [names[1], names[2], names[0]]):
        got = resolve_given(text, order)["WA"]
        assert (got.country_code, got.feature) == ("AU", "admin1")


def test_a_state_and_its_country_are_a_container_not_a_list_of_states(resolve_given):
    text = "Migrants camped at a sports club in Matias Romero, Oaxaca State, Mexico, on Wednesday."
    got = resolve_given(text, ["Matias Romero", "Oaxaca State", "Mexico"])
    assert (got["Mexico"].feature, got["Oaxaca State"].name) == ("country", "Oaxaca")


def test_a_list_of_towns_goes_on_past_a_name_that_is_also_a_state(resolve_given):
    text = "The firm has offices in Los Angeles, Miami, West Palm Beach, New York, and Detroit."
    names = ["Los Angeles", "Miami", "West Palm Beach", "New York", "Detroit"]
    got = resolve_given(text, names)
    assert (got["New York"].feature, got["West Palm Beach"].admin1) == ("city", got["Miami"].admin1)


@pytest.mark.parametrize(
    ("text", "names", "name", "feature"),
    [
        # a place the gazetteer lacks "in New York" is in the city ...
        ("She cooked at Le Bernardin in New York before opening her own place.",
         ["Le Bernardin", "New York"], "New York", "city"),
        # ... a town "in Aleppo", in the province
        ("Residents of Daret Azza in Aleppo held a vigil on Friday.", ["Daret Azza", "Aleppo"], "Aleppo",
         "admin1"),
    ],
)  # fmt: skip
def test_in_a_name_of_a_city_and_its_province(resolve_given, text, names, name, feature):
    assert resolve_given(text, names)[name].feature == feature


def test_a_verb_phrase_before_in_puts_nothing_inside(resolve_given):
    text = (
        "Noma, who works in Cape Town, moved out of a settlement in Khayelitsha to live in Delft, "
        "where she was given a flat."
    )
    got = resolve_given(text, ["Cape Town", "Khayelitsha", "Delft"])
    assert got["Delft"].country_code == "ZA"


@pytest.mark.parametrize(
    ("text", "names", "name", "feature"),
    [
        ("HELENA, Mont. (AP) - Montana and CoreCivic are at an impasse over the prison contract.",
         ["HELENA", "Mont.", "Montana"], "Montana", "admin1"),
    ],
)  # fmt: skip
def test_a_state_name_is_not_a_small_town_inside_it_named_after_it(resolve_given, text, names, name, feature):
    assert resolve_given(text, names)[name].feature == feature


def test_a_state_capital_that_bears_the_states_name_is_the_town(extract):
    ext = extract("On 7 May 2020, in Durango, Durango, at least 300 musicians protested.")
    first = min(ext.places, key=lambda pm: pm.start)
    assert (first.text, first.place.feature, first.place.admin1) == ("Durango", "city", "Durango")


def test_names_the_gazetteer_lacks_stand_at_the_focus_of_the_places_it_knows(pipeline):
    """The focus is where the known places point, with the headline's "in Gainesville"
    as evidence; earlier stand-ins are no evidence of it (they would snowball)."""
    text = (
        "The homes look like the architecture in Charleston, a resident said. "
        "Lake Manassas is a 770-acre reservoir. Shopping: Wegmans. Schools: Patriot High. "
        "The nearest Metro stop is in Centreville. 8024 Turtle Creek Cir., Gainesville, Va."
    )
    title = "A new development in Gainesville, Va., provides a taste of Charleston"
    doc = make_document(text, title=title)
    names = ("Charleston", "Lake Manassas", "Wegmans", "Patriot High", "Centreville", "Gainesville", "Va.")
    ext = pipeline(doc, [(doc.text.index(n), doc.text.index(n) + len(n)) for n in names])
    placed = {pm.text: pm for pm in ext.places}
    for name in ("Lake Manassas", "Wegmans", "Patriot High"):
        assert placed[name].place.name == "Gainesville", name
        assert "focus" in (placed[name].note or "")


def test_a_capital_stands_for_the_country_the_story_names(resolve_given):
    """ "Washington" in a story about Britain and the United States is the American
    government's seat, not Washington in Tyne and Wear, though Britain is named more."""
    text = (
        "Britain expelled diplomats after the poisoning in Salisbury, and British officials in London "
        "said the English city was safe. Washington backed London, and the United States expelled "
        "Russian diplomats too."
    )
    got = resolve_given(text, ["Britain", "Salisbury", "London", "Washington", "United States"])
    assert (got["Washington"].country_code, got["Washington"].admin1) == ("US", "District of Columbia")
