"""Pre-aggregated counts, kept up to date on ingest, so pages read what they show.

    agg_totals         rows per table, events per type ("what the store holds")
    agg_actors         one row per actor key: name and country as pages show them (the
                       registry's where it joined the rows), kind, articles, mentions, and
                       specific_articles (articles where the row is no generic description)
    agg_names          each actor row name once (the actors list's name filter starts here)
    agg_pairs          per month, source key -> target key, country, type and polarity:
                       distinct asserted events, intensity sum and count (network, dyads)
    agg_country_pairs  the same between countries
    agg_specific_pairs the same between actor keys, both sides no generic description
                       (the network and the overview leave generic descriptions out)
    agg_actor_events   one row per actor key, role ('source', 'target', '*' for either) and
                       asserted event, in the order pages list events (day newest first,
                       article, trigger): an actor's or a dyad's newest events are the first
                       rows of its key's range, not a sort of all of them (migration 1807)

Each table is filled by one INSERT ... SELECT over the stored rows, either for one article
(`add_article`, called by `Store.put` in the article's transaction) or for the whole store
(`rebuild`: the migration that created the tables and `BulkLoad` run it). Upserts add to the
counts already there, so the two give the same table. Months are 'YYYY-MM' of the event's
date (else its article's publication date), '' when neither is known. Actor keys are
`selectors.key_sql`'s; countries '' when unknown.

A change to the actors' registry ids (`parley actors merge` / `split`, corrections) changes
keys; the aggregates keep the old ones until they are recomputed:
    python -m parley.store.rebuild --db news.db      (or rebuild(store), in a transaction)
"""
from __future__ import annotations

from ..plover import polarity_sql
from . import actor_tables as actor_tables_module
from .actor_tables import _key

ASSERTED = "e.negated = 0 AND e.hypothetical = 0"
MONTH = "COALESCE(SUBSTR(COALESCE(e.date, ar.published), 1, 7), '')"
AGG_TABLES = ("agg_totals", "agg_actors", "agg_pairs", "agg_country_pairs", "agg_dyads", "agg_nodes",
              "agg_actor_months", "agg_names", "agg_specific_pairs", "agg_actor_events")
# An event's day as the pages sort it (web.queries.EVENT_DAY, '' when unknown).
DAY = "COALESCE(e.date, ar.published, '')"
LEVELS = ("actor", "country", "specific")
BY = {"events_by_type": "SELECT type AS key, COUNT(*) AS n FROM events {where} GROUP BY type",
      "attributions_by_kind": "SELECT kind AS key, COUNT(*) AS n FROM attributions {where} GROUP BY kind"}
TOTAL_TABLES = ("articles", "actors", "mentions", "attributions", "events", "rejections")


# Cooperation or conflict, from the one PLOVER table (parley/plover.py).
POLARITY = polarity_sql("e")


def _name(alias: str) -> str:
    """web.selectors.name_sql: the registry's canonical name where it joined the row."""
    return f"COALESCE((SELECT rg.name FROM registry rg WHERE rg.id = {alias}.registry_id), {alias}.name)"


def _country(alias: str) -> str:
    """web.selectors.country_sql."""
    return f"COALESCE((SELECT rg.country FROM registry rg WHERE rg.id = {alias}.registry_id), {alias}.country)"


# A generic description ("people", "government", "party"): a name with letters, none of them
# capitals, that no mention gives as a name. Rankings and the network leave these out unless
# asked; web/queries.py reads this one definition.
SPECIFIC = ("({a}.name <> LOWER({a}.name) OR {a}.name = UPPER({a}.name) OR EXISTS (SELECT 1 "
            "FROM mentions gm WHERE gm.actor_uid = {a}.uid AND gm.kind IN ('name', 'surname', 'alias')))")


def specific(alias: str = "a") -> str:
    return SPECIFIC.format(a=alias)


