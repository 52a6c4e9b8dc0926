"""ActorIndex: the actors of one article while it is being processed.

Extractors add actors and mentions here, look actors up by character span or token,
and finally freeze it into Actor records. Actor ids are hashes of the article and the
actor's kind and key, so the same input always gives the same ids.
"""
from __future__ import annotations

from bisect import bisect_left, insort
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
    owner: str | None = None       # the organisation a title names ("BBC" in "BBC spokesman")
    mentions: dict[tuple[int, int], Mention] = field(default_factory=dict)


class ActorIndex:
    def __init__(self, article_uid: str):
        self.article_uid = article_uid
        self._drafts: dict[str, _Draft] = {}
        self._by_key: dict[str, str] = {}
        self._owner: dict[tuple[int, int], str] = {}      # mention span -> actor id
        self._starts: list[tuple[int, int]] = []          # mention spans, sorted
        self.country_checked: set[str] = set()            # ids step 8 (affiliation) has looked at

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

    def alias(self, key: str, actor_id: str, replace: bool = False) -> None:
        """Let `key` find an existing actor too ('abdollahian' -> Hossein Amir-Abdollahian);
        an alias already taken keeps its actor unless `replace`."""
        if replace:
            self._by_key[key] = actor_id
        else:
            self._by_key.setdefault(key, actor_id)

    def find(self, key: str) -> str | None:
        return self._by_key.get(key)

    def mention(self, actor_id: str, start: int, end: int, text: str, kind: str = "name",
                sentence: tuple[int, int] | None = None) -> None:
        """Record a mention; a span already held by an actor, or inside a mention of the
        same actor, is not recorded twice (one mention, one actor)."""
        d = self._drafts[actor_id]
        if (start, end) in self._owner or not 0 < end - start <= MAX_MENTION_CHARS:
            return
        if any(s <= start and end <= e for s, e in self._overlapping(start, end)
               if self._owner[(s, e)] == actor_id):
            return
        d.mentions[(start, end)] = Mention(start, end, text, kind, sentence)
        self._owner[(start, end)] = actor_id
        insort(self._starts, (start, end))

    def update(self, actor_id: str, **attrs: str | None) -> None:
        d = self._drafts[actor_id]
        for k, v in attrs.items():
            if v is not None:
                setattr(d, k, v)

    # -- lookup ---------------------------------------------------------------
    def get(self, actor_id: str) -> _Draft:
        return self._drafts[actor_id]

    def owner(self, start: int, end: int) -> str | None:
        """The actor holding exactly the mention [start, end), or None."""
        return self._owner.get((start, end))

    def _overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """Mention spans that overlap [start, end) (mentions are short: look back a little)."""
        i = bisect_left(self._starts, (start - MAX_MENTION_CHARS, -1))
        out = []
        while i < len(self._starts) and self._starts[i][0] < end:
            s, e = self._starts[i]
            if e > start:
                out.append((s, e))
            i += 1
        return out

    def at(self, start: int, end: int) -> str | None:
        """The actor with a mention inside [start, end) (the longest one), or None."""
        best, best_len = None, 0
        for s, e in self._overlapping(start, end):
            if start <= s and e <= end and e - s > best_len:
                best, best_len = self._owner[(s, e)], e - s
        return best

    def covering(self, start: int, end: int) -> str | None:
        """The actor with a mention that contains [start, end) (the shortest one), or None."""
        best, best_len = None, None
        for s, e in self._overlapping(start, end):
            if s <= start and end <= e and (best_len is None or e - s < best_len):
                best, best_len = self._owner[(s, e)], e - s
        return best

    def mentions_before(self, pos: int) -> list[tuple[int, str, str]]:
        """(start, actor id, kind) of mentions that end before `pos`, nearest last."""
        return [(s, self._owner[(s, e)], self._drafts[self._owner[(s, e)]].kind)
                for s, e in self._starts if e <= pos]

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


# The longest mention span looked back for when searching overlaps ("the Special Advisor
# to Ambassador Saperstein for Religious Minorities in the Near East ..." is ~120).
MAX_MENTION_CHARS = 300


def with_registry(actor: Actor, registry_id: str | None) -> Actor:
    return replace(actor, registry_id=registry_id)
