"""One article through the real pipeline (spaCy parse, actors, models), for the tests of
attribution on real sentences."""
from __future__ import annotations

from parley.records import Article, Extraction


def extract_text(pipeline, text: str) -> Extraction:
    (result,) = pipeline.run_articles([Article(id="t", text=text, source="test")])
    assert isinstance(result, Extraction), result
    return result


def actor_names(ex: Extraction) -> dict[str, str]:
    return {a.id: a.name for a in ex.actors}
