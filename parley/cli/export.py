"""`parley export`: the store -> JSONL, CSV (ACLED-like), Parquet, GDELT-like TSV, GraphML, GEXF."""
from __future__ import annotations

import click

from ..export import FORMATS, TABLES, ExportOptions, export as write_export
from .main import cli
from .options import db_option, open_existing


def _types(ctx, param, values) -> tuple[str, ...]:
    return tuple(t.strip().upper() for v in values for t in v.split(",") if t.strip())


@cli.command()
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="jsonl", show_default=True,
              help="jsonl | csv (ACLED-like) | parquet | gdelt (tab-separated) | graphml | gexf (Gephi)")
@click.option("--table", type=click.Choice(TABLES), default=None,
              help="what jsonl/csv/parquet hold: articles (jsonl default), events (csv/parquet "
                   "default) or attributions")
@click.option("--out", "-o", type=click.Path(dir_okay=False, allow_dash=True), default="-",
              help="output file (default: standard output; parquet needs a file)")
@click.option("--from", "date_from", metavar="YYYY-MM-DD", default=None,
              help="events on or after this date (the event's date, else the report's)")
@click.option("--to", "date_to", metavar="YYYY-MM-DD", default=None, help="events on or before this date")
@click.option("--type", "types", multiple=True, callback=_types, metavar="TYPE[,TYPE]",
              help="PLOVER event types to keep (repeat or comma-separate), e.g. --type ASSAULT,COERCE")
@click.option("--per-report", is_flag=True,
              help="one row per report instead of one per event of a story")
@db_option
def export(fmt, table, out, date_from, date_to, types, per_report, db):
    """Export the store for other tools.

    Events are counted once per story: the same event told by several reports of one
    syndicated story is one row, with the number of reports and outlets behind it.

    Example: parley export --format csv --out events.csv --db demo.db

    Example: parley export --format gexf --type ASSAULT,COERCE --from 2016-01-01 --out actors.gexf
    """
    options = ExportOptions(fmt=fmt, table=table, date_from=date_from, date_to=date_to,
                            types=types, per_report=per_report)
    with open_existing(db) as store:
        n = write_export(store, options, out)
    what = "nodes" if fmt in ("graphml", "gexf") else "rows"
    click.echo(f"{n} {what} written ({fmt}, {options.resolved_table})"
               + (f" to {out}" if out != "-" else ""), err=True)
