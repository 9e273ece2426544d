"""How local news words its places: a city's quarter ("the South Side"), streets
("State and Hubbard streets", "the Chartres/Franklin intersection"), a part of a state
("central Washington"), a clock time's zone ("7 a.m. CT"), a club ("Norwich City"),
an institution named after a county, and unknown sites held by the place the text
puts them in ("London's Heathrow cargo centre", "a bistro in New Orleans").

Every text here is written for the test from general knowledge."""

from __future__ import annotations

import pytest

from khaldun.geo.geodesy import km

CHICAGO = (41.85, -87.65)


def _near(pm, point: tuple[float, float], within: float = 25.0) -> bool:
    return pm is not None and pm.lat is not None and km(pm.lat, pm.lon, *point) < within


def test_a_city_quarter_is_placed_in_the_storys_city_not_at_a_far_namesake(given_mentions):
    """ "South Side" is an alternate name of Fowler, Colorado in the gazetteer; in a
    Chicago story it is Chicago's."""
    text = "A South Side man was charged on Monday with a robbery in the Loop, Chicago police said."
    pm = given_mentions(text, ["South Side", "Chicago"])["South Side"]
    assert _near(pm, CHICAGO) and pm.geo_precision == 2 and "quarter" in pm.note, pm.to_json()


def test_a_city_quarter_found_in_passing_is_placed_too(extract):
    text = "A South Side man was charged on Monday with a robbery downtown, Chicago police said."
    got = {pm.text: pm for pm in extract(text).places}
    assert _near(got.get("South Side"), CHICAGO), {k: v.to_json() for k, v in got.items()}


def test_a_quarter_named_near_the_storys_places_keeps_its_entry(given_mentions):
    text = "Crowds filled the West End of London as theatres in London reopened."
    pm = given_mentions(text, ["West End", "London"])["West End"]
    assert pm.place is not None and pm.place.country_code == "GB" and _near(pm, (51.51, -0.13), 10)


@pytest.mark.parametrize(
    ("text", "names", "street"),
    [
        ("The victim collapsed at the corner of State and Hubbard streets in Chicago, police said.",
         ["State", "Hubbard", "Chicago"], "Hubbard"),
        ("Police closed the intersection of Grand and Hubbard near downtown Chicago.",
         ["Grand", "Hubbard", "Chicago"], "Hubbard"),
        ("A bus hit a cyclist at the Hubbard/State intersection in Chicago.", ["Hubbard", "State", "Chicago"],
         "Hubbard"),
    ],
)  # fmt: skip
def test_a_name_the_text_calls_a_street_is_in_the_storys_town(given_mentions, text, names, street):
    """Not Hubbard, Ohio: the text says it is a street."""
    pm = given_mentions(text, names)[street]
    assert _near(pm, CHICAGO) and pm.geo_precision == 2, pm.to_json()


def test_a_street_found_in_passing_is_no_town_of_its_name(extract):
    places = extract("The victim collapsed at the corner of State and Hubbard streets in Chicago.").places
    assert not any(pm.place is not None and pm.place.admin1 == "Ohio" for pm in places), [
        pm.to_json() for pm in places
    ]


def test_a_compass_adjective_makes_a_states_name_the_state(given_mentions):
    text = (
        "The Seattle team drove to central Washington to test the samples. "
        "'We serve Washington communities first,' its commander said."
    )
    got = given_mentions(text, ["Seattle", "Washington"])
    assert got["Washington"].place.feature == "admin1" and got["Washington"].place.admin1 == "Washington"


def test_every_mention_of_the_name_follows_the_state_the_adjective_names(given_mentions):
    text = (
        "The Seattle team drove to central Washington to test the samples. "
        "'We serve Washington communities first,' its commander said."
    )
    spans = [(i, i + len("Washington")) for i in (text.find("Washington"), text.rfind("Washington"))]
    bare = given_mentions(text, spans=spans)["Washington"]  # the later, bare mention
    assert bare.start == spans[1][0] and bare.place.feature == "admin1", bare.to_json()


def test_a_compass_adjective_before_a_city_keeps_the_city(given_mentions):
    pm = given_mentions("Shelling hit eastern Aleppo overnight.", ["Aleppo"])["Aleppo"]
    assert pm.place.feature == "city" and pm.place.country_code == "SY"


def test_a_us_clock_time_zone_points_to_the_united_states(given_mentions):
    """Birmingham, England is the bigger namesake; "7 a.m. CT" is Alabama's clock."""
    with_zone = "Tickets for the Birmingham festival go on sale at 7 a.m. CT on Friday."
    without = "Tickets for the Birmingham festival go on sale at seven on Friday."
    assert given_mentions(with_zone, ["Birmingham"])["Birmingham"].place.country_code == "US"
    assert given_mentions(without, ["Birmingham"])["Birmingham"].place.country_code == "GB"


