"""What the actor page says about one actor's rows, each part counted in SQL.

The page once read every per-article row of the actor into Python (tens of thousands for a
head of state in a year of news); these statements return only what the page shows, with
the same values: the label and counts (agg_actors for a registry actor), first and last
seen, sectors, roles, names and aliases, the newest articles.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ..store import SQLStore
from . import actor_tables, rollups
from .selectors import ActorKey, Selector, country_sql, name_sql

Row = dict[str, Any]
ARTICLE_COLS = ("ar.uid AS article_uid, ar.id AS article_id, ar.title AS title, "
                "ar.published AS published, ar.outlet AS outlet")
# The order rows were read in (oldest article first): ties of counts keep it.
FIRST = "MIN(COALESCE(ar.published, '') || ' ' || ar.id)"
NEWEST = "COALESCE(ar.published, '') DESC, ar.id DESC"
WALK_FROM = 1_000       # an actor in more articles finds its newest by walking the newest articles
WALK_LIMIT = 4_000      # ... for at most this many (from its last date down), else reads its rows


@dataclass(frozen=True)
class ActorSummary:
    name: str
    kind: str
    country: str | None
    articles: int
    mentions: int
    first_seen: str | None
    last_seen: str | None
    sectors: tuple[tuple[str, int], ...]
    roles: tuple[tuple[str, str | None, str | None, int], ...]    # role, first, last, rows
    aliases: tuple[str, ...]
    recent: tuple[Row, ...]                                       # ARTICLE_COLS, newest first


def _from(sel: Selector) -> tuple[str, tuple]:
    cond, params = sel.where("a")
    return f"FROM actors a JOIN articles ar ON ar.uid = a.article_uid WHERE {cond}", params


def _label(store: SQLStore, sel: Selector) -> Row:
    """name, kind, country, mentions and articles (agg_actors for a registry actor)."""
    if rollups.ENABLED and isinstance(sel, ActorKey) and sel.registry_id:
        kept = rollups.plain(store.query("SELECT name, kind, country, mentions, articles FROM agg_actors "
                                         "WHERE actor_key = ?", (sel.key,)))
        if kept:
            return kept[0]
    cond, params = sel.where("a")
    return rollups.plain(store.query(
        f"SELECT MIN({name_sql('a')}) AS name, MIN(a.kind) AS kind, MIN({country_sql('a')}) AS country, "
        f"SUM((SELECT COUNT(*) FROM mentions m WHERE m.actor_uid = a.uid)) AS mentions, "
        f"COUNT(DISTINCT a.article_uid) AS articles FROM actors a WHERE {cond}", params))[0]


def _groups(store: SQLStore, sel: Selector) -> list[Row]:
    """The actor's rows in one pass, grouped by what the page counts: name, aliases, sector, role."""
    rows_from, params = _from(sel)
    return store.query(f"SELECT a.name AS name, a.aliases AS aliases, a.sector AS sector, a.role AS role, "
                       f"COUNT(*) AS n, MIN(ar.published) AS first_pub, MAX(ar.published) AS last_pub, "
                       f"{FIRST} AS first {rows_from} GROUP BY a.name, a.aliases, a.sector, a.role", params)


def _counted(groups: list[Row], field: str) -> dict:
    """field value -> [rows, first (row order), first published, last published]."""
    out: dict = {}
    for g in groups:
        if not g[field]:
            continue
        c = out.setdefault(g[field], [0, g["first"], None, None])
        c[0] += g["n"]
        c[1] = min(c[1], g["first"])
        c[2] = min(filter(None, (c[2], g["first_pub"])), default=None)
        c[3] = max(filter(None, (c[3], g["last_pub"])), default=None)
    return out


def _aliases(rows: list[Row], name: str) -> tuple[str, ...]:
    names: Counter = Counter()
    for r in rows:
        names[r["name"]] += r["n"]
        for alias in json.loads(r["aliases"] or "[]"):
            names[alias] += r["n"]
    names.pop(name, None)
    return tuple(n for n, _ in names.most_common(30))


