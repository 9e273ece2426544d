"""The ``khaldun`` command: ingest news, query and export the events, run the
stateless batch extractor and the evaluations. Progress goes to stderr, results
to stdout."""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from typing import Any

import click

from . import __version__
from .store.db import DEFAULT_DB
from .store.query import EventFilter

STANCE_CHOICES = click.Choice(["asserted", "claimed", "denied", "hedged"], case_sensitive=False)
DATE = click.DateTime(formats=["%Y-%m-%d"])


def err(message: str) -> None:
    click.echo(message, err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db",
    envvar="KHALDUN_DB",
    default=DEFAULT_DB,
    show_default=True,
    type=click.Path(dir_okay=False),
    help="SQLite database (also $KHALDUN_DB).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log more, with tracebacks.")
@click.version_option(__version__, prog_name="khaldun")
@click.pass_context
def main(ctx: click.Context, db: str, verbose: bool) -> None:
    """khaldun: a ledger of conflict events from news — who did what, where, when, and who says so."""
    from .logs import setup_logging

    setup_logging(verbose)
    ctx.obj = {"db": db, "verbose": verbose}


def open_store(ctx: click.Context) -> Any:
    from .store import Store

    return Store(ctx.obj["db"])


@contextlib.contextmanager
def _query_errors() -> Iterator[None]:
    """A malformed full-text query is the user's mistake, not a crash."""
    try:
        yield
    except sqlite3.OperationalError as exc:
        raise click.UsageError(f"bad query: {exc}") from None


def _pipeline() -> Any:
    from .extract.pipeline import Pipeline

    err("khaldun: loading the extraction pipeline ...")
    return Pipeline()


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--published", type=DATE, help="Publication date YYYY-MM-DD (overrides the page's).")
@click.option("--outlet", help="Outlet name (overrides the page's).")
@click.option("--summary", is_flag=True, help="Print a summary table of the database afterwards.")
@click.option("-q", "--quiet", is_flag=True, help="Report errors only.")
@click.pass_context
def ingest(
    ctx: click.Context,
    sources: tuple[str, ...],
    published: Any,
    outlet: str | None,
    summary: bool,
    quiet: bool,
) -> None:
    """Ingest SOURCES: HTML or text files, directories, URLs, or - for stdin."""
    from .export.table import summary as render_summary
    from .ingest import Ingester

    def log(line: str, error: bool = False) -> None:
        if error or not quiet:
            err(line)

    overrides = {"published": published.date() if published else None, "outlet": outlet}
    with open_store(ctx) as store:
        report = Ingester(store, _pipeline, log).run(sources, overrides, stdin=sys.stdin.buffer)
        err(
            f"khaldun: {report.ok} ingested ({report.events} events), {report.skipped} skipped, "
            f"{report.duplicates} duplicates, {report.errors} errors -> {store.path}"
        )
        if summary:
            click.echo(render_summary(store.stats()))
    if report.processed == 0:
        ctx.exit(1)


def event_filters(fn: Callable[..., Any]) -> Callable[..., Any]:
    """The filter options ``events`` and ``export`` share, gathered into an EventFilter."""
    options = [
        click.option("--place", help="Location, admin1 or country (name or ISO code), substring."),
        click.option("--actor", help="Actor 1 or 2 (name or mention), substring."),
        click.option(
            "--type", "type_", help="Event type or sub-event type, e.g. 'Battles', 'Air/drone strike'."
        ),
        click.option("--since", type=DATE, help="Events on or after YYYY-MM-DD."),
        click.option("--until", type=DATE, help="Events on or before YYYY-MM-DD."),
        click.option("--source", help="Who asserts the event (claimant), substring."),
        click.option("--stance", type=STANCE_CHOICES, help="How firmly the source asserts it."),
        click.option("--document", help="One document's id."),
        click.option("--search", help="Full-text query over the documents (SQLite FTS5 syntax)."),
    ]

    @functools.wraps(fn)
    def wrapper(*args: Any, **kw: Any) -> Any:
        since, until = kw.pop("since"), kw.pop("until")
        kw["filters"] = EventFilter(
            place=kw.pop("place"),
            actor=kw.pop("actor"),
            type=kw.pop("type_"),
            since=since.date() if since else None,
            until=until.date() if until else None,
            source=kw.pop("source"),
            stance=kw.pop("stance"),
            document=kw.pop("document"),
            search=kw.pop("search"),
            limit=kw.pop("limit", None),
        )
        return fn(*args, **kw)

    for option in reversed(options):
        wrapper = option(wrapper)
    return wrapper


@main.command()
@event_filters
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="0: no limit.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def events(ctx: click.Context, filters: EventFilter, fmt: str) -> None:
    """List stored events, oldest first."""
    from .export.shape import event_date, event_json
    from .export.table import render

    filters.limit = filters.limit or None
    with open_store(ctx) as store, _query_errors():
        rows = store.events(filters)
    if fmt == "json":
        click.echo(json.dumps([event_json(r) for r in rows], ensure_ascii=False, indent=2))
        return
    table = [
        [
            event_date(r)[0],
            r["sub_event_type"],
            r["actor1_name"],
            r["actor2_name"],
            r["location_name"],
            r["fatalities"],
            r["source_name"],
            r["stance"],
            r["document_id"],
        ]
        for r in rows
    ]
    headers = [
        "date",
        "sub-event type",
        "actor 1",
        "actor 2",
        "location",
        "deaths",
        "source",
        "stance",
        "document",
    ]
    click.echo(render(headers, table, max_width=32))
    if filters.limit and len(rows) == filters.limit:
        err(f"khaldun: showing the first {filters.limit} events; --limit 0 shows all")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["acled-csv", "jsonl", "geojson"]), required=True)
