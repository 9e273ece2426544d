"""Shared fixtures: one pipeline per test session (loading spaCy and the gazetteer is slow)."""

from __future__ import annotations

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
