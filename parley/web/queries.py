"""Every SQL statement of the web UI, over `SQLStore.query`.

The SQL is the subset SQLite and PostgreSQL share: `?` placeholders (the store translates
them), COALESCE, SUBSTR, CASE, `||`, GROUP BY expressions, no literal `%` or `?` in the text
(psycopg reads them as placeholders: LIKE patterns travel as parameters), and NULL-safe
ordering (`COALESCE(x, '')`, as the two order NULLs differently).

Actors are grouped across articles by `selectors.key_sql`; a page about one actor or one
country filters rows with the selector's `where`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..store import SQLStore
from ..store import aggregates as A
from ..store.search import escape_like
from ..plover import polarity, polarity_sql
from . import actor_tables as actor_events, rollups
from .selectors import CountrySide, Selector, country_sql, key_sql, name_sql

Row = dict[str, Any]



# Cooperation or conflict: the event's quad class where set, else its PLOVER type
# (parley/plover.py; `polarity` is the Python twin, for records read whole).
POLARITY = polarity_sql("e")


polarity_of = polarity          # the Python twin of POLARITY (parley/plover.py)


EVENT_DAY = "COALESCE(e.date, ar.published)"
ARTICLE_COLS = ("ar.uid AS article_uid, ar.id AS article_id, ar.title AS title, "
                "ar.published AS published, ar.outlet AS outlet")
ASSERTED = "e.negated = 0 AND e.hypothetical = 0"


@dataclass
class Where:
    """A WHERE clause built up for one statement (never shared between queries)."""

    clauses: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)

    def add(self, clause: str, *params: Any) -> "Where":
        self.clauses.append(clause)
        self.params.extend(params)
        return self

    def select(self, template: str, selector: Selector, alias: str = "a") -> "Where":
        """Add `template` with {sel} replaced by the selector's condition on `alias`."""
        cond, params = selector.where(alias)
        return self.add(template.format(sel=cond), *params)

    @property
    def sql(self) -> str:
        return (" WHERE " + " AND ".join(self.clauses)) if self.clauses else ""


@dataclass(frozen=True)
class EventFilter:
    """Which events count: types, a date range (ISO, inclusive) and asserted ones only."""

    types: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    asserted_only: bool = True

    def apply(self, where: Where) -> Where:
        if self.types:
            where.add("e.type IN (" + ", ".join("?" for _ in self.types) + ")", *self.types)
        if self.date_from:
            where.add(f"SUBSTR({EVENT_DAY}, 1, 10) >= ?", self.date_from)
        if self.date_to:
            where.add(f"SUBSTR({EVENT_DAY}, 1, 10) <= ?", self.date_to)
        if self.asserted_only:
            where.add(ASSERTED)
        return where


# -- the store as a whole -------------------------------------------------------------

OVERVIEW_TABLES = ("articles", "actors", "mentions", "attributions", "events", "rejections")


def counts(store: SQLStore) -> dict[str, int]:
    """Rows per table, kept up to date on ingest (aggregates.py)."""
    return A.totals(store)


def published_range(store: SQLStore) -> Row:
    return store.query("SELECT MIN(published) AS first, MAX(published) AS last FROM articles")[0]


def events_by_type(store: SQLStore) -> list[Row]:
    return A.events_by_type(store)


def recent_articles(store: SQLStore, limit: int = 20) -> list[Row]:
    return store.query(f"SELECT {ARTICLE_COLS} FROM articles ar "
                       "ORDER BY ar.published DESC NULLS LAST, ar.id LIMIT ?", (limit,))


def outlets(store: SQLStore, limit: int = 300) -> list[str]:
    rows = store.query("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL "
                       "ORDER BY outlet LIMIT ?", (limit,))
    return [r["outlet"] for r in rows]


# A generic description ("people", "government", "party"): aggregates.SPECIFIC. Rankings and
# the network leave these out unless asked (generic=True).
specific = A.specific
# A name filter matching more row names than this runs over every actor row.
NAME_CANDIDATES = 500


