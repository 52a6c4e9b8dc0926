"""Web queries answered from the pre-aggregated tables (parley/store/aggregates.py).

Each function returns rows of the same shape as its exact twin in queries.py, or None when
the filter cannot be answered from the aggregates (then queries.py runs the exact statement).
The aggregates count asserted events only, by month: a filter is answered here when it keeps
asserted events only and its dates fall on month boundaries ('2019', '2019-03', '2019-03-01'
... '2019-12-31'); actors are matched by registry keys (r:...) or whole countries.

Levels: 'actor' (every actor key), 'country', and 'specific' (actor keys, pairs whose two
sides are no generic description: what the network and the overview show by default).
Rankings break ties by name as the exact queries do: the rows tied with the last one kept
are read and sorted here (at most TIES of them).
"""
from __future__ import annotations

import calendar
from decimal import Decimal
from typing import Any

from .selectors import ActorKey, CountrySide, Selector, country_name

Row = dict[str, Any]
# False: every function answers None and queries.py runs its exact statement (tests compare).
ENABLED = True
PAIRS = {"actor": "agg_pairs", "country": "agg_country_pairs", "specific": "agg_specific_pairs"}
TIES = 2000
POLARITY_SUMS = ("SUM(p.n) AS n, SUM(CASE WHEN p.polarity = 'cooperation' THEN p.n ELSE 0 END) AS cooperation, "
                 "SUM(CASE WHEN p.polarity = 'conflict' THEN p.n ELSE 0 END) AS conflict, "
                 "SUM(p.intensity_sum) AS intensity_sum, SUM(p.intensity_n) AS intensity_n")


def plain(rows: list[Row]) -> list[Row]:
    """PostgreSQL sums BIGINTs into NUMERIC (Decimal): back to int, or float."""
    for r in rows:
        for k, v in r.items():
            if isinstance(v, Decimal):
                r[k] = int(v) if v == v.to_integral_value() else float(v)
    return rows


def _unindexed(column: str) -> str:
    """The column as an expression no index serves (both dialects): with both ends of an edge
    in IN lists, SQLite's planner chose the (level, tgt) index and read every pair of the busiest
    targets (250 ms for 40 nodes at 100k articles); probing the sources only reads 1,000 rows."""
    return f"({column} || '')"


def _query(store, sql: str, params=()) -> list[Row]:
    rows = store.query(sql, params)
    return rows if store.dialect == "sqlite" else plain(rows)     # SQLite sums no Decimal


def _month(d: str, first: bool) -> str | None:
    if len(d) == 4:
        return d + ("-01" if first else "-12")
    if len(d) == 7:
        return d
    last = f"{calendar.monthrange(int(d[:4]), int(d[5:7]))[1]:02d}"
    if len(d) == 10 and d[8:] == ("01" if first else last):
        return d[:7]
    return None


def month_range(filt) -> tuple[str | None, str | None] | None:
    """The filter's dates as whole months ('YYYY-MM'), or None when they cut a month."""
    lo = _month(filt.date_from, True) if filt.date_from else None
    hi = _month(filt.date_to, False) if filt.date_to else None
    if (filt.date_from and lo is None) or (filt.date_to and hi is None):
        return None
    return lo, hi


def answerable(filt) -> bool:
    if not ENABLED or not filt.asserted_only:
        return False
    try:
        return month_range(filt) is not None
    except ValueError:
        return False


def _where(filt, alias: str = "p") -> tuple[list[str], list]:
    clauses, params = [], []
    lo, hi = month_range(filt)
    if lo:
        clauses.append(f"{alias}.month >= ?")
        params.append(lo)
    if hi:
        clauses.append(f"{alias}.month <= ? AND {alias}.month <> ''")
        params.append(hi)
    if filt.types:
        clauses.append(f"{alias}.type IN ({_marks(filt.types)})")
        params += list(filt.types)
    return clauses, params


def _unfiltered(filt) -> bool:
    return not (filt.types or filt.date_from or filt.date_to)


def _marks(values) -> str:
    return ", ".join("?" for _ in values)


def _ranked(rows: list[Row], limit: int, order) -> list[Row]:
    """The first `limit` of rows read down to the last one's count, in the exact order."""
    return sorted(rows, key=order)[:limit]


