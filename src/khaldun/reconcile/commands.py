"""``khaldun clusters`` and ``khaldun contradictions`` (stub)."""

from __future__ import annotations

import click


@click.command()
@click.pass_context
def clusters(ctx: click.Context) -> None:
    """List event clusters: one real event and the reports of it."""
    raise click.ClickException("not implemented yet")


@click.command()
@click.pass_context
def contradictions(ctx: click.Context) -> None:
    """List contradictions between sources."""
    raise click.ClickException("not implemented yet")
