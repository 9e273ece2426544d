"""Fixtures for the web tests: the sample corpus (and one hostile report) ingested once per
session, an API client, a real server on loopback, and a headless Debian Chromium that
can reach nothing but loopback."""

from __future__ import annotations

import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from khaldun.acquire.normalize import make_document
from khaldun.ingest import Ingester
from khaldun.store import Store

from ..conftest import REPO

warnings.filterwarnings("ignore", message=".*httpx2")
from fastapi.testclient import TestClient  # noqa: E402

from khaldun.web.app import Settings, create_app  # noqa: E402

ARTEFACTS = REPO / "artifacts" / "web"
CHROMIUM = "/usr/bin/chromium"
# A report whose text carries markup: shown as text, it must never run.
HOSTILE = (
    "Militants attack army post near Kidal\n\n"
    "Militants attacked an army post near Kidal on Monday, killing three soldiers, the Malian army said. "
    "A message posted online read <script>window.__pwned = 1</script> and "
    '<img src=x onerror="window.__pwned = 2"> '
    "before it was removed."
)


@pytest.fixture(scope="session")
def web_db(pipeline, tmp_path_factory) -> dict:
    """samples/ and the hostile report, ingested (and reconciled) into one database.

    Returns {"path", "hostile" (document id)}; read-only for tests."""
    path = tmp_path_factory.mktemp("web") / "web.db"
    with Store(path) as store:
        ingester = Ingester(store, lambda: pipeline, lambda *a, **k: None)
        ingester.run([str(REPO / "samples")])
        hostile = make_document(
            HOSTILE, published="2024-03-05", outlet="Sahel <b>Monitor</b>", origin="hostile"
        )
        Ingester(store, lambda: pipeline, lambda *a, **k: None).ingest_documents([hostile])
    return {"path": str(path), "hostile": hostile.id}


@pytest.fixture(scope="session")
def client(web_db) -> Iterator[TestClient]:
    app = create_app(Settings(db=web_db["path"]))
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="session")
def server(web_db) -> Iterator[str]:
    """``khaldun serve``'s app on a free loopback port, in a thread; yields its base URL."""
    import uvicorn

    app = create_app(Settings(db=web_db["path"]))
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not (srv.started and srv.servers):
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    port = srv.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium, with host names resolving to nothing but loopback."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                "--proxy-server=http://127.0.0.1:9",
                "--proxy-bypass-list=127.0.0.1",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    """A fresh page whose requests outside loopback are aborted and recorded."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    # bypass_csp lets the test poll with its own JavaScript; it also means the hostile-text
    # test proves that escaping alone keeps markup inert, not the server's CSP header.
    context = browser.new_context(viewport={"width": 1400, "height": 850}, bypass_csp=True)
    page = context.new_page()
    page.outside = []  # type: ignore[attr-defined]
    page.errors = []  # type: ignore[attr-defined]

    def route(r):
        if r.request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            r.continue_()
        else:
            page.outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    yield page
    context.close()


def shot(page, name: str) -> Path:
    """Save a screenshot of the page's state as a test artefact."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path