def _threshold(store, sql: str, params: list, limit: int) -> int | None:
    """The count of the limit-th row of a ranking (`sql` selects n, largest first)."""
    rows = _query(store, f"{sql} LIMIT 1 OFFSET ?", (*params, limit - 1))
    return rows[0]["n"] if rows else None


# -- actors -----------------------------------------------------------------------------

def actors(store, *, kind: str | None, country: str | None, limit: int, offset: int,
           generic: bool) -> tuple[list[Row], int] | None:
    """queries.actors without a name filter, from agg_actors (its names are the registry's)."""
    if not ENABLED:
        return None
    col = "g.articles" if generic else "g.specific_articles"
    clauses, params = [f"{col} > 0"], []
    if kind:
        clauses.append("g.kind = ?")
        params.append(kind)
    if country:
        clauses.append("g.country = ?")
        params.append(country)
    where = " WHERE " + " AND ".join(clauses)
    rows = _query(store, f"SELECT g.actor_key AS actor_key, g.name AS name, g.kind AS kind, g.country AS country, "
                  f"{col} AS articles FROM agg_actors g{where} ORDER BY {col} DESC, g.name LIMIT ? OFFSET ?",
                  (*params, limit, offset))
    total = _query(store, f"SELECT COUNT(*) AS n FROM agg_actors g{where}", params)[0]["n"]
    return rows, total


def actor_label(store, sel: Selector) -> Row | None:
    """queries.actor_label of a registry actor from agg_actors (the same MINs over its rows)."""
    if not ENABLED or not (isinstance(sel, ActorKey) and sel.registry_id):
        return None
    rows = _query(store, "SELECT name, kind, country, articles AS n FROM agg_actors WHERE actor_key = ?", (sel.key,))
    return rows[0] if rows and rows[0]["n"] else None


def node_labels(store, level: str, keys: list[str]) -> dict[str, dict]:
    """label, kind and country of each node key (actor names from agg_actors)."""
    if level == "country" or not keys:
        return {k: {"label": country_name(k), "kind": "country", "country": k} for k in keys}
    got = {}
    for i in range(0, len(keys), 500):
        part = keys[i:i + 500]
        for r in _query(store, "SELECT actor_key, name, kind, country FROM agg_actors "
                        f"WHERE actor_key IN ({_marks(part)})", part):
            got[r["actor_key"]] = {"label": r["name"], "kind": r["kind"], "country": r["country"]}
    return {k: got.get(k, {"label": k, "kind": "", "country": None}) for k in keys}


# -- the network ------------------------------------------------------------------------

def _node_sums(level: str, filt) -> tuple[str, list]:
    """SQL (k, n) of every node under the filter, and its parameters."""
    if _unfiltered(filt):
        return "SELECT key AS k, n FROM agg_nodes WHERE level = ? AND n > 0", [level]
    clauses, params = _where(filt)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    table = PAIRS[level]
    sides = f"SELECT p.src AS k, p.n FROM {table} p{where} UNION ALL SELECT p.tgt AS k, p.n FROM {table} p{where}"
    return f"SELECT k, SUM(n) AS n FROM ({sides}) x GROUP BY k", [*params, *params]


def top_nodes(store, level: str, filt, limit: int) -> tuple[list[tuple[str, int]], int] | None:
    """The `limit` busiest nodes (events on their edges; ties by label, as the exact page)
    and how many nodes there are."""
    if not answerable(filt):
        return None
    sql, params = _node_sums(level, filt)
    if not _unfiltered(filt):
        # the sums over the filtered pairs once, ranked here
        sums = _query(store, sql, params)
        total = len(sums)
        sums.sort(key=lambda r: -r["n"])
        least = sums[min(limit, total) - 1]["n"] if sums else 0
        rows = [r for r in sums if r["n"] >= least][:limit + TIES]
    else:
        total = _query(store, f"SELECT COUNT(*) AS n FROM ({sql}) y", params)[0]["n"]
        least = _threshold(store, f"SELECT n FROM ({sql}) y ORDER BY n DESC", params, min(limit, total)) or 0
        rows = _query(store, f"SELECT k, n FROM ({sql}) y WHERE n >= ? ORDER BY n DESC LIMIT ?",
                      (*params, least, limit + TIES))
    if not total:
        return [], 0
    labels = node_labels(store, level, [r["k"] for r in rows])
    rows = _ranked(rows, limit, lambda r: (-r["n"], labels[r["k"]]["label"]))
    return [(r["k"], r["n"]) for r in rows], total


