"""``khaldun outlets``: where each outlet reports from, as the place resolver sees it."""

from __future__ import annotations

import click


@click.command()
@click.option("--learned-only", is_flag=True, help="Only the homes learned from the stored documents.")
@click.pass_context
def outlets(ctx: click.Context, learned_only: bool) -> None:
    """Print outlet homes as TSV (outlet, cc, admin1, source): the curated ones
    (``data/outlet_homes.tsv``, the registry's national outlets) and those learned from
    the towns the stored documents of each outlet name. The output can be edited and
    given back to ``khaldun extract --outlet-homes``."""
    from ..cli import open_store
    from .places_outlets import OutletHomes

    with open_store(ctx) as store:
        homes = OutletHomes.curated().learn_stored(store)
    click.echo("outlet\tcc\tadmin1\tsource")
    for row in homes.rows():
        if not learned_only or row[3] == "learned":
            click.echo("\t".join(row))
