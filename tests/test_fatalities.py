"""Death tolls stated in a sentence (khaldun.extract.fatalities)."""

from __future__ import annotations

import pytest

from khaldun.extract.fatalities import fatalities_in, parse_number


@pytest.mark.parametrize(
    ("sentence", "toll"),
    [
        ("Warplanes bombed the village, killing 6 civilians, including 2 women.", 6),
        ("At least 40 civilians were killed in the attack on the market.", 40),
        ("Six dead as gunmen attack a bus in the north.", 6),
        ("The death toll rose to 12 on Monday, hospital officials said.", 12),
        ("The blast killed twenty-five people and injured 40 others.", 25),
        ("Five people were injured and three were killed when the shell hit.", 3),
        ("Dozens were killed in the air raid, residents said.", 12),
        ("Two hundred people died in the fighting.", 200),
        ("The attack left 15 dead and scores wounded.", 15),
        ("The bombing claimed 30 lives.", 30),
        ("More than 1,200 people have been killed since the offensive began.", 1200),
        ("A soldier was killed by a roadside bomb.", 1),
        ("Gunmen shot dead a farmer in his field. 1 fatality.", 1),
        ("The clashes left more than 20 fighters killed. 20 fatalities.", 20),
        ("No one was killed in the blast, police said.", 0),
        ("Nobody was killed, but 3 people were injured.", 0),
        ("The militants killed 2 and wounded 5 in the raid.", 2),
    ],
)
def test_stated_tolls(sentence, toll):
    assert fatalities_in(sentence) == toll


@pytest.mark.parametrize(
    "sentence",
    [
        "Twelve soldiers were wounded in the ambush.",
        "Militia fighters burned 100 houses in the village.",
        "Rebels abducted 30 students from the school.",
        "Police arrested 14 protesters outside parliament.",
        "The army said it had killed militants in the area.",  # a kill, but no count
        "On 9 May 2020, clashes erupted between the two groups.",  # a date is not a toll
        "In 2015, the group seized the city.",
    ],
)
def test_no_toll_stated(sentence):
    assert fatalities_in(sentence) is None


def test_years_and_units_are_not_tolls():
    assert fatalities_in("The man killed 3 years ago was a teacher.") is None
    assert fatalities_in("The 2019 attack killed 4 people.") == 4


@pytest.mark.parametrize(
    ("text", "value"),
    [("40", 40), ("2,000", 2000), ("twenty-five", 25), ("two hundred", 200), ("dozens", 12), ("a dozen", 12)],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_toll_goes_to_the_event_and_continuation_sentence(extract):
    ext = extract(
        "Gunmen attacked the village of Kuru on Sunday night.\n"
        "At least 17 people were killed, officials said.",
        published="2024-03-05",
    )
    assert ext.events and ext.events[0].sub_event_type == "Attack"
    assert ext.events[0].fatalities == 17
    assert len(ext.events) == 1


def test_wounded_only_gives_no_toll(extract):
    ext = extract("A roadside bomb wounded seven soldiers near Gao on Monday.", published="2024-03-05")
    assert ext.events and ext.events[0].fatalities is None
