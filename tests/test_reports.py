"""Team-written test reports: the pipeline must find what a careful ACLED coder would record.

Each ``tests/reports/*.yaml`` holds one short news text and the events expected
from it (format and matching rules: ``tests/reports/README.md``). One test runs
per report; corpus-level tests keep the set broad (every sub-event type, many
conflicts, texts with nothing to record). The matcher itself is unit-tested on
hand-built records so that a failure means the pipeline, not the harness.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from khaldun.records import (
    PRECISIONS,
    STANCES,
    SUB_EVENT_TYPES,
    Actor,
    ActorMention,
    DateMention,
    Document,
    Event,
    Extraction,
    Place,
    PlaceMention,
    Source,
    Span,
)

REPO = Path(__file__).resolve().parents[1]
REPORTS = Path(__file__).resolve().parent / "reports"
SAMPLES = REPO / "samples"

REPORT_KEYS = {"id", "conflict", "published", "outlet", "text", "expected_events", "no_events"}
REQUIRED_REPORT_KEYS = {"id", "conflict", "published", "outlet", "text"}
EVENT_KEYS = {
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "date",
    "precision",
    "fatalities",
    "source",
    "stance",
    "geo_precision",
}
REQUIRED_EVENT_KEYS = {"sub_event_type", "location"}
LOCATION_KEYS = {"name", "country", "lat", "lon", "within_km"}
REQUIRED_LOCATION_KEYS = {"name", "country", "lat", "lon"}
DEFAULT_WITHIN_KM = 25.0


class ReportFormatError(ValueError):
    """A report file does not follow the format in tests/reports/README.md."""


# ---------------------------------------------------------------- validation


def _problems_in_location(loc: Any, where: str) -> list[str]:
    if not isinstance(loc, dict):
        return [f"{where}: location must be a mapping"]
    out = [f"{where}: unknown location key {k!r}" for k in sorted(set(loc) - LOCATION_KEYS)]
    out += [f"{where}: location lacks {k!r}" for k in sorted(REQUIRED_LOCATION_KEYS - set(loc))]
    if not isinstance(loc.get("name", ""), str):
        out.append(f"{where}: location name must be text")
    if not re.fullmatch(r"[A-Z]{2}", str(loc.get("country", "XX"))):
        out.append(f"{where}: country must be an ISO 3166-1 alpha-2 code, got {loc.get('country')!r}")
    for key, limit in (("lat", 90), ("lon", 180)):
        value = loc.get(key, 0)
        if isinstance(value, bool) or not isinstance(value, int | float) or abs(value) > limit:
            out.append(f"{where}: {key} must be a number within ±{limit}, got {value!r}")
    within = loc.get("within_km", DEFAULT_WITHIN_KM)
    if isinstance(within, bool) or not isinstance(within, int | float) or within <= 0:
        out.append(f"{where}: within_km must be a positive number, got {within!r}")
    return out


def _problems_in_event(ev: Any, where: str) -> list[str]:
    if not isinstance(ev, dict):
        return [f"{where}: an expected event must be a mapping"]
    out = [f"{where}: unknown key {k!r}" for k in sorted(set(ev) - EVENT_KEYS)]
    out += [f"{where}: lacks {k!r}" for k in sorted(REQUIRED_EVENT_KEYS - set(ev))]
    if "sub_event_type" in ev and ev["sub_event_type"] not in SUB_EVENT_TYPES:
        out.append(f"{where}: {ev['sub_event_type']!r} is not an ACLED sub-event type")
    for key in ("actor1", "actor2", "source"):
        if key in ev and not (isinstance(ev[key], str) and ev[key].strip()):
            out.append(f"{where}: {key} must be non-empty text")
    if "location" in ev:
        out += _problems_in_location(ev["location"], where)
    if "date" in ev and ev["date"] is not None and type(ev["date"]) is not dt.date:
        out.append(f"{where}: date must be YYYY-MM-DD or null, got {ev['date']!r}")
    if "precision" in ev and ev["precision"] not in PRECISIONS:
        out.append(f"{where}: precision must be one of {PRECISIONS}")
    if "stance" in ev and ev["stance"] not in STANCES:
        out.append(f"{where}: stance must be one of {STANCES}")
    if "geo_precision" in ev and ev["geo_precision"] not in (1, 2, 3):
        out.append(f"{where}: geo_precision must be 1, 2 or 3")
    fat = ev.get("fatalities", 0)
    if isinstance(fat, bool) or not isinstance(fat, int) or fat < 0:
        out.append(f"{where}: fatalities must be a whole number >= 0, got {fat!r}")
    return out


def validate_report(data: Any, stem: str) -> dict[str, Any]:
    """Check one parsed report strictly; return it with defaults filled in."""
    if not isinstance(data, dict):
        raise ReportFormatError(f"{stem}: a report must be a mapping")
    problems = [f"unknown key {k!r}" for k in sorted(set(data) - REPORT_KEYS)]
    problems += [f"lacks {k!r}" for k in sorted(REQUIRED_REPORT_KEYS - set(data))]
    if data.get("id") != stem:
        problems.append(f"id {data.get('id')!r} differs from the file stem {stem!r}")
    if data.get("published") is not None and type(data.get("published")) is not dt.date:
        problems.append(f"published must be YYYY-MM-DD or null, got {data.get('published')!r}")
    for key in ("conflict", "outlet", "text"):
        if key in data and not (isinstance(data[key], str) and data[key].strip()):
            problems.append(f"{key} must be non-empty text")
    events = data.get("expected_events") or []
    no_events = data.get("no_events", False)
    if not isinstance(events, list):
        problems.append("expected_events must be a list")
        events = []
    if not isinstance(no_events, bool):
        problems.append("no_events must be true or false")
    elif no_events and events:
        problems.append("no_events is true but expected_events is not empty")
    elif not no_events and not events:
        problems.append("expected_events is empty: set no_events: true for a text with nothing to record")
    for i, ev in enumerate(events):
        problems += _problems_in_event(ev, f"expected_events[{i}]")
    if problems:
        raise ReportFormatError(f"{stem}: " + "; ".join(problems))
    return {**data, "expected_events": events, "no_events": no_events}


def load_report(path: Path) -> dict[str, Any]:
    with path.open(encoding="utf-8") as fh:
        return validate_report(yaml.safe_load(fh), path.stem)


def report_paths() -> list[Path]:
    return sorted(REPORTS.glob("*.yaml"))


# ------------------------------------------------------------------ matching


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def _actor_problem(key: str, want: str, mention: ActorMention | None) -> str | None:
    if mention is None:
        return f"{key}: none, want {want!r}"
    if want.casefold() not in mention.name.casefold():
        return f"{key}: {mention.name!r} lacks {want!r}"
    return None


def _location_problems(exp: dict[str, Any], loc: PlaceMention | None) -> list[str]:
    want = exp["location"]
    if loc is None or loc.lat is None or loc.lon is None:
        return [f"location: none, want {want['name']}"]
    out = []
    country = loc.place.country_code if loc.place else None
    if country != want["country"]:
        out.append(f"location: country {country!r}, want {want['country']!r}")
    dist = km(loc.lat, loc.lon, want["lat"], want["lon"])
    limit = want.get("within_km", DEFAULT_WITHIN_KM)
    if dist > limit:
        out.append(f"location: {loc.text!r} is {dist:.0f} km from {want['name']}, limit {limit} km")
    if "geo_precision" in exp and loc.geo_precision != exp["geo_precision"]:
        out.append(f"geo_precision: {loc.geo_precision}, want {exp['geo_precision']}")
    return out


def _date_problems(exp: dict[str, Any], date: DateMention | None) -> list[str]:
    out = []
    resolved = date.start_date if date is not None and date.resolved else None
    if "date" in exp and resolved != exp["date"]:
        out.append(f"date: {resolved}, want {exp['date'] or 'unresolved'}")
    if "precision" in exp:
        got = date.precision if date is not None and date.resolved else None
        if got != exp["precision"]:
            out.append(f"precision: {got!r}, want {exp['precision']!r}")
    return out


def mismatches(exp: dict[str, Any], event: Event) -> list[str]:
    """Why ``event`` does not satisfy the expected event ``exp`` (empty when it does)."""
    if event.sub_event_type != exp["sub_event_type"]:
        return [f"sub_event_type: {event.sub_event_type!r}, want {exp['sub_event_type']!r}"]
    out = [
        p
        for key, mention in (("actor1", event.actor1), ("actor2", event.actor2))
        if key in exp and (p := _actor_problem(key, exp[key], mention))
    ]
    out += _location_problems(exp, event.location)
    out += _date_problems(exp, event.date)
    if "fatalities" in exp and event.fatalities != exp["fatalities"]:
        out.append(f"fatalities: {event.fatalities}, want {exp['fatalities']}")
    if "source" in exp and exp["source"].casefold() not in event.source.name.casefold():
        out.append(f"source: {event.source.name!r} lacks {exp['source']!r}")
    if "stance" in exp and event.source.stance != exp["stance"]:
        out.append(f"stance: {event.source.stance!r}, want {exp['stance']!r}")
    return out


def match(expected: list[dict[str, Any]], events: list[Event]) -> list[int | None]:
    """A maximum one-to-one matching of expected to output events (Kuhn's augmenting paths).

    Returns, for each expected event, the index of its output event or None. Being
    maximal, it never misses a match that a different pairing would have allowed."""
    fits = [[j for j, ev in enumerate(events) if not mismatches(exp, ev)] for exp in expected]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in fits[i]:
            if j not in seen:
                seen.add(j)
                if j not in owner or augment(owner[j], seen):
                    owner[j] = i
                    return True
        return False

    for i in range(len(expected)):
        augment(i, set())
    assignment: list[int | None] = [None] * len(expected)
    for j, i in owner.items():
        assignment[i] = j
    return assignment


def failure_message(report: dict[str, Any], ext: Extraction, assignment: list[int | None]) -> str:
    """Expected events left unmatched, why each output event missed, and the output as JSON."""
    lines = [f"report {report['id']}: {assignment.count(None)} expected event(s) not found"]
    for exp, got in zip(report["expected_events"], assignment, strict=True):
        if got is not None:
            continue
        lines.append(f"- expected {json.dumps(exp, default=str)}")
        for j, ev in enumerate(ext.events):
            lines.append(f"    output[{j}] {ev.sub_event_type}: {'; '.join(mismatches(exp, ev)) or 'fits'}")
    lines.append("output events:")
    lines.append(json.dumps([e.to_json() for e in ext.events], indent=1, ensure_ascii=False))
    return "\n".join(lines)


# -------------------------------------------------------------- the reports


@pytest.mark.parametrize("path", report_paths(), ids=lambda p: p.stem)
def test_report(path: Path, extract) -> None:
    report = load_report(path)
    published = report["published"].isoformat() if report["published"] else None
    ext = extract(report["text"], published=published, outlet=report["outlet"])
    assert ext.error is None, ext.error
    assert ext.skipped is None, f"report {report['id']} was skipped: {ext.skipped}"
    if report["no_events"]:
        assert not ext.events, f"report {report['id']} reports no conflict event, but got:\n" + json.dumps(
            [e.to_json() for e in ext.events], indent=1, ensure_ascii=False
        )
        return
    assignment = match(report["expected_events"], ext.events)
    assert None not in assignment, failure_message(report, ext, assignment)


@pytest.fixture(scope="module")
def corpus() -> list[dict[str, Any]]:
    return [load_report(p) for p in report_paths()]


def test_corpus_size_and_spread(corpus) -> None:
    assert len(corpus) >= 48
    conflicts = {r["conflict"].strip().casefold() for r in corpus if not r["no_events"]}
    assert len(conflicts) >= 8, sorted(conflicts)
    assert sum(r["no_events"] for r in corpus) >= 6


def test_every_sub_event_type_is_covered_twice(corpus) -> None:
    reports_with = {sub: 0 for sub in SUB_EVENT_TYPES}
    for r in corpus:
        for sub in {e["sub_event_type"] for e in r["expected_events"]}:
            reports_with[sub] += 1
    thin = {sub: n for sub, n in reports_with.items() if n < 2}
    assert not thin, f"sub-event types in fewer than 2 reports: {thin}"


def test_report_ids_are_unique(corpus) -> None:
    ids = [r["id"] for r in corpus]
    assert len(ids) == len(set(ids))


# ------------------------------------------------- the harness itself, on hand-built records

KIDAL = Place("Kidal", 18.44, 1.41, "ML", geonames_id=2455290, feature="city")
EXPECT_KIDAL: dict[str, Any] = {
    "sub_event_type": "Government regains territory",
    "actor1": "military forces of mali",
    "location": {"name": "Kidal", "country": "ML", "lat": 18.443, "lon": 1.409},
    "geo_precision": 1,
    "date": dt.date(2023, 11, 14),
    "precision": "day",
    "fatalities": 0,
    "source": "army",
    "stance": "claimed",
}


def make_event(sub: str = "Government regains territory", **kw: Any) -> Event:
    """An event as the pipeline would build it; keyword arguments replace the defaults."""
    text = "The army said it had retaken Kidal on Tuesday."
    fields: dict[str, Any] = {
        "event_type": SUB_EVENT_TYPES[sub],
        "sub_event_type": sub,
        "evidence": Span(0, len(text), text),
        "trigger": Span(23, 29, "retake"),
        "source": Source("Malian army", "claimed"),
        "actor1": ActorMention(4, 8, "army", Actor("mil-ml", "Military Forces of Mali (2021-)", 1, "ML")),
        "location": PlaceMention(29, 34, "Kidal", KIDAL),
        "date": DateMention(38, 45, "Tuesday", dt.date(2023, 11, 14), dt.date(2023, 11, 14), "day"),
        "fatalities": 0,
    }
    fields.update(kw)
    return Event(**fields)


def test_matcher_accepts_an_event_that_fits_every_field() -> None:
    assert mismatches(EXPECT_KIDAL, make_event()) == []
    assert match([EXPECT_KIDAL], [make_event()]) == [0]


@pytest.mark.parametrize(
    "change",
    [
        {"sub": "Armed clash"},
        {"actor1": ActorMention(4, 8, "army", Actor("mil-ne", "Military Forces of Niger", 1, "NE"))},
        {"actor1": None},
        {"location": PlaceMention(29, 34, "Gao", Place("Gao", 16.27, -0.04, "ML"))},
        {"location": PlaceMention(29, 34, "Kidal", Place("Kidal", 18.44, 1.41, "DZ"))},
        {"location": PlaceMention(29, 34, "Kidal", KIDAL, geo_precision=2)},
        {"location": None},
        {"date": DateMention(38, 45, "Monday", dt.date(2023, 11, 13), dt.date(2023, 11, 13), "day")},
        {"date": DateMention(38, 45, "November", dt.date(2023, 11, 14), dt.date(2023, 11, 30), "month")},
        {"date": DateMention(38, 45, "Tuesday")},
        {"date": None},
        {"fatalities": None},
        {"fatalities": 3},
        {"source": Source("CSP-PSD", "claimed")},
        {"source": Source("Malian army", "asserted")},
    ],
    ids=lambda c: next(iter(c)),
)
def test_matcher_rejects_an_event_that_misses_one_field(change: dict[str, Any]) -> None:
    event = make_event(**change)
    assert mismatches(EXPECT_KIDAL, event)
    assert match([EXPECT_KIDAL], [event]) == [None]


def test_matcher_distance_limit_and_unresolved_dates() -> None:
    near = PlaceMention(29, 34, "Anefis", Place("Anefis", 18.05, 0.6, "ML"))  # ~95 km away
    far_ok = {**EXPECT_KIDAL["location"], "within_km": 120}
    assert mismatches({**EXPECT_KIDAL, "location": far_ok}, make_event(location=near)) == []
    assert mismatches(EXPECT_KIDAL, make_event(location=near))
    unresolved = {**EXPECT_KIDAL, "date": None}
    del unresolved["precision"]
    assert mismatches(unresolved, make_event(date=DateMention(38, 45, "Tuesday"))) == []
    assert mismatches(unresolved, make_event(date=None)) == []
    assert mismatches(unresolved, make_event())


def test_matcher_uses_each_output_event_once_and_finds_the_best_pairing() -> None:
    loose = {"sub_event_type": "Government regains territory", "location": EXPECT_KIDAL["location"]}
    strict = {**loose, "fatalities": 0}
    events = [make_event(), make_event(fatalities=None)]
    assert match([loose, loose, loose], events).count(None) == 1
    # greedy pairing would give output 0 to `loose` and leave `strict` unmatched
    assert match([loose, strict], events) == [1, 0]


def test_failure_message_shows_expected_and_output() -> None:
    doc = Document(id="x", text="The army said it had retaken Kidal on Tuesday.")
    ext = Extraction(document=doc, events=[make_event(fatalities=5)])
    report = {"id": "x", "expected_events": [EXPECT_KIDAL]}
    msg = failure_message(report, ext, match([EXPECT_KIDAL], ext.events))
    assert "fatalities: 5, want 0" in msg and '"sub_event_type": "Government regains territory"' in msg


def _report(**kw: Any) -> dict[str, Any]:
    base = {
        "id": "r",
        "conflict": "Mali",
        "published": dt.date(2023, 11, 15),
        "outlet": "X",
        "text": "t",
        "expected_events": [dict(EXPECT_KIDAL)],
    }
    return {**base, **kw}


@pytest.mark.parametrize(
    "bad",
    [
        {"id": "other"},
        {"colour": "red"},
        {"published": "yesterday"},
        {"expected_events": []},
        {"no_events": True},
        {"expected_events": [{**EXPECT_KIDAL, "sub_event_type": "Massacre"}]},
        {"expected_events": [{**EXPECT_KIDAL, "actor": "army"}]},
        {"expected_events": [{**EXPECT_KIDAL, "stance": "alleged"}]},
        {"expected_events": [{**EXPECT_KIDAL, "fatalities": "dozens"}]},
        {"expected_events": [{k: v for k, v in EXPECT_KIDAL.items() if k != "location"}]},
        {"expected_events": [{**EXPECT_KIDAL, "location": {**EXPECT_KIDAL["location"], "country": "Mali"}}]},
        {"expected_events": [{**EXPECT_KIDAL, "location": {**EXPECT_KIDAL["location"], "lat": 95}}]},
        {"expected_events": [{**EXPECT_KIDAL, "date": "2023-11-14"}]},
    ],
    ids=repr,
)
def test_validation_rejects_malformed_reports(bad: dict[str, Any]) -> None:
    assert validate_report(_report(), "r")["no_events"] is False
    with pytest.raises(ReportFormatError):
        validate_report(_report(**bad), "r")
