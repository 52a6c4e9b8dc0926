"""JSONL inputs: one article per line, {"id", "text" | "html", url?, title?, published?, outlet?}."""
from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..records import RawItem, Rejection


# Line ends as Hadoop's text reader (and so Spark) splits them. Not str.splitlines(): JSON
# strings may hold U+2028, U+0085 and other characters that it also breaks lines at.
_LINE_END = re.compile(r"\r\n|\r|\n")


def read_jsonl(text: str, source: str) -> Iterator[RawItem | Rejection]:
    for n, line in enumerate(_LINE_END.split(text), 1):
        item = jsonl_line(line, n, source)
        if item is not None:
            yield item


def jsonl_line(line: str, n: int, source: str) -> RawItem | Rejection | None:
    """Line `n` (from 1) of the JSONL file `source`; None for a blank line."""
    if not line.strip():
        return None
    where = f"{source}:{n}"
    try:
        obj = json.loads(line)
    except ValueError as exc:
        return Rejection(f"{source}:{n}", where, "bad_json",
                         f"line {n} is not JSON ({exc}); each line must be one JSON object")
    return _item(obj, where, n)


def _item(obj: object, where: str, n: int) -> RawItem | Rejection:
    if not isinstance(obj, dict):
        return Rejection(where, where, "bad_json", f"line {n} is not a JSON object")
    ident = obj.get("id")
    if ident is None or str(ident) == "":
        return Rejection(where, where, "missing_field",
                         f'line {n} has no "id"; give every line a unique "id" string')
    ident = str(ident)
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
                   content=content, verbatim=isinstance(text, str), **meta)
