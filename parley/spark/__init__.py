"""Parley on Spark: `parley spark INPUT... --out DIR`, `python -m parley.spark`, or
`spark-submit .../parley/spark/submit.py`; `parley load DIR` stores the output.

PySpark is imported only when a job runs, so reading output (`read_output`) needs
pyarrow but no JVM.
"""
from .job import SparkRun, run_spark, spark_session
from .output import read_manifest, read_output

__all__ = ["run_spark", "SparkRun", "spark_session", "read_output", "read_manifest"]
