"""JSONL inputs: one article per line, {"id", "text" | "html", url?, title?, published?, outlet?}."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..records import RawItem, Rejection


# Line ends as Hadoop's text reader (and so Spark) splits them. Not str.splitlines(): JSON
# strings may hold U+2028, U+0085 and other characters that it also breaks lines at.
_LINE_END = re.compile(r"\r\n|\r|\n")
# Ids name articles in URLs and file names: longer ones are refused (bad_id).
MAX_ID_CHARS = 512


def read_jsonl(text: str, source: str, encoding: str | None = None) -> Iterator[RawItem | Rejection]:
    """The items of a JSONL file, in order; a line whose id an earlier line of the file
    already had is rejected as duplicate_id (the first stays)."""
    seen: set[str] = set()
    for n, line in enumerate(_LINE_END.split(text), 1):
        item = jsonl_line(line, n, source, encoding)
        if isinstance(item, RawItem):
            if item.id in seen:
                item = Rejection(item.id, item.source, "duplicate_id",
                                 f'line {n} repeats the id {item.id!r} of an earlier line of '
                                 f'{source}; give every line a unique "id"')
            else:
                seen.add(item.id)
        if item is not None:
            yield item


def jsonl_line(line: str, n: int, source: str, encoding: str | None = None) -> RawItem | Rejection | None:
    """Line `n` (from 1) of the JSONL file `source`; None for a blank line."""
    if not line.strip():
        return None
    where = f"{source}:{n}"
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return Rejection(f"{source}:{n}", where, "bad_json",
                         f"line {n} is not JSON ({exc}); each line must be one JSON object")
    return _item(obj, where, n, encoding)


def _item(obj: object, where: str, n: int, encoding: str | None = None) -> RawItem | Rejection:
    if not isinstance(obj, dict):
        return Rejection(where, where, "bad_json", f"line {n} is not a JSON object")
    ident = obj.get("id")
    if ident is None or str(ident) == "":
        return Rejection(where, where, "missing_field",
                         f'line {n} has no "id"; give every line a unique "id" string')
    if not isinstance(ident, (str, int)) or isinstance(ident, bool):
        return Rejection(where, where, "bad_id",
                         f'line {n} has an "id" of type {type(ident).__name__}; give a string')
    ident = str(ident)
    if len(ident) > MAX_ID_CHARS:
        return Rejection(where, where, "bad_id",
                         f'line {n} has an "id" of {len(ident):,} characters (at most {MAX_ID_CHARS})')
    text, html = obj.get("text"), obj.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return Rejection(ident, where, "missing_field",
                         f'line {n} ({ident}) has neither "text" nor "html" as a string')
    content = text if isinstance(text, str) else html
    if not content.strip():
        return Rejection(ident, where, "empty", f'line {n} ({ident}) has an empty body')
    meta = {k: (str(obj[k]) if obj.get(k) is not None else None)
            for k in ("url", "title", "published", "outlet")}
    return RawItem(id=ident, source=where, kind="text" if isinstance(text, str) else "html",
                   content=content, verbatim=isinstance(text, str), encoding=encoding, **meta)
