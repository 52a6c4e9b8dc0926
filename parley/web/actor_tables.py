"""What the actor page and the dyad page read from the per-actor tables kept on ingest.

agg_actor_groups and agg_actor_statements (migration 1808, store/actor_tables.py) give a
registry actor's summary groups and its statements by and about it, the page and the count
from its key's range. Events of registry actors and their dyads come from agg_actor_events
(migration 1807):

The table holds each asserted event once per (actor key, role) and once per actor key with
role '*', keyed in the order pages list events (day newest first, article, trigger, uid). So
an actor's newest events are the first rows of its key's range, and a dyad's are the first
rows of its quieter side's range that the busier side's key also holds (one primary-key probe
each): neither sorts every event of a busy actor. The exact queries over event_actors and
actor rows (web/queries.py) answer everything else: countries, name keys, filters on types,
dates or non-asserted events (tests/test_scale_actor_events.py checks the two agree).
"""
from __future__ import annotations

from typing import Any

from . import rollups
from .selectors import ActorKey

ORDER = "x0.day DESC, x0.article_uid, x0.trigger_start, x0.event_uid"


def usable(sides: list[tuple[str | None, Any]], asserted_only: bool) -> bool:
    """Whether the table answers these (role, selector) sides: registry actors, asserted events."""
    return (rollups.ENABLED and asserted_only and bool(sides)
            and all(isinstance(sel, ActorKey) and sel.registry_id for _, sel in sides))


def registry(sel: Any) -> bool:
    return rollups.ENABLED and isinstance(sel, ActorKey) and bool(sel.registry_id)


def groups(store, sel: Any) -> list[dict] | None:
    """actor_summary's row groups (name, aliases, sector, role, n, first_pub, last_pub, first)."""
    if not registry(sel):
        return None
    return store.query("SELECT name, NULLIF(aliases, '') AS aliases, NULLIF(sector, '') AS sector, "
                       "NULLIF(role, '') AS role, n, first_pub, last_pub, first_row AS first "
                       "FROM agg_actor_groups WHERE actor_key = ?", (sel.key,))


def statement_uids(store, role: str, sel: ActorKey, limit: int, offset: int, cap: int) -> tuple[list[str], int]:
    """The page's uids of the statements by ('by') or about ('about') the actor, in page order,
    and how many there are (counted in the index up to cap)."""
    uids = [r["uid"] for r in store.query(
        "SELECT uid FROM agg_actor_statements WHERE actor_key = ? AND role = ? "
        "ORDER BY published DESC, article_uid, content_start, uid LIMIT ? OFFSET ?", (sel.key, role, limit, offset))]
    n = store.query("SELECT COUNT(*) AS n FROM (SELECT 1 AS one FROM agg_actor_statements "
                    "WHERE actor_key = ? AND role = ? LIMIT ?) x", (sel.key, role, cap))[0]["n"]
    return uids, n


def places(store, sel: Any) -> list[dict] | None:
    """maps.event_places' rows for one registry actor's asserted events (agg_actor_places)."""
    if not registry(sel):
        return None
    return store.query("SELECT NULLIF(name, '') AS name, NULLIF(country, '') AS country, lat, lon, kind, "
                       "polarity, n FROM agg_actor_places WHERE actor_key = ? ORDER BY name, country, lat, lon, polarity",
                       (sel.key,))


def _role(role: str | None) -> str:
    return role or "*"


def uids_sql(sides: list[tuple[str | None, ActorKey]]) -> tuple[str, list]:
    """A SELECT of the events (x0.event_uid) with every side, from the first side's rows: sort
    the quietest first. Each further side is a probe of its primary key."""
    (role, sel), rest = sides[0], sides[1:]
    clauses, params = ["x0.actor_key = ? AND x0.role = ?"], [sel.key, _role(role)]
    for i, (r, s) in enumerate(rest, 1):
        clauses.append(f"EXISTS (SELECT 1 FROM agg_actor_events x{i} WHERE x{i}.actor_key = ? AND x{i}.role = ? "
                       f"AND x{i}.day = x0.day AND x{i}.article_uid = x0.article_uid "
                       f"AND x{i}.trigger_start = x0.trigger_start AND x{i}.event_uid = x0.event_uid)")
        params += [s.key, _role(r)]
    return f"SELECT x0.event_uid FROM agg_actor_events x0 WHERE {' AND '.join(clauses)}", params


def newest_uids(store, sides: list[tuple[str | None, ActorKey]], limit: int, offset: int) -> list[str]:
    """The uids of the page's events, newest first (the order of web.queries.events)."""
    sql, params = uids_sql(sides)
    return [r["event_uid"] for r in store.query(f"{sql} ORDER BY {ORDER} LIMIT ? OFFSET ?",
                                                (*params, limit, offset))]
