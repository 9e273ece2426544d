"""Toponyms resolved to gazetteer entries (stub)."""

from __future__ import annotations

from .base import DocContext, component


@component("places")
class PlaceResolver:
    def __call__(self, ctx: DocContext) -> None:
        pass
