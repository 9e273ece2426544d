"""Event typing and assembly: every ACLED sub-event type on texts written for these
tests, texts that must yield nothing, and the assembly rules (dates, merging, order)."""

from __future__ import annotations

import datetime as dt

import pytest

from khaldun.extract.event_lexicon import load_lexicon
from khaldun.extract.phrase_index import Elem, PhraseIndex
from khaldun.records import EVENT_TYPES, SUB_EVENT_TYPES

# (text, the sub-event type of the first event). Two or more per type.
TYPED = [
    (
        "Government troops and rebels clashed near the town of Kidal on Monday, leaving 12 fighters dead.",
        "Armed clash",
    ),
    (
        "Heavy fighting broke out between the army and Al-Shabaab militants in the Lower Shabelle region.",
        "Armed clash",
    ),
    (
        "Militants ambushed an army convoy near Diffa, and soldiers returned fire for two hours.",
        "Armed clash",
    ),
    (
        "The army said on Sunday it had recaptured the town of Bama from Boko Haram insurgents.",
        "Government regains territory",
    ),
    (
        "Iraqi forces retook the district after a three-week offensive against Islamic State.",
        "Government regains territory",
    ),
    (
        "Islamic State fighters seized the town of Hit after government forces collapsed.",
        "Non-state actor overtakes territory",
    ),
    (
        "Rebels overran a military base in the north and took control of the nearby village.",
        "Non-state actor overtakes territory",
    ),
    (
        "Syrian government helicopters dropped chlorine bombs on the rebel-held village, activists said.",
        "Chemical weapon",
    ),
    ("Dozens of people suffocated after a sarin attack on the town, doctors reported.", "Chemical weapon"),
    (
        "Warplanes carried out air strikes on the market in Maarat al-Numan, killing 15 civilians.",
        "Air/drone strike",
    ),
    (
        "A US drone strike killed three suspected militants in a vehicle in Marib province.",
        "Air/drone strike",
    ),
    ("A suicide bomber blew himself up at a checkpoint in Kabul, killing six people.", "Suicide bomb"),
    (
        "Two female suicide bombers detonated explosive vests at a crowded market in Maiduguri.",
        "Suicide bomb",
    ),
    (
        "Rebel artillery shelled residential districts of Donetsk overnight, wounding four people.",
        "Shelling/artillery/missile attack",
    ),
    (
        "Mortar rounds fired by militants landed near the airport on Tuesday.",
        "Shelling/artillery/missile attack",
    ),
    (
        "A roadside bomb struck a police patrol in Helmand province, killing two officers.",
        "Remote explosive/landmine/IED",
    ),
    (
        "An improvised explosive device went off under a bus carrying workers near Mogadishu.",
        "Remote explosive/landmine/IED",
    ),
    ("Unknown attackers hurled a grenade at a bar in Bujumbura, injuring eleven customers.", "Grenade"),
    ("A grenade attack on a police station in Srinagar wounded three officers.", "Grenade"),
    (
        "Soldiers raped at least eight women in a village in South Kivu, a rights group said.",
        "Sexual violence",
    ),
    ("Survivors said militiamen sexually assaulted girls who were fleeing the fighting.", "Sexual violence"),
    ("Gunmen shot dead a village chief and two farmers in Zamfara state on Saturday.", "Attack"),
    ("Militiamen massacred at least 30 villagers in Ituri province, local officials said.", "Attack"),
    (
        "Bandits kidnapped 40 passengers from a bus on the Kaduna-Abuja highway.",
        "Abduction/forced disappearance",
    ),
    (
        "Armed men abducted a local journalist from his home in Gao and he remains missing.",
        "Abduction/forced disappearance",
    ),
    (
        "Thousands of teachers marched peacefully through the capital to demand higher salaries.",
        "Peaceful protest",
    ),
    (
        "Residents staged a sit-in outside the governor's office to protest against power cuts.",
        "Peaceful protest",
    ),
    (
        "Police fired tear gas to disperse protesters who had gathered outside parliament.",
        "Protest with intervention",
    ),
    (
        "Riot police broke up a student demonstration in Dhaka and arrested 20 protesters.",
        "Protest with intervention",
    ),
    (
        "Security forces opened fire on protesters in Khartoum, killing at least five demonstrators.",
        "Excessive force against protesters",
    ),
    (
        "Soldiers shot dead three peaceful demonstrators who were marching against the coup.",
        "Excessive force against protesters",
    ),
    (
        "Protesters threw stones at police and set tyres on fire during a violent protest in Lagos.",
        "Violent demonstration",
    ),
    (
        "Rioters torched vehicles and looted shops after the election results were announced.",
        "Violent demonstration",
    ),
    ("An angry mob lynched a man accused of stealing a motorcycle in Kano.", "Mob violence"),
    ("A mob beat two suspected thieves to death in a market in Goma.", "Mob violence"),
    (
        "The government and the rebel alliance signed a ceasefire agreement in Addis Ababa on Friday.",
        "Agreement",
    ),
    ("The two sides completed a prisoner exchange under a deal brokered by Qatar.", "Agreement"),
    ("Security forces arrested an opposition leader and five activists in a dawn raid in Harare.", "Arrests"),
    ("Police detained 30 opposition supporters ahead of the rally, the party said.", "Arrests"),
    (
        "The militant group announced the formation of a new brigade and named a new commander.",
        "Change to group/activity",
    ),
    (
        "More than 200 fighters defected from the rebel group to the government side.",
        "Change to group/activity",
    ),
    ("Soldiers defused a roadside bomb planted by insurgents near Kandahar.", "Disrupted weapons use"),
    (
        "Police seized a cache of weapons and explosives belonging to the militant group in Peshawar.",
        "Disrupted weapons use",
    ),
    (
        "Militants looted shops and burned dozens of houses in the village overnight.",
        "Looting/property destruction",
    ),
    (
        "Israeli forces demolished three Palestinian homes in the West Bank, residents said.",
        "Looting/property destruction",
    ),
    (
        "Turkish forces set up a new military base near the village of Tal Tamr.",
        "Headquarters or base established",
    ),
    (
        "The militia established a checkpoint on the main road into the city.",
        "Headquarters or base established",
    ),
    (
        "French troops withdrew from the base in Timbuktu and handed it over to the Malian army.",
        "Non-violent transfer of territory",
    ),
    (
        "Rebel fighters evacuated the town under a deal with the government, leaving it to the army.",
        "Non-violent transfer of territory",
    ),
    ("Investigators exhumed a mass grave containing the bodies of 40 people killed by the militia.", "Other"),
    (
        "Authorities found a mass grave near the former front line, where soldiers had fought for months.",
        "Other",
    ),
]

