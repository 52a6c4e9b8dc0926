"""`parley watch`: follow RSS/Atom feeds into the store."""
from __future__ import annotations

import re
import time

import click
from rich.console import Console

from ..errors import SettingError
from ..feeds import FeedReport, Watcher
from ..settings import Settings
from ..store import open_store
from .main import cli
from .options import db_option

_DURATION = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+(?:\.\d+)?)m)?\s*(?:(\d+(?:\.\d+)?)s?)?\s*$")


def parse_duration(text: str) -> float:
    """'90s', '90', '15m', '1h', '1h30m' -> seconds."""
    m = _DURATION.match(text or "")
    if not m or not any(m.groups()):
        raise SettingError("watch_every", text, "give a duration such as 90s, 15m, 1h or 1h30m")
    h, mi, s = (float(g) if g else 0.0 for g in m.groups())
    seconds = h * 3600 + mi * 60 + s
    if seconds <= 0:
        raise SettingError("watch_every", text, "give a duration above zero")
    return seconds


@cli.command()
@click.argument("feeds", nargs=-1, required=True)
@click.option("--every", default=None, metavar="DURATION",
              help="time between polls: 90s, 15m (default), 1h, 1h30m")
@click.option("--once", is_flag=True, help="poll once and exit")
@click.option("--parallel", default=4, show_default=True, type=click.IntRange(1, 64),
              help="hosts fetched at once (each host still one request per host interval)")
@click.option("--published", default=None, metavar="YYYY-MM-DD",
              help="publication date for pages that carry none (default: the feed entry's date)")
@db_option
def watch(feeds, every, once, parallel, published, db):
    """Poll RSS/Atom FEEDS; fetch and ingest new and changed article pages.

    Honours robots.txt, waits between requests to one host, sends ETag / If-Modified-Since,
    retries with back-off. A feed that is down, malformed or slow is reported and tried
    again next round. Fetch state lives in the store, so a restart refetches nothing; a
    page that changed is stored again as a new version.

    Example: parley watch https://example.org/rss.xml --every 15m --db news.db
    """
    settings = Settings.load(db=db, published=published, watch_every=every)
    pause = parse_duration(settings.watch_every)
    console = Console(stderr=True, soft_wrap=True)
    with open_store(settings.db) as store:
        watcher = Watcher(store, settings, parallel=parallel)
        try:
            while True:
                started = time.monotonic()
                for report in watcher.round(list(feeds)):
                    console.print(describe(report))
                if once:
                    break
                time.sleep(max(0.0, pause - (time.monotonic() - started)))
        except KeyboardInterrupt:
            console.print("stopped; the fetch state is saved")
        finally:
            watcher.fetcher.close()


def describe(r: FeedReport) -> str:
    if r.status == "error":
        return f"[red]{r.url}: {r.error}[/red] (tried again next round)"
    if r.status == "not_modified":
        return f"{r.url}: not modified"
    parts = [f"{r.entries} entries", f"{r.stored} stored"]
    parts += [f"{n} {label}" for n, label in ((r.changed, "new versions of changed pages"), (r.unchanged, "unchanged"),
                                              (r.rejected, "rejected"), (r.retry, "to retry")) if n]
    return f"{r.url}: " + ", ".join(parts)
