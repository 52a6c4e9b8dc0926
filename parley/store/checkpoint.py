"""The ingest checkpoint: which inputs a back-fill has finished, kept in the store.

Each input (a file, a JSONL line, a WARC record) has a stable key: its source location
(absolute path plus line or record number) and a hash of its content. The key is marked
done in the same transaction that stores the input's article or rejection, so after a
crash or SIGKILL at any point every input is either fully stored and marked, or neither:
a re-run skips the marked ones and processes the rest. A changed file gets new keys and
is processed again (its unchanged articles are then duplicates and add nothing).
"""
from __future__ import annotations

import os
import re

from ..clock import now
from ..records import Extraction, RawItem, Rejection, content_hash

_LOCATOR = re.compile(r"^(.*?)([:#]\d+)$")


def canonical_source(source: str) -> str:
    """'news/a.jsonl:3' -> '/abs/news/a.jsonl:3' (the path part made absolute)."""
    path, suffix = source, ""
    m = _LOCATOR.match(source)
    if m and not os.path.exists(source):
        path, suffix = m.group(1), m.group(2)
    return os.path.abspath(path) + suffix if path else source


def input_key(item: RawItem | Rejection) -> str:
    """The stable key of one input."""
    where = canonical_source(item.source)
    if isinstance(item, Rejection):
        return content_hash("input", where, "rejected", item.reason, length=24)
    return content_hash("input", where, item.kind, content_hash(item.content, length=32), length=24)


def is_done(store, key: str) -> bool:
    return bool(store.query("SELECT 1 AS one FROM ingest_inputs WHERE key = ?", (key,)))


def done_keys(store, keys: list[str]) -> set[str]:
    """The keys among `keys` that are marked done (one query per call)."""
    if not keys:
        return set()
    marks = ", ".join("?" for _ in keys)
    return {r["key"] for r in store.query(f"SELECT key FROM ingest_inputs WHERE key IN ({marks})", keys)}


def mark_done(store, key: str, result: Extraction | Rejection, status: str) -> None:
    """Record an input as done (inside the transaction that stored its result)."""
    if isinstance(result, Rejection):
        row = {"source": result.source, "article_uid": None, "reason": result.reason}
    else:
        row = {"source": result.article.source, "article_uid": result.article.uid, "reason": None}
    store.insert("ingest_inputs", {"key": key, "status": status, **row,
                                    "done_at": now()},
                  ignore=True)
