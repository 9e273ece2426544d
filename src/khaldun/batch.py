"""Stateless batch extraction: JSON lines in, one JSON line out per line in, in order.

It streams: lines are read lazily, grouped into small chunks, and at most a few
chunks per worker are in flight, so memory stays constant however long the
input. Each worker process builds its own :class:`Pipeline` once.

Offsets: a ``"text"`` input is extracted verbatim, so every offset in the output
indexes the text the caller sent (and given ``"mentions"`` keep their meaning).
An ``"html"`` input is reduced to its main text first; that text is returned
under ``"text"`` because the offsets refer to it. See ``docs/extract.md``."""

from __future__ import annotations

import collections
import datetime as dt
import json
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .acquire.decode import InputError
from .acquire.html import extract_html
from .acquire.normalize import text_hash
from .records import Document, Extraction

CHUNK = 4  # lines a worker takes at once (parsed as one batch; small keeps workers even)
INFLIGHT_PER_WORKER = 3  # chunks queued per worker: enough to keep it busy, no more
CHUNK_TIMEOUT_S = 900  # a chunk taking longer than this is taken as lost
EMPTY_RECORDS = {"events": [], "places": [], "actors": [], "attributions": [], "dates": []}

Mentions = list[tuple[int, int]] | None


def default_workers() -> int:
    """One worker per core, at least 2 and at most 4 (each holds a spaCy model)."""
    return min(4, max(2, os.cpu_count() or 1))


class LineError(ValueError):
    """An input line that cannot be extracted; the message says why."""


@dataclass(slots=True)
class Job:
    """One parsed input line."""

    id: str
    document: Document
    mentions: Mentions = None
    echo_text: bool = False  # html input: return the text the offsets refer to


