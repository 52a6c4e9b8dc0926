"""`parley ingest`: inputs -> the store, resumable, with a progress bar and a closing summary.

    1. read      files, folders, JSONL lines, WARC records -> RawItems (or Rejections)
    2. skip      inputs the store's checkpoint marks done (unless --no-resume)
    3. process   clean, parse and extract the rest (parley.pipeline.process_raw)
    4. store     each result and its checkpoint mark in one transaction

Killed at any point (even SIGKILL) and run again, it ends with every input stored once or
rejected with its reason: an input is marked done only in the transaction that stores it.
"""
from __future__ import annotations

from collections import Counter, deque
from collections.abc import Iterable, Iterator
from itertools import islice

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..ingest import iter_raw
from ..pipeline import process_raw
from ..records import RawItem, Rejection
from ..store import open_store
from ..store.registry import use_corrections
from ..store.checkpoint import done_keys, input_key
from .main import cli
from .options import db_option, pipeline_options

CHECK_BATCH = 64   # inputs looked up in the checkpoint per query


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--resume/--no-resume", default=True, show_default=True,
              help="skip inputs an earlier run already stored or rejected (the store keeps a "
                   "checkpoint); --no-resume reads everything again (stored articles are still "
                   "not duplicated)")
@db_option
@pipeline_options
def ingest(inputs, resume, db, settings):
    """Process inputs and store them; safe to stop and run again.

    Every input (file, JSONL line, WARC record) is marked done in the same transaction that
    stores its article or rejection, so a run that was interrupted (Ctrl-C, crash, SIGKILL)
    resumes where it stopped when given the same inputs again.

    Example: parley ingest news/ --db news.db --published 2014-12-18
    """
    console = Console(stderr=True)
    counts: Counter = Counter()
    reasons: Counter = Counter()
    with open_store(settings.db) as store, Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=console, transient=True) as bar:
        use_corrections(store, settings.actors_file)
        task = bar.add_task("ingesting", total=None)
        keys: deque[str] = deque()
        pending = _pending(settings.db, iter_raw(list(inputs)), keys, counts, resume)   # 1-2
        for result in process_raw(pending, settings):                                   # 3
            status = _put(store, result, keys.popleft())                                # 4
            counts[status] += 1
            if isinstance(result, Rejection) or status == "rejected":
                reasons[result.reason if isinstance(result, Rejection) else "store_error"] += 1
            bar.update(task, advance=1, description=f"ingesting ({counts['stored']} stored)")
        totals = store.counts()
    _summary(console, counts, reasons, totals, settings.db)


def _pending(db: str, items: Iterable[RawItem | Rejection], keys: deque, counts: Counter,
             resume: bool) -> Iterator[RawItem | Rejection]:
    """2. The inputs not yet done; their keys queue up in input order (results come back in it).

    With --processes N the worker pool pulls inputs from another thread, so the checkpoint is
    read through a connection of its own, a batch of inputs per query.
    """
    it = iter(items)
    with open_store(db) as reader:
        while batch := list(islice(it, CHECK_BATCH)):
            pairs = [(input_key(item), item) for item in batch]
            done = done_keys(reader, [k for k, _ in pairs]) if resume else set()
            for key, item in pairs:
                if key in done:
                    counts["skipped"] += 1
                    continue
                keys.append(key)
                yield item


def _summary(console: Console, counts: Counter, reasons: Counter, totals: dict, db: str) -> None:
    t = Table(title=f"ingest summary ({db})", show_header=False)
    t.add_row("stored", str(counts["stored"]))
    t.add_row("duplicates (already stored)", str(counts["duplicate"]))
    t.add_row("rejected", str(counts["rejected"]))
    for reason, n in reasons.most_common():
        t.add_row(f"  {reason}", str(n))
    t.add_row("skipped (done in an earlier run)", str(counts["skipped"]))
    t.add_row("store now holds", ", ".join(f"{v} {k}" for k, v in totals.items()))
    console.print(t)


def _put(store, result, key: str) -> str:
    """Store a result; a store failure on one article is a rejection, not the end of the run."""
    try:
        return store.put(result, input_key=key)
    except Exception as exc:  # noqa: BLE001 - recorded with its reason, the run goes on
        if isinstance(result, Rejection):
            raise
        art = result.article
        return store.put(Rejection(art.id, art.source, "store_error", f"{type(exc).__name__}: {exc}"),
                         input_key=key)
