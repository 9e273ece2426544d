"""Resolution-only mode: given names the gazetteer lacks (institutions, directions,
demonyms), and names listed with states or countries."""

from __future__ import annotations

import pytest

from khaldun.geo.geodesy import km


@pytest.mark.parametrize(
    ("text", "name", "cc", "feature", "place"),
    [
        ("She studied at the University of California before moving east.", "University of California",
         "US", "admin1", "California"),
        ("The Bank of Japan kept its rates unchanged on Tuesday.", "Bank of Japan", "JP", "country", "Japan"),
        ("A fellow of Robinson College Cambridge, he taught in England for years.",
         "Robinson College Cambridge", "GB", "city", "Cambridge"),
        ("Forecasters at Colorado State University expect an active season.", "Colorado State University",
         "US", "admin1", "Colorado"),
        ("Storms are expected across South Florida this weekend.", "South Florida",
         "US", "admin1", "Florida"),
        ("Historians compared the regime to Nazi Germany in the 1930s.", "Nazi Germany", "DE", "country",
         "Germany"),
        ("A spokesman for the British Embassy Tokyo declined to comment.", "British Embassy Tokyo", "JP",
         "city", "Tokyo"),
        ("The bill passed the Iowa House on a party-line vote.", "Iowa House", "US", "admin1", "Iowa"),
        # no part is a place: the nation or region its leading adjective names
        ("A debate hosted by the Russian Higher School of Economics drew students.",
         "Russian Higher School of Economics", "RU", "country", "Russia"),
        ("The European Central Bank kept its rates unchanged.", "European Central Bank", "", "continent",
         "Europe"),
        ("The African National Congress chose a new leader.", "African National Congress", "", "continent",
         "Africa"),
    ],
)  # fmt: skip
def test_a_name_the_gazetteer_lacks_is_the_place_inside_it(resolve_given, text, name, cc, feature, place):
    got = resolve_given(text, [name])[name]
    assert (got.country_code, got.feature, got.name) == (cc, feature, place)


@pytest.mark.parametrize(
    ("text", "name", "other", "wrong"),
    [
        ("The girl was found at the family home in Warren County's Hamilton Township, Ohio.",
         "Hamilton Township", "Warren County", "Hamilton"),
        ("The man was found shot near Tennessee Colony in northern Anderson County, Texas.",
         "Tennessee Colony", "Anderson County", "Tennessee"),
        ("County Road 35, north of Alexandria near Lake Vermont, is closed.", "Lake Vermont", "Alexandria",
         "Vermont"),
        ("Students walked out of Marjory Stoneman Douglas High School in Parkland on Friday.",
         "Marjory Stoneman Douglas High School", "Parkland", "Douglas"),
        ("Pupils of Kendale Lakes Elementary School near Miami were sent home.",
         "Kendale Lakes Elementary School", "Miami", "Lakes"),
    ],
)  # fmt: skip
def test_a_place_named_after_another_is_not_in_it(resolve_given, text, name, other, wrong):
    got = resolve_given(text, [other, name])
    assert name not in got or got[name].name != wrong


@pytest.mark.parametrize(
    ("word", "cc"),
    [("Salvadoran", "SV"), ("Korean", "KR"), ("Serb", "RS"), ("Maltese", "MT"), ("Czechs", "CZ"),
     ("Canadians", "CA")],
)  # fmt: skip
def test_a_given_demonym_is_its_country(resolve_given, word, cc):
    got = resolve_given(f"The {word} delegation arrived on Monday.", [word])[word]
    assert (got.country_code, got.feature) == (cc, "country")


def test_a_given_regional_adjective_is_the_region(resolve_given):
    got = resolve_given("The Sicilian authorities closed the port.", ["Sicilian"])["Sicilian"]
    assert (got.country_code, got.feature, got.name) == ("IT", "admin1", "Sicilia")


@pytest.mark.parametrize(
    ("text", "name", "place"),
    [
        ("Latin stars swept the awards in Houston.", "Latin", "Latin America"),
        ("Central American migrants reached the border.", "Central American", "Central America"),
        ("Austro-Hungarian troops crossed the river.", "Austro", "Austria"),
        ("Ministers met Arab envoys in Paris.", "Arab", "Arabian Peninsula"),
        # "West" used for a bloc is the Western world, unless an area word follows
        ("Sanctions by Western governments hit the rouble.", "Western", "Western world"),
        ("Relations between Moscow and the West soured again.", "West", "Western world"),
        ("Separatists attacked a school in Cameroon's West region.", "West", "West"),
        ("Drought hit farms in Kenya's Western province.", "Western", "Western"),
    ],
)
def test_a_given_adjective_combining_form_or_bloc_is_its_region(resolve_given, text, name, place):
    assert resolve_given(text, [name])[name].name == place