def actors(store: SQLStore, *, name: str | None = None, kind: str | None = None,
           country: str | None = None, limit: int = 50, offset: int = 0,
           generic: bool = True) -> tuple[list[Row], int]:
    """Actors grouped across articles, most widely reported first, and how many match;
    generic=False leaves generic descriptions out. Without a name filter from agg_actors; with
    one, over the rows carrying one of the matching names (agg_names) where few match."""
    if not name and (got := rollups.actors(store, kind=kind, country=country, limit=limit, offset=offset,
                                           generic=generic)) is not None:
        return got
    where = Where()
    if not generic:
        where.add(specific("a"))
    if name:
        pattern = f"%{escape_like(name.lower())}%"
        where.add("LOWER(a.name) LIKE ? ESCAPE '\\'", pattern)
        names = [r["name"] for r in store.query("SELECT name FROM agg_names WHERE LOWER(name) LIKE ? "
                                                "ESCAPE '\\' LIMIT ?", (pattern, NAME_CANDIDATES + 1))]
        if len(names) <= NAME_CANDIDATES:
            where.add(f"a.name IN ({', '.join('?' for _ in names) or 'NULL'})", *names)
    if kind:
        where.add("a.kind = ?", kind)
    if country:
        where.add(f"{country_sql('a')} = ?", country)
    key = key_sql("a")
    rows = store.query(
        f"SELECT {key} AS actor_key, MIN({name_sql('a')}) AS name, MIN(a.kind) AS kind, "
        f"MIN({country_sql('a')}) AS country, COUNT(DISTINCT a.article_uid) AS articles "
        f"FROM actors a{where.sql} GROUP BY {key} "
        f"ORDER BY articles DESC, name LIMIT ? OFFSET ?", (*where.params, limit, offset))
    total = store.query(f"SELECT COUNT(*) AS n FROM (SELECT {key} AS k FROM actors a{where.sql} "
                        f"GROUP BY {key}) grouped", where.params)[0]["n"]
    return rows, total


# -- one actor ------------------------------------------------------------------------

def actor_rows(store: SQLStore, sel: Selector) -> list[Row]:
    """The per-article actor records of one actor, with their article and mention count."""
    where = Where().select("{sel}", sel)
    return store.query(
        f"SELECT a.uid, a.id, a.name, a.kind, a.country, a.sector, a.role, a.aliases, "
        f"{key_sql('a')} AS actor_key, {ARTICLE_COLS}, "
        f"(SELECT COUNT(*) FROM mentions m WHERE m.actor_uid = a.uid) AS mentions "
        f"FROM actors a JOIN articles ar ON ar.uid = a.article_uid{where.sql} "
        f"ORDER BY COALESCE(ar.published, ''), ar.id", where.params)


def actor_label(store: SQLStore, sel: Selector) -> Row | None:
    if (row := rollups.actor_label(store, sel)) is not None:
        return row
    where = Where().select("{sel}", sel)
    rows = store.query(f"SELECT MIN({name_sql('a')}) AS name, MIN(a.kind) AS kind, "
                       f"MIN({country_sql('a')}) AS country, COUNT(*) AS n FROM actors a{where.sql}",
                       where.params)
    return rows[0] if rows and rows[0]["n"] else None


def event_types_of(store: SQLStore, sel: Selector, filt: EventFilter) -> list[Row]:
    """(role, type, n): the actor's events by its role in them."""
    if (rows := rollups.actor_types(store, sel, filt)) is not None:
        return rows
    where = filt.apply(Where().select("{sel}", sel))
    return store.query(
        f"SELECT ea.role AS role, e.type AS type, COUNT(DISTINCT e.uid) AS n FROM event_actors ea "
        f"JOIN actors a ON a.uid = ea.actor_uid JOIN events e ON e.uid = ea.event_uid "
        f"JOIN articles ar ON ar.uid = e.article_uid{where.sql} GROUP BY ea.role, e.type",
        where.params)


def counterparts(store: SQLStore, sel: Selector, filt: EventFilter, limit: int = 15) -> list[Row]:
    """Who the actor acts on and who acts on it, by the actor's role (source|target)."""
    if (rows := rollups.counterparts(store, sel, filt, limit)) is not None:
        return rows
    cond, params = sel.where("o")
    # NOT COALESCE(...): a counterpart without a registry id (registry_id NULL) is another actor too
    where = filt.apply(Where().select("{sel}", sel).add(f"NOT COALESCE(({cond}), 1 = 0)", *params))
    other = key_sql("o")
    return store.query(
        f"SELECT ea.role AS role, {other} AS actor_key, MIN({name_sql('o')}) AS name, MIN(o.kind) AS kind, "
        f"MIN({country_sql('o')}) AS country, COUNT(DISTINCT e.uid) AS n, "
        f"COUNT(DISTINCT CASE WHEN {POLARITY} = 'cooperation' THEN e.uid END) AS cooperation, "
        f"COUNT(DISTINCT CASE WHEN {POLARITY} = 'conflict' THEN e.uid END) AS conflict "
        f"FROM event_actors ea JOIN actors a ON a.uid = ea.actor_uid "
        f"JOIN events e ON e.uid = ea.event_uid JOIN articles ar ON ar.uid = e.article_uid "
        f"JOIN event_actors eo ON eo.event_uid = ea.event_uid AND eo.role <> ea.role "
        f"JOIN actors o ON o.uid = eo.actor_uid{where.sql} "
        f"GROUP BY ea.role, {other} ORDER BY n DESC, name LIMIT ?", (*where.params, limit * 2))


