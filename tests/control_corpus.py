"""Loading the control corpus (tests/control/, see its README) into a store.

Shared by the reconciliation tests: the reports go through the real pipeline and
``Ingester.ingest_documents``, so clusters and timelines come from extracted records."""

from __future__ import annotations

import random
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from khaldun.acquire.normalize import make_document
from khaldun.ingest import Ingester
from khaldun.records import Document
from khaldun.store import Store

CONTROL = Path(__file__).resolve().parent / "control"


def places() -> list[str]:
    return sorted(p.name for p in CONTROL.iterdir() if (p / "truth.yaml").exists())


def truth(place: str) -> dict[str, Any]:
    return yaml.safe_load((CONTROL / place / "truth.yaml").read_text(encoding="utf-8"))


def reports(place: str | None = None) -> list[dict[str, Any]]:
    """Report records (id, outlet, published, url, wire, text), sorted by id."""
    chosen = [place] if place else places()
    out = []
    for name in chosen:
        for path in sorted((CONTROL / name / "reports").glob("*.yaml")):
            out.append(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def document(rec: dict[str, Any]) -> Document:
    return make_document(
        rec["text"],
        published=str(rec["published"]),
        outlet=rec["outlet"],
        url=rec.get("url"),
        origin=rec["id"],
    )


def ingest(
    store: Store, pipeline: Any, recs: Iterable[dict[str, Any]], seed: int | None = None
) -> dict[str, str]:
    """Ingest the reports (shuffled when ``seed`` is given); returns report id -> document id."""
    recs = list(recs)
    if seed is not None:
        random.Random(seed).shuffle(recs)
    docs = [document(r) for r in recs]
    Ingester(store, lambda: pipeline, lambda *a, **k: None).ingest_documents(docs)
    return {r["id"]: d.id for r, d in zip(recs, docs, strict=True)}


def clusters_snapshot(store: Store) -> tuple:
    """Everything the clusters stage wrote, sorted: equal snapshots mean equal results."""
    q = store.conn.execute
    return (
        sorted(tuple(r) for r in q("SELECT * FROM clusters")),
        sorted(
            tuple(r) for r in q("SELECT event_key, cluster_id, source_key, component FROM cluster_members")
        ),
        sorted(tuple(r) for r in q("SELECT * FROM contradictions")),
        sorted(tuple(r) for r in q("SELECT * FROM document_sources")),
    )