def test_a_number_before_a_state_abbreviation_is_no_clock_time():
    from khaldun.extract.places_context import clock_countries
    from khaldun.extract.places_lexicon import place_words

    w = place_words()
    assert clock_countries("Voting closes at 8 p.m. EST in 10 CT towns.", w.clock_zone, w.zone_countries) == [
        "US"
    ]
    assert clock_countries("Voters in 10 CT towns.", w.clock_zone, w.zone_countries) == []


def test_an_unknown_village_is_placed_by_a_town_of_the_storys_country(given_mentions):
    """The only town in the sentence is abroad (the club that bought the player): the
    village is placed by the story's focus, Cairo."""
    text = (
        "Boys train at academies across Cairo and Giza, Egypt. Cairo fans adore him, and the dirt "
        "roads of his home village of Nagrig, it is said, made the player Liverpool bought."
    )
    pm = given_mentions(text, ["Cairo", "Giza", "Egypt", "Cairo", "Nagrig", "Liverpool"])["Nagrig"]
    assert pm.place is not None and pm.place.country_code == "EG", pm.to_json()


def test_a_given_name_its_stated_county_does_not_hold_is_placed_by_the_county(given_mentions):
    """No Rockingham of Northamptonshire is in the gazetteer: not Rockingham, Western Australia."""
    text = "The race moves to Rockingham, Northamptonshire, then to Snetterton, Norfolk, in August."
    pm = given_mentions(text, ["Rockingham", "Northamptonshire", "Snetterton", "Norfolk"])["Rockingham"]
    assert pm.place.country_code == "GB" and pm.geo_precision >= 2, pm.to_json()


def test_a_club_named_city_or_town_is_its_town(given_mentions):
    pm = given_mentions("Leeds swept Norwich City aside 4-1 on Monday.", ["Leeds", "Norwich City"])[
        "Norwich City"
    ]
    assert pm.place.name == "Norwich" and pm.place.country_code == "GB"


@pytest.mark.parametrize(
    ("text", "names", "point"),
    [
        # not Montgomery, Alabama: the county the document names is Iowa's
        ("RED OAK, Iowa - The Montgomery County Democrats will hold a forum on Saturday at the "
         "Montgomery County History Center.", ["RED OAK", "Iowa", "Montgomery County",
         "Montgomery County History Center"], (41.01, -95.23)),
        # the story is about Kansas City; the site is London's, as the possessive says
        ("Kansas City airport staff wrote the new pet rules in Kansas City, Missouri. Officials from "
         "London's Heathrow Animal Reception Center helped.", ["Kansas City", "Missouri", "London",
         "Heathrow Animal Reception Center"], (51.5, -0.3)),
    ],
)  # fmt: skip
def test_an_institution_is_placed_where_its_name_or_a_possessive_puts_it(given_mentions, text, names, point):
    pm = given_mentions(text, names)[names[-1]]
    assert _near(pm, point, 40) and pm.geo_precision >= 2, pm.to_json()


def test_a_small_namesake_outside_the_town_the_text_puts_it_in_is_set_aside(given_mentions):
    """ "August in New Orleans" is a restaurant there, not August, California."""
    text = "She cooked at August in New Orleans and at Le Bernardin in New York."
    pm = given_mentions(text, ["August", "New Orleans", "Le Bernardin", "New York"])["August"]
    assert _near(pm, (29.95, -90.07)), pm.to_json()


@pytest.mark.parametrize(
    ("text", "names", "name", "cc"),
    [
        ("The doctor returns to Newark after practicing in New Zealand.", ["Newark", "New Zealand"],
         "Newark", "US"),
        ("The president of Armenia saw a statue of St. Gregory of Narek in Vatican unveiled.",
         ["Armenia", "Narek", "Vatican"], "Narek", "AM"),
    ],
)  # fmt: skip
def test_in_after_a_clause_or_an_epithet_puts_nothing_in_the_next_place(
    given_mentions, text, names, name, cc
):
    pm = given_mentions(text, names)[name]
    assert pm.place is not None and pm.place.country_code == cc and pm.note is None, pm.to_json()


def test_an_institution_listed_beside_another_is_not_placed_in_it(given_mentions):
    text = "He was accepted to Florida Atlantic University, California Polytechnic State University and Yale."
    names = ["Florida Atlantic University", "California Polytechnic State University", "Yale"]
    pm = given_mentions(text, names)["Florida Atlantic University"]
    assert pm.place.country_code == "US" and pm.place.admin1 == "Florida", pm.to_json()
