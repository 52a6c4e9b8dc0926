"""`parley ingest`: inputs -> the store, resumable, with a progress bar and a closing summary.

    1. read      files, folders, JSONL lines, WARC records -> RawItems (or Rejections)
    2. skip      inputs the store's checkpoint marks done (unless --no-resume)
    3. process   clean, parse and extract the rest (parley.pipeline.process_raw)
    4. store     each result and its checkpoint mark in one transaction

Killed at any point (even SIGKILL) and run again, it ends with every input stored once or
rejected with its reason: an input is marked done only in the transaction that stores it.
"""
from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from itertools import islice

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import StoreWriteFailed, UrlInput
from ..ingest import iter_raw
from ..pipeline import process_raw
from ..records import RawItem, Rejection
from ..store import open_store
from ..store.writer import Writer
from ..store.checkpoint import done_keys, input_key
from .listing import TABLE_ROWS, rejections_table
from .main import cli
from .options import create_option, db_option, pipeline_options

CHECK_BATCH = 64   # inputs looked up in the checkpoint per query
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")   # scheme://: a URL, not a path


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--resume/--no-resume", default=True, show_default=True,
              help="skip inputs an earlier run already stored or rejected (the store keeps a "
                   "checkpoint); --no-resume reads everything again (stored articles are still "
                   "not duplicated)")
@db_option
@create_option
@pipeline_options
def ingest(inputs, resume, db, create, settings):
    """Process inputs and store them; safe to stop and run again.

    Every input (file, JSONL line, WARC record) is marked done in the same transaction that
    stores its article or rejection, so a run that was interrupted (Ctrl-C, crash, SIGKILL)
    resumes where it stopped when given the same inputs again.

    Example: parley ingest news/ --db news.db --published 2014-12-18
    """
    refuse_urls(inputs)
    console = Console(stderr=True)
    counts: Counter = Counter()
    reasons: Counter = Counter()
    turned_away: list[Rejection] = []      # this run's first TABLE_ROWS rejections
    with open_store(settings.db, create_parents=create) as store, Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
            TimeElapsedColumn(), console=console, transient=True) as bar:
        writer = Writer(store, settings.actors_file)
        task = bar.add_task("ingesting", total=None)
        keys: deque[str] = deque()
        pending = _pending(settings.db, iter_raw(list(inputs)), keys, counts, resume)   # 1-2
        try:
            for result in process_raw(pending, settings):                               # 3
                status = _put(writer, result, keys.popleft())                           # 4
                counts[status] += 1
                if isinstance(result, Rejection) or status == "rejected":
                    r = result if isinstance(result, Rejection) else Rejection(
                        result.article.id, result.article.source, "store_error", "")
                    reasons[r.reason] += 1
                    if len(turned_away) < TABLE_ROWS:
                        turned_away.append(r)
                bar.update(task, advance=1, description=f"ingesting ({counts['stored']} stored)")
        except StoreWriteFailed:
            bar.stop()
            _summary(console, counts, reasons, None, settings.db)
            raise
        totals = store.counts()
    _summary(console, counts, reasons, totals, settings.db)
    if turned_away:
        n = sum(reasons.values())
        console.print(rejections_table(turned_away, f"rejected in this run ({n})", TABLE_ROWS, total=n))


def refuse_urls(inputs) -> None:
    """ingest reads files and folders; a URL gets told where URLs go."""
    urls = [i for i in inputs if _URL.match(str(i))]
    if urls:
        raise UrlInput(urls[0])


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


def _summary(console: Console, counts: Counter, reasons: Counter, totals: dict | None, db: str) -> None:
    t = Table(title=f"ingest summary ({db})", show_header=False)
    t.add_row("stored", str(counts["stored"]))
    t.add_row("duplicates (already stored)", str(counts["duplicate"]))
    t.add_row("rejected", str(counts["rejected"]))
    for reason, n in reasons.most_common():
        t.add_row(f"  {reason}", str(n))
    t.add_row("skipped (done in an earlier run)", str(counts["skipped"]))
    if totals is not None:
        t.add_row("store now holds", ", ".join(f"{v} {k}" for k, v in totals.items()))
    console.print(t)


# DB-API errors caused by the record itself (the same record fails on every try): the input
# is rejected with the reason and the run goes on. Any other failure (disk full, I/O error,
# lock timeout, lost connection) is the store's: the run stops, the input is not marked done.
RECORD_ERRORS = frozenset({"IntegrityError", "DataError"})


def _record_specific(exc: BaseException) -> bool:
    return any(c.__name__ in RECORD_ERRORS for c in type(exc).__mro__)


def _put(writer: Writer, result, key: str) -> str:
    """Store a result. A failure that belongs to the record becomes its rejection; a failure
    of the store stops the run with StoreWriteFailed (the input is retried on resume)."""
    store = writer.store
    try:
        return writer.put(result, input_key=key)
    except Exception as exc:
        if isinstance(result, Rejection) or not _record_specific(exc):
            raise StoreWriteFailed(result.id if isinstance(result, Rejection) else result.article.id,
                                   store_url=_where(store), cause=exc) from None
        art = result.article
        try:
            return store.put(Rejection(art.id, art.source, "store_error", f"{type(exc).__name__}: {exc}"),
                             input_key=key)
        except Exception as again:
            raise StoreWriteFailed(art.id, store_url=_where(store), cause=again) from None


def _where(store) -> str:
    """The store's name for messages: its file, or its URL without the password."""
    from ..store.postgres import _redact
    return str(getattr(store, "path", "") or _redact(getattr(store, "url", "")))
