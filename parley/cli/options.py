"""Options shared by several commands (as sqlite-utils shares its decorators)."""
from __future__ import annotations

import functools

import click

from ..settings import Settings


def db_option(f):
    return click.option("--db", "db", default=None, metavar="PATH|URL",
                        help=f"store: SQLite file (default {Settings.db}, or $PARLEY_DB) or postgresql:// URL")(f)


def pipeline_options(f):
    @click.option("--published", default=None, metavar="YYYY-MM-DD",
                  help="publication date for inputs that carry none")
    @click.option("--spacy-model", default=None, help=f"spaCy pipeline name or path (default {Settings.spacy_model})")
    @click.option("--processes", "-p", "n_process", type=int, default=None,
                  help="worker processes (each loads spaCy once)")
    @click.option("--batch-size", type=int, default=None, help="documents per nlp.pipe batch")
    @functools.wraps(f)
    def wrapper(*args, published, spacy_model, n_process, batch_size, **kw):
        kw["settings"] = Settings.load(published=published, spacy_model=spacy_model,
                                       n_process=n_process, batch_size=batch_size, db=kw.get("db"))
        return f(*args, **kw)
    return wrapper


def settings_for_db(db: str | None) -> Settings:
    return Settings.load(db=db)


def open_existing(db: str | None):
    """The store named by --db (or the setting) for a command that reads it: a path with no
    store, a file that is not a Parley store, a damaged or locked one stop the command with
    one coded line (see parley.store.sqlite)."""
    from ..store import open_store
    return open_store(settings_for_db(db).db, must_exist=True)


def create_option(f):
    return click.option("--create", is_flag=True, default=False,
                        help="create the store's missing parent folders (a new store file itself "
                             "is always created)")(f)


# Tables stay readable when output goes to a file or a pipe (rich would assume 80 columns).
PIPE_WIDTH = 160


def console(stderr: bool = False):
    from rich.console import Console
    c = Console(stderr=stderr)
    if not c.is_terminal:
        c = Console(stderr=stderr, width=PIPE_WIDTH)
    return c
