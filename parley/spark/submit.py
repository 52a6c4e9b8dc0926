"""The script to hand to spark-submit (it runs as a file, not as a module):

    spark-submit --master yarn ... "$(python -c 'import parley.spark.submit as s; print(s.__file__)')" \
        hdfs:///news/*.warc.gz --out hdfs:///parley/news

Same arguments as `parley spark`; without --master it uses the one spark-submit gives.
"""
import os
import sys


def main() -> None:
    # Run as a file, this folder is first on sys.path, where its modules would shadow top-level
    # ones: it is dropped before parley is imported (and only when run, never on import).
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != here]
    from parley.cli.spark import spark
    spark()


if __name__ == "__main__":
    main()
