"""The ASGI app ``khaldun serve`` runs: the REST API, the single-page map, and the guards
around them (a request size limit, security headers, one SQLite connection per thread)."""

from __future__ import annotations

import contextlib
import functools
import logging
import sqlite3
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import Message, Receive, Scope, Send

from .. import __version__
from ..store import Store
from . import api, writes
from .reconciled import Reconciled

log = logging.getLogger("khaldun.web")
MAX_BODY = 6 * 2**20  # a document (5 MB) and its JSON envelope


@dataclass(slots=True)
class Settings:
    """How the server runs; see ``khaldun serve --help``."""

    db: str
    token: str | None = None
    allow_private_urls: bool = False
    max_body: int = MAX_BODY
    tiles: str | None = None  # an online tile URL template, e.g. https://tile.example/{z}/{x}/{y}.png
    pipeline_factory: Callable[[], Any] = field(default_factory=lambda: _default_pipeline)


@functools.cache
def _default_pipeline() -> Any:
    from ..extract.pipeline import Pipeline

    return Pipeline()


class Stores:
    """One read :class:`Store` per worker thread (SQLite connections are not shared across
    threads) and one writer; the schema is migrated once, when the app starts."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._local = threading.local()
        self._writer: Store | None = None
        self._lock = threading.Lock()
        self._all: list[Store] = []
        with Store(path):
            pass

    def reader(self) -> Store:
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = Store(self.path)
            with self._lock:
                self._all.append(store)
        return store

    def writer(self) -> Store:
        with self._lock:
            if self._writer is None:
                self._writer = Store(self.path)
                self._all.append(self._writer)
            return self._writer

    def close(self) -> None:
        with self._lock:
            for store in self._all:
                store.close()
            self._all.clear()


def static_dir() -> Path:
    """The page and its assets (``vendor/`` is built by ``make web`` from npm packages)."""
    return Path(str(resources.files("khaldun.web").joinpath("static")))


def create_app(settings: Settings, reconciled: Reconciled | None = None) -> FastAPI:
    stores = Stores(settings.db)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        stores.close()

    app = FastAPI(
        lifespan=lifespan,
        title="khaldun",
        version=__version__,
        description="Conflict events from news, with the sentence, source and stance behind each.",
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.settings = settings
    app.state.stores = stores
    app.state.reconciled = reconciled or Reconciled()
    app.include_router(api.router)
    app.include_router(writes.router)
    app.add_exception_handler(sqlite3.OperationalError, api.bad_query)
    app.add_exception_handler(UnicodeEncodeError, api.bad_query)

    static = static_dir()
    if not (static / "vendor" / "leaflet" / "leaflet.js").is_file():
        log.warning("khaldun serve: the map's libraries are missing; run `make web` (needs npm)")
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(static / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/api", include_in_schema=False)
    def api_root() -> JSONResponse:
        return JSONResponse({"openapi": "/api/openapi.json", "docs": "/api/docs"})

    return Guard(app, settings)  # type: ignore[return-value]


class Guard:
    """Refuses request bodies over ``max_body`` bytes (413) and sets security headers:
    scripts only from this server, nothing framed, no sniffing."""

    def __init__(self, app: FastAPI, settings: Settings) -> None:
        self.app = app
        self.max_body = settings.max_body
        img = "'self' data:" + (f" {_origin(settings.tiles)}" if settings.tiles else "")
        self.headers = [
            (
                b"content-security-policy",
                (
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
                    f"img-src {img}; connect-src 'self'; object-src 'none'; base-uri 'none'; "
                    "frame-ancestors 'none'; form-action 'self'"
                ).encode(),
            ),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]

    def __getattr__(self, name: str) -> Any:  # app.state, app.openapi() ... for tests and tools
        return getattr(self.app, name)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_body):
            await _too_large(send, self.max_body)
            return
        received = 0
        refused = False

        async def limited() -> Message:
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:  # answer 413 now; the app sees a client gone
                    refused = True
                    await _too_large(send, self.max_body)
                    return {"type": "http.disconnect"}
            return message

        async def with_headers(message: Message) -> None:
            if refused:
                return
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *self.headers]
            await send(message)

        try:
            await self.app(scope, limited, with_headers)
        except Exception:
            if not refused:
                raise


async def _too_large(send: Send, limit: int) -> None:
    body = f'{{"detail": "request body over {limit} bytes"}}'.encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{s}", "a"))
    return f"{parts.scheme}://{parts.netloc}".replace("://a.", "://*.")
