"""JSONL inputs: one article per line, {"id", "text" | "html", url?, title?, published?, outlet?}."""
from __future__ import annotations

import json
from collections.abc import Iterator

from ..records import RawItem, Rejection


def read_jsonl(text: str, source: str) -> Iterator[RawItem | Rejection]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except ValueError as exc:
            yield Rejection(f"{source}:{n}", where, "bad_json",
                            f"line {n} is not JSON ({exc}); each line must be one JSON object")
            continue
        yield _item(obj, where, n)


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