def _least(col: str, table: str) -> str:
    """MIN of the stored and the new value, NULL-safe, in SQL both databases run."""
    return (f"COALESCE(CASE WHEN excluded.{col} < {table}.{col} THEN excluded.{col} "
            f"ELSE {table}.{col} END, {table}.{col}, excluded.{col})")


def _actors_sql(where: str) -> str:
    key = _key("a")
    return (
        "INSERT INTO agg_actors (actor_key, name, kind, country, articles, mentions, specific_articles) "
        f"SELECT {key}, MIN({_name('a')}), MIN(a.kind), MIN({_country('a')}), COUNT(DISTINCT a.article_uid), "
        "SUM((SELECT COUNT(*) FROM mentions m WHERE m.actor_uid = a.uid)), "
        f"COUNT(DISTINCT CASE WHEN {specific('a')} THEN a.article_uid END) "
        f"FROM actors a WHERE {where} GROUP BY {key} "
        "ON CONFLICT (actor_key) DO UPDATE SET articles = agg_actors.articles + excluded.articles, "
        "mentions = agg_actors.mentions + excluded.mentions, "
        "specific_articles = agg_actors.specific_articles + excluded.specific_articles, "
        f"name = {_least('name', 'agg_actors')}, kind = {_least('kind', 'agg_actors')}, "
        f"country = {_least('country', 'agg_actors')}")


PAIRS_FROM = (
    "FROM events e JOIN articles ar ON ar.uid = e.article_uid "
    "JOIN event_actors es ON es.event_uid = e.uid AND es.role = 'source' "
    "JOIN actors s ON s.uid = es.actor_uid "
    "JOIN event_actors et ON et.event_uid = e.uid AND et.role = 'target' "
    "JOIN actors t ON t.uid = et.actor_uid")


def _names_sql(where: str) -> str:
    return (f"INSERT INTO agg_names (name) SELECT DISTINCT a.name FROM actors a WHERE {where} "
            "ON CONFLICT (name) DO NOTHING")


def _level(level: str) -> tuple[str, str, str]:
    """(source side, target side, extra condition) of actor, country or specific-actor pairs."""
    if level == "country":
        return "s.country", "t.country", " AND s.country IS NOT NULL AND t.country IS NOT NULL"
    if level == "specific":
        return _key("s"), _key("t"), f" AND {specific('s')} AND {specific('t')}"
    return _key("s"), _key("t"), ""


def _distinct_pairs(level: str, where: str) -> str:
    """Each asserted event once per (source side, target side): COUNT(DISTINCT e.uid) made a sum."""
    src, tgt, extra = _level(level)
    countries = (", COALESCE(s.country, '') AS src_country, COALESCE(t.country, '') AS tgt_country"
                 if level == "actor" else "")
    return (f"SELECT DISTINCT e.uid, {MONTH} AS month, {src} AS src, {tgt} AS tgt{countries}, "
            f"e.type AS type, {POLARITY} AS polarity, e.intensity AS intensity "
            f"{PAIRS_FROM} WHERE {ASSERTED} AND {src} <> {tgt}{extra} AND {where}")


def _upsert(table: str, keys: str, select: str, counts: tuple[str, ...]) -> str:
    adds = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in counts)
    return (f"INSERT INTO {table} ({keys}, {', '.join(counts)}) {select} "
            f"ON CONFLICT ({keys}) DO UPDATE SET {adds}")


SUMS = ("COUNT(*), SUM(CASE WHEN polarity = 'cooperation' THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN polarity = 'conflict' THEN 1 ELSE 0 END), SUM(COALESCE(intensity, 0)), COUNT(intensity)")
MONTH_SUMS = "COUNT(*), SUM(COALESCE(intensity, 0)), COUNT(intensity)"
DYAD_COUNTS = ("n", "cooperation", "conflict", "intensity_sum", "intensity_n")
MONTH_COUNTS = ("n", "intensity_sum", "intensity_n")


