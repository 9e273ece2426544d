"""The store: migrations, one transaction per document, dedupe, error rows, filters, search."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from khaldun.acquire.normalize import make_document
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
from khaldun.store import EventFilter, Store, connect, migrate, migrations, schema_version
from khaldun.store import rows as store_rows
from khaldun.store.db import Migration

TEMPLATE = (
    "Rebels seize {town}\n\n"
    "Rebels of the {group} seized the town of {town} on Tuesday, a spokesman said. "
    "The army denied losing the base near Gao."
)
TEXT = TEMPLATE.format(town="Kidal", group="CMA")


def span(text: str, needle: str, start: int = 0) -> Span:
    i = text.index(needle, start)
    return Span(i, i + len(needle), needle)


def make_extraction(
    town: str = "Kidal", group: str = "CMA", origin: str = "kidal.txt", published: str = "2023-05-10"
) -> Extraction:
    """An extraction with one of every record, offsets into the normalised text."""
    text = TEMPLATE.format(town=town, group=group)
    doc = make_document(text, origin=origin, published=published, outlet="Test Wire", url="https://x.test/k")
    t = doc.text
    kidal = Place(town, 18.44, 1.41, "ML", geonames_id=2455290, admin1=town, feature="city")
    gao = Place("Gao", 16.27, -0.04, "ML", geonames_id=2457163, admin1="Gao", feature="city")
    cma = Actor(group.lower(), f"{group}: Coordination of Azawad Movements", inter=2, country="ML")
    army = Actor("fama", "Military Forces of Mali", inter=1, country="ML")
    rebels = ActorMention(*_se(t, group), actor=cma)
    army_m = ActorMention(*_se(t, "army"), actor=army)
    kidal_m = PlaceMention(*_se(t, town, 30), place=kidal)
    gao_m = PlaceMention(*_se(t, "Gao"), place=gao, geo_precision=2, relation="near", note="a test note")
    day = doc.published - dt.timedelta(days=1)
    tuesday = DateMention(*_se(t, "Tuesday"), day, day, "day")
    s1 = span(t, f"Rebels of the {group} seized the town of {town} on Tuesday, a spokesman said.")
    s2 = span(t, "The army denied losing the base near Gao.")
    said = Attribution(cue=span(t, "said"), content=span(t, s1.text[:-18]), source=span(t, "a spokesman"))
    denied = Attribution(
        cue=span(t, "denied"),
        content=span(t, "losing the base near Gao"),
        source=span(t, "The army"),
        source_name=army.name,
        stance="denied",
    )
    e1 = Event(
        "Battles",
        "Non-state actor overtakes territory",
        s1,
        span(t, "seized"),
        Source("a spokesman", "claimed", "said"),
        rebels,
        army_m,
        kidal_m,
        tuesday,
        3,
        0.8,
    )
    e2 = Event(
        "Strategic developments",
        "Non-violent transfer of territory",
        s2,
        span(t, "losing"),
        Source(army.name, "denied", "denied"),
        army_m,
        None,
        gao_m,
        None,
        None,
        0.4,
    )
    return Extraction(
        doc,
        language="en",
        events=[e1, e2],
        places=[kidal_m, gao_m],
        actors=[rebels, army_m],
        attributions=[said, denied],
        dates=[tuesday],
    )


def _se(text: str, needle: str, start: int = 0) -> tuple[int, int, str]:
    s = span(text, needle, start)
    return s.start, s.end, s.text


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "k.db") as s:
        yield s


def count(store: Store, table: str) -> int:
    return store.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


# -- migrations -------------------------------------------------------------------


def test_new_database_is_at_the_latest_version(store):
    assert schema_version(store.conn) == migrations()[-1].version >= 1
    tables = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"documents", "events", "actors", "places", "attributions", "dates", "documents_fts"} <= tables


def test_wal_and_foreign_keys(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_reopening_applies_nothing_and_keeps_data(tmp_path):
    path = tmp_path / "k.db"
    with Store(path) as s:
        s.save(make_extraction())
    conn = connect(path)
    assert migrate(conn) == []
    assert conn.execute("SELECT COUNT(*) FROM schema_version").fetchone()[0] == len(migrations())
    assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 2


def test_migrations_apply_in_order_and_a_failed_one_rolls_back(tmp_path):
    conn = connect(tmp_path / "m.db")
    base = migrations()
    top = base[-1].version
    extra = [
        Migration(top + 2, "second", "ALTER TABLE notes ADD COLUMN body TEXT;"),
        Migration(top + 1, "first", "CREATE TABLE notes (id INTEGER PRIMARY KEY);"),
    ]
    assert migrate(conn, base + sorted(extra, key=lambda m: m.version)) == [v.version for v in base] + [
        top + 1,
        top + 2,
    ]
    broken = Migration(top + 3, "broken", "CREATE TABLE half (id INTEGER); INSERT INTO nowhere VALUES (1);")
    with pytest.raises(RuntimeError, match="broken"):
        migrate(conn, [*base, *extra, broken])
    assert schema_version(conn) == top + 2
    assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'half'").fetchone() is None


def test_a_database_newer_than_the_code_is_refused(tmp_path):
    conn = connect(tmp_path / "n.db")
    migrate(conn)
    conn.execute("INSERT INTO schema_version VALUES (9999, 'future', 'x')")
    with pytest.raises(RuntimeError, match="newer"):
        migrate(conn)


# -- saving -----------------------------------------------------------------------


def test_save_writes_every_record_with_valid_offsets(store):
    ext = make_extraction()
    doc_id = store.save(ext)
    saved = store.document(doc_id)
    text = saved["text"]
    assert saved["status"] == "ok" and saved["published"] == "2023-05-10" and saved["outlet"] == "Test Wire"
    assert [len(saved[t]) for t in ("events", "actors", "places", "attributions", "dates")] == [2, 2, 2, 2, 1]
    for e in saved["events"]:
        assert text[e["evidence_start"] : e["evidence_end"]] == e["evidence_sentence"]
        assert text[e["trigger_start"] : e["trigger_end"]] == e["trigger_text"]
    for table in ("actors", "places", "dates"):
        for r in saved[table]:
            assert text[r["start"] : r["end"]] == r["text"]
    first = saved["events"][0]
    assert (first["location_name"], first["geonames_id"], first["date_start"]) == (
        "Kidal",
        2455290,
        "2023-05-09",
    )
    assert (first["actor1_inter"], first["stance"], first["fatalities"]) == (2, "claimed", 3)
    gao = next(r for r in saved["places"] if r["text"] == "Gao")
    assert (gao["relation"], gao["note"], gao["geo_precision"]) == ("near", "a test note", 2)


def test_a_failure_while_saving_leaves_only_the_error_row(store, monkeypatch):
    def broken(doc_id, d):
        raise ValueError("disk on fire")

    monkeypatch.setattr(store_rows, "date_row", broken)
    ext = make_extraction()
    doc_id = store.save(ext)
    assert doc_id.startswith("error-")
    assert [count(store, t) for t in ("events", "actors", "places", "attributions", "dates")] == [0] * 5
    docs = store.documents()
    assert len(docs) == 1 and docs[0]["status"] == "error" and "disk on fire" in docs[0]["error"]
    assert docs[0]["origin"] == "kidal.txt" and docs[0]["hash"] is None
    assert store.duplicate_of(ext.document.hash) is None  # a later try is not a "duplicate"


def test_extraction_error_is_stored_as_an_error_row(store):
    ext = make_extraction()
    ext.error = "kidal.txt: extraction failed: boom"
    ext.events = []
    doc_id = store.save(ext)
    row = store.document(doc_id)
    assert row["status"] == "error" and "boom" in row["error"] and row["text"] is None


def test_success_replaces_an_earlier_error_row_for_the_same_input(store):
    store.save_error("kidal.txt", "empty input")
    store.save_error("kidal.txt", "empty input again")
    assert [d["status"] for d in store.documents()] == ["error"]
    store.save(make_extraction())
    assert [d["status"] for d in store.documents()] == ["ok"]


def test_dedupe_by_normalised_text(store):
    first = store.save(make_extraction())
    again = Extraction(make_document(TEXT.replace(" ", "  ").upper(), origin="copy.txt"), language="en")
    assert store.duplicate_of(again.document.hash) == first
    assert store.save(again) == first
    assert count(store, "documents") == 1 and count(store, "events") == 2


def test_skipped_documents_keep_their_reason(store):
    doc = make_document("Le gouvernement a annoncé une trêve.", origin="fr.txt")
    doc_id = store.save(Extraction(doc, language="und", skipped="not English"))
    row = store.document(doc_id)
    assert row["status"] == "skipped" and row["skip_reason"] == "not English" and row["events"] == []


def test_delete_cascades(store):
    doc_id = store.save(make_extraction())
    assert store.delete(doc_id)
    assert [count(store, t) for t in ("events", "places", "documents_fts")] == [0, 0, 0]


def test_foreign_keys_are_enforced(store):
    with pytest.raises(sqlite3.IntegrityError):
        store.conn.execute("INSERT INTO dates (document_id, start, \"end\", text) VALUES ('nope', 0, 1, 'x')")


# -- reading ----------------------------------------------------------------------


@pytest.fixture
def filled(store):
    store.save(make_extraction())
    store.save(make_extraction("Timbuktu", "JNIM", origin="other.txt", published="2024-01-02"))
    return store


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EventFilter(), 4),
        (EventFilter(type="battles"), 2),
        (EventFilter(type="Non-violent transfer of territory"), 2),
        (EventFilter(place="kid"), 1),
        (EventFilter(place="Mali"), 4),  # country name -> ISO code
        (EventFilter(place="ml"), 4),
        (EventFilter(place="Syria"), 0),
        (EventFilter(actor="Azawad"), 2),
        (EventFilter(actor="JNIM"), 1),
        (EventFilter(actor="army"), 4),
        (EventFilter(stance="denied"), 2),
        (EventFilter(source="spokesman"), 2),
        (EventFilter(since=dt.date(2024, 1, 1)), 2),  # undated events fall back to the report's date
        (EventFilter(until=dt.date(2023, 5, 9)), 1),
        (EventFilter(search="Timbuktu"), 2),
        (EventFilter(type="Battles", place="Kidal", stance="claimed"), 1),
        (EventFilter(limit=3), 3),
        (EventFilter(place="100%_"), 0),  # LIKE wildcards are literal
    ],
)
def test_event_filters(filled, filters, expected):
    assert len(filled.events(filters)) == expected


def test_events_carry_their_document(filled):
    rows = filled.events(EventFilter(place="Kidal"))
    assert rows[0]["outlet"] == "Test Wire" and rows[0]["url"] == "https://x.test/k"
    assert rows[0]["published"] == "2023-05-10"


def test_full_text_search(filled):
    hits = filled.search("Timbuktu")
    assert len(hits) == 1 and "[Timbuktu]" in hits[0]["snippet"]


def test_stats(filled):
    filled.save_error("bad.html", "no main text")
    s = filled.stats()
    assert s["documents"] == {"ok": 2, "error": 1}
    assert s["events"] == 4
    assert ("Battles", "Non-state actor overtakes territory", 2) in s["event_types"]
    assert dict(s["stances"]) == {"claimed": 2, "denied": 2}
    assert dict(s["actors"])["Military Forces of Mali"] == 4
