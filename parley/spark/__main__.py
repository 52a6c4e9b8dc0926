"""`python -m parley.spark INPUT... --out DIR`: the `parley spark` command."""
from ..cli.spark import spark

spark()