# -- events ---------------------------------------------------------------------------

def _busy(store: SQLStore | None, sel: Selector) -> int:
    """An estimate of the selector's events (agg_nodes), 0 where unknown."""
    if store is None or not rollups.ENABLED:
        return 0
    level = "country" if isinstance(sel, CountrySide) else "actor"
    rows = store.query("SELECT n FROM agg_nodes WHERE level = ? AND key = ?", (level, sel.key))
    return int(rows[0]["n"]) if rows else 0


def _event_where(source: Selector | None, target: Selector | None, either: Selector | None,
                 filt: EventFilter, store: SQLStore | None = None) -> Where:
    """Events with these sides. With several (a dyad), the events of the side with the fewest
    (agg_nodes, given the store) are read and each probed for the other side, instead of two
    `IN` lists of every event of both (a busy actor's thousands, each looked up: 100-300 ms
    for a dyad at 100k articles, 15-100 ms now)."""
    sides = _sides(source, target, either, store)
    if store is not None and actor_events.usable(sides, filt.asserted_only):
        sql, params = actor_events.uids_sql(sides)
        return filt.apply(Where().add(f"e.uid IN ({sql})", *params))
    clauses, params = [], []
    for i, (role, sel) in enumerate(sides):
        cond, cond_params = sel.where(f"a{i}")
        if i:
            clauses.append(f"EXISTS (SELECT 1 FROM event_actors ea{i} JOIN actors a{i} ON a{i}.uid = ea{i}.actor_uid "
                           f"WHERE ea{i}.event_uid = ea0.event_uid AND {_role(i, role)}{cond})")
        else:
            clauses.append(f"{_role(i, role)}{cond}")
        params += cond_params
    where = Where()
    if sides:
        where.add("e.uid IN (SELECT ea0.event_uid FROM event_actors ea0 JOIN actors a0 ON a0.uid = ea0.actor_uid "
                  f"WHERE {' AND '.join(clauses)})", *params)
    return filt.apply(where)


def _sides(source: Selector | None, target: Selector | None, either: Selector | None,
           store: SQLStore | None) -> list[tuple[str | None, Selector]]:
    """(role, selector) of each side given, the one with the fewest events (agg_nodes) first."""
    sides = [(role, sel) for role, sel in (("source", source), ("target", target), (None, either)) if sel is not None]
    if len(sides) > 1:
        sides.sort(key=lambda side: _busy(store, side[1]))
    return sides


def _role(i: int, role: str | None) -> str:
    return f"ea{i}.role = '{role}' AND " if role else ""


def events(store: SQLStore, *, source: Selector | None = None, target: Selector | None = None,
           either: Selector | None = None, filt: EventFilter = EventFilter(),
           limit: int = 50, offset: int = 0) -> list[Row]:
    """Events with their sentence, newest first (registry actors' from agg_actor_events)."""
    sides = _sides(source, target, either, store)
    if actor_events.usable(sides, filt.asserted_only) and not (filt.types or filt.date_from or filt.date_to):
        uids = actor_events.newest_uids(store, sides, limit, offset)
        where, limit, offset = Where().add(f"e.uid IN ({', '.join('?' for _ in uids)})", *uids), len(uids), 0
        if not uids:
            return []
    else:
        where = _event_where(source, target, either, filt, store)
    return store.query(
        f"SELECT e.uid, e.id, e.type, e.mode, e.cameo, e.trigger, e.date, e.intensity, e.negated, "
        f"e.hypothetical, e.attribution_uid, {POLARITY} AS polarity, e.sent_start, e.trigger_start, e.trigger_end, "
        f"SUBSTR(ar.text, e.sent_start + 1, e.sent_end - e.sent_start) AS sentence, {ARTICLE_COLS} "
        f"FROM events e JOIN articles ar ON ar.uid = e.article_uid{where.sql} "
        f"ORDER BY COALESCE({EVENT_DAY}, '') DESC, e.article_uid, e.trigger_start, e.uid LIMIT ? OFFSET ?",
        (*where.params, limit, offset))


