"""Acquisition: HTML and text files, sidecars, directories, stdin and URLs (loopback only)."""

from __future__ import annotations

import datetime as dt
import io
import random
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar

import pytest

from khaldun.acquire import MAX_BYTES, InputError, acquire, acquire_one
from khaldun.acquire.decode import decode
from khaldun.acquire.html import extract_html, with_headline
from khaldun.acquire.sources import expand, headline

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Militia shells market in Beni | Lake Post</title>
<meta property="og:title" content="Militia shells market in Beni">
<meta property="og:site_name" content="Lake Post">
<meta property="og:url" content="https://lakepost.test/2021/06/beni-market">
<meta property="article:published_time" content="2021-06-14T08:30:00+02:00">
<meta name="author" content="Amani Kito">
</head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a> | Subscribe</nav>
<article>
<p>Fighters of an armed group fired mortar rounds at the central market of Beni on Sunday morning,
killing four traders, the mayor's office said in a statement.</p>
<p>Residents said the shells landed near the fish stalls shortly after nine o'clock, and that
shops stayed closed for the rest of the day.</p>
<p>The army said it had sent reinforcements to the eastern districts of the town.</p>
</article>
<footer>© Lake Post. All rights reserved.</footer>
</body></html>
"""
STORY = "Curfew declared in Beni\n\nThe mayor declared a curfew after the market was shelled on Sunday.\n"


@pytest.fixture
def corpus(tmp_path):
    (tmp_path / "beni.html").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "curfew.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "curfew.meta.yaml").write_text(
        "published: 2021-06-15\noutlet: Kivu Daily\nurl: https://kivu.test/curfew\n", encoding="utf-8"
    )
    sub = tmp_path / "more"
    sub.mkdir()
    (sub / "notes.md").write_text(
        "# Roads closed\n\nRoads to Butembo were closed on Monday.\n", encoding="utf-8"
    )
    (sub / "notes.md.meta.yaml").write_text("outlet: Notes\n", encoding="utf-8")
    (sub / "image.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "README.md").write_text("# About this folder\n\nReports from June.\n", encoding="utf-8")
    hidden = tmp_path / ".cache"
    hidden.mkdir()
    (hidden / "old.txt").write_text("old", encoding="utf-8")
    (tmp_path / ".draft.txt").write_text("draft", encoding="utf-8")
    return tmp_path


def test_html_main_text_with_headline_first_and_metadata(corpus):
    got = acquire_one(str(corpus / "beni.html"))
    doc = got.document
    assert got.error is None and doc is not None
    assert doc.text.splitlines()[0] == "Militia shells market in Beni"
    assert "killing four traders" in doc.text
    assert "Subscribe" not in doc.text and "All rights reserved" not in doc.text
    assert doc.title == "Militia shells market in Beni"
    assert doc.published == dt.date(2021, 6, 14)
    assert doc.outlet == "Lake Post"
    assert doc.url == "https://lakepost.test/2021/06/beni-market"
    assert doc.author == "Amani Kito"
    assert doc.origin == str(corpus / "beni.html")
    assert doc.hash and doc.id == doc.hash[:16]


def test_text_file_with_sidecar(corpus):
    doc = acquire_one(str(corpus / "curfew.txt")).document
    assert doc.title == "Curfew declared in Beni"
    assert doc.published == dt.date(2021, 6, 15)
    assert (doc.outlet, doc.url) == ("Kivu Daily", "https://kivu.test/curfew")
    assert doc.text.startswith("Curfew declared in Beni\n\nThe mayor")


def test_overrides_beat_sidecar_and_page(corpus):
    overrides = {"published": dt.date(2021, 1, 2), "outlet": "Override", "url": None}
    for name in ("curfew.txt", "beni.html"):
        doc = acquire_one(str(corpus / name), overrides=overrides).document
        assert (doc.published, doc.outlet) == (dt.date(2021, 1, 2), "Override")
        assert doc.url is not None  # None overrides nothing


def test_directory_is_walked_recursively_skipping_hidden_files_and_sidecars(corpus):
    names = [p.replace(str(corpus), "") for p in expand(str(corpus))]
    assert names == ["/beni.html", "/curfew.txt", "/more/notes.md"]
    docs = [a.document for a in acquire([str(corpus)])]
    assert docs[2].title == "Roads closed" and docs[2].outlet == "Notes"  # name.ext.meta.yaml sidecar too


def test_empty_directory_is_an_error_naming_it(tmp_path):
    (tmp_path / "readme.pdf").write_bytes(b"%PDF-1.4")
    [got] = list(acquire([str(tmp_path)]))
    assert got.origin == str(tmp_path) and "no .html" in got.error


def test_stdin_text_and_html_are_told_apart():
    text = acquire_one("-", stdin=io.BytesIO(STORY.encode())).document
    assert text.origin == "-" and text.text.startswith("Curfew declared")
    page = acquire_one("-", stdin=io.BytesIO(ARTICLE.encode())).document
    assert page.outlet == "Lake Post" and "<p>" not in page.text


def test_same_report_as_html_and_text_has_the_same_hash(tmp_path):
    html = (
        "<html><body><article><h1>Town taken</h1>"
        "<p>Rebels   took the town on Monday after a long fight with troops.</p></article></body></html>"
    )
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        "Town taken\n\nRebels took the town on Monday after a long fight with troops.\n"
    )
    a, b = (acquire_one(str(tmp_path / n)).document for n in ("a.html", "b.txt"))
    assert a.hash == b.hash


def test_headline_helpers():
    assert headline("\n\n# Title here\nBody") == "Title here"
    assert headline("x" * 300 + "\nmore") is None
    assert with_headline("Army retakes town", "Army retakes  town\nBody") == "Army retakes  town\nBody"
    assert with_headline("Army retakes town", "Body") == "Army retakes town\n\nBody"
    assert with_headline(None, "Body") == "Body"


def test_body_dates_are_not_taken_for_the_publication_date():
    page = extract_html(
        "<html><body><article><h1>Looking back</h1><p>On 4 May 2015 the militants entered the city, and the"
        " siege lasted for many months until the army returned in the spring.</p></article></body></html>"
    )
    assert page.published is None


# -- URLs, served on the loopback interface ----------------------------------------


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {
        "/article": (200, "text/html; charset=utf-8", ARTICLE.encode()),
        "/plain": (200, "text/plain", STORY.encode()),
        "/pdf": (200, "application/pdf", b"%PDF-1.4 ..."),
        "/missing": (404, "text/html", b"<h1>Not found</h1>"),
        "/boom": (500, "text/html", b"<h1>Server error</h1>"),
    }

    def do_GET(self) -> None:
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article")
            self.end_headers()
            return
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()  # no Content-Length: the client must stop reading by itself
            try:
                for _ in range(MAX_BYTES // 65536 + 2):
                    self.wfile.write(b"a" * 65536)
            except (BrokenPipeError, ConnectionResetError):
                pass
            return
        status, ctype, body = self.routes.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_url_html(server):
    doc = acquire_one(f"{server}/article").document
    assert doc.outlet == "Lake Post" and doc.text.startswith("Militia shells market in Beni")
    assert doc.url == f"{server}/article" and doc.origin == f"{server}/article"


def test_url_redirect_and_plain_text(server):
    assert acquire_one(f"{server}/redirect").document.url == f"{server}/article"
    assert acquire_one(f"{server}/plain").document.title == "Curfew declared in Beni"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "HTTP 404"),
        ("/boom", "HTTP 500"),
        ("/pdf", "unsupported content type 'application/pdf'"),
        ("/huge", "too large"),
    ],
)
def test_url_errors(server, path, message):
    got = acquire_one(f"{server}{path}")
    assert got.document is None and message in got.error


def test_unreachable_host():
    got = acquire_one(f"http://127.0.0.1:{closed_port()}/news")
    assert got.document is None and got.error.startswith("cannot reach host")


# -- decoding ---------------------------------------------------------------------


def test_decode_utf8_with_and_without_bom():
    assert decode("Gunmen struck at dawn.".encode("utf-8-sig")) == ("Gunmen struck at dawn.", None)


def test_decode_legacy_encodings_with_a_warning():
    text, warning = decode("The café near the résumé office was shelled.".encode("cp1252"))
    assert text == "The café near the résumé office was shelled." and "Windows-1252" in warning
    text, warning = decode("Troops entered Güiria.".encode("utf-16"))
    assert text == "Troops entered Güiria." and "UTF-16" in warning
    page = '<meta charset="koi8-r"><p>Войска вошли в город.</p>'.encode("koi8-r")
    text, warning = decode(page)
    assert "Войска" in text and "declared in the page" in warning


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty input"),
        (b"\n \t\n", "empty input"),
        (b"PK\x03\x04rest of a zip", "ZIP"),
        (b"text\x00with NUL", "NUL bytes"),
        (bytes(range(1, 32)) * 40, "control characters"),
        (random.Random(1).randbytes(4000).replace(b"\x00", b"\x01"), "no character set"),
        (b"x" * (MAX_BYTES + 1), "too large"),
    ],
)
def test_decode_refuses_non_text(data, message):
    with pytest.raises(InputError, match=message):
        decode(data)
