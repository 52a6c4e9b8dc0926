"""The read-only web UI over a store: `create_app(db)`, served by `parley serve`."""
from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
