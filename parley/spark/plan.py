"""Step 1 of a Spark run: inputs -> units of work, and units -> RawItems on the executors.

Units are plain tuples, so they pickle small:

    ("file", path)                          a local file, read with `parley extract`'s own code
    ("range", source, path, start, end, n)  bytes [start, end) of a local JSONL file, whose
                                            first line is line n (split on the driver in one
                                            pass that counts line ends; no Spark job)
    ("line", source, n, text)               line n of a remote JSONL file (textFile + zipWithIndex)
    ("bytes", url, data)                    a remote file read through Hadoop (binaryFiles)

Local paths must exist at the same place on every executor (a shared filesystem); inputs
given as URLs (hdfs://, s3a://, gs://) are read through Hadoop.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..ingest import iter_raw, raw_from_bytes
from ..ingest.files import expand, format_of
from ..ingest.jsonl import jsonl_line
from ..records import RawItem, Rejection

CHUNK = 1 << 20                           # bytes read at a time when splitting a JSONL file
_LINE_END = re.compile(rb"\r\n|\r|\n")    # as ingest/jsonl.py (and Hadoop) split lines


def plan(sc, inputs: Iterable[str], n_parts: int):
    """One RDD of units for `inputs`, in about `n_parts` partitions per source."""
    inputs = list(inputs)
    local = [str(p) for p in expand([i for i in inputs if "://" not in i])]
    units = []
    for f in local:
        path = Path(f)
        if format_of(path) == "jsonl" and not f.lower().endswith(".gz"):
            units += [("range", f, str(path.resolve()), a, b, n) for a, b, n in jsonl_ranges(path, n_parts)]
        else:
            units.append(("file", f))
    rdds = [sc.parallelize(units, max(1, min(n_parts, len(units))))] if units else []
    for uri in (i for i in inputs if "://" in i):
        if format_of(Path(uri)) == "jsonl":
            rdds.append(sc.textFile(uri, n_parts).zipWithIndex()
                        .map(lambda li, u=uri: ("line", u, li[1] + 1, li[0])))
        else:
            rdds.append(sc.binaryFiles(uri, n_parts).map(lambda kv: ("bytes", kv[0], kv[1])))
    if not rdds:
        return sc.emptyRDD()
    return rdds[0] if len(rdds) == 1 else sc.union(rdds)


def jsonl_ranges(path: Path, parts: int) -> list[tuple[int, int, int]]:
    """(start, end, first line number) of up to `parts` byte ranges of a JSONL file, each
    starting just after a newline; line numbers count \\n, \\r\\n and a lone \\r as one end."""
    size = path.stat().st_size
    targets = [size * k // parts for k in range(1, parts)]
    cuts, ends, pos, t = [(0, 1)], 0, 0, 0
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            while chunk.endswith(b"\r"):         # keep a \r\n inside one chunk
                more = fh.read(1)
                chunk += more
                if more != b"\r":
                    break
            start = 0
            while t < len(targets) and targets[t] - pos < len(chunk):
                i = chunk.find(b"\n", max(targets[t] - pos, start))
                if i < 0:
                    break                          # the next newline is in a later chunk
                ends += _line_ends(chunk, start, i + 1)
                start = i + 1
                if pos + start < size:
                    cuts.append((pos + start, ends + 1))
                while t < len(targets) and targets[t] < pos + start:
                    t += 1
            ends += _line_ends(chunk, start, len(chunk))
            pos += len(chunk)
    bounds = cuts + [(size, 0)]
    return [(a, b, n) for (a, n), (b, _) in zip(bounds, bounds[1:]) if b > a]


def _line_ends(data: bytes, start: int, end: int) -> int:
    return data.count(b"\n", start, end) + data.count(b"\r", start, end) - data.count(b"\r\n", start, end)


# -- on the executors ---------------------------------------------------------------------

def raw_items(units: Iterable[tuple]) -> Iterator[RawItem | Rejection]:
    for unit in units:
        kind = unit[0]
        if kind == "file":
            yield from iter_raw([unit[1]])
        elif kind == "range":
            yield from _range_items(*unit[1:])
        elif kind == "line":
            _, source, n, text = unit
            item = jsonl_line(text.lstrip("\ufeff") if n == 1 else text, n, source)
            if item is not None:
                yield item
        else:
            _, name, data = unit
            yield from raw_from_bytes(name, data)


def _range_items(source: str, path: str, start: int, end: int, first: int) -> Iterator[RawItem | Rejection]:
    with open(path, "rb") as fh:
        fh.seek(start)
        data = fh.read(end - start)
    for k, raw in enumerate(_LINE_END.split(data)):
        n = first + k
        try:
            line = raw.decode("utf-8-sig" if n == 1 else "utf-8")
        except UnicodeDecodeError as exc:
            yield Rejection(f"{source}:{n}", f"{source}:{n}", "undecodable",
                            f"line {n} is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset "
                            f"{exc.start}); re-encode the file, e.g. `iconv -f latin1 -t utf-8`")
            continue
        item = jsonl_line(line, n, source)
        if item is not None:
            yield item
