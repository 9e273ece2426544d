"""Shape of the team-written control corpus (``tests/control``, format in its README).

The corpus feeds the reconciliation tests (clusters, control timelines). This file
checks only that the data follow the format and cover what the corpus promises, so
that a broken file fails here with a plain message rather than as a puzzling
reconciliation result. The checks are plain functions returning lists of problems;
the last tests break a copy of the corpus on purpose to show that they can fail.
"""

from __future__ import annotations

import copy
import datetime as dt
import difflib
import functools
import itertools
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from khaldun.extract.actors import registry
from khaldun.records import PRECISIONS, SUB_EVENT_TYPES

CONTROL = Path(__file__).resolve().parent / "control"

REPORT_KEYS = {"id", "outlet", "published", "url", "text", "wire"}
REQUIRED_REPORT_KEYS = REPORT_KEYS - {"wire"}
TRUTH_KEYS = {"place", "aliases", "timeline", "events", "other_events", "claims"}
PLACE_KEYS = {"name", "country", "lat", "lon"}
LIMITS = (("lat", 90), ("lon", 180))
SEGMENT_KEYS = {"from", "to", "controller", "status"}
EVENT_KEYS = {"id", "kind", "date", "actor", "reports"}
OTHER_EVENT_KEYS = {"id", "kind", "date", "precision", "actor", "reports", "note"}
OTHER_REQUIRED = {"id", "kind", "date", "reports"}
CLAIM_KEYS = {"report", "kind", "event", "note"}
STATUSES = {"held", "contested", "unknown"}
CONTROL_KINDS = {
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Non-violent transfer of territory",
}
CLAIM_KINDS = {"premature_claim", "denial_after_loss", "background", "disputed_toll", "other"}
REQUIRED_CLAIM_KINDS = {"premature_claim", "denial_after_loss", "background"}
# how outlets credit each agency in the text
WIRE_MARKERS = {
    "AFP": ("(AFP)", "AFP said", "told AFP"),
    "Reuters": ("(Reuters)", "— Reuters", "told Reuters"),
    "AP": ("(AP)", "Associated Press"),
    "Anadolu": ("(AA)", "Anadolu"),
    "SANA": ("SANA",),
    "SUNA": ("(SUNA)", "SUNA reported"),
}
COPY_SIMILARITY = 0.6  # body similarity of two copies of one wire story
EVENT_WINDOW_DAYS = 10  # reports of an event are published this close to it
BACKGROUND_AFTER_DAYS = 30  # a background recall comes at least this long after the event
# claim kinds that need an event, and when they may be published relative to it (days)
CLAIM_GAP = {
    "premature_claim": lambda gap: gap < 0,
    "denial_after_loss": lambda gap: gap >= 0,
    "disputed_toll": lambda gap: True,
}
SENTENCE_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"'“‘(]?[A-Z])")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def sentences(body: str) -> list[str]:
    """Sentences of a report body: split at end punctuation before a capital; fragments of
    fewer than three words (a trailing "— Reuters") do not count."""
    out = []
    for line in body.splitlines():
        out += [s for s in SENTENCE_END.split(line.strip()) if len(s.split()) >= 3]
    return out


def is_date(value: Any) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


# ---------------------------------------------------------------- loading


@functools.cache
def corpus() -> dict[str, dict[str, Any]]:
    """slug -> {"truth": mapping, "reports": {id: mapping}, "stems": {id: file stem}}."""
    places = {}
    for truth_path in sorted(CONTROL.glob("*/truth.yaml")):
        reports, stems = {}, {}
        for path in sorted((truth_path.parent / "reports").glob("*.yaml")):
            rec = yaml.safe_load(path.read_text(encoding="utf-8"))
            key = rec.get("id", path.stem) if isinstance(rec, dict) else path.stem
            reports[key], stems[key] = rec, path.stem
        truth = yaml.safe_load(truth_path.read_text(encoding="utf-8"))
        places[truth_path.parent.name] = {"truth": truth, "reports": reports, "stems": stems}
    return places


# ---------------------------------------------------------------- reports


