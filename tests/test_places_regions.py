"""Contested regions, Russia's North Caucasus republics under their English names, and
the rivers, lakes and straits war reporting names (places_supplement.tsv), each
against the towns and villages that share a name with it.

Every text here is written for the test from general knowledge."""

from __future__ import annotations

import pytest

from khaldun.extract.base import DocContext
from khaldun.extract.places import locate
from khaldun.geo.geodesy import km


@pytest.mark.parametrize(
    ("text", "name", "cc", "feature", "near"),
    [
        ("Russian troops in Abkhazia and South Ossetia were reinforced, Tbilisi said.", "Abkhazia", "GE",
         "admin1", (43.0, 41.0)),
        ("Russian troops in Abkhazia and South Ossetia were reinforced, Tbilisi said.", "South Ossetia", "GE",
         "region", (42.2, 43.97)),
        ("Militants attacked a police post in Chechnya on Monday, officials in Grozny said.", "Chechnya",
         "RU", "admin1", (43.3, 45.7)),
        ("Gunmen attacked a checkpoint in Dagestan, near the border with Chechnya.", "Dagestan", "RU",
         "admin1", (43.0, 47.0)),
        ("Clan militias clashed with Somaliland forces near Las Anod.", "Somaliland", "SO", "region",
         (9.5, 46.0)),
        ("Troops pushed into the Qalamoun mountains north of Damascus.", "Qalamoun mountains", "SY",
         "region", (34.0, 36.6)),
        ("Hezbollah fighters moved through the Bekaa Valley towards the border.", "Bekaa Valley", "LB",
         "region", (33.9, 35.9)),
        # a river stands at its mouth, as GeoNames places streams (the Euphrates joins the Tigris)
        ("Fighters crossed the Euphrates east of Deir ez-Zor under fire.", "Euphrates", "", "water",
         (31.0, 47.4)),
        ("Barges moved down the Mississippi River past Baton Rouge.", "Mississippi River", "US", "water",
         (29.15, -89.25)),
        ("Floods hit villages across Trinidad, the Trinidad and Tobago government said.", "Trinidad", "TT",
         "region", (10.45, -61.3)),
        ("Emirati troops landed on Socotra, Yemeni officials said.", "Socotra", "YE", "region",
         (12.5, 53.9)),
        # a former state: the region it covered, at its successor's point where there is one
        ("Veterans recalled the war the Soviet Union fought in Afghanistan.", "Soviet Union", "RU", "region",
         (60.0, 100.0)),
        ("Refugees from the former Yugoslavia settled in Vienna.", "former Yugoslavia", "", "region",
         (44.0, 18.7)),
        ("A tanker was seized in the Bosphorus, Turkish officials said.", "Bosphorus", "TR", "sea",
         (41.1, 29.05)),
        ("Typhoon rains flooded towns across Luzon, Manila said.", "Luzon", "PH", "region", (16.0, 121.0)),
        ("Volcanic ash closed airports on Java, Indonesian officials said.", "Java", "ID", "region",
         (-7.5, 110.0)),
    ],
)  # fmt: skip
def test_a_region_or_river_beats_its_namesake_towns(given_mentions, text, name, cc, feature, near):
    place = given_mentions(text, [name])[name].place
    assert place is not None and (place.country_code, place.feature) == (cc, feature)
    assert km(place.latitude, place.longitude, *near) < 250


def test_a_river_is_water_and_the_event_on_it_is_placed_at_the_town_named_beside_it(extract):
    ext = extract("Fighters crossed the Euphrates near Mayadin on Tuesday.")
    river = next(pm for pm in ext.places if pm.text == "Euphrates")
    assert river.place is not None and river.place.feature == "water" and river.geo_precision == 3
    ctx = DocContext(document=ext.document, doc=None, places=ext.places)  # type: ignore[arg-type]
    where = locate(ctx, 0, len(ext.document.text))
    assert where is not None and where.text == "Mayadin" and where.place.country_code == "SY"  # type: ignore[union-attr]


def test_a_village_the_gazetteer_lacks_says_where_it_was_placed_and_why(extract):
    ext = extract("Rebels shelled the village of Kafr Zubaydiyah, north of Aleppo, on Tuesday.")
    village = next(pm for pm in ext.places if pm.text == "Kafr Zubaydiyah").to_json()
    assert village["name"] == "Aleppo" and village["geo_precision"] == 2 and village["relation"] == "near"
    assert village["note"].startswith("not in gazetteer; placed at Aleppo")


@pytest.mark.parametrize(
    ("text", "names", "name", "cc", "feature"),
    [
        ("Wildfires spread along the West Coast from Oregon to California.", ["West Coast", "Oregon",
         "California"], "West Coast", "US", "region"),
        ("Floods cut roads on the West Coast near Greymouth and Hokitika, New Zealand police said.",
         ["West Coast", "Greymouth", "Hokitika", "New Zealand"], "West Coast", "NZ", "admin1"),
        ("Snow closed roads across Yorkshire, and trains from Leeds to York were cancelled.",
         ["Yorkshire", "Leeds", "York"], "Yorkshire", "GB", "region"),
        ("Farmers in the Midlands province near Gweru said the rains failed, Harare said.",
         ["Midlands", "Gweru", "Harare"], "Midlands", "ZW", "admin1"),
        ("Tech firms in Silicon Valley and the Bay Area cut jobs, San Jose officials said.",
         ["Silicon Valley", "Bay Area", "San Jose"], "Bay Area", "US", "region"),
    ],
)  # fmt: skip
def test_a_regional_name_is_the_region_of_the_story_s_country(given_mentions, text, names, name, cc, feature):
    place = given_mentions(text, names)[name].place
    assert place is not None and (place.country_code, place.feature) == (cc, feature)
