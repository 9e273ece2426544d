"""Event assembly rules on texts written for these tests: which date mention is the
event's, typing rules that need context, and who the actors are."""

from __future__ import annotations

import datetime as dt


def first_type(ext) -> str | None:
    return ext.events[0].sub_event_type if ext.events else None


# -- dates: which mention is the event's ---------------------------------------
def _of_type(ext, sub: str):
    found = [e for e in ext.events if e.sub_event_type == sub]
    assert found, (sub, [e.to_json() for e in ext.events])
    return found[0]


def test_stated_date_beats_the_date_of_the_report(extract):
    ext = extract(
        "Clashes between two rival militias erupted in the capital on Monday night, "
        "officials said on Wednesday.",
        published="2024-03-07",
    )
    assert _of_type(ext, "Armed clash").date.start_date == dt.date(2024, 3, 4)


def test_date_of_a_side_remark_is_another_events(extract):
    ext = extract(
        "Investigators began exhuming bodies from a mass grave near Kherson, "
        "a city retaken by the army last week.",
        published="2022-11-25",
    )
    other = _of_type(ext, "Other")
    assert other.date.text == "" and other.date.precision == "week"  # publication, not "last week"
    assert _of_type(ext, "Government regains territory").date.text == "last week"


def test_date_of_a_clause_about_a_participant_is_the_events(extract):
    ext = extract(
        "Police opened fire on protesters who stormed the parliament in Nairobi on Tuesday, killing five.",
        published="2024-06-26",
    )
    assert _of_type(ext, "Excessive force against protesters").date.start_date == dt.date(2024, 6, 25)


def test_finest_stated_date_of_merged_mentions(extract):
    text = (
        "Soldiers torched dozens of houses in two villages in Myanmar's Sagaing region last week, "
        "residents said.\n"
        "Troops entered the villages on Thursday and set fire to homes after the residents had fled."
    )
    ext = extract(text, published="2023-02-08")
    looting = [e for e in ext.events if e.sub_event_type == "Looting/property destruction"]
    assert len(looting) == 1 and looting[0].date.start_date == dt.date(2023, 2, 2)


def test_announced_withdrawal_is_a_change_of_activity_dated_by_the_announcement(extract):
    ext = extract(
        "The militia's commander said on Friday that his fighters would pull out of the town on May 10.",
        published="2023-05-05",
    )
    assert [e.sub_event_type for e in ext.events] == ["Change to group/activity"]
    assert ext.events[0].date.start_date == dt.date(2023, 5, 5)


# -- typing rules ------------------------------------------------------------------
def test_hostages_a_protest_is_about_are_no_abduction(extract):
    ext = extract(
        "Thousands rallied in the city on Saturday to demand the release of the hostages held by the group.",
        published="2024-03-03",
    )
    assert [e.sub_event_type for e in ext.events] == ["Peaceful protest"]


def test_intercepted_rockets_are_disrupted_weapons_use(extract):
    ext = extract(
        "The Israeli military said most of the rockets had been intercepted by its air defence system.",
        published="2024-03-03",
    )
    ev = _of_type(ext, "Disrupted weapons use")
    assert ev.actor1 is not None and "Israel" in ev.actor1.name


def test_crowd_that_kills_is_mob_violence(extract):
    ext = extract(
        "A crowd in the market town beat and burned to death two suspected thieves on Sunday, police said.",
        published="2024-03-05",
    )
    assert first_type(ext) == "Mob violence"


def test_blockade_imposed_by_a_group_is_a_change_of_activity(extract):
    ext = extract(
        "Al Shabaab announced on Monday that it was imposing a blockade on the town of Baidoa.",
        published="2024-03-06",
    )
    ev = _of_type(ext, "Change to group/activity")
    assert ev.actor1 is not None and "Shabaab" in ev.actor1.name


def test_words_inside_a_name_are_no_trigger(extract):
    ext = extract(
        "The Organisation for the Prohibition of Chemical Weapons said it would review the report.",
        published="2024-03-06",
    )
    assert ext.events == [], [e.to_json() for e in ext.events]


def test_protest_that_ended_peacefully_is_not_escalated_by_a_later_one(extract):
    text = (
        "Thousands of people rallied in the capital on Saturday against the government, and the rally "
        "ended peacefully.\nLater, police used water cannon to disperse hundreds of demonstrators who "
        "blocked a highway."
    )
    ext = extract(text, published="2024-03-03")
    subs = sorted(e.sub_event_type for e in ext.events if e.event_type == "Protests")
    assert subs == ["Peaceful protest", "Protest with intervention"], [e.to_json() for e in ext.events]


def test_one_event_per_place_named_side_by_side(extract):
    ext = extract("Warplanes bombed the cities of Aleppo and Homs on Sunday.", published="2024-03-04")
    strikes = [e for e in ext.events if e.sub_event_type == "Air/drone strike"]
    names = sorted(e.location.place.name for e in strikes if e.location and e.location.place)
    assert names == ["Aleppo", "Homs"], [e.to_json() for e in ext.events]


def test_event_where_only_the_origin_is_named_happens_where_the_story_is(extract):
    text = (
        "Militants fired a barrage of rockets at Ashkelon on Monday.\n"
        "The army said the rockets had been launched from the Gaza Strip and that most were intercepted."
    )
    ext = extract(text, published="2024-03-05")
    ev = _of_type(ext, "Disrupted weapons use")
    assert (
        ev.location is not None and ev.location.place is not None and ev.location.place.country_code == "IL"
    )


# -- actors ------------------------------------------------------------------------
def test_armed_wing_is_named_by_its_movement(extract):
    ext = extract(
        "Hamas's armed wing, the Qassam Brigades, fired rockets at Ashkelon.", published="2024-03-06"
    )
    ev = _of_type(ext, "Shelling/artillery/missile attack")
    assert ev.actor1 is not None and ev.actor1.name == "Hamas"


def test_the_accused_is_the_doer(extract):
    ext = extract(
        "The government accused Al Shabaab on Tuesday of shelling the market in Baidoa.",
        published="2024-03-06",
    )
    ev = _of_type(ext, "Shelling/artillery/missile attack")
    assert ev.actor1 is not None and "Shabaab" in ev.actor1.name


def test_violent_event_continues_the_story_of_the_one_before(extract):
    text = (
        "Al Shabaab fighters looted shops in the village of Bulo Burde on Monday.\n"
        "Witnesses also described the killing of five farmers near the river."
    )
    ext = extract(text, published="2024-03-06")
    ev = _of_type(ext, "Attack")
    assert ev.actor1 is not None and "Shabaab" in ev.actor1.name


def test_territory_regained_without_a_named_doer_is_the_states(extract):
    ext = extract(
        "Residents returned to Kherson on Monday, a week after the city was recaptured from Russian forces.",
        published="2022-11-20",
    )
    ev = _of_type(ext, "Government regains territory")
    assert ev.actor2 is not None and ev.actor2.name == "Military Forces of Russia"
    assert ev.actor1 is not None and ev.actor1.name == "Military Forces of Ukraine"
