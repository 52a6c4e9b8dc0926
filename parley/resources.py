"""Resources: everything a process loads once and every stage reads.

Built from Settings by the Pipeline (or by a test) and passed explicitly to each stage:
the spaCy pipeline, the actor lexicon with the user's aliases, and the learned models.
Each is loaded on first use and kept for the life of the process, so a worker, a Spark
executor and the CLI each load them once, from the Settings they were given (never from
the environment of the process that happens to run a stage).

    >>> res = Resources(Settings.load().with_(actor_aliases="my_groups.tsv"))
    >>> res.known_actors[-1].name
    'My Group'

To add a learned model: one `cached_property` below that calls the model's own `load()`
(weights shipped inside the package, rebuilt by a `make train-*` target).
"""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from .settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from .actors.filter import ActorFilter
    from .actors.lexicon import KnownActor
    from .attribution.scorer import AttributionModel
    from .events.article_filter import ArticleFilter
    from .events.learned import EventModel
    from .geo import Geoparser


class Resources:
    """The loaded resources of one process, built from one Settings value."""

    def __init__(self, settings: Settings, nlp: "Language | None" = None):
        self.settings = settings
        if nlp is not None:
            self.__dict__["nlp"] = nlp        # a pipeline the caller already has

    @cached_property
    def nlp(self) -> "Language":
        from .nlp import load_nlp
        return load_nlp(self.settings.spacy_model)

    @cached_property
    def known_actors(self) -> "tuple[KnownActor, ...]":
        """The packaged actor_aliases.tsv, then the file of the `actor_aliases` setting."""
        from .actors.lexicon import load_known_actors
        return load_known_actors(self.settings.actor_aliases)

    @cached_property
    def actor_filter(self) -> "ActorFilter":
        """The learned "is this an actor" filter (parley/actors/model/actor_filter.json)."""
        from .actors.filter import load
        return load()

    @cached_property
    def attribution_model(self) -> "AttributionModel":
        from .attribution.scorer import load_model
        return load_model()

    @cached_property
    def geoparser(self) -> "Geoparser":
        """The gazetteer (~130 MB) and the toponym ranker's weights."""
        from .geo import load
        return load()

    @cached_property
    def event_model(self) -> "EventModel":
        """The learned layer over the lexicon's candidates; its typer of open candidates
        (verbs beyond the lexicon) only when the setting `event_open_candidates` is on."""
        from dataclasses import replace

        from .events.learned import load
        model = load()
        return model if self.settings.event_open_candidates else replace(model, open=None)

    @cached_property
    def event_filter(self) -> "ArticleFilter | None":
        """The whole-article filter over the learned layer's events (model/events_filter.json);
        None when the setting `event_article_filter` is off."""
        from .events.article_filter import load
        return load() if self.settings.event_article_filter else None

    def load_all(self) -> "Resources":
        """Load everything now (a worker does this before its first chunk)."""
        for name in ("nlp", "known_actors", "actor_filter", "attribution_model", "geoparser", "event_model",
                     "event_filter"):
            getattr(self, name)
        return self
