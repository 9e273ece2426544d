"""Who says what, and how firmly (stub)."""

from __future__ import annotations

from .base import DocContext, component


@component("attribution")
class AttributionExtractor:
    def __call__(self, ctx: DocContext) -> None:
        pass
