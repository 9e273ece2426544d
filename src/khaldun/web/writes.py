"""``POST /api/documents``: ingest a text, an HTML page or a URL through the same
:class:`~khaldun.ingest.Ingester` as ``khaldun ingest``. Only when the server has a token."""

from __future__ import annotations

import datetime as dt
import hmac
import threading
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel, Field, model_validator

from ..acquire import MAX_BYTES, InputError, build_document
from ..acquire.decode import decode, looks_like_html
from ..ingest import Ingester
from .urlguard import guarded_fetch

router = APIRouter(prefix="/api")
_lock = threading.Lock()  # one ingestion at a time: the pipeline and the store's writer


class NewDocument(BaseModel):
    """Exactly one of ``text`` (plain text), ``html`` (a page) or ``url`` (fetched by the server)."""

    text: str | None = Field(None, max_length=MAX_BYTES)
    html: str | None = Field(None, max_length=MAX_BYTES)
    url: str | None = Field(None, max_length=2048)
    title: str | None = Field(None, max_length=500)
    outlet: str | None = Field(None, max_length=200)
    published: dt.date | None = None

    @model_validator(mode="after")
    def _one_input(self) -> NewDocument:
        given = [name for name in ("text", "html", "url") if getattr(self, name)]
        if len(given) != 1:
            raise ValueError("give exactly one of text, html or url")
        return self


class Ingested(BaseModel):
    status: str  # ok, skipped, duplicate
    document_id: str | None
    events: int


def require_token(request: Request) -> None:
    """The write endpoints need ``Authorization: Bearer <token>``, compared in constant time."""
    expected: str | None = request.app.state.settings.token
    if not expected:
        raise HTTPException(403, "this server is read-only (start it with --token to allow writes)")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    ok = hmac.compare_digest(value.strip().encode(), expected.encode())
    if scheme.lower() != "bearer" or not ok:
        raise HTTPException(401, "missing or wrong token", headers={"WWW-Authenticate": "Bearer"})


@router.post(
    "/documents",
    response_model=Ingested,
    status_code=201,
    dependencies=[Depends(require_token)],
    responses={
        400: {"description": "bad input"},
        401: {"description": "no or wrong token"},
        403: {"description": "read-only server"},
        413: {"description": "request too large"},
    },
    tags=["documents"],
)
def post_document(body: NewDocument, request: Request) -> Ingested:
    """Ingest one document (extract, store, reconcile); needs the server's token."""
    settings = request.app.state.settings
    try:
        doc = _document(body, settings.allow_private_urls)
    except InputError as exc:
        raise HTTPException(400, str(exc)) from None
    with _lock:
        store = request.app.state.stores.writer()
        duplicate = store.duplicate_of(doc.hash)
        if duplicate:
            return Ingested(status="duplicate", document_id=duplicate, events=0)
        report = Ingester(store, settings.pipeline_factory, _quiet).ingest_documents([doc])
    if report.errors:
        raise HTTPException(400, "the document could not be processed")
    status = "skipped" if report.skipped else "ok"
    return Ingested(status=status, document_id=doc.id, events=report.events)


def _document(body: NewDocument, allow_private: bool) -> Any:
    meta: dict[str, Any] = {k: v for k, v in (("title", body.title), ("outlet", body.outlet)) if v}
    if body.published:
        meta["published"] = body.published
    if body.url:
        fetched = guarded_fetch(body.url, allow_private=allow_private)
        text, _ = decode(fetched.content)
        meta["url"] = fetched.url
        is_html = fetched.media_type in ("text/html", "application/xhtml+xml") or (
            fetched.media_type in ("", "text/plain") and looks_like_html(text)
        )
        return build_document(text, is_html=is_html, meta=meta, origin=body.url)
    if body.html:
        return build_document(body.html, is_html=True, meta=meta, origin="api")
    return build_document(body.text or "", is_html=False, meta=meta, origin="api")


def _quiet(line: str, error: bool = False) -> None:
    """Ingestion's progress lines go to the server log."""
    import logging

    logging.getLogger("khaldun.web").log(logging.WARNING if error else logging.INFO, line)


PipelineFactory = Callable[[], Any]
