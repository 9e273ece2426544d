"""What reconciliation derived (clusters, contradictions, control timelines), read through
``khaldun.reconcile.ledger`` and ``khaldun.reconcile.timeline``.

Those modules and their tables may be missing (an older database, or a khaldun without
them): every read here then answers "nothing" (``None`` or ``[]``) instead of failing, so
the API and the map work on any store."""

from __future__ import annotations

import importlib
import sqlite3
from types import ModuleType
from typing import Any

from .queries import has_table

LEDGER = "khaldun.reconcile.ledger"
TIMELINE = "khaldun.reconcile.timeline"
# The tables each module reads; all must exist before it is asked.
_TABLES = {LEDGER: ("clusters", "cluster_members", "contradictions"), TIMELINE: ("control_intervals",)}


class Reconciled:
    """Lazy access to the reconcile read functions; ``modules`` overrides the imports (tests)."""

    def __init__(self, modules: dict[str, Any] | None = None) -> None:
        self._modules: dict[str, Any] = dict(modules or {})

    def _module(self, name: str, conn: sqlite3.Connection) -> ModuleType | Any | None:
        if name not in self._modules:
            try:
                self._modules[name] = importlib.import_module(name)
            except ImportError:
                self._modules[name] = None
        module = self._modules[name]
        if module is None or not all(has_table(conn, t) for t in _TABLES.get(name, ())):
            return None
        return module

    def _call(self, module: str, fn: str, conn: sqlite3.Connection, *args: Any, **kw: Any) -> Any:
        found = self._module(module, conn)
        func = getattr(found, fn, None) if found is not None else None
        return None if func is None else func(conn, *args, **kw)

    def available(self, conn: sqlite3.Connection) -> dict[str, bool]:
        return {
            "clusters": self._module(LEDGER, conn) is not None,
            "control": self._module(TIMELINE, conn) is not None,
        }

    # -- clusters and contradictions (ledger) ---------------------------------

    def list_clusters(self, conn: sqlite3.Connection, **kw: Any) -> list[dict]:
        return self._call(LEDGER, "list_clusters", conn, **kw) or []

    def get_cluster(self, conn: sqlite3.Connection, cluster_id: str) -> dict | None:
        return self._call(LEDGER, "get_cluster", conn, cluster_id)

    def cluster_of_event(self, conn: sqlite3.Connection, event_id: int) -> str | None:
        return self._call(LEDGER, "cluster_of_event", conn, event_id)

    def list_contradictions(self, conn: sqlite3.Connection, **kw: Any) -> list[dict]:
        return self._call(LEDGER, "list_contradictions", conn, **kw) or []

    # -- control timelines (timeline) -----------------------------------------

    def find_places(self, conn: sqlite3.Connection, query: str) -> list[dict] | None:
        return self._call(TIMELINE, "find_places", conn, query)

    def list_control_places(self, conn: sqlite3.Connection, limit: int, offset: int) -> list[dict] | None:
        return self._call(TIMELINE, "list_control_places", conn, limit=limit, offset=offset)

    def control_json(self, conn: sqlite3.Connection, place_key: str, at: str | None) -> dict | None:
        return self._call(TIMELINE, "control_json", conn, place_key, at=at)

    def controllers_at(self, conn: sqlite3.Connection, date: str) -> list[dict]:
        return self._call(TIMELINE, "controllers_at", conn, date) or []


def event_context(rec: Reconciled, conn: sqlite3.Connection, event_id: int) -> dict[str, Any]:
    """An event's cluster (with its other reports) and the contradictions about it."""
    cluster_id = rec.cluster_of_event(conn, event_id)
    cluster = rec.get_cluster(conn, cluster_id) if cluster_id else None
    contradictions = list((cluster or {}).get("contradictions") or [])
    return {"cluster": cluster, "contradictions": contradictions}
