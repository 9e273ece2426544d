"""Toponym recognition, disambiguation by context, relative locations and locate().

Every text here is written for the test; each ambiguous name must be decided by
the evidence its text gives (other places, containment, feature words)."""

from __future__ import annotations

import pytest

from khaldun.acquire.normalize import make_document
from khaldun.extract import Pipeline
from khaldun.extract.base import DocContext
from khaldun.extract.places import PlaceResolver, locate
from khaldun.geo.geodesy import km
from khaldun.records import PlaceMention


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(["places"]).nlp


@pytest.fixture(scope="module")
def run(nlp):
    component = PlaceResolver()

    def go(text: str, mentions=None) -> DocContext:
        doc = make_document(text)
        ctx = DocContext(document=doc, doc=nlp(doc.text), mentions=mentions)
        component(ctx)
        return ctx

    return go


def place(ctx: DocContext, name: str, nth: int = 0) -> PlaceMention:
    found = [pm for pm in ctx.places if pm.text == name]
    assert len(found) > nth, [(pm.text, pm.place and pm.place.name) for pm in ctx.places]
    return found[nth]


def near(pm: PlaceMention, lat: float, lon: float, limit: float = 30.0) -> bool:
    return pm.lat is not None and km(pm.lat, pm.lon, lat, lon) <= limit


# (text, toponym, country, (lat, lon) or None): one ambiguous name per line, decided by its text
CASES = [
    (
        "Islamic State fighters withdrew from Palmyra, the ancient city in Homs province.",
        "Palmyra",
        "SY",
        (34.56, 38.28),
    ),
    (
        "The Shire of Cuballing and the town of Palmyra, Western Australia, near Perth, held a fair.",
        "Palmyra",
        "AU",
        None,
    ),
    (
        "Students from Palmyra, Pennsylvania, near Hershey and Harrisburg, won the contest.",
        "Palmyra",
        "US",
        (40.31, -76.59),
    ),
    (
        "Militias clashed in Tripoli, the Libyan capital, and in Misrata on Sunday.",
        "Tripoli",
        "LY",
        (32.89, 13.19),
    ),
    (
        "Gunfire erupted in Tripoli, in northern Lebanon, between Bab al-Tabbaneh and Jabal Mohsen.",
        "Tripoli",
        "LB",
        (34.43, 35.84),
    ),
    ("Government forces shelled Homs, Syria's third largest city, and Hama.", "Homs", "SY", (34.73, 36.72)),
    (
        "The coastal town of Al Khums, east of Tripoli in Libya, was hit by rockets.",
        "Al Khums",
        "LY",
        (32.65, 14.26),
    ),
    ("Russian forces shelled Kherson city from across the Dnipro river.", "Kherson", "UA", (46.64, 32.61)),
    ("Fighting spread across the Kherson region, Ukraine's officials said.", "Kherson", "UA", None),
    ("Barrel bombs hit eastern Aleppo, the divided city in northern Syria.", "Aleppo", "SY", (36.20, 37.16)),
    (
        "The delegation flew from Saint Petersburg to Moscow to meet Russian officials.",
        "Saint Petersburg",
        "RU",
        (59.94, 30.31),
    ),
    (
        "Flooding closed roads in St. Petersburg, Florida, and in Tampa.",
        "St. Petersburg",
        "US",
        (27.77, -82.68),
    ),
    (
        "Protesters gathered in Alexandria and Cairo, Egypt's largest cities.",
        "Alexandria",
        "EG",
        (31.20, 29.92),
    ),
    (
        "The council of Alexandria, Virginia, near Washington, approved the budget.",
        "Alexandria",
        "US",
        (38.80, -77.05),
    ),
    (
        "Peshmerga forces entered Kirkuk after Iraqi troops withdrew from the city.",
        "Kirkuk",
        "IQ",
        (35.47, 44.39),
    ),
    (
        "Kurdish fighters retook Kobane from Islamic State near the Turkish border in Syria.",
        "Kobane",
        "SY",
        (36.89, 38.35),
    ),
    (
        "Air strikes hit Ayn al-Arab, the Kurdish town in Aleppo province.",
        "Ayn al-Arab",
        "SY",
        (36.89, 38.35),
    ),
    ("Ukrainian troops recaptured Izium in Kharkiv region in September.", "Izium", "UA", (49.21, 37.28)),
    (
        "Ukrainian troops recaptured Izyum after Russian units fled towards Kupiansk.",
        "Izyum",
        "UA",
        (49.21, 37.28),
    ),
    (
        "The RSF shelled El Fasher, the capital of North Darfur, for a third day.",
        "El Fasher",
        "SD",
        (13.63, 25.35),
    ),
    (
        "Thousands fled Al-Fashir as fighting reached the Darfur town's outskirts.",
        "Al-Fashir",
        "SD",
        (13.63, 25.35),
    ),
    ("IS destroyed the ruins of Tadmor, an oasis town in the Syrian desert.", "Tadmor", "SY", (34.56, 38.28)),
    ("A Purdue student from Lafayette, Ind., was honored on Friday.", "Lafayette", "US", (40.42, -86.88)),
    ("Flooding in Lafayette, Louisiana, closed schools across Acadiana.", "Lafayette", "US", (30.22, -92.02)),
    ("Riot police fired tear gas in Paris, the French capital, on Saturday.", "Paris", "FR", (48.86, 2.35)),
    ("A tornado hit Paris, Texas, and damaged homes in Lamar County.", "Paris", "US", (33.66, -95.56)),
    ("Russian tanks rolled into Georgia, towards Gori and Tbilisi.", "Georgia", "GE", None),
    ("Storms hit Atlanta, Georgia, and Savannah on Monday.", "Georgia", "US", None),
    (
        "Clashes were reported in Moscow, Idaho, near the University of Idaho.",
        "Moscow",
        "US",
        (46.73, -117.0),
    ),
    ("Israeli strikes hit Rafah and Khan Younis in the southern Gaza Strip.", "Rafah", "PS", (31.30, 34.24)),
    ("US-backed forces captured Shaddadi in Hasakah province from IS.", "Shaddadi", "SY", (36.06, 40.73)),
    (
        "Rebels advanced on Dabiq, north of Aleppo, a town with symbolic meaning for IS.",
        "Dabiq",
        "SY",
        (36.54, 37.27),
    ),
    (
        "A car bomb exploded in Maiduguri, the capital of Borno state, on Tuesday.",
        "Maiduguri",
        "NG",
        (11.85, 13.16),
    ),
    ("Houthi forces fired missiles at Marib city in Yemen.", "Marib", "YE", None),
    ("Demonstrators marched in Sidon and Tyre in southern Lebanon.", "Tyre", "LB", (33.27, 35.20)),
    ("Israeli strikes on Gaza killed 20 people overnight, medics said.", "Gaza", "PS", (31.45, 34.4)),
    ("Floods hit Gaza province in southern Mozambique, near Xai-Xai.", "Gaza", "MZ", None),
]


