"""One article through the real pipeline (spaCy parse, actors, models), for the tests of
attribution and actors on real sentences."""
from __future__ import annotations

from parley.records import Article, Extraction


def extract_text(pipeline, text: str) -> Extraction:
    (result,) = pipeline.run_articles([Article(id="t", text=text, source="test")])
    assert isinstance(result, Extraction), result
    return result


def actor_names(ex: Extraction) -> dict[str, str]:
    return {a.id: a.name for a in ex.actors}


def actors_of(nlp, text: str) -> list[tuple]:
    """The actors stage alone on `text`: (actor, its mention strings) in order."""
    from parley.actors import find_actors
    return [(a, [text[m.start:m.end] for m in a.mentions]) for a in find_actors(nlp(text), "test").freeze()]
