"""Control timelines (stub: filled in by the control work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import stage

if TYPE_CHECKING:
    from ..store import Store


@stage("control")
def update(store: Store, document_ids: list[str] | None) -> None:
    """Revise the control timelines of the places these documents touch."""
