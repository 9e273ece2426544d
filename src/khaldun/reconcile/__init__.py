"""Cross-document reconciliation: what many documents say, taken together.

Extraction works one document at a time; reconciliation reads the stored records
of many documents and derives what no single one holds: event clusters (one real
event however many outlets report it), the claims ledger and its contradictions,
and each place's control timeline.

Like extraction, reconciliation is a list of stages with one job each, named in
``data/reconcile.yaml`` and registered with :func:`stage`. Each stage is
incremental: ``update(store, document_ids)`` revises only what the new documents
touch, and gives the same result whatever order documents arrive in.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from ..datafiles import load_yaml

if TYPE_CHECKING:
    from ..store import Store

Stage = Callable[["Store", "list[str] | None"], None]
"""``stage(store, document_ids)``: bring the stage's tables up to date after these
documents were stored; ``None`` means rebuild from every stored document."""

STAGES: dict[str, Stage] = {}

# The module that registers each stage, imported on first use so that a stage's
# dependencies load only when it runs.
_MODULES = {
    "clusters": "khaldun.reconcile.clusters",
    "control": "khaldun.reconcile.control",
}


def stage(name: str) -> Callable[[Stage], Stage]:
    """Register a reconciliation stage under ``name``."""

    def register(fn: Stage) -> Stage:
        STAGES[name] = fn
        return fn

    return register


def stage_names() -> list[str]:
    """The stages to run, in order, from ``data/reconcile.yaml``."""
    return list(load_yaml("reconcile.yaml").get("stages") or [])


def get_stage(name: str) -> Stage:
    if name not in STAGES and name in _MODULES:
        importlib.import_module(_MODULES[name])
    try:
        return STAGES[name]
    except KeyError:
        raise KeyError(f"unknown reconciliation stage {name!r}; known: {sorted(STAGES)}") from None


def update(store: Store, document_ids: Iterable[str] | None = None) -> None:
    """Run every configured stage for these newly stored documents (all when ``None``)."""
    ids = None if document_ids is None else list(document_ids)
    if ids is not None and not ids:
        return
    for name in stage_names():
        get_stage(name)(store, ids)
