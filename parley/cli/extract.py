"""`parley extract`: inputs -> parley.article/1 JSONL, no database."""
from __future__ import annotations

import json
import sys

import click

from ..contract import to_contract
from ..pipeline import process
from .main import cli
from .options import pipeline_options


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--out", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="output JSONL file (default: standard output)")
@pipeline_options
def extract(inputs, out, settings):
    """Extract actors, attributions and events; write one JSON object per article.

    Example: parley extract ../shared/data/samples/ --published 2014-12-18 --out sample.jsonl
    """
    fh = sys.stdout if out == "-" else open(out, "w", encoding="utf-8")
    n = bad = 0
    try:
        for result in process(list(inputs), settings):
            obj = to_contract(result)
            bad += "rejected" in obj
            n += 1
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
    finally:
        if fh is not sys.stdout:
            fh.close()
    click.echo(f"{n} objects written ({n - bad} articles, {bad} rejected)", err=True)
