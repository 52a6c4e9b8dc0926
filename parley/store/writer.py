"""The ingest step that writes results: a new article's actors join the corpus-wide actor
registry (store/registry.py), then the store writes the article with them, both in one
transaction. `parley ingest`, `load`, `fetch` and `watch` store through a Writer;
`Store.put` alone stores a result as it is."""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..records import Extraction, Rejection
from .base import SQLStore
from .registry import Registry


class Writer:
    def __init__(self, store: SQLStore, actors_file: str | Path | None = None):
        """`actors_file`: the corrections file (the setting of that name; default: actors.yaml
        next to a SQLite file)."""
        self.store = store
        self.registry = Registry.of(store, actors_file)

    def put(self, result: Extraction | Rejection, input_key: str | None = None) -> str:
        """'stored', 'duplicate' or 'rejected' (see SQLStore.put)."""
        with self.store.transaction():
            if isinstance(result, Extraction) and not self.store.has_article(result.article.uid):
                return self.store.put(result, input_key, actors=self.registry.joined(result))
            return self.store.put(result, input_key)

    def put_many(self, results: Iterable[Extraction | Rejection]) -> Counter:
        return Counter(self.put(r) for r in results)
