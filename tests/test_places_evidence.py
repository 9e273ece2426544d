"""The evidence the places component weighs beyond the toponym itself: containers the
text states, organisation names and acronyms that only look like places, datelines,
region cues, actor countries and spellings the gazetteer lacks.

Every text here is written for the test from general knowledge."""

from __future__ import annotations

import pytest

from khaldun.acquire.normalize import make_document
from khaldun.extract import Pipeline
from khaldun.extract.base import DocContext
from khaldun.extract.places import PlaceResolver, _parts, locate
from khaldun.extract.places_context import actor_countries
from khaldun.extract.places_rules import fits_container
from khaldun.geo.gazetteer import Candidate
from khaldun.geo.geodesy import km


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(["places"]).nlp


@pytest.fixture(scope="module")
def run(nlp):
    component = PlaceResolver()

    def go(text: str) -> DocContext:
        doc = make_document(text)
        ctx = DocContext(document=doc, doc=nlp(doc.text))
        component(ctx)
        return ctx

    return go


def texts(ctx: DocContext) -> list[str]:
    return [pm.text for pm in ctx.places if pm.place is not None]


def whole(ctx: DocContext):
    return locate(ctx, 0, len(ctx.text))


def test_militia_and_organisation_names_are_not_places(run):
    ctx = run("The Volunteers for the Defence of the Homeland, a civilian militia, patrolled near Kaya.")
    assert "Homeland" not in texts(ctx)
    ctx = run("Forces of the Russian-held town of Tokmak came under fire, Ukrainian officials said.")
    assert not any("held" in t for t in texts(ctx))
    assert "Tokmak" in texts(ctx)


def test_short_upper_case_words_are_organisations_not_places(run):
    ctx = run("Syrian state news agency SANA said shelling hit Aleppo on Monday.")
    assert [pm.place.country_code for pm in ctx.places if pm.place] == ["SY"]


def test_building_named_after_its_town_locates_the_event(run):
    ctx = run("Police arrested the opposition leader at the Islamabad High Court on Tuesday.")
    loc = whole(ctx)
    assert loc is not None and loc.place.country_code == "PK"
    assert km(loc.lat, loc.lon, 33.72, 73.06) < 25


def test_apposition_makes_a_capital_a_place(run):
    ctx = run("Air strikes hit the Yemeni capital, Sanaa, and the port of Hodeidah on Saturday.")
    sanaa = [pm for pm in ctx.places if pm.text == "Sanaa"]
    assert sanaa and sanaa[0].place.country_code == "YE"


def test_near_the_town_of_is_a_relative_location(run):
    ctx = run("A drone struck a car near the southern coastal town of Tyre in Lebanon on Sunday.")
    tyre = next(pm for pm in ctx.places if pm.text == "Tyre")
    assert tyre.relation == "near" and tyre.geo_precision == 2


def test_dateline_is_not_the_event_place(run):
    ctx = run(
        "BEIRUT, March 3 (Levant Wire) - An air strike hit a house in Nabatieh on Sunday, killing two.\n"
        "Rescue teams searched the rubble in Nabatieh for hours."
    )
    sent = ctx.text.split("\n")[0]
    loc = locate(ctx, 0, len(sent))
    assert loc is not None and loc.text == "Nabatieh"


def test_locate_tie_goes_to_the_place_nearest_the_anchor(run):
    text = "Protesters marched in Homs while security forces fired on crowds in Hama on Friday."
    ctx = run(text)
    assert locate(ctx, 0, len(text)).text == "Homs"
    assert locate(ctx, 0, len(text), anchor=text.index("fired")).text == "Hama"


def test_town_container_contradicts_a_far_namesake():
    idlib = Candidate(1, "Idlib", 35.93, 36.63, "SY", "city", 128_000, 1, "09", "Idlib", None, False, "g")
    near = Candidate(2, "Binnish", 35.96, 36.71, "SY", "city", 21_000, 2, "09", "Idlib", None, False, "g")
    far = Candidate(3, "Chorin", 52.90, 13.88, "DE", "city", 800, 3, "11", "Brandenburg", None, False, "g")
    assert fits_container(idlib, near, big=False)
    assert not fits_container(idlib, far, big=False)
    assert fits_container(idlib, far, big=True)  # a big town is let be ("fighters from Raqqa in Mosul")