def _pair_statements(level: str, where: str) -> list[str]:
    inner = _distinct_pairs(level, where)
    month_keys = ("month, src, tgt, src_country, tgt_country, type, polarity" if level == "actor"
                  else "month, src, tgt, type, polarity")
    month_table = {"actor": "agg_pairs", "country": "agg_country_pairs", "specific": "agg_specific_pairs"}[level]
    return [
        _upsert(month_table, month_keys,
                f"SELECT {month_keys}, {MONTH_SUMS} FROM ({inner}) x WHERE 1 = 1 GROUP BY {month_keys}",
                MONTH_COUNTS),
        _upsert("agg_dyads", "level, src, tgt",
                f"SELECT '{level}', src, tgt, {SUMS} FROM ({inner}) x WHERE 1 = 1 GROUP BY src, tgt",
                DYAD_COUNTS),
        _upsert("agg_nodes", "level, key",
                f"SELECT '{level}', k, COUNT(*) FROM (SELECT src AS k FROM ({inner}) x1 "
                f"UNION ALL SELECT tgt AS k FROM ({inner}) x2) x WHERE 1 = 1 GROUP BY k", ("n",)),
    ]


def _actor_month_statements(where: str) -> list[str]:
    """Each asserted event once per (actor, its role) and once per actor with role '*'."""
    keys = "month, actor_key, role, type, polarity"
    out = []
    for role in ("ea.role", "'*'"):
        inner = (f"SELECT DISTINCT e.uid, {MONTH} AS month, {_key('a')} AS actor_key, {role} AS role, "
                 f"e.type AS type, {POLARITY} AS polarity, e.intensity AS intensity "
                 "FROM events e JOIN articles ar ON ar.uid = e.article_uid "
                 "JOIN event_actors ea ON ea.event_uid = e.uid JOIN actors a ON a.uid = ea.actor_uid "
                 f"WHERE {ASSERTED} AND {where}")
        out.append(_upsert("agg_actor_months", keys,
                           f"SELECT {keys}, {MONTH_SUMS} FROM ({inner}) x WHERE 1 = 1 GROUP BY {keys}",
                           MONTH_COUNTS))
    return out


def _actor_event_statements(where: str) -> list[str]:
    """Each asserted event once per (actor key, its role) and once per actor key with role '*'."""
    return [
        "INSERT INTO agg_actor_events (actor_key, role, day, article_uid, trigger_start, event_uid) "
        f"SELECT DISTINCT {_key('a')}, {role}, {DAY}, e.article_uid, COALESCE(e.trigger_start, -1), e.uid "
        "FROM events e JOIN articles ar ON ar.uid = e.article_uid "
        "JOIN event_actors ea ON ea.event_uid = e.uid JOIN actors a ON a.uid = ea.actor_uid "
        f"WHERE {ASSERTED} AND {where} ON CONFLICT DO NOTHING"
        for role in ("ea.role", "'*'")]


def _statements(article: bool, actor_events: bool = True, actor_tables: bool = True) -> list[str]:
    a_where = "a.article_uid = ?" if article else "1 = 1"
    e_where = "e.article_uid = ?" if article else "1 = 1"
    return ([_actors_sql(a_where), _names_sql(a_where)] + _pair_statements("actor", e_where)
            + _pair_statements("country", e_where) + _pair_statements("specific", e_where)
            + _actor_month_statements(e_where) + (_actor_event_statements(e_where) if actor_events else [])
            + (actor_tables_module.statements(article) if actor_tables else []))


def fill_actor_events(store) -> None:
    """Migration 1807 back-fill: agg_actor_events from the stored rows."""
    store.execute("DELETE FROM agg_actor_events")
    for sql in _actor_event_statements("1 = 1"):
        store.execute(sql)


