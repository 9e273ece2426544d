"""The documented output schema (docs/extract-output.schema.json) matches what the
records write, and rejects what they must not."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest

from khaldun.acquire.normalize import make_document
from khaldun.batch import error_json
from khaldun.records import (
    Actor,
    ActorMention,
    Attribution,
    DateMention,
    Event,
    Extraction,
    Place,
    PlaceMention,
    Source,
    Span,
)

SCHEMA = json.loads((Path(__file__).resolve().parents[1] / "docs" / "extract-output.schema.json").read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
TEXT = "Houthi forces fired a missile at Marib city on Monday, the coalition said."


def at(needle: str) -> tuple[int, int, str]:
    i = TEXT.index(needle)
    return i, i + len(needle), needle


def full_extraction() -> Extraction:
    """One of every record, with every optional part filled."""
    doc = make_document(TEXT, id="ye-1", published="2020-05-05")
    marib = Place("Marib", 15.46, 45.33, "YE", geonames_id=70950, admin1="Marib", feature="city")
    houthi = ActorMention(*at("Houthi forces"), actor=Actor("houthi", "Ansar Allah", inter=2, country="YE"))
    place = PlaceMention(*at("Marib"), place=marib)
    unresolved = PlaceMention(*at("city"))
    monday = DateMention(*at("Monday"), dt.date(2020, 5, 4), dt.date(2020, 5, 4), "day")
    vague = DateMention(*at("on"))
    sentence = Span(0, len(TEXT), TEXT)
    source = Span(*at("the coalition"))
    event = Event(
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        sentence,
        Span(*at("fired a missile")),
        Source("Saudi-led coalition", "claimed", "said"),
        houthi,
        None,
        place,
        monday,
        0,
        0.9,
    )
    content = Span(0, TEXT.index(", the"), TEXT[: TEXT.index(", the")])
    attribution = Attribution(Span(*at("said")), content, source, "Saudi-led coalition", "claimed")
    return Extraction(
        doc, "en", None, None, [event], [place, unresolved], [houthi], [attribution], [monday, vague]
    )


def test_the_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_issue_fields_are_required():
    assert set(SCHEMA["required"]) >= {
        "id",
        "language",
        "published",
        "error",
        "events",
        "places",
        "actors",
        "attributions",
        "dates",
    }
    event = SCHEMA["$defs"]["event"]["required"]
    assert set(event) >= {
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "location",
        "date",
        "fatalities",
        "source",
        "evidence",
        "confidence",
    }


def test_a_full_extraction_validates():
    VALIDATOR.validate(full_extraction().to_json())


def test_an_empty_and_a_skipped_extraction_validate():
    doc = make_document("Le gouvernement a annoncé une trêve.", id="fr")
    VALIDATOR.validate(Extraction(doc).to_json())
    VALIDATOR.validate(Extraction(doc, language="und", skipped="not English").to_json())
    VALIDATOR.validate(error_json(None, "line 3: invalid JSON"))


def test_html_output_with_text_validates():
    out = full_extraction().to_json() | {"text": TEXT}
    VALIDATOR.validate(out)


def test_schema_sub_event_types_match_the_records():
    from khaldun.records import EVENT_TYPES, SUB_EVENT_TYPES

    props = SCHEMA["$defs"]["event"]["properties"]
    assert set(props["event_type"]["enum"]) == set(EVENT_TYPES)
    assert set(props["sub_event_type"]["enum"]) == set(SUB_EVENT_TYPES)


def _break(out: dict, path: tuple, value: object) -> dict:
    broken = copy.deepcopy(out)
    target = broken
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return broken


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("events",), KeyError),
        (("published",), "25 March 2016"),
        (("events", 0, "sub_event_type"), "Bombing"),
        (("events", 0, "source", "stance"), "alleged"),
        (("events", 0, "location", "geo_precision"), 4),
        (("events", 0, "date", "precision"), "decade"),
        (("events", 0, "evidence", "start"), -1),
        (("events", 0, "confidence"), 1.5),
        (("places", 0, "start"), "12"),
        (("attributions", 0, "cue"), KeyError),
        (("dates", 0, "start_date"), "yesterday"),
    ],
)
def test_the_schema_rejects_malformed_output(path, value):
    with pytest.raises(jsonschema.ValidationError):
        VALIDATOR.validate(_break(full_extraction().to_json(), path, value))