@pytest.mark.parametrize(("text", "name", "country", "point"), CASES, ids=[f"{c[1]}-{c[2]}" for c in CASES])
def test_ambiguous_names_decided_by_context(run, text, name, country, point):
    pm = place(run(text), name)
    assert pm.place is not None and pm.place.country_code == country, pm.to_json()
    if point is not None:
        assert near(pm, *point), pm.to_json()


def test_provinces_and_countries_resolve_with_their_type(run):
    ctx = run(
        "Fighting in Homs province and Donetsk Oblast spread, while aid reached North Darfur and Syria."
    )
    assert place(ctx, "Homs").place.feature == "admin1"
    assert place(ctx, "Homs").geo_precision == 3
    assert place(ctx, "Donetsk").place.feature == "admin1"  # "Oblast" says so; the span is the name
    assert place(ctx, "North Darfur").place.feature == "admin1"
    assert place(ctx, "Syria").place.feature == "country"


def test_city_over_same_named_province_unless_said(run):
    ctx = run("Residents fled Aleppo province as government forces pushed into eastern Aleppo.")
    assert place(ctx, "Aleppo", 0).place.feature == "admin1"
    assert place(ctx, "Aleppo", 1).place.feature == "city"


def test_demonyms_and_organisations_are_not_places(run):
    ctx = run(
        "Syrian troops and Iraqi militias fought Islamic State, the Syrian Observatory for Human Rights said."
    )
    texts = {pm.text for pm in ctx.places}
    assert not texts & {"Syrian", "Iraqi", "Islamic State", "Syrian Observatory", "Observatory"}, texts


def test_common_words_are_not_places(run):
    ctx = run("Police said on Sunday that the President will visit in May. Hope remains, officials said.")
    assert ctx.places == []


def test_site_missing_from_gazetteer_placed_near_its_town(run):
    ctx = run(
        "The army said it had retaken Syriatel Hill, a strategic site close to Palmyra's ancient castle."
    )
    hill = place(ctx, "Syriatel Hill")
    assert hill.geo_precision == 2 and near(hill, 34.56, 38.28, 10)
    assert hill.note and "not in gazetteer" in hill.note


