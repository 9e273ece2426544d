"""``khaldun control PLACE`` (stub)."""

from __future__ import annotations

import click


@click.command()
@click.argument("place")
@click.pass_context
def control(ctx: click.Context, place: str) -> None:
    """The control timeline of PLACE."""
    raise click.ClickException("not implemented yet")