@pytest.mark.parametrize(
    ("text", "names", "name", "feature"),
    [
        ("Performers came from Missouri, New York, North Carolina and Virginia.",
         ["Missouri", "New York", "North Carolina", "Virginia"], "New York", "admin1"),
        ("Tech firms left western states such as California or Washington for Utah.",
         ["California", "Washington", "Utah"], "Washington", "admin1"),
        ("Fans came from as far as Texas and Washington, D.C. to see him.", ["Texas", "Washington"],
         "Washington", "city"),
        ("Clashes were reported in Moscow, Idaho, near the university.", ["Moscow", "Idaho"],
         "Moscow", "city"),
    ],
)  # fmt: skip
def test_a_name_listed_with_states_is_a_state(resolve_given, text, names, name, feature):
    got = resolve_given(text, names)[name]
    assert (got.country_code, got.feature) == ("US", feature)


def test_a_respelling_by_doubled_letters_is_no_own_name(resolve_given):
    """ "Iraan" (Texas) meets "Iran" only through the key's doubled-letter rule."""
    text = (
        "The Arlington woman, who ran a framing shop in Southlake, Texas, was born in Iran "
        "and moved to Houston in 1979."
    )
    got = resolve_given(text, ["Arlington", "Southlake", "Texas", "Iran", "Houston"])
    assert (got["Iran"].country_code, got["Iran"].feature) == ("IR", "country")


def test_a_countrys_abbreviation_from_the_supplement(resolve_given):
    text = "The ministry in Port of Spain said T&T would back Dominica's request in Washington."
    assert resolve_given(text, ["T&T"])["T&T"].country_code == "TT"


@pytest.mark.parametrize(
    ("text", "names", "name", "cc"),
    [
        ("Patients in Derry, Northern Ireland, will travel less once the unit opens; "
         "those in the Republic keep their own clinics.", ["Derry", "Northern Ireland", "Republic"],
         "Republic", "GB"),
        ("Bushfires burned near Newcastle in New South Wales; residents of Glenrock were told to leave.",
         ["Newcastle", "New South Wales", "Glenrock"], "Glenrock", "AU"),
    ],
)  # fmt: skip
def test_a_small_namesake_in_a_country_the_story_never_names_is_not_taken(
    given_mentions, text, names, name, cc
):
    pm = given_mentions(text, names)[name]
    assert pm.place is not None and pm.place.country_code == cc
    assert pm.geo_precision >= 2 and pm.note and ("namesake" in pm.note or "variant" in pm.note)


@pytest.mark.parametrize(
    ("text", "names", "name", "cc"),
    [
        ("Glenrock held its county fair on Saturday.", ["Glenrock"], "Glenrock", "US"),
        ("Glenrock, Wyoming, lies on the North Platte River, far from Sydney.",
         ["Glenrock", "Wyoming", "Sydney"], "Glenrock", "US"),
        ("The Pentagon said the Kremlin had moved troops.", ["Pentagon", "Kremlin"], "Pentagon", "US"),
    ],
)  # fmt: skip
def test_a_namesake_the_story_supports_or_nothing_contradicts_is_kept(given_mentions, text, names, name, cc):
    pm = given_mentions(text, names)[name]
    assert pm.place is not None and pm.place.country_code == cc and pm.note is None


@pytest.mark.parametrize(
    ("text", "names", "name", "cc", "feature"),
    [
        ("Chiefs in SA's Limpopo and North West provinces want more say over land.",
         ["SA", "Limpopo", "North West"], "SA", "ZA", "country"),
        ("Sharks were sighted off Rockingham and Safety Bay, WA, on Sunday.",
         ["Rockingham", "Safety Bay", "WA"], "WA", "AU", "admin1"),
        ("Wildfires spread from Spokane to Yakima, WA, on Sunday.", ["Spokane", "Yakima", "WA"], "WA", "US",
         "admin1"),
        ("Vineyards near Adelaide, SA, were flooded.", ["Adelaide", "SA"], "SA", "AU", "admin1"),
    ],
)  # fmt: skip
def test_a_shared_abbreviation_is_the_state_or_country_the_story_is_about(
    resolve_given, text, names, name, cc, feature
):
    got = resolve_given(text, names)[name]
    assert (got.country_code, got.feature) == (cc, feature)


