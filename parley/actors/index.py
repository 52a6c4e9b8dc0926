"""ActorIndex: the actors of one article while it is being processed.

Extractors add actors and mentions here, look actors up by character span or token,
and finally freeze it into Actor records. Actor ids are hashes of the article and the
actor's kind and key, so the same input always gives the same ids.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..records import Actor, Mention, content_hash


@dataclass
class _Draft:
    id: str
    key: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)


class ActorIndex:
    def __init__(self, article_uid: str):
        self.article_uid = article_uid
        self._drafts: dict[str, _Draft] = {}
        self._by_key: dict[str, str] = {}

    # -- building -------------------------------------------------------------
    def add(self, key: str, name: str, kind: str, *, country: str | None = None,
            sector: str | None = None, role: str | None = None) -> str:
        """The id of the actor with this key, created if new; attributes fill gaps only."""
        if key in self._by_key:
            d = self._drafts[self._by_key[key]]
            d.country = d.country or country
            d.sector = d.sector or sector
            d.role = d.role or role
            return d.id
        aid = "a" + content_hash(self.article_uid, kind, key, length=10)
        self._drafts[aid] = _Draft(aid, key, name, kind, country, sector, role)
        self._by_key[key] = aid
        return aid

    def alias(self, key: str, actor_id: str) -> None:
        """Let `key` find an existing actor too ('abdollahian' -> Hossein Amir-Abdollahian)."""
        self._by_key.setdefault(key, actor_id)

    def find(self, key: str) -> str | None:
        return self._by_key.get(key)

    def mention(self, actor_id: str, start: int, end: int, text: str, kind: str = "name",
                sentence: tuple[int, int] | None = None) -> None:
        d = self._drafts[actor_id]
        if any(s <= start and end <= e for s, e in d.mentions):
            return
        for other in self._drafts.values():  # one mention, one actor
            if (start, end) in other.mentions:
                return
        d.mentions[(start, end)] = Mention(start, end, text, kind, sentence)

    def update(self, actor_id: str, **attrs: str | None) -> None:
        d = self._drafts[actor_id]
        for k, v in attrs.items():
            if v is not None:
                setattr(d, k, v)

    # -- lookup ---------------------------------------------------------------
    def get(self, actor_id: str) -> _Draft:
        return self._drafts[actor_id]

    def at(self, start: int, end: int) -> str | None:
        """The actor with a mention inside [start, end) (the longest one), or None."""
        best, best_len = None, 0
        for d in self._drafts.values():
            for s, e in d.mentions:
                if start <= s and e <= end and e - s > best_len:
                    best, best_len = d.id, e - s
        return best

    def mentions_before(self, pos: int) -> list[tuple[int, str, str]]:
        """(start, actor id, kind) of mentions that end before `pos`, nearest last."""
        out = [(s, d.id, d.kind) for d in self._drafts.values() for s, e in d.mentions if e <= pos]
        return sorted(out)

    def ids(self) -> list[str]:
        return list(self._drafts)

    # -- result ---------------------------------------------------------------
    def freeze(self) -> tuple[Actor, ...]:
        """Actor records in order of first mention; actors never mentioned are dropped."""
        out = []
        for d in self._drafts.values():
            if not d.mentions:
                continue
            ms = tuple(sorted(d.mentions.values(), key=lambda m: (m.start, m.end)))
            aliases = tuple(sorted({m.text for m in ms if m.text != d.name and m.kind != "pronoun"}))
            out.append(Actor(id=d.id, name=d.name, kind=d.kind, mentions=ms, country=d.country,
                             sector=d.sector, role=d.role, aliases=aliases))
        return tuple(sorted(out, key=lambda a: a.mentions[0].start))


def with_registry(actor: Actor, registry_id: str | None) -> Actor:
    return replace(actor, registry_id=registry_id)