def event_months(store: SQLStore, *, source: Selector | None = None, target: Selector | None = None,
                 either: Selector | None = None, filt: EventFilter = EventFilter()) -> list[Row]:
    """(month, type, polarity, n, intensity sum and count): the input of timelines."""
    if source is not None and target is not None and either is None:
        if (rows := rollups.dyad_months(store, source, target, filt)) is not None:
            return rows
    if either is not None and source is None and target is None:
        if (rows := rollups.actor_months(store, either, filt)) is not None:
            return rows
    where = _event_where(source, target, either, filt, store).add(f"{EVENT_DAY} IS NOT NULL")
    month = f"SUBSTR({EVENT_DAY}, 1, 7)"
    return store.query(
        f"SELECT {month} AS month, e.type AS type, {POLARITY} AS polarity, COUNT(*) AS n, "
        f"SUM(e.intensity) AS intensity_sum, COUNT(e.intensity) AS intensity_n "
        f"FROM events e JOIN articles ar ON ar.uid = e.article_uid{where.sql} "
        f"GROUP BY {month}, e.type, {POLARITY} ORDER BY month", where.params)


def event_type_counts(store: SQLStore, *, source: Selector | None = None, target: Selector | None = None,
                      either: Selector | None = None, filt: EventFilter = EventFilter()) -> list[Row]:
    """(type, polarity, n, undated, intensity sum and count) over every matching event, dated
    or not: the counts above a list of evidence (timelines need a date, these do not)."""
    if source is not None and target is not None and either is None:
        if (rows := rollups.dyad_type_counts(store, source, target, filt)) is not None:
            return rows
    where = _event_where(source, target, either, filt, store)
    return store.query(
        f"SELECT e.type AS type, {POLARITY} AS polarity, COUNT(*) AS n, "
        f"SUM(CASE WHEN {EVENT_DAY} IS NULL THEN 1 ELSE 0 END) AS undated, "
        f"SUM(e.intensity) AS intensity_sum, COUNT(e.intensity) AS intensity_n "
        f"FROM events e JOIN articles ar ON ar.uid = e.article_uid{where.sql} "
        f"GROUP BY e.type, {POLARITY}", where.params)


def event_actors(store: SQLStore, event_uids: list[str]) -> list[Row]:
    if not event_uids:
        return []
    marks = ", ".join("?" for _ in event_uids)
    return store.query(
        f"SELECT ea.event_uid, ea.role, ea.position, {key_sql('a')} AS actor_key, {name_sql('a')} AS name, "
        f"a.kind, {country_sql('a')} AS country FROM event_actors ea JOIN actors a ON a.uid = ea.actor_uid "
        f"WHERE ea.event_uid IN ({marks}) ORDER BY ea.event_uid, ea.role, ea.position", event_uids)


def network_edges(store: SQLStore, level: str, filt: EventFilter, generic: bool = True) -> list[Row]:
    """Directed source -> target pairs of actors (or countries) with their event counts;
    generic=False leaves out pairs with a generic description on either side."""
    if level == "country":
        src, tgt, order = "s.country", "t.country", "src, tgt"
        where = Where().add("s.country IS NOT NULL AND t.country IS NOT NULL")
    else:
        src, tgt, order = key_sql("s"), key_sql("t"), "src_name, tgt_name"
        where = Where()
        if not generic:
            where.add(f"{specific('s')} AND {specific('t')}")
    where = filt.apply(where.add(f"{src} <> {tgt}"))
    return store.query(
        f"SELECT {src} AS src, MIN({name_sql('s')}) AS src_name, MIN(s.kind) AS src_kind, "
        f"MIN({country_sql('s')}) AS src_country, {tgt} AS tgt, MIN({name_sql('t')}) AS tgt_name, "
        f"MIN(t.kind) AS tgt_kind, MIN({country_sql('t')}) AS tgt_country, COUNT(DISTINCT e.uid) AS n, "
        f"COUNT(DISTINCT CASE WHEN {POLARITY} = 'cooperation' THEN e.uid END) AS cooperation, "
        f"COUNT(DISTINCT CASE WHEN {POLARITY} = 'conflict' THEN e.uid END) AS conflict, "
        f"SUM(e.intensity) AS intensity_sum, COUNT(e.intensity) AS intensity_n "
        f"FROM events e JOIN articles ar ON ar.uid = e.article_uid "
        f"JOIN event_actors es ON es.event_uid = e.uid AND es.role = 'source' "
        f"JOIN actors s ON s.uid = es.actor_uid "
        f"JOIN event_actors et ON et.event_uid = e.uid AND et.role = 'target' "
        f"JOIN actors t ON t.uid = et.actor_uid{where.sql} "
        f"GROUP BY {src}, {tgt} ORDER BY n DESC, {order}", where.params)


# -- statements (statements.py) ----------------------------------------------------------

from .statements import StatementFilter as StatementFilter, statements as statements  # noqa: E402
from .statements import statements_counted as statements_counted  # noqa: E402