def _names(level: str, side: str) -> str:
    if level == "country":
        return f"{side} AS {side}_name, 'country' AS {side}_kind, {side} AS {side}_country"
    return (f"COALESCE(g{side}.name, {side}) AS {side}_name, g{side}.kind AS {side}_kind, "
            f"g{side}.country AS {side}_country")


def _name_joins(level: str) -> str:
    if level == "country":
        return ""
    return (" LEFT JOIN agg_actors gsrc ON gsrc.actor_key = d.src"
            " LEFT JOIN agg_actors gtgt ON gtgt.actor_key = d.tgt")


def _edges(store, level: str, src: str, params: list) -> list[Row]:
    return _query(
        store, f"SELECT d.src AS src, {_names(level, 'src')}, d.tgt AS tgt, {_names(level, 'tgt')}, d.n AS n, "
        "d.cooperation AS cooperation, d.conflict AS conflict, d.intensity_sum AS intensity_sum, "
        f"d.intensity_n AS intensity_n FROM ({src}) d{_name_joins(level)}", params)


def edges_between(store, level: str, filt, keys: list[str]) -> list[Row] | None:
    """Edges whose both ends are in `keys`, with network_edges' columns."""
    if not answerable(filt):
        return None
    if not keys:
        return []
    if _unfiltered(filt):
        src = ("SELECT d.src, d.tgt, d.n, d.cooperation, d.conflict, d.intensity_sum, d.intensity_n "
               f"FROM agg_dyads d WHERE d.level = ? AND d.src IN ({_marks(keys)}) AND {_unindexed('d.tgt')} IN ({_marks(keys)})")
        params: list = [level, *keys, *keys]
    else:
        clauses, params = _where(filt)
        clauses += [f"p.src IN ({_marks(keys)})", f"{_unindexed('p.tgt')} IN ({_marks(keys)})"]
        params += [*keys, *keys]
        src = (f"SELECT p.src AS src, p.tgt AS tgt, {POLARITY_SUMS} FROM {PAIRS[level]} p "
               f"WHERE {' AND '.join(clauses)} GROUP BY p.src, p.tgt")
    return sorted(_edges(store, level, src, params), key=lambda e: (-e["n"], e["src_name"], e["tgt_name"]))


def top_dyads(store, level: str, limit: int) -> list[Row] | None:
    """The busiest source -> target pairs of the whole store (the overview), ties by name."""
    if not ENABLED:
        return None
    ranking = "SELECT n FROM agg_dyads WHERE level = ? ORDER BY n DESC"
    least = _threshold(store, ranking, [level], limit)
    if least is None:
        least = 0
    src = ("SELECT d.src, d.tgt, d.n, d.cooperation, d.conflict, d.intensity_sum, d.intensity_n "
           "FROM agg_dyads d WHERE d.level = ? AND d.n >= ? ORDER BY d.n DESC LIMIT ?")
    rows = _edges(store, level, src, [level, least, limit + TIES])
    return _ranked(rows, limit, lambda e: (-e["n"], e["src_name"] or "", e["tgt_name"] or ""))


# -- one actor, one dyad ------------------------------------------------------------------

def _side(sel: Selector) -> str | None:
    if isinstance(sel, CountrySide):
        return sel.key
    if isinstance(sel, ActorKey) and sel.registry_id:
        return sel.key
    return None


def _pair_table(source: Selector, target: Selector, filt) -> tuple[str, str, str] | None:
    src, tgt = _side(source), _side(target)
    if src is None or tgt is None or not answerable(filt) or \
            isinstance(source, CountrySide) != isinstance(target, CountrySide):
        return None
    return ("agg_country_pairs" if isinstance(source, CountrySide) else "agg_pairs"), src, tgt


