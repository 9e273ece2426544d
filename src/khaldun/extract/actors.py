"""Actor mentions resolved to the registry (stub)."""

from __future__ import annotations

from .base import DocContext, component


@component("actors")
class ActorResolver:
    def __call__(self, ctx: DocContext) -> None:
        pass
