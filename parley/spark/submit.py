"""The script to hand to spark-submit (it runs as a file, not as a module):

    spark-submit --master yarn ... "$(python -c 'import parley.spark.submit as s; print(s.__file__)')" \
        hdfs:///news/*.warc.gz --out hdfs:///parley/news

Same arguments as `parley spark`; without --master it uses the one spark-submit gives.
"""
import os
import sys

# Run as a file, this folder is first on sys.path, where its modules would shadow top-level ones.
_here = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _here]

from parley.cli.spark import spark  # noqa: E402

if __name__ == "__main__":
    spark()