def test_unknown_village_placed_in_its_stated_province(run):
    ctx = run("Regime forces shelled the village of Khirbet Zawrqash in Idlib province on Monday.")
    pm = place(ctx, "Khirbet Zawrqash")
    assert pm.place is not None and pm.place.country_code == "SY"
    assert pm.geo_precision >= 2 and pm.note


def test_distance_and_bearing_give_an_offset_point(run):
    ctx = run("Russian positions 20 km south of Kherson were shelled overnight.")
    pm = place(ctx, "Kherson")
    assert pm.relation == "20 km south of" and pm.geo_precision == 2
    assert 18 < km(pm.lat, pm.lon, pm.place.latitude, pm.place.longitude) < 22
    assert pm.lat < pm.place.latitude


def test_outskirts_and_countryside(run):
    ctx = run("Clashes broke out on the outskirts of Deir ez-Zor and in Palmyra's countryside.")
    assert place(ctx, "Deir ez-Zor").relation == "outskirts"
    assert place(ctx, "Palmyra").relation == "countryside"
    assert all(pm.geo_precision == 2 for pm in ctx.places)


def test_between_two_towns_is_the_midpoint(run):
    ctx = run("Fighting raged between Homs and Palmyra for a week.")
    a, b = place(ctx, "Homs"), place(ctx, "Palmyra")
    assert a.relation and "between" in a.relation and (a.lat, a.lon) == (b.lat, b.lon)
    assert km(a.lat, a.lon, 34.73, 36.72) > 50 and km(a.lat, a.lon, 34.56, 38.28) > 50


def test_road_between_towns(run):
    ctx = run("Rebels cut the Aleppo-Damascus highway near Saraqib.")
    pm = place(ctx, "Aleppo")
    assert pm.relation and "highway" in pm.relation and pm.geo_precision == 2


def test_resolution_only_mode_resolves_exactly_the_given_spans(run):
    text = "IS fighters left Palmyra and moved towards Raqqa, Syrian state media said."
    start = text.index("Palmyra")
    ctx = run(text, mentions=[(start, start + len("Palmyra"))])
    assert [(pm.start, pm.end) for pm in ctx.places] == [(start, start + 7)]
    assert ctx.places[0].place.country_code == "SY"


def test_demonym_given_as_toponym_resolves_to_its_country(run):
    text = "Russian officials met in Geneva."
    ctx = run(text, mentions=[(0, 7)])
    assert ctx.places[0].place.feature == "country" and ctx.places[0].place.country_code == "RU"


def test_records_point_into_the_text(run):
    ctx = run(
        "MAIDUGURI, Nigeria (Reuters) - Gunmen killed 12 farmers near Maiduguri and in Konduga, Borno state."
    )
    for pm in ctx.places:
        assert ctx.text[pm.start : pm.end] == pm.text


def test_locate_prefers_the_most_specific_place(run):
    ctx = run("In Syria, regime aircraft bombed the town of Saraqib in Idlib province on Monday.")
    loc = locate(ctx, 0, len(ctx.text))
    assert loc is not None and loc.text == "Saraqib"


def test_locate_skips_qualifying_province_and_origin(run):
    ctx = run("Fighters from Raqqa attacked an army post in Deir ez-Zor, Syria.")
    assert locate(ctx, 0, len(ctx.text)).text == "Deir ez-Zor"
    ctx = run("Shelling hit Yasynuvata, Donetsk, overnight.")
    assert locate(ctx, 0, len(ctx.text)).text == "Yasynuvata"


def test_locate_falls_back_to_the_dateline_focus(run):
    text = (
        "MAIDUGURI, Nigeria (Reuters) - Boko Haram fighters attacked a military base on Tuesday.\n"
        "Soldiers repelled the attack after hours of fighting, an army spokesman said."
    )
    ctx = run(text)
    second = ctx.text.index("Soldiers")
    loc = locate(ctx, second, len(ctx.text))
    assert loc is not None and loc.place.name == "Maiduguri" and loc.geo_precision == 1
    assert "focus" in (loc.note or "")


def test_locate_puts_a_province_at_its_largest_town(run):
    ctx = run("Protests broke out across Homs province on Friday.")
    loc = locate(ctx, 0, len(ctx.text))
    assert loc.geo_precision == 3 and near(loc, 34.73, 36.72, 15)


def test_locate_without_any_place_is_none(run):
    ctx = run("Nothing happened that day, officials said.")
    assert locate(ctx, 0, len(ctx.text)) is None