# Texts that report no conflict event.
NOTHING = [
    "A magnitude 6.1 earthquake struck the region on Tuesday, killing 40 people and destroying homes.",
    "Floods after heavy rain killed 12 people and forced thousands to leave their villages.",
    "A gas explosion at a chemical plant injured nine workers, the fire department said.",
    "A bus collided with a truck on the highway, killing 14 passengers.",
    "Police arrested three men suspected of a bank robbery and recovered the stolen cash.",
    "A court sentenced the former minister to ten years in prison for corruption.",
    "The foreign ministers met in Geneva to discuss new sanctions and trade cooperation.",
    "The striker scored twice as the team won the cup final in a fierce battle with the champions.",
    "Voters went to the polls on Sunday in an election marked by a low turnout.",
    "North Korea test-fired a ballistic missile into the sea, drawing condemnation from Japan.",
]


def first_type(ext) -> str | None:
    return ext.events[0].sub_event_type if ext.events else None


@pytest.mark.parametrize(("text", "expected"), TYPED, ids=[f"{t[1]}-{i}" for i, t in enumerate(TYPED)])
def test_first_event_type(extract, text, expected):
    ext = extract(text, published="2024-03-01", outlet="Test Wire")
    assert first_type(ext) == expected, [e.to_json() for e in ext.events]


