"""`parley serve`: the read-only web UI over a store."""
from __future__ import annotations

import json
import os
from pathlib import Path

import click

from ..errors import Errors, StoreError
from ..store.sqlite import missing_store_message
from ..web.app import APP_ENV
from ..web.security import LOOPBACK_NAMES, is_loopback
from .main import cli
from .options import db_option, settings_for_db


def _check_store(db: str) -> None:
    """A SQLite store must exist (serving a new empty file helps nobody), be a Parley store
    and pass SQLite's quick_check: the server refuses to start on anything else."""
    if "://" in db and not db.startswith("sqlite:///"):
        return
    path = Path(db.removeprefix("sqlite:///"))
    if not path.is_file():
        raise StoreError(missing_store_message(path) + " (or `make demo` for demo.db)")


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on (0.0.0.0 opens it to the network)")
@click.option("--port", default=8000, show_default=True, type=int, help="port to listen on")
@click.option("--token", envvar="PARLEY_TOKEN", default=None,
              help="a secret every request must carry (required for a non-loopback --host; "
                   "environment: PARLEY_TOKEN)")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="NAME",
              help="a host name the server answers to besides localhost/127.0.0.1/::1 and --host "
                   "(repeatable); requests for any other Host header get 400 (DNS rebinding)")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="server processes (each with its own store connections and page cache); "
                   "2 doubled the requests served per second on 2 cores")
@click.option("--page-cache/--no-page-cache", default=True, show_default=True,
              help="keep each page until the store changes (--no-page-cache: compute every request, "
                   "to measure what pages cost)")
@click.option("--check/--no-check", default=True, show_default=True,
              help="run SQLite's quick_check of the whole file before serving (about 40 s for a "
                   "5 GB store of 100,000 articles; --no-check starts at once, for a store "
                   "`parley check` has checked)")
def serve(db, host, port, token, allow_hosts, workers, page_cache, check):
    """Serve the read-only web UI (search, articles, actors, dyads, network, statements).

    Every page has a JSON twin under /api/, described at /openapi.json.

    Example: parley serve --db demo.db --port 8000
    """
    import uvicorn

    from ..web import create_app

    url = settings_for_db(db).db
    _check_store(url)
    if not is_loopback(host) and not token:
        raise click.UsageError(Errors.P406.format(host=host))
    # On the network the token keeps other pages out; --allow-host narrows the names as well.
    open_names = not is_loopback(host) and not allow_hosts
    allowed = None if open_names else LOOPBACK_NAMES | {host.lower(), *(h.lower() for h in allow_hosts)}
    app = create_app(url, allowed_hosts=allowed, token=token, page_cache=page_cache, check=check)  # checks first
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    suffix = f"?token={token}" if token else ""
    click.echo(f"Parley web UI over {url} at http://{shown}:{port}/{suffix} (Ctrl+C stops it)", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ[APP_ENV] = json.dumps({"db": url, "allowed_hosts": sorted(allowed) if allowed is not None else None,
                                      "token": token, "page_cache": page_cache, "check": False})  # checked above
    uvicorn.run("parley.web.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="warning")