def report_problems(rec: Any, stem: str, place: str, names: list[str]) -> list[str]:
    """Everything wrong with one report file."""
    if not isinstance(rec, dict):
        return [f"{stem}: not a mapping"]
    out = [f"{stem}: unknown key {k!r}" for k in sorted(set(rec) - REPORT_KEYS)]
    out += [f"{stem}: lacks {k!r}" for k in sorted(REQUIRED_REPORT_KEYS - set(rec))]
    if out:
        return out
    outlet, text = rec["outlet"], rec["text"]
    if not isinstance(outlet, str) or not outlet.strip():
        return [f"{stem}: outlet must be text"]
    if rec["id"] != stem:
        out.append(f"{stem}: id {rec['id']!r} differs from the file stem")
    if not re.fullmatch(rf"{re.escape(place)}-\d\d-{re.escape(slug(outlet))}", stem):
        out.append(f"{stem}: stem must be {place}-NN-{slug(outlet)}")
    if not is_date(rec["published"]):
        out.append(f"{stem}: published must be a YYYY-MM-DD date")
    if not isinstance(rec["url"], str) or not re.fullmatch(r"https?://[a-z0-9.-]+\.example/\S*", rec["url"]):
        out.append(f"{stem}: url must be under a .example domain")
    if not isinstance(text, str):
        return [*out, f"{stem}: text must be a string"]
    wire = rec.get("wire")
    if "wire" in rec and wire not in WIRE_MARKERS:
        out.append(f"{stem}: unknown wire {wire!r}")
    elif wire and not any(m in text for m in WIRE_MARKERS[wire]):
        out.append(f"{stem}: wire story does not credit {wire} in the text")
    return out + _text_problems(stem, text, names)


def _text_problems(stem: str, text: str, names: list[str]) -> list[str]:
    lines = text.splitlines()
    if len(lines) < 2 or any(ln != ln.strip() or not ln for ln in lines):
        return [f"{stem}: text must be a headline line then paragraph lines, without blank lines"]
    out = []
    headline, body = lines[0], "\n".join(lines[1:])
    if headline.endswith(".") or len(headline) > 120:
        out.append(f"{stem}: headline must be one short line without a full stop")
    n = len(sentences(body))
    if not 4 <= n <= 10:
        out.append(f"{stem}: body has {n} sentences, not 4-10")
    if not any(name.lower() in text.lower() for name in names):
        out.append(f"{stem}: text never names the place")
    return out


def body(rec: dict[str, Any]) -> str:
    return rec["text"].split("\n", 1)[1]


