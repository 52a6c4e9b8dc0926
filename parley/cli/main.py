"""`parley`: a thin command line over the Python API."""
from __future__ import annotations

import importlib
import logging

import click

from ..errors import ParleyError

# Each module registers its commands on `cli` when imported; add new ones here.
COMMAND_MODULES = ("extract", "ingest", "show", "export", "actors", "search", "serve", "check",
                   "spark", "load", "watch", "listing", "fetch")


# The module of each command that reads a store: running one imports only its module (no
# spaCy), so `parley search` answers quickly. Any other name imports every module.
QUICK = {"search": "search", "stories": "search", "show": "show", "stats": "show", "serve": "serve",
         "export": "export", "load": "load"}


class _Group(click.Group):
    def _load_all(self) -> None:
        for name in COMMAND_MODULES:
            importlib.import_module(f"{__package__}.{name}")

    def list_commands(self, ctx):
        self._load_all()
        return super().list_commands(ctx)

    def get_command(self, ctx, name):
        if name not in self.commands and name in QUICK:
            importlib.import_module(f"{__package__}.{QUICK[name]}")
        if name not in self.commands:
            self._load_all()
        return super().get_command(ctx, name)

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except ParleyError as exc:
            raise click.ClickException(str(exc)) from None
        except Exception as exc:          # a damaged or locked store met mid-command: one line
            from ..store import store_failure
            coded = store_failure(exc)
            if coded is None:
                raise
            raise click.ClickException(str(coded)) from None


@click.group(cls=_Group)
@click.version_option(package_name="parley")
@click.option("-v", "--verbose", is_flag=True, help="log progress details")
def cli(verbose: bool) -> None:
    """Parley: news reports -> who said and did what to whom, when, where, according to whom.

    Example: parley extract article.txt --published 2014-12-18 --out out.jsonl
    """
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")


def main() -> None:
    cli()
