"""The same pipeline over Spark partitions.

    1. plan     inputs -> units of work (parley/spark/plan.py): local files by path, read
                on the executors with `parley extract`'s own code; local JSONL files split
                into byte ranges at line ends; URLs (hdfs://, s3a://, ...) through Hadoop
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

from ..version import __version__
from ..pipeline import Pipeline
from ..settings import Settings
from .output import ARTICLE_COLUMNS, MANIFEST, REJECTION_COLUMNS, to_row
from .plan import plan, raw_items

# Partitions per core when --partitions is not given: small enough to balance documents of
# unequal length across workers, large enough that per-task overhead stays negligible.
PARTITIONS_PER_CORE = 4
LOOPBACK = "127.0.0.1"
# A local driver JVM only moves rows between Python and Parquet: a quick start (C1 JIT, one
# GC thread) matters more than peak JIT speed; it halves start-up on a small machine.
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"


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
        counts = sc.accumulator(Counter(), _CounterParam())
        units = plan(sc, inputs, n_parts)                                             # 1. plan
        rows = units.mapPartitions(lambda part: process_partition(part, settings, counts))  # 2.
        rows = rows.persist(_storage_level())           # two tables are written from one pass
        write(spark, rows, _out_uri(out), overwrite)                                  # 3. write
        rows.unpersist()
        found = Counter(counts.value)
        run = SparkRun(inputs=inputs, out=out, master=sc.master, partitions=n_parts,
                       articles=found.pop("article", 0), rejections=dict(found),
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
    if master is not None and (master.startswith("local") or _loopback_cluster(master)):
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


def _loopback_cluster(master: str) -> bool:
    """A standalone master on this machine (spark://127.0.0.1:PORT): executors reach the
    driver on the loopback interface and run this Python, as local ones do."""
    return master.startswith((f"spark://{LOOPBACK}:", "spark://localhost:"))


def _under_spark_submit() -> bool:
    return "PYSPARK_GATEWAY_PORT" in os.environ


def _storage_level():
    from pyspark import StorageLevel
    return StorageLevel.MEMORY_AND_DISK


def _out_uri(out: str) -> str:
    return out if "://" in out else Path(out).resolve().as_uri()


# -- 2. process (on the executors) -----------------------------------------------------

def process_partition(units: Iterable[tuple], settings: Settings, counts=None) -> Iterator[tuple[str, tuple]]:
    """The pipeline over one partition: ("article", row) and ("rejection", row) tuples;
    `counts` (an accumulator) receives the number of articles and rejections by reason."""
    seen: Counter = Counter()
    for result in Pipeline(settings).run_raw(raw_items(units)):
        kind, row = to_row(result)
        seen[kind if kind == "article" else row[3]] += 1
        yield kind, row
    if counts is not None:
        counts.add(seen)


class _CounterParam:
    """Adds Counters (an AccumulatorParam without importing PySpark at module load)."""

    def zero(self, value: Counter) -> Counter:
        return Counter()

    def addInPlace(self, a: Counter, b: Counter) -> Counter:  # PySpark's name
        a.update(b)
        return a


# -- 3. write ----------------------------------------------------------------------------

def write(spark, rows, out_uri: str, overwrite: bool) -> None:
    """The two Parquet tables from the (persisted) rows."""
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
