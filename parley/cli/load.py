"""`parley load`: the Parquet output of `parley spark` -> the store."""
from __future__ import annotations

from collections import Counter

import click

from ..contract import from_contract
from ..records import Rejection
from ..store import open_store
from ..store.writer import Writer
from .main import cli
from .options import create_option, db_option, settings_for_db


@cli.command()
@click.argument("out_dir", type=click.Path(exists=True, file_okay=False))
@db_option
@create_option
def load(out_dir, db, create):
    """Store the articles and rejections of a `parley spark --out DIR` run.

    Safe to repeat: articles already stored (same text) count as duplicates.

    Example: parley spark news/ --out news.parquet && parley load news.parquet --db news.db
    """
    from ..spark import read_manifest, read_output

    settings = settings_for_db(db)
    manifest = read_manifest(out_dir)
    counts: Counter = Counter()
    reasons: Counter = Counter()
    with open_store(settings.db, create_parents=create) as store:
        writer = Writer(store, settings.actors_file)
        for obj in read_output(out_dir):
            result = from_contract(obj)
            counts[writer.put(result)] += 1
            if isinstance(result, Rejection):
                reasons[result.reason] += 1
    done = ", ".join(f"{v} {k}" for k, v in sorted(counts.items())) or "nothing"
    why = ", ".join(f"{k} {v}" for k, v in reasons.most_common())
    click.echo(f"{out_dir} -> {settings.db}: {done}{' (' + why + ')' if why else ''}", err=True)
    if manifest and manifest.get("articles") is not None and manifest["articles"] != counts["stored"] + counts["duplicate"]:
        click.echo(f"note: the run's manifest lists {manifest['articles']} articles", err=True)