def add_specific(store) -> None:
    """Migration 1802 back-fill: names and countries from the registry, articles without
    generic descriptions, row names and specific-actor pairs, for aggregates 1801 filled (a
    store that 1801 found empty, or created, is rebuilt whole)."""
    if not store.query("SELECT 1 AS one FROM agg_totals LIMIT 1"):
        rebuild(store)
        return
    store.execute("DELETE FROM agg_actors")
    store.execute(_actors_sql("1 = 1"))
    store.execute(_names_sql("1 = 1"))
    store.execute("DELETE FROM agg_dyads WHERE level = 'specific'")
    store.execute("DELETE FROM agg_nodes WHERE level = 'specific'")
    for sql in _pair_statements("specific", "1 = 1"):
        store.execute(sql)


def _bump(store, metric: str, key: str, n: int) -> None:
    if n:
        store.execute("INSERT INTO agg_totals (metric, key, n) VALUES (?, ?, ?) "
                      "ON CONFLICT (metric, key) DO UPDATE SET n = agg_totals.n + excluded.n",
                      (metric, key, n))


def add_article(store, article_uid: str) -> None:
    """Add one newly stored article's rows to every aggregate (inside the caller's transaction)."""
    for sql in _statements(article=True):
        store.execute(sql, (article_uid,) * sql.count("?"))
    one = store.query(
        "SELECT (SELECT COUNT(*) FROM actors WHERE article_uid = ?) AS actors, "
        "(SELECT COUNT(*) FROM mentions WHERE article_uid = ?) AS mentions, "
        "(SELECT COUNT(*) FROM attributions WHERE article_uid = ?) AS attributions, "
        "(SELECT COUNT(*) FROM events WHERE article_uid = ?) AS events", (article_uid,) * 4)[0]
    _bump(store, "table", "articles", 1)
    for table in ("actors", "mentions", "attributions", "events"):
        _bump(store, "table", table, one[table])
    for metric, sql in BY.items():
        for r in store.query(sql.format(where="WHERE article_uid = ?"), (article_uid,)):
            _bump(store, metric, r["key"], r["n"])


def add_rejection(store) -> None:
    _bump(store, "table", "rejections", 1)


def _has(store, table: str) -> bool:
    sql = ("SELECT 1 AS one FROM sqlite_master WHERE name = ?" if store.dialect == "sqlite"
           else "SELECT 1 AS one FROM information_schema.tables WHERE table_name = ?")
    return bool(store.query(sql, (table,)))


def rebuild(store) -> None:
    """Recompute every aggregate from the stored rows (inside the caller's transaction).
    Migration 1801 calls it before 1802 made the tables complete: then it leaves them to 1802."""
    if not _has(store, "agg_names"):
        return
    actor_events = _has(store, "agg_actor_events")     # before 1807 (a 1802 rebuild), left to 1807
    for table in AGG_TABLES if actor_events else AGG_TABLES[:-1]:
        store.execute(f"DELETE FROM {table}")
    for sql in _statements(article=False, actor_events=actor_events, actor_tables=False):
        store.execute(sql)
    if _has(store, "agg_actor_statements"):            # before 1808, left to 1808 (and 1809)
        actor_tables_module.fill(store, places=_has(store, "agg_actor_places"))
    for table in TOTAL_TABLES:
        store.execute(f"INSERT INTO agg_totals (metric, key, n) SELECT 'table', '{table}', COUNT(*) FROM {table}")
    for metric, sql in BY.items():
        store.execute(f"INSERT INTO agg_totals (metric, key, n) SELECT '{metric}', key, n FROM ("
                      + sql.format(where="") + ") x")


def totals(store) -> dict[str, int]:
    """Rows per table, from agg_totals."""
    got = {r["key"]: r["n"] for r in store.query("SELECT key, n FROM agg_totals WHERE metric = 'table'")}
    return {t: got.get(t, 0) for t in TOTAL_TABLES}


def _by(store, metric: str, name: str) -> list[dict]:
    return store.query(f"SELECT key AS {name}, n FROM agg_totals WHERE metric = ? AND n > 0 "
                       "ORDER BY n DESC, key", (metric,))


def events_by_type(store) -> list[dict]:
    return _by(store, "events_by_type", "type")


def attributions_by_kind(store) -> list[dict]:
    return _by(store, "attributions_by_kind", "kind")
