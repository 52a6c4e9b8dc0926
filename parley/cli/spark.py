"""`parley spark`: the pipeline on Spark (local or a cluster) -> Parquet."""
from __future__ import annotations

import click

from .main import cli
from .options import pipeline_options


@cli.command(name="spark")
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", "-o", required=True, metavar="DIR|URL",
              help="output folder (local path, or hdfs:// / s3a:// URL on a cluster)")
@click.option("--master", default=None, metavar="URL",
              help="Spark master, e.g. local[2] or spark://host:7077 (default: spark-submit's, else local[*])")
@click.option("--partitions", type=int, default=None,
              help="units of work (default: 4 per core)")
@click.option("--overwrite", is_flag=True, help="replace an existing output folder")
@pipeline_options
def spark(inputs, out, master, partitions, overwrite, settings):
    """Run the pipeline over INPUTS on Spark; write Parquet partitioned by publication date.

    INPUTS are files, folders, or URLs Hadoop reads (hdfs://, s3a://): text, HTML, JSONL
    (split by line across partitions) and WARC. Output: DIR/articles (one row per article,
    the full parley.article/1 object in column `contract`), DIR/rejections, DIR/_parley.json.

    Example: parley spark news/ --out news.parquet --master local[2]
    """
    from ..spark import run_spark

    run = run_spark(inputs, out, settings.with_(n_process=1), master=master,
                    partitions=partitions, overwrite=overwrite)
    rejected = sum(run.rejections.values())
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(run.rejections.items()))
    click.echo(f"{run.articles} articles, {rejected} rejected{' (' + reasons + ')' if reasons else ''} "
               f"in {run.seconds:.1f}s on {run.master} ({run.partitions} partitions) -> {out}", err=True)
