"""`parley ingest`: inputs -> the store, with a progress bar and a closing summary."""
from __future__ import annotations

from collections import Counter

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..pipeline import process
from ..records import Rejection
from ..store import open_store
from .main import cli
from .options import db_option, pipeline_options


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@db_option
@pipeline_options
def ingest(inputs, db, settings):
    """Process inputs and store them; what is already stored is skipped.

    Example: parley ingest news/ --db news.db --published 2014-12-18
    """
    console = Console(stderr=True)
    counts: Counter = Counter()
    reasons: Counter = Counter()
    with open_store(settings.db) as store, Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=console, transient=True) as bar:
        task = bar.add_task("ingesting", total=None)
        for result in process(list(inputs), settings):
            status = _put(store, result)
            counts[status] += 1
            if isinstance(result, Rejection):
                reasons[result.reason] += 1
            bar.update(task, advance=1, description=f"ingesting ({counts['stored']} stored)")
        totals = store.counts()
    _summary(console, counts, reasons, totals, settings.db)


def _summary(console: Console, counts: Counter, reasons: Counter, totals: dict, db: str) -> None:
    t = Table(title=f"ingest summary ({db})", show_header=False)
    t.add_row("stored", str(counts["stored"]))
    t.add_row("duplicates (already stored)", str(counts["duplicate"]))
    t.add_row("rejected", str(counts["rejected"]))
    for reason, n in reasons.most_common():
        t.add_row(f"  {reason}", str(n))
    t.add_row("store now holds", ", ".join(f"{v} {k}" for k, v in totals.items()))
    console.print(t)


def _put(store, result) -> str:
    """Store a result; a store failure on one article is a rejection, not the end of the run."""
    try:
        return store.put(result)
    except Exception as exc:  # noqa: BLE001 - recorded with its reason, the run goes on
        if isinstance(result, Rejection):
            raise
        art = result.article
        return store.put(Rejection(art.id, art.source, "store_error", f"{type(exc).__name__}: {exc}"))
