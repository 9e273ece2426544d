"""Event clusters (stub: filled in by the clusters work)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import stage

if TYPE_CHECKING:
    from ..store import Store


@stage("clusters")
def update(store: Store, document_ids: list[str] | None) -> None:
    """Merge the events of these documents into clusters."""
