"""The layout of `parley spark` output, and reading it back without Spark.

    DIR/articles/published=YYYY-MM-DD/part-*.parquet   one row per article
    DIR/articles/published=__HIVE_DEFAULT_PARTITION__/  articles without a date
    DIR/rejections/part-*.parquet                       one row per rejected input
    DIR/_parley.json                                    what ran: inputs, settings, counts

An article row has the columns analysts filter on (uid, id, source, url, title, outlet,
the pipeline, counts of actors/attributions/events) and `contract`: the whole
parley.article/1 object as JSON text, exactly what `parley extract` writes for it. Spark
SQL reads inside it with get_json_object / from_json; `parley load` rebuilds the records
from it with contract.from_contract.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..contract import to_contract
from ..records import Extraction, Rejection

ARTICLE_COLUMNS = (
    ("uid", "string"), ("id", "string"), ("source", "string"), ("url", "string"),
    ("title", "string"), ("outlet", "string"), ("pipeline_version", "string"),
    ("spacy_model", "string"), ("actors", "int"), ("attributions", "int"), ("events", "int"),
    ("contract", "string"), ("published", "string"),
)
REJECTION_COLUMNS = (("uid", "string"), ("id", "string"), ("source", "string"),
                     ("reason", "string"), ("detail", "string"))
MANIFEST = "_parley.json"


def to_row(result: Extraction | Rejection) -> tuple[str, tuple]:
    """("article", row) or ("rejection", row), in the column order above."""
    if isinstance(result, Rejection):
        return "rejection", (result.uid, result.id, result.source, result.reason, result.detail)
    a = result.article
    return "article", (
        a.uid, a.id, a.source, a.url, a.title, a.outlet, result.pipeline.version,
        result.pipeline.spacy_model, len(result.actors), len(result.attributions),
        len(result.events), json.dumps(to_contract(result), ensure_ascii=False), a.published)


def read_output(out_dir: str | Path) -> Iterator[dict[str, Any]]:
    """The contract objects of a `parley spark` output folder: articles, then rejections
    (in the {"id", "source", "rejected": {...}} form `parley extract` writes)."""
    import pyarrow.dataset as ds

    root = Path(out_dir)
    if not (root / "articles").is_dir() and not (root / "rejections").is_dir():
        raise FileNotFoundError(f"{root} holds no articles/ or rejections/ folder: give the --out "
                                "folder of a finished `parley spark` run")
    if (root / "articles").is_dir():
        for batch in ds.dataset(root / "articles", format="parquet").to_batches(columns=["contract"]):
            for text in batch.column(0).to_pylist():
                yield json.loads(text)
    if (root / "rejections").is_dir():
        cols = ["id", "source", "reason", "detail"]
        for batch in ds.dataset(root / "rejections", format="parquet").to_batches(columns=cols):
            for r in batch.to_pylist():
                yield {"id": r["id"], "source": r["source"],
                       "rejected": {"reason": r["reason"], "detail": r["detail"]}}


def read_manifest(out_dir: str | Path) -> dict[str, Any] | None:
    path = Path(out_dir) / MANIFEST
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None
