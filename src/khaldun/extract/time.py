"""Temporal expressions resolved against the publication date (stub)."""

from __future__ import annotations

from .base import DocContext, component


@component("time")
class TimeResolver:
    def __call__(self, ctx: DocContext) -> None:
        pass
