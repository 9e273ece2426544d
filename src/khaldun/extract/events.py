"""ACLED-typed events assembled from the other records (stub)."""

from __future__ import annotations

from .base import DocContext, component


@component("events")
class EventExtractor:
    def __call__(self, ctx: DocContext) -> None:
        pass