def parse_line(line: str) -> Job:
    """Validate one input line and build its document; raises :class:`LineError`."""
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LineError(f"invalid JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(item, dict):
        raise LineError("not a JSON object")
    doc_id = item.get("id")
    if isinstance(doc_id, int | float) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id:
        raise LineError('missing "id" (a non-empty string)')
    meta = {k: _opt_str(item, k) for k in ("url", "outlet", "published")}
    published = _published(meta.pop("published"))
    mentions = _mentions(item.get("mentions"))
    text, html = item.get("text"), item.get("html")
    if isinstance(text, str):
        doc = Document(id=doc_id, text=text, published=published, origin=doc_id, hash=text_hash(text), **meta)
        job = Job(doc_id, doc, mentions)
    elif isinstance(html, str):
        if mentions is not None:
            raise LineError('"mentions" need "text": their offsets cannot refer to HTML')
        job = Job(doc_id, _html_document(doc_id, html, published, meta), None, echo_text=True)
    else:
        raise LineError('missing "text" or "html" (a string)')
    if mentions:
        _check_spans(mentions, len(job.document.text))
    return job


def _html_document(doc_id: str, html: str, published: dt.date | None, meta: dict[str, Any]) -> Document:
    try:
        page = extract_html(html, url=meta.get("url"))
    except InputError as exc:
        raise LineError(str(exc)) from None
    return Document(
        id=doc_id,
        text=page.text,
        title=page.title,
        url=meta.get("url") or page.url,
        outlet=meta.get("outlet") or page.outlet,
        published=published or page.published,
        author=page.author,
        origin=doc_id,
        hash=text_hash(page.text),
    )


def _opt_str(item: dict[str, Any], key: str) -> str | None:
    value = item.get(key)
    if value is not None and not isinstance(value, str):
        raise LineError(f'"{key}" must be a string')
    return value or None


def _published(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        raise LineError(f'"published" must be YYYY-MM-DD, not {value!r}') from None


def _mentions(value: Any) -> Mentions:
    if value is None:
        return None
    if not isinstance(value, list):
        raise LineError('"mentions" must be a list of {"start", "end"}')
    spans = []
    for m in value:
        ok = isinstance(m, dict) and all(type(m.get(k)) is int for k in ("start", "end"))
        if not ok:
            raise LineError('each mention must be {"start": int, "end": int}')
        spans.append((m["start"], m["end"]))
    return spans


def _check_spans(spans: list[tuple[int, int]], length: int) -> None:
    for start, end in spans:
        if not 0 <= start < end <= length:
            raise LineError(f"mention [{start}, {end}) is outside the text (length {length})")


def error_json(doc_id: str | None, message: str) -> dict[str, Any]:
    """The output line for an input line that could not be extracted."""
    return {
        "id": doc_id,
        "language": None,
        "published": None,
        "error": message,
        "skipped": None,
        **EMPTY_RECORDS,
    }


def _line_id(line: str) -> str | None:
    """The id of a bad line, when one can still be read from it."""
    try:
        value = json.loads(line).get("id")
    except (ValueError, AttributeError):
        return None
    return str(value) if isinstance(value, str | int) and not isinstance(value, bool) else None


def extract_lines(pipeline: Any, numbered: list[tuple[int, str]]) -> list[str]:
    """Extract a chunk of ``(line number, line)``; one output line (JSON) each, in order."""
    outputs: list[dict[str, Any] | None] = [None] * len(numbered)
    jobs: list[tuple[int, Job]] = []
    for i, (lineno, line) in enumerate(numbered):
        try:
            jobs.append((i, parse_line(line)))
        except LineError as exc:
            outputs[i] = error_json(_line_id(line), f"line {lineno}: {exc}")
    for (i, job), ext in zip(jobs, _extract(pipeline, [job for _, job in jobs]), strict=True):
        outputs[i] = _output(job, ext) if isinstance(ext, Extraction) else error_json(job.id, ext)
    return [json.dumps(o, ensure_ascii=False) for o in outputs]


def _extract(pipeline: Any, jobs: list[Job]) -> list[Extraction | str]:
    """Extractions of the jobs, or an error message for each one that failed: when
    the batch as a whole fails (the parser, not one component), each is tried alone."""
    try:
        return list(pipeline.pipe((job.document, job.mentions) for job in jobs))
    except Exception:
        pass
    out: list[Extraction | str] = []
    for job in jobs:
        try:
            out.extend(pipeline.pipe([(job.document, job.mentions)]))
        except Exception as exc:
            out.append(f"extraction failed: {type(exc).__name__}: {exc}")
    return out


def _output(job: Job, ext: Extraction) -> dict[str, Any]:
    out = ext.to_json()
    if job.echo_text:
        out["text"] = job.document.text
    return out


def numbered_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Non-blank lines with their 1-based line numbers (blank lines carry no document)."""
    for n, line in enumerate(lines, 1):
        if line.strip():
            yield n, line


def chunked(items: Iterable[tuple[int, str]], size: int = CHUNK) -> Iterator[list[tuple[int, str]]]:
    chunk: list[tuple[int, str]] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# -- worker processes ------------------------------------------------------------

_WORKER_PIPELINE: Any = None


def _init_worker(ready: Any, verbose: bool, outlet_homes: str | None = None) -> None:
    """Build this worker's pipeline once, then say so."""
    global _WORKER_PIPELINE
    from .logs import setup_logging

    setup_logging(verbose)
    _WORKER_PIPELINE = _new_pipeline(outlet_homes)
    ready.put(os.getpid())


def _new_pipeline(outlet_homes: str | None) -> Any:
    """A pipeline, with the outlet homes of ``outlet_homes`` (a TSV) when given."""
    from pathlib import Path

    from .extract.pipeline import Pipeline
    from .extract.places_outlets import OutletHomes

    pipeline = Pipeline()
    if outlet_homes:
        pipeline.outlet_homes = OutletHomes.curated(Path(outlet_homes))
    return pipeline


def _work(chunk: list[tuple[int, str]]) -> list[str]:
    return extract_lines(_WORKER_PIPELINE, chunk)


class BatchExtractor:
    """Extract JSON lines with ``workers`` processes (1: in this process).

    Use as a context manager; :meth:`warm` waits until every worker has its
    pipeline (benchmarks time the steady state after it)."""

    def __init__(
        self,
        workers: int | None = None,
        chunk: int = CHUNK,
        verbose: bool = False,
        pipeline: Any = None,
        outlet_homes: str | None = None,
    ) -> None:
        self.workers = max(1, workers or default_workers())
        self.outlet_homes = outlet_homes  # a TSV path, read by every worker
        self.chunk = chunk
        self.verbose = verbose
        self._pool: Any = None
        self._ready: Any = None
        self._pipeline: Any = pipeline  # for workers=1: a pipeline already built in this process

    def __enter__(self) -> BatchExtractor:
        if self.workers > 1:
            ctx = mp.get_context("spawn")  # no inherited threads or half-loaded models
            self._ready = ctx.SimpleQueue()
            self._pool = ctx.Pool(
                self.workers,
                initializer=_init_worker,
                initargs=(self._ready, self.verbose, self.outlet_homes),
            )
        return self

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if self._pool is not None:
            if exc_type is None:
                self._pool.close()
            else:
                self._pool.terminate()
            self._pool.join()
            self._pool = None

    def warm(self) -> None:
        """Block until the pipelines are built."""
        if self._pool is None:
            self._local_pipeline()
            return
        for _ in range(self.workers):
            self._ready.get()

    def _local_pipeline(self) -> Any:
        if self._pipeline is None:
            self._pipeline = _new_pipeline(self.outlet_homes)
        return self._pipeline

    def run(self, lines: Iterable[str]) -> Iterator[str]:
        """Output lines (JSON, no newline), one per non-blank input line, in input order."""
        chunks = chunked(numbered_lines(lines), self.chunk)
        if self._pool is None:
            pipeline = self._local_pipeline()
            for chunk in chunks:
                yield from extract_lines(pipeline, chunk)
            return
        pending: collections.deque[tuple[list[tuple[int, str]], Any]] = collections.deque()
        limit = self.workers * INFLIGHT_PER_WORKER
        for chunk in chunks:
            pending.append((chunk, self._pool.apply_async(_work, (chunk,))))
            if len(pending) >= limit:
                yield from _collect(*pending.popleft())
            while pending and pending[0][1].ready():  # pass on what is done without waiting
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def _collect(chunk: list[tuple[int, str]], result: Any) -> list[str]:
    """A chunk's output lines; error lines if its worker died or hung (a lost task
    would otherwise be waited for forever)."""
    try:
        return result.get(timeout=CHUNK_TIMEOUT_S)
    except mp.TimeoutError:
        message = f"no result within {CHUNK_TIMEOUT_S} s (worker hung or died)"
    return [json.dumps(error_json(_line_id(line), f"line {n}: {message}")) for n, line in chunk]


def run_batch(
    lines: Iterable[str],
    out: Any,
    workers: int | None = None,
    verbose: bool = False,
    outlet_homes: str | None = None,
) -> int:
    """Extract ``lines`` into the text stream ``out``; returns the number of lines written."""
    n = 0
    with BatchExtractor(workers, verbose=verbose, outlet_homes=outlet_homes) as extractor:
        for result in extractor.run(lines):
            out.write(result + "\n")
            out.flush()  # a reader downstream sees each line as soon as it is ready
            n += 1
    out.flush()
    return n
