"""Run the registered components over documents: text in, :class:`Extraction` out."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence

from ..datafiles import load_yaml
from ..nlp import load_nlp
from ..records import Document, Extraction
from .base import COMPONENTS, Component, DocContext
from .language import detect_language
from .places_outlets import OutletHomes

log = logging.getLogger(__name__)

Mentions = list[tuple[int, int]] | None


class Pipeline:
    """The configured extraction pipeline; build once per process and reuse."""

    def __init__(self, components: Sequence[str] | None = None) -> None:
        from . import actors, attribution, control, events, places, time  # noqa: F401  (registration)

        names = list(components or load_yaml("pipeline.yaml")["components"])
        unknown = [n for n in names if n not in COMPONENTS]
        if unknown:
            raise ValueError(f"unknown pipeline components: {', '.join(unknown)}")
        self.nlp = load_nlp()
        self.steps: list[tuple[str, Component]] = [(n, COMPONENTS[n]()) for n in names]
        self.outlet_homes = OutletHomes.curated()  # where outlets report from, unless a call says otherwise

    def __call__(self, document: Document, mentions: Mentions = None) -> Extraction:
        return next(self.pipe([(document, mentions)]))

    def pipe(
        self,
        items: Iterable[tuple[Document, Mentions]],
        batch_size: int = 16,
        outlet_homes: OutletHomes | None = None,
    ) -> Iterator[Extraction]:
        """Extract from many documents, parsing them in batches; order is kept.
        ``outlet_homes``: where outlets report from (e.g. learned from a first pass),
        instead of the pipeline's own."""
        homes = outlet_homes or self.outlet_homes
        batch: list[tuple[Document, Mentions]] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self._run_batch(batch, homes)
                batch = []
        if batch:
            yield from self._run_batch(batch, homes)

    def _run_batch(self, batch: list[tuple[Document, Mentions]], homes: OutletHomes) -> Iterator[Extraction]:
        results: list[Extraction] = []
        to_parse: list[int] = []
        for i, (document, mentions) in enumerate(batch):
            ext = Extraction(document=document)
            lang, reason = detect_language(document.text)
            ext.language = lang
            if mentions is None and reason:
                ext.skipped = reason
            else:
                ext.language = ext.language or "en"
                to_parse.append(i)
            results.append(ext)
        docs = self.nlp.pipe(batch[i][0].text for i in to_parse)
        for i, doc in zip(to_parse, docs, strict=True):
            document, mentions = batch[i]
            home = homes.home_of(document)
            ctx = DocContext(document=document, doc=doc, mentions=mentions, outlet_home=home)
            try:
                for _name, step in self.steps:
                    step(ctx)
            except Exception as exc:  # one bad document must not stop a batch
                log.exception("extraction failed for %s", document.id)
                results[i].error = f"{document.origin or document.id}: extraction failed: {exc}"
                continue
            ext = results[i]
            ext.dates, ext.places, ext.actors = ctx.dates, ctx.places, ctx.actors
            ext.attributions, ext.events = ctx.attributions, ctx.events
            ext.control_claims = ctx.control_claims
        yield from results