def test_bracketed_province_list_is_recognised(run):
    ctx = run("Soldiers raided Somekind village, Kumbo subdivision (Bui-Wide, Nord-Ouest), on Friday.")
    region = [pm for pm in ctx.places if pm.text == "Nord-Ouest"]
    assert region and region[0].place.country_code == "CM"  # the document's other names say Cameroon
    assert "Bui" not in texts(ctx) and "Wide" not in texts(ctx)  # one name, not a pair


def test_hyphen_pair_split_only_for_a_road_or_front(run):
    _gaz, _words, rec, _res, _b = _parts()
    text = "Traffic stopped on the Homs-Hama highway. Homs-Hama officials met."
    first = rec._split_pair(text, text.index("Homs"), text.index(" highway"))
    second = rec._split_pair(text, text.rindex("Homs-Hama"), text.rindex(" officials"))
    assert len(first) == 2 and len(second) == 1


def test_region_cue_names_its_provinces():
    _gaz, _words, _rec, resolver, _b = _parts()
    cued = resolver.cued_provinces("The OSCE SMM recorded 12 explosions overnight.")
    assert {cc for cc, _ in cued} == {"UA"} and len(cued) == 2


def test_actor_registry_gives_country_evidence():
    assert actor_countries("GNA forces shelled LNA positions south of the capital.") == ["LY"]
    assert actor_countries("Nothing here names an armed group.") == []


def test_spelling_variant_resolves_with_the_documents_support(run):
    ctx = run("Kurdish-led forces arrested three men in Quamishli, in northeastern Syria, on Monday.")
    pm = [pm for pm in ctx.places if pm.text == "Quamishli"]
    assert pm and pm[0].place.country_code == "SY"
    assert km(pm[0].lat, pm[0].lon, 37.05, 41.23) < 25


def test_missing_village_in_a_province_sits_at_the_town_the_province_is_named_after(run):
    ctx = run("Residents of Zzyzxville, Buenos Aires, banged pots in protest on Thursday.")
    loc = whole(ctx)
    assert loc is not None and loc.place.country_code == "AR"
    assert km(loc.lat, loc.lon, -34.61, -58.38) < 40  # the capital next door, not Mar del Plata


def test_a_determiner_before_city_or_state_names_no_place(run):
    ctx = run(
        "The council met in Alexandria, Virginia, on Monday. The city will have to prioritize, the "
        "mayor said. The state is spending more, and this town is quiet."
    )
    assert texts(ctx) == ["Alexandria", "Virginia"]


def test_a_persons_surname_alone_is_the_person_not_a_namesake_town(run):
    ctx = run(
        "Village council member Jane Moore was arrested at her home in Hamilton, Ohio. "
        "Moore said she resigned a few weeks ago. The council is reviewing candidates to fill the seat "
        "vacated by Moore."
    )
    assert "Moore" not in texts(ctx) and "Hamilton" in texts(ctx)


def test_a_surname_that_the_text_marks_as_a_place_stays_a_place(run):
    ctx = run("Sheriff Tom Moore said the tornado struck Moore, Oklahoma, on Monday night.")
    assert [pm.place.admin1 for pm in ctx.places if pm.text == "Moore"] == ["Oklahoma"]


def test_a_surname_that_is_also_a_small_foreign_province_is_the_person(run):
    ctx = run("Officer Juan Flores, 34, of Fresno, was injured. According to Flores, the man fired twice.")
    assert "Flores" not in texts(ctx) and "Fresno" in texts(ctx)


def test_olympic_is_no_place(run):
    ctx = run("Builders of the Olympic venues in Sochi, Russia, asked for more time.")
    assert "Olympic" not in texts(ctx) and "Sochi" in texts(ctx)


