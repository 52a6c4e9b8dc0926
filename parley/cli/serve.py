"""`parley serve`: the read-only web UI over a store."""
from __future__ import annotations

from pathlib import Path

import click

from ..errors import StoreError
from .main import cli
from .options import db_option, settings_for_db


def _check_store(db: str) -> None:
    """A SQLite store must exist: serving a new empty file helps nobody."""
    if "://" in db and not db.startswith("sqlite:///"):
        return
    path = Path(db.removeprefix("sqlite:///"))
    if not path.is_file():
        raise StoreError(f"[P403] no store at {str(path)!r}: create one with `parley ingest INPUT --db {path}` "
                         f"(or `make demo` for demo.db), or pass --db")


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="address to listen on (0.0.0.0 opens it to the network)")
@click.option("--port", default=8000, show_default=True, type=int, help="port to listen on")
def serve(db, host, port):
    """Serve the read-only web UI (search, articles, actors, dyads, network, statements).

    Every page has a JSON twin under /api/, described at /openapi.json.

    Example: parley serve --db demo.db --port 8000
    """
    import uvicorn

    from ..web import create_app

    url = settings_for_db(db).db
    _check_store(url)
    app = create_app(url)
    click.echo(f"Parley web UI over {url} at http://{host}:{port}/ (Ctrl+C stops it)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")
