"""The same pipeline over Spark partitions.

    1. plan     inputs -> units of work: local files by path (read on the executor with the
                same code as `parley extract`), JSONL files line by line (textFile, numbered
                with zipWithIndex), remote URLs (hdfs://, s3a://, ...) through Hadoop
                (textFile for JSONL, binaryFiles for everything else)
    2. process  mapPartitions: each partition runs Pipeline(settings) over its units, the
                steps 2-4 of parley.pipeline; the spaCy pipeline is built from Settings once
                per Python worker (load_nlp's per-process cache) and kept between partitions
    3. write    Parquet: articles partitioned by publication date, rejections, a manifest
                (layout in parley/spark/output.py)
"""
from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from .. import __version__
from ..ingest import iter_raw, raw_from_bytes
from ..ingest.files import expand, format_of
from ..ingest.jsonl import jsonl_line
from ..pipeline import Pipeline
from ..records import RawItem, Rejection
from ..settings import Settings
from .output import ARTICLE_COLUMNS, MANIFEST, REJECTION_COLUMNS, to_row

# Partitions per core when --partitions is not given: small enough to balance documents of
# unequal length across workers, large enough that per-task overhead stays negligible.
PARTITIONS_PER_CORE = 4
LOOPBACK = "127.0.0.1"


@dataclass(frozen=True)
class SparkRun:
    """What one `parley spark` run did (also written to DIR/_parley.json)."""

    inputs: tuple[str, ...]
    out: str
    master: str
    partitions: int
    articles: int
    rejections: dict[str, int]
    seconds: float
    version: str = __version__
    spacy_model: str = ""


def run_spark(inputs: Iterable[str], out: str, settings: Settings, master: str | None = None,
              partitions: int | None = None, overwrite: bool = False) -> SparkRun:
    """Run the pipeline over `inputs` on Spark and write Parquet to `out`."""
    inputs = tuple(str(i) for i in inputs)
    started = time.perf_counter()
    spark, owned = spark_session(master)
    try:
        sc = spark.sparkContext
        n_parts = partitions or max(1, sc.defaultParallelism * PARTITIONS_PER_CORE)
        units = plan(sc, inputs, n_parts)                                     # 1. plan
        rows = units.mapPartitions(lambda part: process_partition(part, settings))  # 2. process
        rows = rows.persist(_storage_level())
        counts = write(spark, rows, _out_uri(out), overwrite)                 # 3. write
        rows.unpersist()
        run = SparkRun(inputs=inputs, out=out, master=sc.master, partitions=n_parts,
                       articles=counts.pop("article", 0), rejections=dict(counts),
                       seconds=round(time.perf_counter() - started, 1), spacy_model=settings.spacy_model)
    finally:
        if owned:
            spark.stop()
    if "://" not in out:
        (Path(out) / MANIFEST).write_text(json.dumps(asdict(run), indent=2) + "\n", encoding="utf-8")
    return run


# -- the session -------------------------------------------------------------------

def spark_session(master: str | None = None):
    """(session, owned): the active SparkSession if there is one (owned=False: leave it
    running), else a new one; local masters stay on the loopback interface and use this Python."""
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active, False
    if master is None and not _under_spark_submit():
        master = "local[*]"
    builder = SparkSession.builder.appName("parley")
    if master is not None:
        builder = builder.master(master)
    if master is not None and master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", LOOPBACK)   # read when the JVM starts
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers run this Python
        builder = (builder.config("spark.driver.host", LOOPBACK)
                   .config("spark.driver.bindAddress", LOOPBACK)
                   .config("spark.ui.enabled", "false")
                   .config("spark.ui.showConsoleProgress", "false")
)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark, True


def _under_spark_submit() -> bool:
    return "PYSPARK_GATEWAY_PORT" in os.environ


def _storage_level():
    from pyspark import StorageLevel
    return StorageLevel.MEMORY_AND_DISK


def _out_uri(out: str) -> str:
    return out if "://" in out else Path(out).resolve().as_uri()


# -- 1. plan -------------------------------------------------------------------------

def plan(sc, inputs: tuple[str, ...], n_parts: int):
    """One RDD of units: ("file", path), ("line", source, n, text) or ("bytes", url, data)."""
    local = [i for i in inputs if "://" not in i]
    remote = [i for i in inputs if "://" in i]
    files = [str(p) for p in expand(local)]
    jsonl = [f for f in files if format_of(Path(f)) == "jsonl"]
    others = [f for f in files if f not in set(jsonl)]
    rdds = []
    if others:
        rdds.append(sc.parallelize([("file", f) for f in others], min(n_parts, len(others))))
    for f in jsonl:
        rdds.append(_lines(sc, Path(f).resolve().as_uri(), f, n_parts))
    for uri in remote:
        if format_of(Path(uri)) == "jsonl":
            rdds.append(_lines(sc, uri, uri, n_parts))
        else:
            rdds.append(sc.binaryFiles(uri, n_parts).map(lambda kv: ("bytes", kv[0], kv[1])))
    if not rdds:
        return sc.emptyRDD()
    return rdds[0] if len(rdds) == 1 else sc.union(rdds)


def _lines(sc, uri: str, source: str, n_parts: int):
    """A JSONL file's lines, numbered from 1 as `parley extract` numbers them."""
    return (sc.textFile(uri, n_parts).zipWithIndex()
            .map(lambda li: ("line", source, li[1] + 1, li[0])))


# -- 2. process (on the executors) -----------------------------------------------------

def process_partition(units: Iterable[tuple], settings: Settings) -> Iterator[tuple[str, tuple]]:
    """The pipeline over one partition: ("article", row) and ("rejection", row) tuples."""
    pipeline = Pipeline(settings)
    for result in pipeline.run_raw(raw_items(units)):
        yield to_row(result)


def raw_items(units: Iterable[tuple]) -> Iterator[RawItem | Rejection]:
    for unit in units:
        kind = unit[0]
        if kind == "file":
            yield from iter_raw([unit[1]])
        elif kind == "line":
            _, source, n, text = unit
            item = jsonl_line(text.lstrip("\ufeff") if n == 1 else text, n, source)
            if item is not None:
                yield item
        else:
            _, name, data = unit
            yield from raw_from_bytes(name, data)


# -- 3. write ----------------------------------------------------------------------------

def write(spark, rows, out_uri: str, overwrite: bool) -> Counter:
    """Parquet tables from the (persisted) rows; the number of articles and rejections by reason."""
    from pyspark.sql.types import IntegerType, StringType, StructField, StructType

    types = {"string": StringType(), "int": IntegerType()}

    def schema(columns):
        return StructType([StructField(n, types[t], True) for n, t in columns])

    mode = "overwrite" if overwrite else "errorifexists"
    articles = spark.createDataFrame(rows.filter(lambda r: r[0] == "article").map(lambda r: r[1]),
                                     schema(ARTICLE_COLUMNS))
    articles.write.mode(mode).partitionBy("published").parquet(f"{out_uri}/articles")
    rejections = spark.createDataFrame(rows.filter(lambda r: r[0] == "rejection").map(lambda r: r[1]),
                                       schema(REJECTION_COLUMNS))
    rejections.write.mode(mode).parquet(f"{out_uri}/rejections")
    counts = Counter({"article": articles.count()})
    for r in rejections.groupBy("reason").count().collect():
        counts[r["reason"]] = r["count"]
    return counts
