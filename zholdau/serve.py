"""`zholdau serve`: the API and the dashboard over one store, in one process (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the CLI."""

    @app.command()
    def serve(
        db: Annotated[
            str | None, typer.Option("--db", help="SQLite path or postgresql:// URL [env ZHOLDAU_DB]")
        ] = None,
        host: Annotated[
            str, typer.Option(help="address to listen on (127.0.0.1: this machine only)")
        ] = "127.0.0.1",
        port: Annotated[int, typer.Option(min=1, max=65535, help="TCP port")] = 8000,
        token: Annotated[
            str | None,
            typer.Option(
                help="token that enables POST /api/ingest and DELETE [env ZHOLDAU_API_TOKEN]; without one, "
                "writes are disabled",
                show_default=False,
            ),
        ] = None,
        log_level: Annotated[str, typer.Option(help="uvicorn log level")] = "info",
    ) -> None:
        """Serve the dashboard and the REST API (OpenAPI docs at /docs) over the store."""
        import uvicorn
        from rich.console import Console

        from zholdau.api import create_app
        from zholdau.config import Settings
        from zholdau.errors import ZholdauError

        err = Console(stderr=True)
        try:
            settings = Settings.load(db=db)
            web = create_app(settings, token=token)
        except ZholdauError as exc:
            err.print(f"[red]error:[/] {exc}")
            raise typer.Exit(2) from exc
        shown = "localhost" if host in ("127.0.0.1", "0.0.0.0") else host
        err.print(
            f"[bold]Zholdau Monitor[/] on [cyan]http://{shown}:{port}[/] (API docs: /docs) "
            f"— store {settings.db}, writes {'enabled' if web.state.token else 'disabled (no token)'}"
        )
        uvicorn.run(web, host=host, port=port, log_level=log_level)
