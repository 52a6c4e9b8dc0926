"""`parley check`: the store's integrity, offsets, search index, stories and checkpoint."""
from __future__ import annotations

import sys

import click

from ..store.check import run_checks
from .main import cli
from .options import db_option, open_existing


@cli.command()
@db_option
def check(db):
    """Check that the store is whole; exit 1 with the problems listed when it is not.

    Runs SQLite's integrity and foreign-key checks (on PostgreSQL: invalid indexes and
    constraints never validated), checks that every stored span lies
    inside its article's text, that the search index is in step with the articles, that
    story clusters are consistent and that the ingest checkpoint points at stored articles.

    Example: parley check --db news.db   (or --db postgresql://user@host/news)
    """
    with open_existing(db) as store:
        results = run_checks(store)
        where = getattr(store, "path", None) or "the store"
    bad = 0
    for name, problems in results.items():
        click.echo(f"{name:<14} {'ok' if not problems else f'{len(problems)} problem(s)'}")
        for p in problems:
            click.echo(f"  - {p}")
        bad += len(problems)
    if bad:
        click.echo(f"{where}: {bad} problem(s) found", err=True)
        sys.exit(1)
    click.echo(f"{where}: every check passed", err=True)
