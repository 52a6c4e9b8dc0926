"""ActorIndex: the actors of one article while it is being processed.

The actors stage builds it; each later stage works on a `fork()` of it and returns the
fork's `finds()` (ActorFinds records, see finds.py) instead of changing the index it was
given; `plus(*finds)` joins them into a new index, which `freeze()` turns into Actor
records. Actor ids are hashes of the article and the actor's kind and key, so the same
input always gives the same ids.
"""
from __future__ import annotations

from bisect import bisect_left, insort
from copy import copy
from dataclasses import dataclass, field, replace

from ..records import Actor, Mention, content_hash
from .finds import ActorFacts, ActorFinds, Change, NewActor, NewKey, NewMention


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
        self._log: list[Change] | None = None             # a fork's changes, in order
        self.country_checked: set[str] = set()            # ids step 8 (affiliation) has looked at

    # -- stages: fork, finds, join ----------------------------------------------
    def fork(self) -> ActorIndex:
        """A copy for one stage to add to; its `finds()` are what the stage added."""
        new = self._copy()
        new._log = []
        return new

    def finds(self) -> ActorFinds:
        """What was added since `fork()` (nothing for an index that is not a fork)."""
        return ActorFinds(tuple(self._log or ()))

    def plus(self, *finds: ActorFinds) -> ActorIndex:
        """A new index: this one with the stages' finds added in order (this one unchanged)."""
        new = self._copy()
        for f in finds:
            for change in f.changes:
                new._apply(change)
        return new

    def _copy(self) -> ActorIndex:
        new = copy(self)
        new._drafts = {aid: replace(d, mentions=dict(d.mentions)) for aid, d in self._drafts.items()}
        new._by_key, new._owner, new._starts = dict(self._by_key), dict(self._owner), list(self._starts)
        new.country_checked = set(self.country_checked)
        new._log = None
        return new

    def _apply(self, change: Change) -> None:
        if isinstance(change, NewActor):
            c = change
            self._drafts[c.id] = _Draft(c.id, c.key, c.name, c.kind, c.country, c.sector, c.role)
            self._by_key[c.key] = c.id
        elif isinstance(change, NewMention):
            m = change.mention
            self._drafts[change.actor].mentions[(m.start, m.end)] = m
            self._owner[(m.start, m.end)] = change.actor
            insort(self._starts, (m.start, m.end))
        elif isinstance(change, NewKey):
            self._by_key[change.key] = change.actor
        else:
            for k, v in change.facts:
                setattr(self._drafts[change.actor], k, v)
        if self._log is not None:
            self._log.append(change)

    # -- building -------------------------------------------------------------
    def add(self, key: str, name: str, kind: str, *, country: str | None = None,
            sector: str | None = None, role: str | None = None) -> str:
        """The id of the actor with this key, created if new; attributes fill gaps only."""
        if key in self._by_key:
            d = self._drafts[self._by_key[key]]
            gaps = {"country": country, "sector": sector, "role": role}
            self._set(d.id, {k: v for k, v in gaps.items() if not getattr(d, k) and getattr(d, k) != v})
            return d.id
        aid = "a" + content_hash(self.article_uid, kind, key, length=10)
        self._apply(NewActor(aid, key, name, kind, country, sector, role))
        return aid

    def _set(self, actor_id: str, attrs: dict[str, str]) -> None:
        if attrs:
            self._apply(ActorFacts(actor_id, tuple(attrs.items())))

    def alias(self, key: str, actor_id: str, replace: bool = False) -> None:
        """Let `key` find an existing actor too ('abdollahian' -> Hossein Amir-Abdollahian);
        an alias already taken keeps its actor unless `replace`."""
        if (replace or key not in self._by_key) and self._by_key.get(key) != actor_id:
            self._apply(NewKey(key, actor_id))

    def find(self, key: str) -> str | None:
        return self._by_key.get(key)

    def mention(self, actor_id: str, start: int, end: int, text: str, kind: str = "name",
                sentence: tuple[int, int] | None = None) -> None:
        """Record a mention; a span already held by an actor, or inside a mention of the
        same actor, is not recorded twice (one mention, one actor)."""
        if (start, end) in self._owner or not 0 < end - start <= MAX_MENTION_CHARS:
            return
        if any(s <= start and end <= e for s, e in self._overlapping(start, end)
               if self._owner[(s, e)] == actor_id):
            return
        self._apply(NewMention(actor_id, Mention(start, end, text, kind, sentence)))

    def update(self, actor_id: str, **attrs: str | None) -> None:
        self._set(actor_id, {k: v for k, v in attrs.items() if v is not None})

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
        stop = bisect_left(self._starts, (pos, -1))        # a mention starting at pos or later ends after it
        return [(s, self._owner[(s, e)], self._drafts[self._owner[(s, e)]].kind)
                for s, e in self._starts[:stop] if e <= pos]

    def mentions_back(self, pos: int, window: int):
        """mentions_before(pos) nearest first, only those starting within `window` characters
        of `pos`: walks back from `pos` instead of listing the whole article (one pronoun
        after another made that quadratic)."""
        i = bisect_left(self._starts, (pos, -1))
        while i > 0:
            i -= 1
            s, e = self._starts[i]
            if pos - s > window:
                return
            if e <= pos:
                aid = self._owner[(s, e)]
                yield s, aid, self._drafts[aid].kind

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
