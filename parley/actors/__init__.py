"""Actors: people, organisations, groups and countries, one actor for all its mentions."""
from .find import find_actors
from .index import ActorIndex

__all__ = ["find_actors", "ActorIndex"]
