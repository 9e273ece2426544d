"""``khaldun control PLACE [--at DATE] [--format table|json]``: a place's control timeline."""

from __future__ import annotations

import datetime as dt
import json

import click


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from None


@click.command()
@click.argument("place")
@click.option("--at", callback=_date, default=None, help="only the interval covering this date (YYYY-MM-DD)")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_context
def control(ctx: click.Context, place: str, at: str | None, fmt: str) -> None:
    """The control timeline of PLACE (a name as mentioned, the gazetteer's name, or a GeoNames id)."""
    from ..cli import open_store
    from ..export.table import render
    from .timeline import control_json, find_places

    with open_store(ctx) as store:
        found = find_places(store.conn, place)
        if not found:
            raise click.ClickException(f"no control timeline for {place!r}")
        data = control_json(store.conn, found[0]["place_key"], at)
    assert data is not None
    if fmt == "json":
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    p = data["place"]
    click.echo(f"{p['name']} ({p['latitude']}, {p['longitude']}; GeoNames {p['geonames_id']})")
    rows = []
    for iv in data["timeline"]:
        pro = sum(1 for e in iv["evidence"] if e["supports"])
        rows.append(
            [
                iv["from"] or "…",
                iv["to"] or "…",
                iv["controller"] or "?",
                iv["status"],
                iv["confidence"],
                f"{pro} for, {len(iv['evidence']) - pro} against",
            ]
        )
    click.echo(render(["from", "to", "controller", "status", "confidence", "evidence"], rows, max_width=40))
    if len(found) > 1:
        others = ", ".join(f"{f['name']} ({f['place_key']})" for f in found[1:4])
        click.echo(f"khaldun: {place!r} also names {others}", err=True)
