"""Safety: read-only unless a token is set, the token compared in constant time, URL
ingestion kept off loopback/private/link-local addresses, request bodies capped."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from khaldun.web.app import Settings, create_app
from khaldun.web.urlguard import RefusedURL, check_url, is_public

from .conftest import HOSTILE

TOKEN = "s3cret-token"


@pytest.fixture
def writable(pipeline, tmp_path) -> Iterator[TestClient]:
    app = create_app(Settings(db=str(tmp_path / "w.db"), token=TOKEN, pipeline_factory=lambda: pipeline))
    with TestClient(app) as c:
        yield c


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_read_only_without_a_token(client):
    response = client.post("/api/documents", json={"text": HOSTILE}, headers=auth())
    assert response.status_code == 403


def test_a_wrong_or_missing_token_is_refused(writable):
    assert writable.post("/api/documents", json={"text": HOSTILE}).status_code == 401
    assert (
        writable.post("/api/documents", json={"text": HOSTILE}, headers=auth("s3cret-tokeN")).status_code
        == 401
    )
    assert writable.get("/api/documents").json()["total"] == 0


def test_posting_a_text_ingests_it_and_keeps_its_markup_as_text(writable):
    response = writable.post(
        "/api/documents", json={"text": HOSTILE, "published": "2024-03-05", "outlet": "Test"}, headers=auth()
    )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "ok" and body["events"] > 0
    doc = writable.get(f"/api/documents/{body['document_id']}").json()
    assert "<script>window.__pwned = 1</script>" in doc["text"]
    assert doc["published"] == "2024-03-05"
    again = writable.post("/api/documents", json={"text": HOSTILE}, headers=auth()).json()
    assert again == {"status": "duplicate", "document_id": body["document_id"], "events": 0}


def test_exactly_one_input(writable):
    assert writable.post("/api/documents", json={}, headers=auth()).status_code == 422
    both = {"text": "a", "url": "https://example.org/"}
    assert writable.post("/api/documents", json=both, headers=auth()).status_code == 422


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:9/x",
        "http://localhost/",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://100.64.0.1/",
        "file:///etc/passwd",
    ],
)
def test_urls_to_the_servers_own_network_are_refused(writable, url):
    response = writable.post("/api/documents", json={"url": url}, headers=auth())
    assert response.status_code == 400
    assert "refused" in response.json()["detail"] or "only http" in response.json()["detail"]


def test_public_addresses_pass_the_check():
    assert is_public("93.184.216.34") and is_public("2606:4700::1111")
    assert not is_public("127.0.0.2") and not is_public("fe80::1") and not is_public("172.16.5.4")
    with pytest.raises(RefusedURL):
        check_url("ftp://example.org/")


class _Page(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/report")
            self.end_headers()
            return
        body = (
            b"<html><head><title>Shelling reported</title></head><body><article><p>"
            b"Artillery shelled the village of Kupiansk on Tuesday, killing two civilians, "
            b"local officials said.</p></article></body></html>"
        )
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def local_site() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_private_urls_only_with_the_flag(pipeline, tmp_path, local_site):
    settings = Settings(db=str(tmp_path / "p.db"), token=TOKEN, pipeline_factory=lambda: pipeline)
    with TestClient(create_app(settings)) as strict:
        assert (
            strict.post("/api/documents", json={"url": local_site + "/report"}, headers=auth()).status_code
            == 400
        )
    settings.allow_private_urls = True
    with TestClient(create_app(settings)) as lax:
        response = lax.post("/api/documents", json={"url": local_site + "/redirect"}, headers=auth())
        assert response.status_code == 201, response.text
        doc = lax.get(f"/api/documents/{response.json()['document_id']}").json()
        assert doc["url"] == local_site + "/report" and "Kupiansk" in doc["text"]


def test_request_bodies_are_capped(pipeline, tmp_path):
    settings = Settings(
        db=str(tmp_path / "c.db"), token=TOKEN, max_body=4096, pipeline_factory=lambda: pipeline
    )
    with TestClient(create_app(settings)) as c:
        big = {"text": "x " * 5000}
        assert c.post("/api/documents", json=big, headers=auth()).status_code == 413

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it arrives
            yield b'{"text": "'
            for _ in range(10):
                yield b"y" * 1000
            yield b'"}'

        streamed = c.post(
            "/api/documents", content=chunks(), headers={**auth(), "Content-Type": "application/json"}
        )
        assert streamed.status_code == 413


def test_serve_reads_its_options_and_environment(monkeypatch, web_db):
    from click.testing import CliRunner

    from khaldun.cli import main

    seen = {}
    capture = lambda app, host, port, **kw: seen.update(app=app, host=host, port=port)  # noqa: E731
    monkeypatch.setattr("uvicorn.run", capture)
    result = CliRunner().invoke(
        main,
        ["--db", web_db["path"], "serve", "--port", "8123", "--allow-private-urls"],
        env={"KHALDUN_TOKEN": TOKEN},
    )
    assert result.exit_code == 0, result.output
    settings = seen["app"].state.settings
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    assert settings.token == TOKEN and settings.allow_private_urls and settings.db == web_db["path"]
    assert "http://127.0.0.1:8123/" in result.output