def test_every_sub_event_type_has_two_cases():
    counts = {sub: sum(1 for _, t in TYPED if t == sub) for sub in SUB_EVENT_TYPES}
    assert all(n >= 2 for n in counts.values()), counts


@pytest.mark.parametrize("text", NOTHING)
def test_no_event(extract, text):
    ext = extract(text, published="2024-03-01", outlet="Test Wire")
    assert ext.events == [], [e.to_json() for e in ext.events]


def test_event_type_matches_sub_event_type(extract):
    ext = extract(
        "Rebels shelled the town and then stormed it, taking control of the centre.", published="2024-03-01"
    )
    for e in ext.events:
        assert e.sub_event_type in EVENT_TYPES[e.event_type]


def test_trigger_lies_in_evidence(extract):
    text = "Islamic State fighters seized the town.\nAir strikes hit the area on Monday."
    ext = extract(text, published="2024-03-01")
    assert len(ext.events) == 2
    for e in ext.events:
        assert ext.document.text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert e.evidence.start <= e.trigger.start < e.trigger.end <= e.evidence.end


def test_negated_and_planned_events_are_dropped(extract):
    for text in (
        "The rebels did not attack the town on Monday.",
        "The militants threatened to attack the town if the army advanced.",
        "Its recapture would be a major victory for the government.",
    ):
        ext = extract(text, published="2024-03-01")
        assert ext.events == [], (text, [e.to_json() for e in ext.events])


def test_attempted_capture_is_fighting(extract):
    ext = extract(
        "Government forces launched an offensive to retake the city of Marawi.", published="2024-03-01"
    )
    assert first_type(ext) == "Armed clash"


def test_explicit_date_in_clause_wins(extract):
    ext = extract(
        "Islamic State fighters seized the city in May 2015, and on Friday the army retook it.",
        published="2016-03-25",
    )
    by_type = {e.sub_event_type: e for e in ext.events}
    overtaken = by_type["Non-state actor overtakes territory"]
    assert overtaken.date is not None
    assert (overtaken.date.start_date.year, overtaken.date.start_date.month) == (2015, 5)


def test_undated_event_gets_publication_week(extract):
    ext = extract("Rebels attacked an army post near the border.", published="2024-03-01")
    assert ext.events
    date = ext.events[0].date
    assert date is not None and date.precision == "week" and date.end_date == dt.date(2024, 3, 1)
    assert date.text == ""


def test_headline_and_lead_merge_into_one_event(extract):
    text = (
        "Gunmen kill 12 villagers in Zamfara\n"
        "Gunmen killed 12 villagers in Zamfara state on Saturday, police said.\n"
        "Separately, soldiers clashed with insurgents in Borno."
    )
    ext = extract(text, published="2024-03-03")
    attacks = [e for e in ext.events if e.sub_event_type == "Attack"]
    assert len(attacks) == 1, [e.to_json() for e in ext.events]
    assert attacks[0].evidence.start == 0  # the first mention's evidence
    assert attacks[0].fatalities == 12
    assert any(e.sub_event_type == "Armed clash" for e in ext.events)


def test_background_events_come_last(extract):
    text = (
        "The town fell to the militants in 2014.\n"
        "On Monday, an air strike hit a militant convoy outside the town."
    )
    ext = extract(text, published="2024-03-05")
    assert next(e.sub_event_type for e in ext.events) == "Air/drone strike"


def test_protest_escalates_with_later_intervention(extract):
    text = (
        "Hundreds of students protested in the capital on Monday against fee increases.\n"
        "Police later fired tear gas at the crowd."
    )
    ext = extract(text, published="2024-03-05")
    protests = [e for e in ext.events if e.event_type == "Protests"]
    assert [e.sub_event_type for e in protests] == ["Protest with intervention"]


def test_fatalities_only_for_violent_types(extract):
    ext = extract("Police arrested 12 activists, and 3 people were later found dead.", published="2024-03-01")
    arrests = [e for e in ext.events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].fatalities is None