def are_copies(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Two outlets running one agency story: same wire, within 2 days, near-identical body."""
    return (
        a["wire"] == b["wire"]
        and a["outlet"] != b["outlet"]
        and abs((a["published"] - b["published"]).days) <= 2
        and difflib.SequenceMatcher(None, body(a), body(b)).ratio() >= COPY_SIMILARITY
    )


def wire_groups(reports: dict[str, dict[str, Any]]) -> list[set[str]]:
    """Wire stories with the reports that carry them (a story's copies are linked pairwise)."""
    wired = [rid for rid, r in reports.items() if r.get("wire")]
    groups: list[set[str]] = []
    for rid in wired:
        linked = [g for g in groups if any(are_copies(reports[rid], reports[o]) for o in g)]
        merged = set().union(*linked) | {rid}
        groups = [g for g in groups if g not in linked] + [merged]
    return groups


def independent_sources(ids: list[str], reports: dict[str, dict[str, Any]]) -> int:
    """Distinct sources among reports: copies of one wire story count once."""
    groups = wire_groups({i: reports[i] for i in ids})
    return len(groups) + sum(1 for i in ids if not reports[i].get("wire"))


# ---------------------------------------------------------------- truth


def _actor_ok(name: Any) -> bool:
    actor = registry().by_name(name) if isinstance(name, str) else None
    return actor is not None and actor.name == name


def timeline_problems(timeline: Any, events: list[dict[str, Any]], where: str) -> list[str]:
    """Contiguous segments whose boundaries are exactly the events' dates and actors."""
    if not isinstance(timeline, list) or not timeline:
        return [f"{where}: timeline must be a non-empty list"]
    out = []
    for i, seg in enumerate(timeline):
        if not isinstance(seg, dict) or set(seg) - SEGMENT_KEYS or {"from", "to", "controller"} - set(seg):
            return [f"{where}: segment {i} must have from, to, controller (and optional status)"]
        if seg.get("status", "held") not in STATUSES:
            out.append(f"{where}: segment {i} has unknown status {seg.get('status')!r}")
        if not _actor_ok(seg["controller"]):
            out.append(f"{where}: segment {i} controller {seg['controller']!r} is not a registry name")
        for key, open_ok in (("from", i == 0), ("to", i == len(timeline) - 1)):
            if not (is_date(seg[key]) or (seg[key] is None and open_ok)):
                out.append(f"{where}: segment {i} {key!r} must be a date")
        if is_date(seg["from"]) and is_date(seg["to"]) and seg["from"] >= seg["to"]:
            out.append(f"{where}: segment {i} ends before it starts")
    if out:
        return out
    boundaries = []
    for a, b in itertools.pairwise(timeline):
        if a["to"] != b["from"]:
            out.append(f"{where}: gap or overlap at {a['to']} / {b['from']}")
        if (a["controller"], a.get("status")) == (b["controller"], b.get("status")):
            out.append(f"{where}: no change of control at {b['from']}")
        boundaries.append((b["from"], b["controller"]))
    changes = [(e.get("date"), e.get("actor")) for e in events]
    if sorted(boundaries, key=str) != sorted(changes, key=str):
        out.append(f"{where}: timeline changes {boundaries} differ from the events {changes}")
    return out


def event_problems(ev: Any, place: str, reports: dict[str, Any], control: bool) -> list[str]:
    """One entry of events (control=True) or other_events."""
    keys, required = (EVENT_KEYS, EVENT_KEYS) if control else (OTHER_EVENT_KEYS, OTHER_REQUIRED)
    if not isinstance(ev, dict) or set(ev) - keys or required - set(ev):
        return [f"{place}: event {ev!r:.60} must have keys {sorted(required)} (allowed {sorted(keys)})"]
    where = f"{place}: event {ev['id']}"
    out = [] if str(ev["id"]).startswith(f"{place}-") else [f"{where}: id must start with {place}-"]
    kinds = CONTROL_KINDS if control else set(SUB_EVENT_TYPES)
    if ev["kind"] not in kinds:
        out.append(f"{where}: kind {ev['kind']!r} not one of {sorted(kinds)}")
    if not is_date(ev["date"]):
        return [*out, f"{where}: date must be a date"]
    if ev.get("precision", "day") not in PRECISIONS:
        out.append(f"{where}: unknown precision {ev['precision']!r}")
    if (control or ev.get("actor") is not None) and not _actor_ok(ev.get("actor")):
        out.append(f"{where}: actor {ev.get('actor')!r} is not a registry name")
    ids = ev["reports"]
    if not isinstance(ids, list) or not ids or len(set(ids)) != len(ids):
        return [*out, f"{where}: reports must be a non-empty list without repeats"]
    missing = [i for i in ids if i not in reports]
    if missing:
        return [*out, f"{where}: unknown reports {missing}"]
    for i in ids:
        if abs((reports[i]["published"] - ev["date"]).days) > EVENT_WINDOW_DAYS:
            out.append(f"{where}: {i} published {reports[i]['published']}, too far from {ev['date']}")
    if control:
        outlets = {reports[i]["outlet"] for i in ids}
        if len(ids) < 5 or len(outlets) < 4 or independent_sources(ids, reports) < 3:
            out.append(f"{where}: needs >= 5 reports, >= 4 outlets, >= 3 independent sources")
    return out


def claim_problems(claim: Any, place: str, reports: dict[str, Any], events: dict[str, Any]) -> list[str]:
    """A claim names a report of this place, a known kind, and an event it is consistent with."""
    if not isinstance(claim, dict) or set(claim) != CLAIM_KEYS:
        return [f"{place}: claim {claim!r:.60} must have exactly the keys {sorted(CLAIM_KEYS)}"]
    where = f"{place}: claim on {claim['report']}"
    out = []
    if claim["kind"] not in CLAIM_KINDS:
        out.append(f"{where}: unknown kind {claim['kind']!r}")
    if claim["report"] not in reports:
        return [*out, f"{where}: unknown report"]
    if not isinstance(claim["note"], str) or not claim["note"].strip():
        out.append(f"{where}: note must say what the claim is")
    ev = events.get(claim["event"])
    if ev is None:
        if claim["event"] is not None or claim["kind"] in CLAIM_GAP:
            out.append(f"{where}: needs an event of this place, got {claim['event']!r}")
        return out
    gap = (reports[claim["report"]]["published"] - ev["date"]).days
    if not CLAIM_GAP.get(claim["kind"], lambda g: True)(gap):
        out.append(f"{where}: a {claim['kind']} published {gap:+d} days from its event")
    return out


def place_problems(place: str, data: dict[str, Any]) -> list[str]:
    """Everything wrong with one place: its truth, its reports and what it must cover."""
    truth, reports = data["truth"], data["reports"]
    if not isinstance(truth, dict) or set(truth) != TRUTH_KEYS:
        return [f"{place}: truth.yaml must have exactly the keys {sorted(TRUTH_KEYS)}"]
    spot, aliases = truth["place"], truth["aliases"]
    ok = (
        isinstance(spot, dict) and set(spot) == PLACE_KEYS and re.fullmatch(r"[A-Z]{2}", str(spot["country"]))
    )
    if not ok or not all(isinstance(spot[k], int | float) and abs(spot[k]) <= m for k, m in LIMITS):
        return [f"{place}: place must be {{name, country (ISO alpha-2), lat, lon}} with lat/lon in range"]
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        return [f"{place}: aliases must be a list of names"]
    names = [spot["name"], *aliases]
    out = []
    for rid, rec in reports.items():
        out += report_problems(rec, data["stems"][rid], place, names)
    if out:
        return out
    lists = [truth[k] for k in ("events", "other_events", "claims")]
    if not all(isinstance(x, list) for x in lists):
        return [f"{place}: events, other_events and claims must be lists"]
    events, others, claims = lists
    for ev in events:
        out += event_problems(ev, place, reports, control=True)
    for ev in others:
        out += event_problems(ev, place, reports, control=False)
    if out:
        return out
    by_id = {e["id"]: e for e in events + others}
    if len(by_id) != len(events) + len(others):
        out.append(f"{place}: event ids repeat")
    for claim in claims:
        out += claim_problems(claim, place, reports, by_id)
    out += timeline_problems(truth["timeline"], events, place)
    return out + coverage_problems(place, reports, events, others, claims)


def coverage_problems(place: str, reports: dict, events: list, others: list, claims: list) -> list[str]:
    """What every place must contain (README, "What the corpus exercises")."""
    out = []
    if len(events) < 2:
        out.append(f"{place}: needs >= 2 changes of control, has {len(events)}")
    if not others:
        out.append(f"{place}: needs a report on an unrelated event")
    kinds = {c["kind"] for c in claims}
    if REQUIRED_CLAIM_KINDS - kinds:
        out.append(f"{place}: lacks claims of kind {sorted(REQUIRED_CLAIM_KINDS - kinds)}")
    used = {i for e in events + others for i in e["reports"]} | {c["report"] for c in claims}
    if set(reports) - used:
        out.append(f"{place}: reports in no event or claim: {sorted(set(reports) - used)}")
    groups = wire_groups(reports)
    lonely = sorted(i for g in groups if len(g) == 1 for i in g)
    if lonely:
        out.append(f"{place}: wire reports with no copy by another outlet: {lonely}")
    if not any(len(g) >= 2 for g in groups):
        out.append(f"{place}: needs a wire story run by >= 2 outlets")
    for ev in events + others:
        for g in groups:
            if g & set(ev["reports"]) and not g <= set(ev["reports"]):
                out.append(f"{place}: event {ev['id']} has only some copies of wire story {sorted(g)}")
    return out


# ---------------------------------------------------------------- the corpus


@pytest.mark.parametrize("place", sorted(corpus()))
def test_place_is_well_formed(place):
    assert place_problems(place, corpus()[place]) == []


def test_corpus_size_and_unique_ids():
    places = corpus()
    assert len(places) >= 5
    ids = [rid for d in places.values() for rid in d["reports"]]
    urls = [r["url"] for d in places.values() for r in d["reports"].values()]
    events = [e["id"] for d in places.values() for e in d["truth"]["events"] + d["truth"]["other_events"]]
    for name, values in (("report id", ids), ("url", urls), ("event id", events)):
        assert [v for v, n in Counter(values).items() if n > 1] == [], f"repeated {name}"
    kinds = {c["kind"] for d in places.values() for c in d["truth"]["claims"]}
    assert kinds == CLAIM_KINDS


def test_corpus_has_events_that_must_not_merge():
    """A place captured twice by one side months apart; an attack and a reply within 2 days."""
    twice, reply = False, False
    for d in corpus().values():
        evs, others = d["truth"]["events"], d["truth"]["other_events"]
        twice |= any(
            a["actor"] == b["actor"] and (b["date"] - a["date"]).days >= 60 for a in evs for b in evs
        )
        reply |= any(
            a["actor"] and b["actor"] and a["actor"] != b["actor"] and 0 < (b["date"] - a["date"]).days <= 2
            for a in others
            for b in others
        )
    assert twice and reply


def test_sentence_splitter():
    text = 'He said, "It fell." Troops left on Jan. 11 at 5am.\nA second line here.\n— Reuters'
    assert sentences(text) == ['He said, "It fell."', "Troops left on Jan. 11 at 5am.", "A second line here."]


# ---------------------------------------------------------------- the checks can fail


def broken(place: str, change) -> list[str]:
    """Problems of a deep copy of one place after ``change(truth, reports)``."""
    data = copy.deepcopy(corpus()[place])
    change(data["truth"], data["reports"])
    return place_problems(place, data)


def _first(reports: dict[str, Any], wire: bool = False) -> dict[str, Any]:
    return next(r for r in reports.values() if bool(r.get("wire")) == wire)


def _claim(truth: dict[str, Any], kind: str) -> dict[str, Any]:
    return next(c for c in truth["claims"] if c["kind"] == kind)


DAY = dt.timedelta(days=1)
NO_COPY = "Headline\n(AFP) — " + "Troops fought near the old town again. " * 4 + "Palmyra was quiet.\n"
BREAKAGES = {
    "unknown key": lambda t, r: _first(r).update(lang="en"),
    "differs from the file stem": lambda t, r: _first(r).update(id="palmyra-99-x"),
    "must be a YYYY-MM-DD date": lambda t, r: _first(r).update(published="27 March 2016"),
    ".example domain": lambda t, r: _first(r).update(url="https://www.bbc.co.uk/news"),
    "sentences, not 4-10": lambda t, r: _first(r).update(text="Headline\nOne sentence only.\n"),
    "never names the place": lambda t, r: _first(r).update(
        text=re.sub("Palmyra|Tadmur", "X", _first(r)["text"])
    ),
    "does not credit": lambda t, r: _first(r, wire=True).update(wire="AP"),
    "no copy by another outlet": lambda t, r: _first(r, wire=True).update(text=NO_COPY),
    "needs >= 5 reports": lambda t, r: t["events"][0].update(reports=t["events"][0]["reports"][:4]),
    "not a registry name": lambda t, r: t["events"][0].update(actor="Syrian Army"),
    "differ from the events": lambda t, r: t["events"][1].update(date=t["events"][1]["date"] + DAY),
    "gap or overlap": lambda t, r: t["timeline"][1].update(to=t["timeline"][1]["to"] - 3 * DAY),
    "published +": lambda t, r: _claim(t, "premature_claim").update(report=t["events"][0]["reports"][-1]),
    "lacks claims of kind": lambda t, r: t.update(
        claims=[c for c in t["claims"] if c["kind"] != "background"]
    ),
}


@pytest.mark.parametrize("message", sorted(BREAKAGES))
def test_checks_catch_broken_data(message):
    problems = broken("palmyra", BREAKAGES[message])
    assert any(message in p for p in problems), problems