@pytest.mark.parametrize(
    ("text", "names", "name", "not_cc"),
    [
        ("The OAS met in Washington and SA voted with the majority.", ["SA"], "SA", "CM"),
        ("UK ministers met in London.", ["UK"], "UK", "FR"),
        ("UCLA students marched on Sunday. Police in Los Angeles made no arrests.", ["UCLA", "Los Angeles"],
         "UCLA", "BE"),
        # three letters: not a small town's own name either (Oas, Albay)
        ("Trinidad missed a meeting at the OAS in Washington on March 15.", ["OAS", "Washington"], "OAS",
         "PH"),
    ],
)  # fmt: skip
def test_an_acronym_is_not_a_town_spelt_with_its_letters(given_mentions, text, names, name, not_cc):
    pm = given_mentions(text, names)[name]
    assert pm.place is None or pm.place.country_code != not_cc


@pytest.mark.parametrize(
    ("text", "names", "name", "place"),
    [
        ("A fire closed a motel in Surfside, SC, near Myrtle Beach.", ["Surfside", "SC", "Myrtle Beach"],
         "SC", "South Carolina"),
        ("Storm damage in Clarksdale, MS, was worse than in Memphis.", ["Clarksdale", "MS", "Memphis"],
         "MS", "Mississippi"),
    ],
)  # fmt: skip
def test_a_state_postal_code_is_the_state(resolve_given, text, names, name, place):
    got = resolve_given(text, names)[name]
    assert (got.country_code, got.feature, got.name) == ("US", "admin1", place)


@pytest.mark.parametrize(
    ("name", "area", "kept"),
    [
        ("Wyoming", "Wyoming", True),  # Wyoming, Michigan is far from the state
        ("Buenos Aires", "Buenos Aires", False),  # the capital beside its province
        ("Washington", "Washington", False),  # the capital, however far from the state
    ],
)
def test_a_big_town_shadows_a_same_named_area_only_beside_it_or_as_the_capital(name, area, kept):
    from khaldun.extract.places import _parts

    gaz, readings = _parts()[0], _parts()[3].readings
    found = readings.unshadow(list(gaz.lookup(name)), None)
    assert any(c.feature == "admin1" and c.name == area for c in found) is kept


def test_a_state_is_not_read_as_a_distant_town_of_its_name(resolve_given):
    got = resolve_given("A federal judge in Wyoming halted the methane rule on Wednesday.", ["Wyoming"])
    assert (got["Wyoming"].feature, got["Wyoming"].name) == ("admin1", "Wyoming")


def test_a_territorys_town_is_backed_by_its_sovereign_when_the_story_is_about_it(given_mentions):
    text = (
        "The Washington team flew from Seattle to Saipan, then to Alaska and Hawaii, "
        "before returning to Tacoma and Spokane."
    )
    names = ["Washington", "Seattle", "Saipan", "Alaska", "Hawaii", "Tacoma", "Spokane"]
    saipan = given_mentions(text, names)["Saipan"]
    assert saipan.place is not None and saipan.place.country_code == "MP" and saipan.note is None


@pytest.mark.parametrize(
    ("text", "name", "site", "cc"),
    [
        ("Economists at the University of Massachusetts at Amherst led the study.",
         "University of Massachusetts", "Amherst", "US"),
        ("A chemist at the University of Nebraska in Lincoln tested the samples.", "University of Nebraska",
         "Lincoln", "US"),
        ("Students of the University of California, Los Angeles, marched downtown.",
         "University of California", "Los Angeles", "US"),
        ("The Embassy of Armenia in Rome issued a statement.", "Embassy of Armenia", "Rome", "IT"),
    ],
)  # fmt: skip
def test_an_institution_said_to_stand_elsewhere_than_its_name_is_placed_there(
    given_mentions, text, name, site, cc
):
    got = given_mentions(text, [name, site])
    assert (got[name].place.name, got[name].place.country_code) == (site, cc)
    assert got[name].geo_precision == 2 and "institution" in got[name].note


def test_an_institution_in_the_place_its_name_says_keeps_that_place(given_mentions):
    name = "University of Oxford"
    got = given_mentions("Researchers at the University of Oxford, England, said so.", [name, "England"])
    assert (got[name].place.name, got[name].geo_precision) == ("Oxford", 1)


def test_a_look_alike_spelling_must_lie_near_the_storys_towns(given_mentions):
    """ "Greer Station" (downtown Greer) is no respelling of a town 200 km away: it is
    placed by Greer, the town the text names beside it."""
    text = "Shops fill Greer Station, the old depot district of Greer, between Greenville and Spartanburg."
    pm = given_mentions(text, ["Greer Station", "Greer", "Greenville", "Spartanburg"])["Greer Station"]
    assert pm.lat is not None and km(pm.lat, pm.lon, 34.94, -82.23) < 25, pm.to_json()