def dyad_months(store, source: Selector, target: Selector, filt) -> list[Row] | None:
    """(month, type, polarity, n, intensity) of source -> target, as queries.event_months."""
    if (found := _pair_table(source, target, filt)) is None:
        return None
    table, src, tgt = found
    clauses, params = _where(filt)
    clauses = ["p.src = ?", "p.tgt = ?", "p.month <> ''", *clauses]
    return _query(store,
                  "SELECT p.month AS month, p.type AS type, p.polarity AS polarity, SUM(p.n) AS n, "
                  "SUM(p.intensity_sum) AS intensity_sum, SUM(p.intensity_n) AS intensity_n "
                  f"FROM {table} p WHERE {' AND '.join(clauses)} GROUP BY p.month, p.type, p.polarity "
                  "ORDER BY month", (src, tgt, *params))


def dyad_type_counts(store, source: Selector, target: Selector, filt) -> list[Row] | None:
    """(type, polarity, n, undated, intensity) of source -> target: queries.event_type_counts."""
    if (found := _pair_table(source, target, filt)) is None:
        return None
    table, src, tgt = found
    clauses, params = _where(filt)
    clauses = ["p.src = ?", "p.tgt = ?", *clauses]
    return _query(store,
                  "SELECT p.type AS type, p.polarity AS polarity, SUM(p.n) AS n, "
                  "SUM(CASE WHEN p.month = '' THEN p.n ELSE 0 END) AS undated, "
                  "SUM(p.intensity_sum) AS intensity_sum, SUM(p.intensity_n) AS intensity_n "
                  f"FROM {table} p WHERE {' AND '.join(clauses)} GROUP BY p.type, p.polarity",
                  (src, tgt, *params))


def actor_months(store, sel: Selector, filt) -> list[Row] | None:
    """The actor's events in any role, by month: queries.event_months(either=sel)."""
    if not (isinstance(sel, ActorKey) and sel.registry_id) or not answerable(filt):
        return None
    clauses, params = _where(filt)
    clauses = ["p.actor_key = ?", "p.role = '*'", "p.month <> ''", *clauses]
    return _query(store,
                  "SELECT p.month AS month, p.type AS type, p.polarity AS polarity, SUM(p.n) AS n, "
                  "SUM(p.intensity_sum) AS intensity_sum, SUM(p.intensity_n) AS intensity_n "
                  f"FROM agg_actor_months p WHERE {' AND '.join(clauses)} GROUP BY p.month, p.type, p.polarity "
                  "ORDER BY month", (sel.key, *params))


def actor_types(store, sel: Selector, filt) -> list[Row] | None:
    """(role, type, n): queries.event_types_of."""
    if not (isinstance(sel, ActorKey) and sel.registry_id) or not answerable(filt):
        return None
    clauses, params = _where(filt)
    clauses = ["p.actor_key = ?", "p.role <> '*'", *clauses]
    return _query(store,
                  "SELECT p.role AS role, p.type AS type, SUM(p.n) AS n FROM agg_actor_months p "
                  f"WHERE {' AND '.join(clauses)} GROUP BY p.role, p.type", (sel.key, *params))


def counterparts(store, sel: Selector, filt, limit: int) -> list[Row] | None:
    """queries.counterparts from agg_dyads: unfiltered events of a registry actor."""
    if not (isinstance(sel, ActorKey) and sel.registry_id) or not _unfiltered(filt) or not filt.asserted_only:
        return None
    out = []
    for role, me, other in (("source", "src", "tgt"), ("target", "tgt", "src")):
        least = _threshold(store, f"SELECT n FROM agg_dyads WHERE level = 'actor' AND {me} = ? ORDER BY n DESC",
                           [sel.key], limit * 2) or 0
        rows = _query(store,
                      f"SELECT '{role}' AS role, d.{other} AS actor_key, COALESCE(g.name, d.{other}) AS name, "
                      "g.kind AS kind, g.country AS country, d.n AS n, d.cooperation AS cooperation, "
                      f"d.conflict AS conflict FROM agg_dyads d LEFT JOIN agg_actors g ON g.actor_key = d.{other} "
                      f"WHERE d.level = 'actor' AND d.{me} = ? AND d.n >= ? ORDER BY d.n DESC LIMIT ?",
                      (sel.key, least, limit * 2 + TIES))
        out += rows
    return sorted(out, key=lambda r: (-r["n"], r["name"]))[:limit * 2]