def _walk(store: SQLStore, sel: Selector, recent: int, last_seen: str) -> list[str] | None:
    """The uids holding the actor's `recent` newest articles, read from the store's articles
    of its last date down (index articles_newest), with every article of the last one's date
    (the page breaks date ties by id); None when the walk is too long or ends first (undated
    articles come last: the actor's rows answer then)."""
    cond, params = sel.where("a")
    # probe each article's rows (SQLite's planner took the actor's index: all its rows per batch)
    hint = " INDEXED BY actors_article" if store.dialect == "sqlite" else ""
    found: list[Row] = []
    seen, step = 0, 200
    while len(found) < recent:
        batch = store.query("SELECT uid, published FROM articles WHERE published <= ? "
                            "ORDER BY published DESC NULLS LAST, uid LIMIT ? OFFSET ?", (last_seen, step, seen))
        if not batch or seen >= WALK_LIMIT:
            return None
        marks = ", ".join("?" for _ in batch)
        hits = {r["article_uid"] for r in store.query(
            f"SELECT DISTINCT a.article_uid FROM actors a{hint} WHERE a.article_uid IN ({marks}) AND {cond}",
            (*(r["uid"] for r in batch), *params))}
        found += [r for r in batch if r["uid"] in hits]
        seen, step = seen + len(batch), min(step * 2, 2_000)
    last = found[recent - 1]["published"]
    ties = store.query(f"SELECT ar.uid FROM articles ar WHERE ar.published = ? AND EXISTS "
                       f"(SELECT 1 FROM actors a{hint} WHERE a.article_uid = ar.uid AND {cond})", (last, *params))
    return [r["uid"] for r in found if r["published"] > last] + [r["uid"] for r in ties]


def _newest(store: SQLStore, sel: Selector, recent: int, articles: int, last_seen: str | None) -> list[Row]:
    """The actor's newest articles: a busy actor's by the walk, the others' by their rows."""
    uids = _walk(store, sel, recent, last_seen) if articles >= WALK_FROM and last_seen else None
    if uids is not None:
        marks = ", ".join("?" for _ in uids)
        return store.query(f"SELECT {ARTICLE_COLS} FROM articles ar WHERE ar.uid IN ({marks}) "
                           f"ORDER BY {NEWEST} LIMIT ?", (*uids, recent))
    cond, params = sel.where("a")
    return store.query(f"SELECT {ARTICLE_COLS} FROM articles ar WHERE ar.uid IN "
                       f"(SELECT a.article_uid FROM actors a WHERE {cond}) ORDER BY {NEWEST} LIMIT ?",
                       (*params, recent))


def actor_summary(store: SQLStore, sel: Selector, recent: int = 20) -> ActorSummary | None:
    groups = actor_tables.groups(store, sel)
    if groups is None:
        groups = _groups(store, sel)
    if not groups:
        return None
    label = _label(store, sel)
    names: dict = {}
    for g in groups:
        c = names.setdefault((g["name"], g["aliases"]), {"name": g["name"], "aliases": g["aliases"], "n": 0,
                                                         "first": g["first"]})
        c["n"] += g["n"]
        c["first"] = min(c["first"], g["first"])
    sectors = sorted(_counted(groups, "sector").items(), key=lambda kv: (-kv[1][0], kv[1][1]))
    roles = sorted(_counted(groups, "role").items(), key=lambda kv: (kv[1][2] or "", kv[0]))
    last_seen = max(filter(None, (g["last_pub"] for g in groups)), default=None)
    newest = _newest(store, sel, recent, label["articles"] or 0, last_seen)
    return ActorSummary(
        name=label["name"], kind=label["kind"], country=label["country"], articles=label["articles"],
        mentions=label["mentions"] or 0,
        first_seen=min(filter(None, (g["first_pub"] for g in groups)), default=None),
        last_seen=last_seen,
        sectors=tuple((k, c[0]) for k, c in sectors),
        roles=tuple((k, c[2], c[3], c[0]) for k, c in roles),
        aliases=_aliases(sorted(names.values(), key=lambda c: c["first"]), label["name"]), recent=tuple(newest))
