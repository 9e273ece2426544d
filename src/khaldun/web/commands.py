"""``khaldun serve`` (stub)."""

from __future__ import annotations

import click


@click.command()
@click.pass_context
def serve(ctx: click.Context) -> None:
    """Serve the REST API and the web map."""
    raise click.ClickException("not implemented yet")
