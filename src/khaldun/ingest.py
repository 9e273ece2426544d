"""``khaldun ingest``: acquire sources, extract what is new, store it.

Every input is reported on one line (``khaldun: <input>: <what happened>``).
Bad inputs are recorded as error rows and the batch goes on; a text already in
the store is skipped before it is extracted."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from .acquire import acquire
from .extract.places_outlets import OutletHomes
from .records import Document, Extraction
from .store import Store
from .store.repository import ERROR_PREFIX

BATCH = 8  # documents parsed together (spaCy batches them)
RELEARN_MIN = 24  # documents stored by a run before it first learns outlet homes again


@dataclass(slots=True)
class IngestReport:
    """What one ``ingest`` run did."""

    ok: int = 0
    skipped: int = 0  # not English (stored with status 'skipped')
    duplicates: int = 0
    errors: int = 0
    events: int = 0

    @property
    def processed(self) -> int:
        """Inputs that were handled without error (a duplicate is handled too)."""
        return self.ok + self.skipped + self.duplicates


class Ingester:
    """Feeds acquired documents through the pipeline into the store, in batches."""

    def __init__(self, store: Store, pipeline_factory: Callable[[], Any], log: Callable[..., None]) -> None:
        self.store = store
        self._factory = pipeline_factory
        self._pipeline: Any = None
        self._homes: OutletHomes | None = None  # learned from the store, see _learn_outlet_homes
        self._learned_at = 0  # len(self._stored) when the homes were last learned
        self.log = log
        self.report = IngestReport()
        self._pending: list[Document] = []
        self._pending_ids: dict[str, str] = {}  # hash -> id, for duplicates within a batch
        self._stored: list[str] = []  # ids of documents stored with status 'ok', to reconcile

    def run(
        self, sources: Iterable[str], overrides: dict[str, Any] | None = None, stdin: BinaryIO | None = None
    ) -> IngestReport:
        return self.ingest_documents(self._acquired(sources, overrides, stdin))

    def ingest_documents(self, documents: Iterable[Document]) -> IngestReport:
        """Extract and store documents that are already acquired, then reconcile them."""
        for doc in documents:
            self._add(doc)
        self._flush()
        self._reconcile()
        return self.report

    def _acquired(
        self, sources: Iterable[str], overrides: dict[str, Any] | None, stdin: BinaryIO | None
    ) -> Iterator[Document]:
        """The documents the sources yield; the ones that fail are recorded as errors."""
        for item in acquire(sources, overrides=overrides, stdin=stdin):
            for warning in item.warnings:
                self.log(f"khaldun: {item.origin}: warning: {warning}", error=True)
            if item.document is None:
                self._error(item.origin, item.error or "unknown error")
            else:
                yield item.document

    def _reconcile(self) -> None:
        """Bring clusters and control timelines up to date with what this run stored."""
        if not self._stored:
            return
        from . import reconcile

        try:
            reconcile.update(self.store, self._stored)
        except Exception as exc:  # the documents are stored; say so, and how to retry
            self.log(
                f"khaldun: reconciliation failed: {type(exc).__name__}: {exc} "
                "(run `khaldun reconcile` to retry)",
                error=True,
            )

    def _add(self, doc: Document) -> None:
        dup = self.store.duplicate_of(doc.hash) or self._pending_ids.get(doc.hash or "")
        if dup:
            self.report.duplicates += 1
            self.log(f"khaldun: {doc.origin}: skipped duplicate of {dup}")
            return
        self._pending.append(doc)
        self._pending_ids[doc.hash or ""] = doc.id
        if len(self._pending) >= BATCH:
            self._flush()

    def _flush(self) -> None:
        if not self._pending:
            return
        if self._pipeline is None:
            self._pipeline = self._factory()
            self._homes = self._learn_outlet_homes()
        elif len(self._stored) >= max(RELEARN_MIN, 2 * self._learned_at):
            self._homes = self._learn_outlet_homes()
        batch, self._pending, self._pending_ids = self._pending, [], {}
        for ext in self._extract(batch):
            origin = ext.document.origin or ext.document.id
            doc_id = self.store.save(ext)
            if doc_id.startswith(ERROR_PREFIX):
                stored = self.store.document(doc_id)
                self._count_error(origin, (stored or {}).get("error") or ext.error or "cannot store")
            elif ext.skipped:
                self.report.skipped += 1
                self.log(f"khaldun: {origin}: skipped: {ext.skipped} [{doc_id}]")
            else:
                self.report.ok += 1
                self._stored.append(doc_id)
                self.report.events += len(ext.events)
                self.log(f"khaldun: {origin}: {len(ext.events)} events [{doc_id}]")

    def _learn_outlet_homes(self) -> OutletHomes | None:
        """Outlet homes from the documents already stored (a local paper's towns say
        which province its bare names are in), on top of the pipeline's own. Learned
        when the run starts and again as it doubles what it stored (a long first run
        over one outlet's archive learns its home early)."""
        self._learned_at = len(self._stored)
        homes = getattr(self._pipeline, "outlet_homes", None)
        if homes is None:
            return None
        return homes.learn_stored(self.store)

    def _extract(self, batch: list[Document]) -> list[Extraction]:
        """The batch's extractions; when the batch as a whole fails (the parser,
        not one component), each document is tried alone so one cannot sink the rest."""
        try:
            return list(self._pipe((doc, None) for doc in batch))
        except Exception:
            pass
        out = []
        for doc in batch:
            try:
                out.extend(self._pipe([(doc, None)]))
            except Exception as exc:
                out.append(Extraction(doc, error=f"extraction failed: {type(exc).__name__}: {exc}"))
        return out

    def _pipe(self, items: Iterable[tuple[Document, None]]) -> Iterator[Extraction]:
        if self._homes is None:  # a pipeline of another kind (tests pass stand-ins)
            return self._pipeline.pipe(items)
        return self._pipeline.pipe(items, outlet_homes=self._homes)

    def _error(self, origin: str, message: str) -> None:
        self.store.save_error(origin, message)
        self._count_error(origin, message)

    def _count_error(self, origin: str, message: str) -> None:
        self.report.errors += 1
        prefix = f"{origin}: "
        self.log(f"khaldun: {origin}: {message.removeprefix(prefix)}", error=True)
