"""`parley fetch URL...`: download article pages once, politely, and ingest them."""
from __future__ import annotations

import click
from rich.table import Table

from ..feeds.pages import fetch_pages
from ..records import Rejection
from ..settings import Settings
from ..store import open_store
from ..store.writer import Writer
from .listing import hint
from .main import cli
from .options import console, db_option


@cli.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="publication date for pages that carry none")
@db_option
def fetch(urls, published, db):
    """Download article pages at URLS once and store them (for feeds: `parley watch`).

    Uses the fetcher of `parley watch`: robots.txt, a pause between requests to one host,
    timeouts and retries. A page that cannot be fetched or holds no article is stored as a
    rejection with its reason (`parley rejections`).

    Example: parley fetch https://example.org/news/story.html --db news.db
    """
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise click.BadParameter(f"{bad[0]!r} is not an http(s) URL; for files and folders use "
                                 "`parley ingest PATH`", param_hint="URLS")
    settings = Settings.load(db=db, published=published)
    t = Table(title=f"fetched into {settings.db}")
    for col in ("url", "status", "id", "title or reason"):
        t.add_column(col, overflow="fold")
    with open_store(settings.db) as store:
        writer = Writer(store, settings.actors_file)
        for url, result in zip(urls, fetch_pages(list(urls), settings)):
            status = writer.put(result)
            if isinstance(result, Rejection):
                t.add_row(url, f"rejected: {result.reason}", result.id,
                          f"{result.detail}" + (f" ({hint(result.reason)})" if hint(result.reason) else ""))
            else:
                a = result.article
                t.add_row(url, status, a.id, a.title or "")
    console(stderr=True).print(t)