def test_a_name_said_twice_is_no_evidence_for_itself(resolve_given):
    # both "Columbus" mentions once chose Ohio and then vouched for each other's province
    text = (
        "A Hagerstown man was arrested after a chase that began in Columbus. Columbus police said the "
        "man had fled from New Castle."
    )
    got = resolve_given(text, ["Hagerstown", "Columbus", "New Castle"], every=True)
    assert got["Columbus"].admin1 == got["New Castle"].admin1 == "Indiana"


def test_a_province_read_through_an_adjective_is_not_named(resolve_given):
    # "English" fans say nothing about the town called Washington in England: the capital stays
    text = (
        "English football fans flew from London to Moscow. Russian police met them. Diplomats in "
        "Washington said the United States was watching."
    )
    names = ["English", "London", "Moscow", "Russian", "Washington", "United States"]
    assert resolve_given(text, names)["Washington"].admin1 == "District of Columbia"


def test_a_small_town_in_another_province_than_the_named_ones_is_set_aside(given_mentions):
    text = (
        "Brass bands marched through New Orleans, Louisiana, on Sunday. Crowds lined Bourbon and the "
        "side streets until dawn."
    )
    got = given_mentions(text, ["New Orleans", "Louisiana", "Bourbon"])["Bourbon"]
    assert got.place.admin1 == "Louisiana" and "document's provinces" in got.note


@pytest.mark.parametrize(
    ("text", "names", "name", "where"),
    [
        # the first place a story names is its own, wherever the others lie
        ("Laconia police arrested two men on Friday. One of them had moved from Alaska last year.",
         ["Laconia", "Alaska"], "Laconia", "New Hampshire"),
        # a town abroad is weighed by its country, not by the provinces named at home
        ("Volunteers from Minnesota and Iowa flew to New Zealand after flooding cut off Wairoa.",
         ["Minnesota", "Iowa", "New Zealand", "Wairoa"], "Wairoa", "Hawke's Bay"),
    ],
)  # fmt: skip
def test_towns_the_province_rule_leaves_alone(resolve_given, text, names, name, where):
    assert resolve_given(text, names)[name].admin1 == where


def test_a_set_aside_name_falls_back_to_a_namesake_that_fits_any_story(resolve_given):
    # London, Ohio is set aside in a story about Washington and New York: the capital remains
    text = (
        "Officials in Washington, D.C. said on Monday that the United States would sign the deal in "
        "London. New York markets rose. The U.S. team flies to London on Friday."
    )
    names = ["Washington", "D.C.", "United States", "London", "New York", "U.S."]
    assert resolve_given(text, names, every=True)["London"].country_code == "GB"


def test_a_bare_district_name_after_its_full_name_is_the_district(given_spans):
    # "Suffolk City" (Suffolk, Virginia) no longer drags the bare "Suffolk" out of New York
    text = (
        "Suffolk County detectives found the remains under a house in Southold, said Suffolk City chief "
        "of detectives Gerard Gigante. The Suffolk Times first reported the find."
    )
    got = given_spans(text, r"Suffolk County|Southold|Suffolk City|Suffolk(?= Times)")
    assert (got["Suffolk"].feature, got["Suffolk"].admin1) == ("admin2", "New York")


@pytest.mark.parametrize(
    ("text", "name", "feature", "cc"),
    [
        ("Armenian officials said mines were laid on the territory of Georgia near the border.", "Georgia",
         "country", "GE"),
        ("Envoys from the State of Qatar arrived on Monday.", "Qatar", "country", "QA"),
        ("Shelling hit the region of Kharkiv overnight.", "Kharkiv", "admin1", "UA"),
        ("Rebels entered the province of Idlib on Sunday.", "Idlib", "admin1", "SY"),
    ],
)  # fmt: skip
def test_territory_state_or_region_before_a_name_fits_a_country_as_well_as_a_province(
    resolve_given, text, name, feature, cc
):
    got = resolve_given(text, [name])[name]
    assert (got.feature, got.country_code) == (feature, cc)


def test_a_country_is_in_no_state_or_town_the_text_names_after_it(resolve_given):
    text = "Officials of the Jamaica mission in Washington asked the United States to waive the fee."
    got = resolve_given(text, ["Jamaica", "Washington", "United States"])
    assert (got["Jamaica"].feature, got["Washington"].feature) == ("country", "city")