@click.option(
    "--output", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-", show_default=True
)
@click.option("--limit", type=click.IntRange(min=1), default=None)
@click.option(
    "--at", type=click.DateTime(["%Y-%m-%d"]), default=None, help="geojson: each place's controller then"
)
@event_filters
@click.pass_context
def export(ctx: click.Context, filters: EventFilter, fmt: str, output: str, at: Any) -> None:
    """Export stored events as ACLED CSV, JSON lines or GeoJSON (with --at: control points)."""
    from .export import EXPORTERS
    from .export.formats import write_control_geojson

    if at is not None and fmt != "geojson":
        raise click.UsageError("--at goes with --format geojson")
    with (
        open_store(ctx) as store,
        _query_errors(),
        click.open_file(output, "w", encoding="utf-8") as out,
    ):
        if at is not None:
            from .reconcile.timeline import controllers_at

            n = write_control_geojson(controllers_at(store.conn, at.date().isoformat()), out)
            err(f"khaldun: exported {n} places' control on {at.date()} as geojson to {output}")
            return
        n = EXPORTERS[fmt](store.iter_events(filters), out)
    err(f"khaldun: exported {n} events as {fmt} to {output}")


@main.command()
@click.option("--input", "-i", "input_", default="-", show_default=True, type=click.Path(allow_dash=True))
@click.option(
    "--output", "-o", default="-", show_default=True, type=click.Path(allow_dash=True, dir_okay=False)
)
@click.option("--workers", "-w", type=click.IntRange(min=1), help="Worker processes (default: cores, 2..4).")
@click.option(
    "--outlet-homes",
    type=click.Path(exists=True, dir_okay=False),
    help="TSV of outlet homes (as `khaldun outlets` prints) on top of the curated ones.",
)
@click.pass_context
def extract(
    ctx: click.Context, input_: str, output: str, workers: int | None, outlet_homes: str | None
) -> None:
    """Stateless batch extraction: JSON lines in, one JSON line out per line in."""
    from .batch import default_workers, run_batch

    workers = workers or default_workers()
    err(f"khaldun extract: {workers} worker(s)")
    with (
        click.open_file(input_, "r", encoding="utf-8", errors="replace") as src,
        click.open_file(output, "w", encoding="utf-8") as out,
    ):
        n = run_batch(src, out, workers, verbose=ctx.obj["verbose"], outlet_homes=outlet_homes)
    err(f"khaldun extract: {n} lines written")


@main.command(name="eval")
@click.option("--only", multiple=True, help="Run only this evaluation (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), help="Score at most N items per evaluation.")
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the figures as JSON here.")
def eval_(only: tuple[str, ...], limit: int | None, output: str | None) -> None:
    """Score the pipeline on the development sets in ../shared/eval."""
    from pathlib import Path

    from .evalrun import run_evaluations, table_rows
    from .export.table import render

    try:
        report = run_evaluations(only, limit, log=err, pipeline_factory=_pipeline)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not report["results"] and not report["skipped"]:
        err("khaldun eval: no evaluations are registered")
    click.echo(render(["evaluation", "figure", "value"], table_rows(report), max_width=60))
    if output:
        Path(output).parent.mkdir(parents=True, exist_ok=True)
        Path(output).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        err(f"khaldun eval: figures written to {output}")


@main.command()
@click.pass_context
def stats(ctx: click.Context) -> None:
    """Summarise the database: documents, events by type, top places and actors, stances."""
    from .export.table import summary

    with open_store(ctx) as store:
        click.echo(summary(store.stats()))


@main.command()
@click.argument("query")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.pass_context
def search(ctx: click.Context, query: str, limit: int) -> None:
    """Full-text search over the stored documents (SQLite FTS5 syntax)."""
    from .export.table import render

    with open_store(ctx) as store, _query_errors():
        found = store.search(query, limit)
    rows = [[d["id"], d["published"], d["outlet"], d["title"], d["snippet"]] for d in found]
    click.echo(render(["document", "published", "outlet", "title", "snippet"], rows, max_width=60))


@main.command()
@click.pass_context
def reconcile(ctx: click.Context) -> None:
    """Rebuild clusters, contradictions and control timelines from every stored document.

    ``ingest`` keeps them up to date on its own; this is for a database whose
    reconciliation rules (``data/reconcile.yaml`` and the files it names) changed."""
    from . import reconcile as reconciliation

    with open_store(ctx) as store:
        reconciliation.update(store, None)
    err("khaldun: reconciled")


def _add_commands() -> None:
    """Commands that live beside the part of khaldun they serve."""
    from .extract.commands import outlets
    from .reconcile.commands import clusters, contradictions
    from .reconcile.control_commands import control
    from .web.commands import serve

    for command in (clusters, contradictions, control, outlets, serve):
        main.add_command(command)


_add_commands()

if __name__ == "__main__":
    main()
