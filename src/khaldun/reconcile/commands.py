"""``khaldun clusters`` and ``khaldun contradictions``: the reconciled view of the store."""

from __future__ import annotations

import json

import click


@click.command()
@click.option("--place", help="Location name, province or country code (substring).")
@click.option("--type", "type_", help="Event type or sub-event type.")
@click.option("--since", help="Clusters ending on or after YYYY-MM-DD.")
@click.option("--until", help="Clusters starting on or before YYYY-MM-DD.")
@click.option("--min-sources", type=click.IntRange(min=1), help="At least N independent sources.")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="0: no limit.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def clusters(
    ctx: click.Context,
    place: str | None,
    type_: str | None,
    since: str | None,
    until: str | None,
    min_sources: int | None,
    limit: int,
    fmt: str,
) -> None:
    """List event clusters: one real event and the reports of it, oldest first.

    JSON gives each cluster's claims ledger (every report's source, stance, figures and
    sentence) and its contradictions."""
    from ..cli import open_store
    from ..export.table import render
    from .ledger import get_cluster, list_clusters

    with open_store(ctx) as store:
        rows = list_clusters(
            store.conn,
            place=place,
            type_=type_,
            since=since,
            until=until,
            min_sources=min_sources,
            limit=limit,
        )
        if fmt == "json":
            full = [get_cluster(store.conn, r["id"]) for r in rows]
            click.echo(json.dumps(full, ensure_ascii=False, indent=2))
            return
    table = [
        [
            r["date_start"],
            r["sub_event_type"],
            r["location_name"],
            r["actor1_name"],
            r["actor2_name"],
            r["reports"],
            r["sources"],
            _toll(r),
            r["id"],
        ]
        for r in rows
    ]
    headers = [
        "date",
        "sub-event type",
        "location",
        "actor 1",
        "actor 2",
        "reports",
        "sources",
        "deaths",
        "cluster",
    ]
    click.echo(render(headers, table, max_width=32))


def _toll(row: dict) -> str | None:
    best, low, high = row["fatalities_best"], row["fatalities_low"], row["fatalities_high"]
    if best is None:
        return None
    return str(best) if low == high else f"{best} ({low}-{high})"


@click.command()
@click.option("--kind", type=click.Choice(["toll", "occurrence", "date", "control"]), help="Only this kind.")
@click.option("--place", help="Place name (substring).")
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True, help="0: no limit.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def contradictions(ctx: click.Context, kind: str | None, place: str | None, limit: int, fmt: str) -> None:
    """List contradictions between sources: tolls, whether an event happened, its date, who holds a place."""
    from ..cli import open_store
    from ..export.table import render
    from .ledger import list_contradictions

    with open_store(ctx) as store:
        rows = list_contradictions(store.conn, kind=kind, place=place, limit=limit)
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    table = []
    for r in rows:
        sides = "; ".join(f"{s['source'] or s['outlet']}: {s['position']}" for s in r["sides"])
        table.append([r["date"], r["kind"], r["place_name"], r["summary"], sides, r["subject"]])
    click.echo(render(["date", "kind", "place", "summary", "sides", "subject"], table, max_width=60))
