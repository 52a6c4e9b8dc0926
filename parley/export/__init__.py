"""Exports of the store for analysts' tools.

    jsonl    articles as parley.article/1 objects (default), or the events / attributions table
    csv      events in the ACLED-like layout (or attributions), one row per event of a story
    parquet  the same tables, typed (pyarrow)
    gdelt    events in a GDELT-like tab-separated layout (header line, no quoting)
    graphml  the actor network (networkx), edges weighted by events and mean intensity
    gexf     the same network for Gephi

Tables count an event once per story (the reports and outlets behind it are columns);
`per_report=True` gives one row per report instead. Filters: a date range (the event's
date, else its report's publication date) and event types.
"""
from __future__ import annotations

import csv
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import IO

from ..contract import to_contract
from ..errors import Errors, ParleyError
from .network import actor_network
from .tables import (
    ACLED_COLUMNS, ATTRIBUTION_COLUMNS, GDELT_COLUMNS, acled_row, attribution_row, gdelt_row,
)

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "graphml", "gexf")
TABLES = ("articles", "events", "attributions")
BINARY = ("parquet",)
_INT = {"year", "iso", "reports", "outlets", "sentence_start", "sentence_end", "content_start", "content_end"}
_FLOAT = {"latitude", "longitude", "intensity", "confidence"}
_BOOL = {"negated", "hypothetical"}

__all__ = ["ExportOptions", "export", "FORMATS", "TABLES", "actor_network"]


class ExportError(ParleyError):
    pass


@dataclass(frozen=True)
class ExportOptions:
    fmt: str = "jsonl"
    table: str | None = None              # default: articles for jsonl, events otherwise
    date_from: str | None = None
    date_to: str | None = None
    types: tuple[str, ...] = ()
    per_report: bool = False

    @property
    def resolved_table(self) -> str:
        if self.fmt in ("gdelt", "graphml", "gexf"):
            return "events"
        return self.table or ("articles" if self.fmt == "jsonl" else "events")


def export(store, options: ExportOptions, out: str) -> int:
    """Write one export to the path `out` ('-' = standard output); the number of rows/nodes."""
    if options.fmt not in FORMATS:
        raise ExportError(Errors.P023.format(fmt=options.fmt, formats=", ".join(FORMATS)))
    table = options.resolved_table
    if options.fmt in ("csv", "parquet") and table == "articles":
        raise ExportError(Errors.P024)
    if options.fmt in BINARY and out == "-":
        raise ExportError(Errors.P022.format(fmt=options.fmt))
    if options.fmt in ("graphml", "gexf"):
        return _write_graph(store, options, out)
    columns, rows = _table(store, options, table)
    if options.fmt == "parquet":
        return _write_parquet(columns, rows, out)
    with _open_text(out) as fh:
        if options.fmt == "jsonl":
            return _write_jsonl(rows, fh)
        return _write_delimited(columns, rows, fh, tsv=options.fmt == "gdelt")


def _table(store, o: ExportOptions, table: str) -> tuple[list[str], Iterator[dict]]:
    if table == "articles":
        return [], (to_contract(x) for x in store.extractions())
    if table == "attributions":
        rows = store.story_attributions(o.date_from, o.date_to, None, o.per_report)
        return ATTRIBUTION_COLUMNS, (attribution_row(q) for q in rows)
    events = store.story_events(o.date_from, o.date_to, list(o.types) or None, o.per_report)
    if o.fmt == "gdelt":
        return GDELT_COLUMNS, (gdelt_row(e) for e in events)
    return ACLED_COLUMNS, (acled_row(e) for e in events)


@contextmanager
def atomic_path(out: str) -> Iterator[str]:
    """A temporary path beside `out` to write to; on success it is flushed to disk and renamed
    over `out` in one step, so a crash or SIGKILL mid-export leaves the previous file whole
    (and the partial one under a hidden .tmp name, removed when the export fails cleanly)."""
    final = Path(out)
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    try:
        yield str(tmp)
        with open(tmp, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()


@contextmanager
def _open_text(out: str) -> Iterator[IO[str]]:
    if out == "-":
        yield sys.stdout
        return
    with atomic_path(out) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _write_jsonl(rows: Iterable[dict], fh: IO[str]) -> int:
    n = 0
    for row in rows:
        fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        n += 1
    return n


def _write_delimited(columns: list[str], rows: Iterable[dict], fh: IO[str], tsv: bool) -> int:
    n = 0
    if tsv:   # GDELT style: no quoting, so tabs and line breaks inside values become spaces
        fh.write("\t".join(columns) + "\n")
        for row in rows:
            fh.write("\t".join(_flat(row.get(c)) for c in columns) + "\n")
            n += 1
        return n
    w = csv.DictWriter(fh, columns, extrasaction="ignore")
    w.writeheader()
    for row in rows:
        w.writerow(row)
        n += 1
    return n


def _flat(value) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


def _arrow_type(column: str):
    import pyarrow as pa
    if column in _INT:
        return pa.int64()
    if column in _FLOAT:
        return pa.float64()
    if column in _BOOL:
        return pa.bool_()
    return pa.string()


def _write_parquet(columns: list[str], rows: Iterator[dict], out: str, batch: int = 10_000) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq
    schema = pa.schema([(c, _arrow_type(c)) for c in columns])
    n = 0
    with atomic_path(out) as tmp, pq.ParquetWriter(tmp, schema) as writer:
        while chunk := list(islice(rows, batch)):
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            n += len(chunk)
        if n == 0:
            writer.write_table(pa.Table.from_pylist([], schema=schema))
    return n


def _write_graph(store, o: ExportOptions, out: str) -> int:
    import networkx as nx
    g = actor_network(store.story_events(o.date_from, o.date_to, list(o.types) or None, o.per_report))
    write = nx.write_gexf if o.fmt == "gexf" else nx.write_graphml
    if out == "-":
        write(g, sys.stdout.buffer)
    else:
        with atomic_path(out) as tmp:
            write(g, tmp)
    return g.number_of_nodes()
