"""Shared fixtures: one pipeline per test session (loading spaCy and the gazetteer is slow)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from khaldun.acquire.normalize import make_document
from khaldun.extract import Pipeline
from khaldun.records import Extraction

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return Pipeline()


@pytest.fixture(scope="session")
def extract(pipeline):
    """extract(text, published="YYYY-MM-DD"|None, outlet=None, mentions=None) -> Extraction"""

    def run(text: str, published: str | None = None, outlet: str | None = None, mentions=None) -> Extraction:
        doc = make_document(text, published=published, outlet=outlet)
        return pipeline(doc, mentions)

    return run


@pytest.fixture(scope="session")
def given_mentions():
    """Resolution-only places: given_mentions(text, names) -> {name: PlaceMention} for each
    given name (its first occurrence in the text, or with ``every=True`` each occurrence;
    or the character ``spans`` given) the places component placed."""
    from khaldun.extract.base import DocContext
    from khaldun.extract.places import PlaceResolver

    nlp = Pipeline(["places"]).nlp
    component = PlaceResolver()

    def go(text: str, names: tuple[str, ...] | list[str] = (), every: bool = False, spans=None) -> dict:
        doc = make_document(text)
        if spans is None and every:
            spans = [(m.start(), m.end()) for n in names for m in re.finditer(re.escape(n), doc.text)]
        elif spans is None:
            spans = [(doc.text.index(n), doc.text.index(n) + len(n)) for n in names]
        ctx = DocContext(document=doc, doc=nlp(doc.text), mentions=spans)
        component(ctx)
        return {pm.text: pm for pm in ctx.places}

    return go


@pytest.fixture(scope="session")
def given_spans(given_mentions):
    """given_spans(text, pattern) -> {name: Place}: the spans a regular expression matches
    given as toponyms (for names that also occur inside longer ones)."""

    def go(text: str, pattern: str) -> dict:
        spans = [(m.start(), m.end()) for m in re.finditer(pattern, make_document(text).text)]
        return {k: pm.place for k, pm in given_mentions(text, spans=spans).items() if pm.place is not None}

    return go


@pytest.fixture(scope="session")
def resolve_given(given_mentions):
    """resolve_given(text, names) -> {name: Place} for each given name that was resolved."""

    def go(text: str, names: list[str], every: bool = False) -> dict:
        return {k: pm.place for k, pm in given_mentions(text, names, every).items() if pm.place is not None}

    return go


@pytest.fixture(scope="session")
def control_store(pipeline, tmp_path_factory):
    """The whole control corpus (tests/control) ingested and reconciled, in id order.

    Returns (store, ids) with ids: report id -> document id. Read-only for tests."""
    from khaldun.store import Store

    from .control_corpus import ingest, reports

    store = Store(tmp_path_factory.mktemp("control") / "control.db")
    ids = ingest(store, pipeline, reports())
    yield store, ids
    store.close()
