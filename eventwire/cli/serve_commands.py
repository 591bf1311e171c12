"""CLI commands of the serve stage (registered on the main app): ``eventwire serve``.

FastAPI and uvicorn are imported only when the command runs, so the rest of the CLI works on an
install without them.
"""

from __future__ import annotations

import ipaddress
import os
from typing import Optional

import typer

from eventwire.cli.store_commands import DB_HELP, _fail


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. The default "
                             "reaches only this machine; 0.0.0.0 opens the (read-only unless a "
                             "token is set) API to the network."),
    port: int = typer.Option(8000, "--port", "-p", min=1, max=65535, help="Port to listen on."),
    db: Optional[str] = typer.Option(None, "--db", envvar="EVENTWIRE_DB", help=DB_HELP,
                                     show_envvar=False),
    cors_origin: Optional[str] = typer.Option(None, "--cors-origin", help="Let pages from this "
                                              "one origin (e.g. https://intranet.example.org) "
                                              "call the API from a browser. Off by default."),
    workers: int = typer.Option(1, "--workers", "-w", min=1, max=32, help="Worker processes. "
                                "Each holds its own database connections (and, after its first "
                                "write, its own copy of the spaCy model)."),
    allow_private_fetch: bool = typer.Option(False, "--allow-private-fetch", help="Let the "
                                             "ingest-URL endpoint fetch from loopback and "
                                             "private addresses."),
    cache_seconds: Optional[float] = typer.Option(None, "--cache-seconds", min=0.0, help="Reuse "
                                                  "identical read responses for at most this "
                                                  "long (0: never; default 60 s for SQLite, "
                                                  "whose changes are noticed at once, 2 s for "
                                                  "PostgreSQL)."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level: critical, "
                                  "error, warning, info, debug."),
) -> None:
    """Serve the REST API (with docs at /docs) and the dashboard at /.

    Writes (ingest text or a URL, re-code an article) need a token: set EVENTWIRE_TOKEN in the
    environment and send 'Authorization: Bearer <token>'. Without it, writes are refused.

    Examples:

      eventwire serve --db events.db

      EVENTWIRE_TOKEN=$(openssl rand -hex 24) eventwire serve --port 8080
    """
    try:
        import uvicorn

        from eventwire.serve.app import create_app
        from eventwire.serve.settings import TOKEN_ENV, ServeSettings
    except ImportError as exc:
        raise _fail(f"eventwire serve needs FastAPI and uvicorn ({exc.name} is not installed): "
                    "pip install fastapi uvicorn") from None
    from eventwire.cli import err
    from eventwire.store import StoreError

    settings = ServeSettings(db=db, token=os.environ.get(TOKEN_ENV), cors_origin=cors_origin,
                             allow_private_fetch=allow_private_fetch,
                             cache_seconds=cache_seconds)
    try:
        # Opened here, before uvicorn starts, so a bad --db is one error line, not a traceback.
        app = create_app(settings)
    except StoreError as exc:
        raise _fail(str(exc)) from None
    location = app.state.ctx.store.location
    shown = f"[{host}]" if ":" in host else host
    err.print(f"eventwire: serving {location} at http://{shown}:{port}/ (API docs at /docs)",
              highlight=False, soft_wrap=True)
    if settings.token is None:
        err.print(f"writes are disabled: set {TOKEN_ENV} to enable ingest and re-code",
                  highlight=False)
    if not _is_loopback(host):
        err.print(f"[yellow]note:[/yellow] listening on {host}: anyone who can reach it can "
                  "read the stored events", highlight=False)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
        return
    # Worker processes build their own app from the environment (settings.to_env), so this
    # process's app only served to check the database; close it before they start.
    app.state.ctx.store.close()
    os.environ.update(settings.to_env())
    uvicorn.run("eventwire.serve.app:app_from_env", factory=True, host=host, port=port,
                workers=workers, log_level=log_level, access_log=False)


def register(app: typer.Typer) -> None:
    """Add this module's commands to the eventwire app."""
    app.command("serve")(serve)
