"""Parley: news reports -> evidence-linked records of who said and did what to whom.

The public API:

    process(inputs, settings=None, **overrides)  -> Extraction | Rejection per input
    open_store(url)                               -> a Store (SQLite file or PostgreSQL)
    Settings                                      -> every option, with defaults and help
    to_contract(result)                           -> the parley.article/1 JSON object
"""
from .version import __version__
from .records import (
    Actor, Article, Attribution, Event, Extraction, Mention, Place, Rejection, Via,
)
from .settings import Settings
from .store import open_store


def __getattr__(name: str):
    """`process` and `to_contract` import spaCy: loaded on first use, so that commands that
    only read a store (`parley search`, `parley serve`) start quickly."""
    if name == "process":
        from .pipeline import process
        return process
    if name == "to_contract":
        from .contract import to_contract
        return to_contract
    raise AttributeError(f"module 'parley' has no attribute {name!r}")

__all__ = ["process", "open_store", "Settings", "to_contract", "Actor", "Article",
           "Attribution", "Event", "Extraction", "Mention", "Place", "Rejection", "Via",
           "__version__"]
