"""Web queries answered from the pre-aggregated tables (parley/store/aggregates.py).

Each function returns rows of the same shape as its exact twin in queries.py, or None
when the filter cannot be answered from the aggregates (then queries.py runs the exact
statement). The aggregates count asserted events only, by month: a filter is answered here
when it keeps asserted events only and its dates fall on month boundaries ('2019',
'2019-03', '2019-03-01' ... '2019-12-31'); actors are matched by registry keys (r:...)
or whole countries.
"""
from __future__ import annotations

import calendar
from decimal import Decimal
from typing import Any

from .selectors import ActorKey, CountrySide, Selector

Row = dict[str, Any]
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


def _query(store, sql: str, params=()) -> list[Row]:
    return plain(store.query(sql, params))


def month_range(filt) -> tuple[str | None, str | None] | None:
    """The filter's dates as whole months ('YYYY-MM'), or None when they cut a month."""
    lo = hi = None
    if filt.date_from:
        d = filt.date_from
        if len(d) == 4:
            lo = d + "-01"
        elif len(d) == 7 or (len(d) == 10 and d.endswith("-01")):
            lo = d[:7]
        else:
            return None
    if filt.date_to:
        d = filt.date_to
        if len(d) == 4:
            hi = d + "-12"
        elif len(d) == 7:
            hi = d
        elif len(d) == 10 and d[8:] == f"{calendar.monthrange(int(d[:4]), int(d[5:7]))[1]:02d}":
            hi = d[:7]
        else:
            return None
    return lo, hi


def answerable(filt) -> bool:
    if not filt.asserted_only:
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
        clauses.append(f"{alias}.type IN ({', '.join('?' for _ in filt.types)})")
        params += list(filt.types)
    return clauses, params


def _unfiltered(filt) -> bool:
    return not (filt.types or filt.date_from or filt.date_to)


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


def _marks(values) -> str:
    return ", ".join("?" for _ in values)


def top_nodes(store, level: str, filt, limit: int) -> tuple[list[tuple[str, int]], int] | None:
    """The `limit` busiest nodes (events on their edges) and how many nodes there are."""
    if not answerable(filt):
        return None
    if _unfiltered(filt):
        rows = _query(store, "SELECT key, n FROM agg_nodes WHERE level = ? AND n > 0 ORDER BY n DESC, key LIMIT ?",
                           (level, limit))
        total = _query(store, "SELECT COUNT(*) AS n FROM agg_nodes WHERE level = ? AND n > 0", (level,))[0]["n"]
        return [(r["key"], r["n"]) for r in rows], total
    table = "agg_pairs" if level == "actor" else "agg_country_pairs"
    clauses, params = _where(filt)
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    sides = f"SELECT p.src AS k, p.n FROM {table} p{where} UNION ALL SELECT p.tgt AS k, p.n FROM {table} p{where}"
    grouped = f"SELECT k, SUM(n) AS n FROM ({sides}) x GROUP BY k"
    rows = _query(store, f"{grouped} ORDER BY n DESC, k LIMIT ?", (*params, *params, limit))
    total = _query(store, f"SELECT COUNT(*) AS n FROM ({grouped}) y", (*params, *params))[0]["n"]
    return [(r["k"], r["n"]) for r in rows], total


def edges_between(store, level: str, filt, keys: list[str]) -> list[Row] | None:
    """Edges whose both ends are in `keys`, with network_edges' columns."""
    if not answerable(filt):
        return None
    if not keys:
        return []
    if _unfiltered(filt):
        src = (f"SELECT d.src, d.tgt, d.n, d.cooperation, d.conflict, d.intensity_sum, d.intensity_n "
               f"FROM agg_dyads d WHERE d.level = ? AND d.src IN ({_marks(keys)}) AND d.tgt IN ({_marks(keys)})")
        params: list = [level, *keys, *keys]
    else:
        table = "agg_pairs" if level == "actor" else "agg_country_pairs"
        clauses, params = _where(filt)
        clauses += [f"p.src IN ({_marks(keys)})", f"p.tgt IN ({_marks(keys)})"]
        params += [*keys, *keys]
        src = (f"SELECT p.src AS src, p.tgt AS tgt, {POLARITY_SUMS} FROM {table} p "
               f"WHERE {' AND '.join(clauses)} GROUP BY p.src, p.tgt")
    return _query(store, 
        f"SELECT d.src AS src, {_names(level, 'src')}, d.tgt AS tgt, {_names(level, 'tgt')}, d.n AS n, "
        f"d.cooperation AS cooperation, d.conflict AS conflict, d.intensity_sum AS intensity_sum, "
        f"d.intensity_n AS intensity_n FROM ({src}) d{_name_joins(level)} ORDER BY d.n DESC, d.src, d.tgt",
        params)


def top_dyads(store, limit: int) -> list[Row]:
    """The busiest actor -> actor pairs of the whole store (the overview)."""
    src = ("SELECT d.src, d.tgt, d.n, d.cooperation, d.conflict, d.intensity_sum, d.intensity_n "
           "FROM agg_dyads d WHERE d.level = 'actor' ORDER BY d.n DESC, d.src, d.tgt LIMIT ?")
    return _query(store, 
        f"SELECT d.src AS src, {_names('actor', 'src')}, d.tgt AS tgt, {_names('actor', 'tgt')}, d.n AS n, "
        f"d.cooperation AS cooperation, d.conflict AS conflict FROM ({src}) d{_name_joins('actor')} "
        "ORDER BY d.n DESC, d.src, d.tgt", (limit,))


def _side(sel: Selector) -> str | None:
    if isinstance(sel, CountrySide):
        return sel.key
    if isinstance(sel, ActorKey) and sel.registry_id:
        return sel.key
    return None


def dyad_months(store, source: Selector, target: Selector, filt) -> list[Row] | None:
    """(month, type, polarity, n, intensity) of source -> target, as queries.event_months."""
    src, tgt = _side(source), _side(target)
    if src is None or tgt is None or not answerable(filt) or \
            isinstance(source, CountrySide) != isinstance(target, CountrySide):
        return None
    table = "agg_country_pairs" if isinstance(source, CountrySide) else "agg_pairs"
    clauses, params = _where(filt)
    clauses = ["p.src = ?", "p.tgt = ?", "p.month <> ''", *clauses]
    return _query(store, 
        "SELECT p.month AS month, p.type AS type, p.polarity AS polarity, SUM(p.n) AS n, "
        "SUM(p.intensity_sum) AS intensity_sum, SUM(p.intensity_n) AS intensity_n "
        f"FROM {table} p WHERE {' AND '.join(clauses)} GROUP BY p.month, p.type, p.polarity ORDER BY month",
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


def node_labels(store, level: str, keys: list[str]) -> dict[str, dict]:
    """label, kind and country of each node key (actor names from agg_actors)."""
    if level == "country" or not keys:
        from .selectors import country_name
        return {k: {"label": country_name(k), "kind": "country", "country": k} for k in keys}
    rows = _query(store, f"SELECT actor_key, name, kind, country FROM agg_actors WHERE actor_key IN ({_marks(keys)})",
                       keys)
    got = {r["actor_key"]: {"label": r["name"], "kind": r["kind"], "country": r["country"]} for r in rows}
    return {k: got.get(k, {"label": k, "kind": "", "country": None}) for k in keys}
