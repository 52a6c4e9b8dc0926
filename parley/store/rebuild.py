"""Recompute the pre-aggregated tables of a store (see aggregates.py):
    python -m parley.store.rebuild --db news.db
"""
from __future__ import annotations

import argparse
import time

from . import open_store
from .aggregates import rebuild


def main() -> None:
    ap = argparse.ArgumentParser(description="recompute the pre-aggregated tables of a store")
    ap.add_argument("--db", required=True, help="SQLite file or postgresql:// URL")
    args = ap.parse_args()
    started = time.perf_counter()
    with open_store(args.db) as store, store.transaction():
        rebuild(store)
    print(f"aggregates of {args.db} rebuilt in {time.perf_counter() - started:.1f}s")


if __name__ == "__main__":
    main()
