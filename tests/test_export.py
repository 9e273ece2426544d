"""Exports parse back: ACLED CSV columns and values, JSONL events, GeoJSON points."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from click.testing import CliRunner

from khaldun.acquire.normalize import make_document
from khaldun.cli import main
from khaldun.export import ACLED_COLUMNS, EXPORTERS
from khaldun.records import (
    Actor,
    ActorMention,
    DateMention,
    Event,
    Extraction,
    Place,
    PlaceMention,
    Source,
    Span,
)
from khaldun.store import EventFilter, Store

ACLED_NAMES = [
    "event_date",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "inter1",
    "actor2",
    "inter2",
    "country",
    "admin1",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "notes",
    "fatalities",
]
KHALDUN_NAMES = [
    "stance",
    "claimant",
    "evidence_url",
    "evidence_sentence",
    "document_id",
    "evidence_start",
    "evidence_end",
]


def report(n: int, town: str, precision: str | None, lat: float | None) -> Extraction:
    """A one-event report about ``town``; ``precision`` None: the text gives no date."""
    text = f"Report {n}\n\nGunmen attacked villagers in {town} last week, killing {n} people, police said."
    doc = make_document(
        text, origin=f"r{n}.txt", published="2022-03-18", outlet="Wire", url=f"https://w.test/{n}"
    )
    t = doc.text
    sent_start = t.index("Gunmen")
    sentence = Span(sent_start, len(t), t[sent_start:])
    i = t.index(town)
    place = Place(town, lat, 7.5, "NG", geonames_id=1000 + n, admin1="Zamfara") if lat is not None else None
    loc = PlaceMention(i, i + len(town), town, place=place)
    j = t.index("last week")
    date = DateMention(j, j + 9, "last week", dt.date(2022, 3, 7), dt.date(2022, 3, 13), precision)
    gunmen = ActorMention(
        sent_start, sent_start + 6, "Gunmen", actor=Actor("gunmen", "Unidentified Armed Group", 3)
    )
    k = t.index("attacked")
    event = Event(
        "Violence against civilians",
        "Attack",
        sentence,
        Span(k, k + 8, "attacked"),
        Source("Police (Nigeria)", "claimed", "said"),
        actor1=gunmen,
        location=loc,
        date=date if precision else None,
        fatalities=n,
    )
    return Extraction(doc, language="en", events=[event], places=[loc], actors=[gunmen])


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.db"
    with Store(path) as store:
        store.save(report(1, "Anka", "day", 12.1))
        store.save(report(2, "Gusau", "week", 12.2))
        store.save(report(3, "Maru", None, 12.3))
        store.save(report(4, "Nowhere", "month", None))
    return path


def export(db, fmt: str, filters: EventFilter | None = None) -> str:
    out = io.StringIO()
    with Store(db) as store:
        EXPORTERS[fmt](store.iter_events(filters), out)
    return out.getvalue()


def test_acled_csv_columns_and_values(db):
    rows = list(csv.DictReader(io.StringIO(export(db, "acled-csv"))))
    assert list(rows[0]) == list(ACLED_COLUMNS)
    assert set(ACLED_NAMES + KHALDUN_NAMES) <= set(rows[0])
    assert len(rows) == 4
    by_loc = {r["location"]: r for r in rows}
    anka = by_loc["Anka"]
    assert (anka["event_date"], anka["time_precision"]) == ("2022-03-07", "1")
    assert (anka["event_type"], anka["sub_event_type"]) == ("Violence against civilians", "Attack")
    assert (anka["actor1"], anka["inter1"], anka["actor2"]) == ("Unidentified Armed Group", "3", "")
    assert (anka["country"], anka["admin1"], anka["latitude"]) == ("Nigeria", "Zamfara", "12.1")
    assert (anka["source"], anka["claimant"], anka["stance"]) == ("Wire", "Police (Nigeria)", "claimed")
    assert anka["notes"] == anka["evidence_sentence"] and anka["notes"].startswith("Gunmen attacked")
    assert anka["evidence_url"] == "https://w.test/1" and anka["fatalities"] == "1"
    assert by_loc["Gusau"]["time_precision"] == "2"
    # no date in the text: the report's date, least precise
    assert (by_loc["Maru"]["event_date"], by_loc["Maru"]["time_precision"]) == ("2022-03-18", "3")
    assert by_loc[""]["time_precision"] == "3" and by_loc[""]["latitude"] == ""


def test_acled_csv_evidence_offsets_point_at_the_sentence(db):
    rows = list(csv.DictReader(io.StringIO(export(db, "acled-csv"))))
    with Store(db) as store:
        for r in rows:
            text = store.document(r["document_id"])["text"]
            assert text[int(r["evidence_start"]) : int(r["evidence_end"])] == r["evidence_sentence"]


def test_jsonl_has_one_event_per_line_with_evidence(db):
    lines = export(db, "jsonl").splitlines()
    events = [json.loads(line) for line in lines]
    assert len(events) == 4
    first = events[0]
    assert first["evidence"]["sentence"].startswith("Gunmen")
    assert first["source"] == {"name": "Police (Nigeria)", "stance": "claimed", "cue": "said"}
    assert first["document"]["url"].startswith("https://w.test/")
    assert first["trigger"]["text"] == "attacked"
    assert {e["location"]["name"] if e["location"] else None for e in events} == {
        "Anka",
        "Gusau",
        "Maru",
        None,
    }


def test_geojson_points_only_for_located_events(db):
    data = json.loads(export(db, "geojson"))
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3
    for f in data["features"]:
        assert f["geometry"]["type"] == "Point"
        lon, lat = f["geometry"]["coordinates"]
        assert lon == 7.5 and 12 < lat < 13
        assert f["properties"]["sub_event_type"] == "Attack" and f["properties"]["stance"] == "claimed"


def test_empty_exports_are_still_valid(tmp_path):
    path = tmp_path / "empty.db"
    Store(path).close()
    assert json.loads(export(path, "geojson")) == {"type": "FeatureCollection", "features": []}
    assert export(path, "jsonl") == ""
    assert next(csv.reader(io.StringIO(export(path, "acled-csv")))) == list(ACLED_COLUMNS)


def test_export_cli_with_filters_and_output_file(db, tmp_path):
    out = tmp_path / "out" / "events.csv"
    out.parent.mkdir()
    result = CliRunner().invoke(
        main, ["--db", str(db), "export", "--format", "acled-csv", "--output", str(out), "--place", "Gusau"]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["location"] for r in rows] == ["Gusau"]
    assert "exported 1 events" in result.stderr


def test_export_cli_to_stdout(db):
    result = CliRunner().invoke(
        main, ["--db", str(db), "export", "--format", "jsonl", "--since", "2022-03-14"]
    )
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert [e["location"]["name"] for e in events] == ["Maru"]  # dated by its report (2022-03-18)


def test_unknown_format_is_refused(db):
    result = CliRunner().invoke(main, ["--db", str(db), "export", "--format", "xml"])
    assert result.exit_code != 0 and "xml" in result.output