def test_confidence_in_range(extract):
    ext = extract("Warplanes bombed the village of Kafr Nabl, killing 9 civilians.", published="2024-03-01")
    assert ext.events and all(0 < e.confidence <= 1 for e in ext.events)


# -- the lexicon and the phrase index -------------------------------------------
def test_lexicon_covers_every_sub_event_type():
    lex = load_lexicon()
    assert set(lex.types) == set(SUB_EVENT_TYPES)
    assert {spec.type for spec in lex.triggers.values()} == set(SUB_EVENT_TYPES)
    for rule in lex.rules:
        assert rule.to in SUB_EVENT_TYPES and rule.from_types <= set(SUB_EVENT_TYPES), rule.name


def test_rules_refer_to_known_cue_groups():
    lex = load_lexicon()
    known = set(lex.cue_phrases) | {"armed_actor", "place"}
    for spec in lex.triggers.values():
        for group in (*spec.requires, *spec.unless, *spec.arg, *spec.arg_not):
            assert group in known, (spec.phrase, group)
    for rule in lex.rules:
        for group in (*rule.sentence_has, *rule.sentence_has_also, *rule.sentence_lacks):
            assert group in known, (rule.name, group)


def test_inflection():
    lex = load_lexicon()
    assert {"attacked", "attacking", "attacks"} <= lex.inflect("attack", verbal=True)
    assert {"kidnapped", "kidnapping"} <= lex.inflect("kidnap", verbal=True)
    assert {"took", "taken"} <= lex.inflect("take", verbal=True)
    assert "cities" in lex.inflect("city", verbal=False)
    assert "attacked" not in lex.inflect("attack", verbal=False)


def test_phrase_index_gaps_hyphens_and_pos():
    lex = load_lexicon()
    idx = PhraseIndex()
    for pat in lex.patterns("set up ... base", verbal=True):
        idx.add("base", pat)
    for pat in lex.patterns("sit-in", verbal=False):
        idx.add("sitin", pat)
    idx.add("strike", (Elem(forms=frozenset({"strike"}), pos=frozenset({"NOUN"})),))
    toks = ["troops", "set", "up", "a", "new", "base", "near", "the", "sit", "-", "in", "strike"]
    pos = ["NOUN", "VERB", "ADP", "DET", "ADJ", "NOUN", "ADP", "DET", "NOUN", "PUNCT", "NOUN", "VERB"]
    found = {(k, s, e) for k, s, e in idx.match(toks, pos, 0, len(toks))}
    assert ("base", 1, 6) in found
    assert ("sitin", 8, 11) in found
    assert not any(k == "strike" for k, _, _ in found)  # a verb here
    assert not idx.match(["they", "were", "sitting", "in", "the", "shade"], ["X"] * 6, 0, 6)


def test_a_war_wide_toll_is_not_carried_to_the_event_before(extract):
    text = (
        "Gwoza was retaken by the army in March 2015. "
        "The insurgency, which began in 2009, has killed more than 40,000 people."
    )
    ext = extract(text, published="2024-06-30", outlet="Test Wire")
    assert ext.events and ext.events[0].fatalities is None, [e.to_json() for e in ext.events]


def test_a_toll_in_the_next_sentence_still_continues_the_story(extract):
    ext = extract(
        "Gunmen attacked a village in Zamfara on Sunday. At least 12 people died.", published="2024-06-30"
    )
    assert ext.events and ext.events[0].fatalities == 12, [e.to_json() for e in ext.events]


def test_a_military_formation_is_no_communal_group(extract):
    text = '"Heavy fighting is under way," a spokesman for the eastern group of forces said on Wednesday.'
    ext = extract(text, published="2023-01-11")
    assert [e.sub_event_type for e in ext.events] == ["Armed clash"], [e.to_json() for e in ext.events]


def test_a_distributed_statement_is_no_change_of_activity(extract):
    text = "In a statement distributed by his press service, the commander said his units held the town."
    ext = extract(text, published="2023-01-11")
    assert "Change to group/activity" not in [e.sub_event_type for e in ext.events]
