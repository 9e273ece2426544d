"""The read API against the sample corpus: the same filters as ``khaldun events``,
pagination, GeoJSON, evidence, documents with spans, search, exports."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from khaldun.store import EventFilter, Store


@pytest.fixture(scope="module")
def store(web_db):
    with Store(web_db["path"]) as s:
        yield s


def ids(events: list[dict]) -> list[int]:
    return [e["id"] for e in events]


@pytest.mark.parametrize(
    "params",
    [
        {"type": "Battles"},
        {"place": "Syria"},
        {"actor": "Wagner"},
        {"stance": "claimed"},
        {"source": "army"},
        {"since": "2023-01-11", "until": "2023-01-31"},
        {"search": "Soledar"},
        {"type": "Battles", "place": "Ukraine", "stance": "asserted"},
    ],
)
def test_event_filters_match_the_cli(client, store, params):
    got = client.get("/api/events", params={**params, "limit": 500}).json()
    typed = {k: dt.date.fromisoformat(v) if k in ("since", "until") else v for k, v in params.items()}
    expected = ids(store.events(EventFilter(**typed)))
    assert expected, f"the samples have no events for {params}"
    assert ids(got["events"]) == expected
    assert got["total"] == len(expected)


def test_pages_add_up_to_the_whole_selection(client, store):
    everything = ids(store.events(EventFilter(type="Battles")))
    pages, offset = [], 0
    while True:
        page = client.get("/api/events", params={"type": "Battles", "limit": 7, "offset": offset}).json()
        assert page["total"] == len(everything)
        if not page["events"]:
            break
        pages += ids(page["events"])
        offset += 7
    assert pages == everything


def test_country_filter(client):
    got = client.get("/api/events", params={"country": "SY", "limit": 500}).json()
    assert got["total"] > 0
    assert {e["location"]["country_code"] for e in got["events"]} == {"SY"}


def test_geojson_has_the_located_events(client, store):
    got = client.get("/api/events", params={"format": "geojson", "place": "Sudan"}).json()
    assert got["type"] == "FeatureCollection"
    located = [e for e in store.events(EventFilter(place="Sudan")) if e["latitude"] is not None]
    assert [f["properties"]["event_id"] for f in got["features"]] == ids(located)
    first = got["features"][0]
    assert first["geometry"]["coordinates"] == [located[0]["longitude"], located[0]["latitude"]]


def test_one_event_with_its_evidence(client, store):
    row = store.events(EventFilter(place="Aleppo"))[0]
    got = client.get(f"/api/events/{row['id']}").json()
    assert got["source"] == {"name": row["source_name"], "stance": row["stance"], "cue": row["cue"]}
    doc = client.get(f"/api/documents/{row['document_id']}").json()
    ev = got["evidence"]
    assert doc["text"][ev["start"] : ev["end"]] == ev["sentence"]
    assert "cluster" in got and "contradictions" in got


def test_document_spans_point_into_its_text(client, store):
    doc_id = store.events(EventFilter(place="Soledar"))[0]["document_id"]
    doc = client.get(f"/api/documents/{doc_id}").json()
    kinds = {s["kind"] for s in doc["spans"]}
    assert {"event", "place", "actor", "date"} <= kinds
    stored = store.document(doc_id)
    for span in doc["spans"]:
        if span["kind"] == "place":
            assert doc["text"][span["start"] : span["end"]] in {p["text"] for p in stored["places"]}
    starts = [s["start"] for s in doc["spans"]]
    assert starts == sorted(starts)


def test_missing_things_are_404(client):
    assert client.get("/api/events/999999").status_code == 404
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/api/clusters/nope").status_code == 404
    assert client.get("/api/places/nope/control").status_code == 404


def test_bad_input_is_the_callers_mistake(client):
    assert client.get("/api/events", params={"search": '"unclosed'}).status_code == 400
    assert client.get("/api/search", params={"q": "AND"}).status_code == 400
    assert client.get("/api/events", params={"since": "yesterday"}).status_code == 422
    assert client.get("/api/events", params={"limit": 100_000}).status_code == 422


def test_search_finds_documents(client):
    got = client.get("/api/search", params={"q": "Soledar"}).json()["documents"]
    assert got and all("Soledar" in d["snippet"] or "Soledar" in (d["title"] or "") for d in got)


def test_histogram_counts_the_selection(client):
    days = client.get("/api/histogram", params={"type": "Battles"}).json()["days"]
    total = client.get("/api/events", params={"type": "Battles", "limit": 1}).json()["total"]
    undated = client.get("/api/events", params={"type": "Battles", "limit": 500}).json()["events"]
    dated = sum(1 for e in undated if (e["date"] or {}).get("start") or e["document"]["published"])
    assert sum(d["count"] for d in days) == dated <= total
    assert [d["day"] for d in days] == sorted(d["day"] for d in days)


def test_facets_list_the_menus(client, store):
    facets = client.get("/api/facets").json()
    assert sum(t["count"] for t in facets["types"]) == len(store.events())
    assert {"value": "SY", "label": "Syria"}.items() <= next(
        c for c in facets["countries"] if c["value"] == "SY"
    ).items()


def test_export_acled_csv_of_the_selection(client, store):
    response = client.get("/api/export", params={"format": "acled-csv", "type": "Battles", "place": "Syria"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    expected = store.events(EventFilter(type="Battles", place="Syria"))
    assert [int(r["event_id"]) for r in rows] == ids(expected)
    assert rows[0]["event_type"] == "Battles"


def test_export_geojson(client):
    got = client.get("/api/export", params={"format": "geojson", "stance": "denied"}).json()
    assert got["features"] and {f["properties"]["stance"] for f in got["features"]} == {"denied"}


def test_places_find_control_timelines(client):
    got = client.get("/api/places", params={"q": "Soledar"}).json()
    assert got["timelines"] is True
    key = got["places"][0]["place_key"]
    timeline = client.get(f"/api/places/{key}/control").json()
    assert timeline["place"]["name"] == "Soledar" and timeline["timeline"]
    dated = next(span for span in timeline["timeline"] if span["from"])
    at = client.get(f"/api/places/{key}/control", params={"at": dated["from"]}).json()["timeline"]
    assert len(at) == 1 and (at[0]["from"] or "") <= dated["from"]


def test_security_headers(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_the_page_loads_nothing_from_elsewhere(client):
    html = client.get("/").text
    assert "http://" not in html and "https://" not in html and "//cdn" not in html
    for asset in ("vendor/leaflet/leaflet.js", "vendor/world-atlas/countries-50m.json", "js/main.js"):
        assert client.get(f"/static/{asset}").status_code == 200, f"{asset}: run `make web`"
