"""``khaldun serve``: the REST API and the web map on one address."""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--token",
    envvar="KHALDUN_TOKEN",
    help="Allow POST /api/documents with 'Authorization: Bearer TOKEN' (also $KHALDUN_TOKEN).",
)
@click.option(
    "--allow-private-urls", is_flag=True, help="Let POST /api/documents fetch loopback/private URLs."
)
@click.option(
    "--max-body", type=click.IntRange(min=1024), default=None, help="Largest request body in bytes (6 MiB)."
)
@click.option(
    "--tiles",
    envvar="KHALDUN_TILES",
    help="Online tile URL template for the map, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
    "(default: none, the bundled country boundaries only; also $KHALDUN_TILES).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str,
    port: int,
    token: str | None,
    allow_private_urls: bool,
    max_body: int | None,
    tiles: str | None,
) -> None:
    """Serve the REST API (/api/, OpenAPI at /api/openapi.json) and the web map (/)."""
    import uvicorn

    from .app import MAX_BODY, Settings, create_app

    settings = Settings(
        db=ctx.obj["db"],
        token=token or None,
        allow_private_urls=allow_private_urls,
        max_body=max_body or MAX_BODY,
        tiles=tiles or None,
    )
    app = create_app(settings)
    shown = f"[{host}]" if ":" in host else host
    mode = "read-write (token set)" if settings.token else "read-only"
    click.echo(f"khaldun: serving {settings.db} at http://{shown}:{port}/ ({mode}); Ctrl-C stops", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
