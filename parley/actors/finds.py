"""ActorFinds: what one stage adds to an article's actors, as records.

The actors stage builds the article's ActorIndex; the stages after it (attribution, quoted
pronouns, events) read it and return what they found besides: new actors (a described
speaker, "the ministry"; a country an event names), new mentions ("I" in a quote) and
facts learned about an actor (its country). The pipeline joins them in one step
(`ActorIndex.plus`, then `ActorIndex.freeze`). Each change is kept in the order it was
made, so a join replays a stage exactly.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..records import Mention


@dataclass(frozen=True)
class NewActor:
    """An actor the stage created (its key finds it again)."""

    id: str
    key: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None


@dataclass(frozen=True)
class NewMention:
    """A mention of an actor that the stage found."""

    actor: str
    mention: Mention


@dataclass(frozen=True)
class NewKey:
    """Another key that finds an actor ('abdollahian' -> Hossein Amir-Abdollahian)."""

    key: str
    actor: str


@dataclass(frozen=True)
class ActorFacts:
    """Attributes the stage set on an actor (country, sector, role, owner)."""

    actor: str
    facts: tuple[tuple[str, str], ...]


Change = NewActor | NewMention | NewKey | ActorFacts


@dataclass(frozen=True)
class ActorFinds:
    """What one stage added to the article's actors, in the order it added it."""

    changes: tuple[Change, ...] = ()

    @property
    def actors(self) -> tuple[NewActor, ...]:
        return tuple(c for c in self.changes if isinstance(c, NewActor))

    @property
    def mentions(self) -> tuple[NewMention, ...]:
        return tuple(c for c in self.changes if isinstance(c, NewMention))
