"""Parley: news reports -> evidence-linked records of who said and did what to whom.

The public API:

    process(inputs, settings=None, **overrides)  -> Extraction | Rejection per input
    open_store(url)                               -> a Store (SQLite file or PostgreSQL)
    Settings                                      -> every option, with defaults and help
    to_contract(result)                           -> the parley.article/1 JSON object
"""
__version__ = "0.1.0"

from .contract import to_contract  # noqa: E402
from .pipeline import process  # noqa: E402
from .records import (  # noqa: E402
    Actor, Article, Attribution, Event, Extraction, Mention, Place, Rejection, Via,
)
from .settings import Settings  # noqa: E402
from .store import open_store  # noqa: E402

__all__ = ["process", "open_store", "Settings", "to_contract", "Actor", "Article",
           "Attribution", "Event", "Extraction", "Mention", "Place", "Rejection", "Via",
           "__version__"]
