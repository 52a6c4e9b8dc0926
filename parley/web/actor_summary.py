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
from . import rollups
from .selectors import ActorKey, Selector, country_sql, name_sql

Row = dict[str, Any]
ARTICLE_COLS = ("ar.uid AS article_uid, ar.id AS article_id, ar.title AS title, "
                "ar.published AS published, ar.outlet AS outlet")
# The order rows were read in (oldest article first): ties of counts keep it.
FIRST = "MIN(COALESCE(ar.published, '') || ' ' || ar.id)"


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


def _totals(store: SQLStore, sel: Selector) -> Row | None:
    """name, kind, country, articles, mentions, first, last (None: no such actor)."""
    rows_from, params = _from(sel)
    span = rollups.plain(store.query(
        "SELECT COUNT(*) AS n, COUNT(DISTINCT a.article_uid) AS articles, MIN(ar.published) AS first, "
        f"MAX(ar.published) AS last {rows_from}", params))[0]
    if not span["n"]:
        return None
    kept = None
    if rollups.ENABLED and isinstance(sel, ActorKey) and sel.registry_id:
        kept = rollups.plain(store.query("SELECT name, kind, country, mentions FROM agg_actors "
                                         "WHERE actor_key = ?", (sel.key,)))
    if not kept:
        kept = rollups.plain(store.query(
            f"SELECT MIN({name_sql('a')}) AS name, MIN(a.kind) AS kind, MIN({country_sql('a')}) AS country, "
            f"SUM((SELECT COUNT(*) FROM mentions m WHERE m.actor_uid = a.uid)) AS mentions "
            f"FROM actors a WHERE {sel.where('a')[0]}", sel.where("a")[1]))
    return {**kept[0], **span}


def _aliases(rows: list[Row], name: str) -> tuple[str, ...]:
    names: Counter = Counter()
    for r in rows:
        names[r["name"]] += r["n"]
        for alias in json.loads(r["aliases"] or "[]"):
            names[alias] += r["n"]
    names.pop(name, None)
    return tuple(n for n, _ in names.most_common(30))


def actor_summary(store: SQLStore, sel: Selector, recent: int = 20) -> ActorSummary | None:
    totals = _totals(store, sel)
    if totals is None:
        return None
    rows_from, params = _from(sel)
    sectors = store.query(f"SELECT a.sector AS sector, COUNT(*) AS n, {FIRST} AS first {rows_from} "
                          "AND a.sector IS NOT NULL AND a.sector <> '' GROUP BY a.sector ORDER BY n DESC, first",
                          params)
    roles = store.query(f"SELECT a.role AS role, MIN(ar.published) AS first, MAX(ar.published) AS last, "
                        f"COUNT(*) AS n {rows_from} AND a.role IS NOT NULL AND a.role <> '' GROUP BY a.role",
                        params)
    names = store.query(f"SELECT a.name AS name, a.aliases AS aliases, COUNT(*) AS n, {FIRST} AS first "
                        f"{rows_from} GROUP BY a.name, a.aliases ORDER BY first", params)
    cond, cond_params = sel.where("a")
    newest = store.query(f"SELECT {ARTICLE_COLS} FROM articles ar WHERE ar.uid IN "
                         f"(SELECT a.article_uid FROM actors a WHERE {cond}) "
                         "ORDER BY COALESCE(ar.published, '') DESC, ar.id DESC LIMIT ?", (*cond_params, recent))
    return ActorSummary(
        name=totals["name"], kind=totals["kind"], country=totals["country"], articles=totals["articles"],
        mentions=totals["mentions"] or 0, first_seen=totals["first"], last_seen=totals["last"],
        sectors=tuple((r["sector"], r["n"]) for r in sectors),
        roles=tuple((r["role"], r["first"], r["last"], r["n"])
                    for r in sorted(roles, key=lambda r: (r["first"] or "", r["role"]))),
        aliases=_aliases(names, totals["name"]), recent=tuple(newest))
