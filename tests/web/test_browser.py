"""The page in headless Debian Chromium with no route outside loopback: markers on the
map, brushing the timeline, the evidence panel, a place's control timeline, the share-URL
round trip, and a hostile document shown as text. Screenshots go to artifacts/web/."""

from __future__ import annotations

import pytest

from .conftest import shot

pytestmark = pytest.mark.slow


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']", timeout=20_000)


def total(page) -> int:
    return int(page.get_attribute("#count", "data-total"))


def assert_offline_and_clean(page) -> None:
    assert page.outside == [], f"the page asked for {page.outside}"
    assert page.errors == []


def test_the_map_shows_the_events(page, server, client):
    open_page(page, server)
    page.wait_for_function("Number(document.querySelector('#map').dataset.basemap) > 100")
    expected = len(client.get("/api/events", params={"format": "geojson"}).json()["features"])
    assert int(page.get_attribute("#map", "data-markers")) == expected > 0
    drawn = page.locator(".event-marker, .event-cluster")
    assert drawn.count() > 0
    counts = [int(t) for t in page.locator(".event-cluster span").all_inner_texts()]
    assert sum(counts) + page.locator("path.event-marker").count() == expected
    assert total(page) == client.get("/api/events", params={"limit": 1}).json()["total"]
    credits = page.locator(".leaflet-control-attribution").inner_text()
    assert "GeoNames" in credits and "Natural Earth" in credits  # CC BY 4.0 asks for the credit
    shot(page, "01-map")
    assert_offline_and_clean(page)


def test_brushing_the_timeline_shrinks_the_list(page, server):
    open_page(page, server)
    before = total(page)
    box = page.locator("#histogram").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.75, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.9, y, steps=5)
    page.mouse.up()
    page.wait_for_function(f"Number(document.querySelector('#count').dataset.total) < {before}")
    after = total(page)
    assert 0 < after < before
    assert "since=" in page.url and "until=" in page.url
    assert page.locator(".event-row").count() == min(after, 100)
    shot(page, "02-brushed")
    assert_offline_and_clean(page)


def test_clicking_an_event_shows_its_sentence_and_source(page, server, client):
    open_page(page, server + "/?place=Aleppo")
    first = page.locator(".event-row").first
    event_id = first.get_attribute("data-id")
    ev = client.get(f"/api/events/{event_id}").json()
    first.click()
    mark = page.locator("#evidence mark.evidence")
    mark.wait_for()
    assert mark.inner_text().strip() == ev["evidence"]["sentence"].strip()
    assert page.locator("#evidence .source").inner_text() == ev["source"]["name"]
    assert page.locator("#evidence .stance").first.inner_text() == ev["source"]["stance"]
    assert f"event={event_id}" in page.url
    shot(page, "03-evidence")
    assert_offline_and_clean(page)


def test_the_panel_lists_other_reports_and_contradictions(page, server, client):
    clusters = client.get("/api/clusters", params={"min_sources": 2, "limit": 500}).json()["clusters"]
    if not clusters:
        pytest.skip("no multi-source clusters in this store (reconciliation absent)")
    full = [client.get(f"/api/clusters/{c['id']}").json() for c in clusters]
    cluster = max(full, key=lambda c: (len(c["contradictions"]) > 0, len(c["members"])))
    event_id = cluster["members"][0]["event_id"]
    open_page(page, f"{server}/?event={event_id}")
    page.locator("#evidence mark.evidence").wait_for()
    others = [m for m in cluster["members"] if m["event_id"] != event_id]
    assert page.locator("#evidence .cluster li").count() == len(others)
    assert page.locator("#evidence .contradiction").count() == len(cluster["contradictions"])
    shot(page, "03b-cluster")
    page.locator("#evidence .cluster li button").first.click()
    page.wait_for_url(f"**event={others[0]['event_id']}**")
    page.locator("#evidence mark.evidence").wait_for()
    assert_offline_and_clean(page)


def test_a_places_control_timeline(page, server, client):
    open_page(page, server + "/?place=Soledar")
    page.locator(".event-row").first.click()
    page.locator("button.open-place").click()
    page.locator("#place .control").wait_for()
    assert "control=" in page.url
    places = client.get("/api/places", params={"q": "Soledar"}).json()
    if places["timelines"] and places["places"]:
        key = places["places"][0]["place_key"]
        timeline = client.get(f"/api/places/{key}/control").json()["timeline"]
        segments = page.locator(".band-seg")
        assert segments.count() == len(timeline) > 0
        with_evidence = next(i for i, span in enumerate(timeline) if span["evidence"])
        segments.nth(with_evidence).click()
        items = page.locator(".interval-evidence li")
        items.first.wait_for()
        assert items.count() == len(timeline[with_evidence]["evidence"])
    else:  # no control timelines in this store: the view says so
        assert "No control timeline" in page.locator("#place").inner_text()
    shot(page, "04-place")
    assert_offline_and_clean(page)


def test_the_share_url_restores_the_view(page, browser, server):
    open_page(page, server)
    page.select_option("#f-type", "Battles")
    page.wait_for_url("**type=Battles**")
    page.wait_for_function("document.querySelectorAll('.event-row').length > 0")
    page.locator(".event-row").nth(2).click()
    page.locator("#evidence mark.evidence").wait_for()
    url, sentence, count = page.url, page.locator("#evidence mark.evidence").inner_text(), total(page)
    other = browser.new_context(viewport={"width": 1400, "height": 850}, bypass_csp=True)
    try:
        second = other.new_page()
        second.route("**/*", lambda r: r.continue_() if r.request.url.startswith(server) else r.abort())
        open_page(second, url)
        second.locator("#evidence mark.evidence").wait_for()
        assert second.input_value("#f-type") == "Battles"
        assert total(second) == count
        assert second.locator("#evidence mark.evidence").inner_text() == sentence
        shot(second, "05-shared")
    finally:
        other.close()


def test_a_hostile_document_is_shown_as_text(page, server, client, web_db):
    doc = client.get(f"/api/documents/{web_db['hostile']}").json()
    event_id = next(s["record_id"] for s in doc["spans"] if s["kind"] == "event")
    open_page(page, f"{server}/?event={event_id}")
    page.locator("#evidence mark.evidence").wait_for()
    text = page.locator("#evidence .doc-text").inner_text()
    assert "<script>window.__pwned = 1</script>" in text and 'onerror="window.__pwned = 2"' in text
    assert page.locator("#evidence img, #evidence script").count() == 0
    assert page.evaluate("window.__pwned") is None
    assert "Sahel <b>Monitor</b>" in page.locator("#evidence .document").inner_text()
    shot(page, "06-hostile")
    assert_offline_and_clean(page)
