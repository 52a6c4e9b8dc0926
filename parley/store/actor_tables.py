"""Per-actor tables kept on ingest (migration 1808), so an actor's page reads what it shows.

    agg_actor_groups      per actor key and (name, aliases, sector, role) of its rows: rows,
                          first and last publication date, and the first row in reading
                          order (date, then article id): the actor page's summary without
                          reading the actor's thousands of rows ('' stands for NULL)
    agg_actor_statements  per actor key, each statement it made ('by') and each statement
                          that mentions it inside the quote, said by someone else ('about'),
                          keyed in the statements' page order (newest article first, article
                          uid, position): the page and its count from the key's range
    agg_actor_places      per actor key and place (name, country, lat, lon: '' for no name or
                          country) and polarity: its asserted events there and the place's
                          smallest kind (the actor page's map) (migration 1809)

Filled for one article by `aggregates.add_article` (in `Store.put`'s transaction) and for the
whole store by `fill` (the migration, `aggregates.rebuild`). Rows are only added, as
articles are: MIN and MAX kept by upsert equal those over all rows.
"""
from __future__ import annotations

TABLES = ("agg_actor_groups", "agg_actor_statements", "agg_actor_places")
PLACE_KEYS = "actor_key, name, country, lat, lon, polarity"
GROUP_KEYS = "actor_key, name, aliases, sector, role"


def _key(alias: str) -> str:
    """web.selectors.key_sql, restated here so the store needs nothing from the web UI
    (tests/test_scale_aggregates.py checks the two agree); aggregates.py uses it too."""
    return (f"COALESCE('r:' || {alias}.registry_id, {alias}.kind || ':' || "
            f"COALESCE({alias}.country, '-') || ':' || {alias}.name)")


def _pick(col: str, op: str) -> str:
    """The stored or the new value, whichever is smaller (op '<') or larger ('>'), NULL-safe."""
    t = "agg_actor_groups"
    return (f"COALESCE(CASE WHEN excluded.{col} {op} {t}.{col} THEN excluded.{col} "
            f"ELSE {t}.{col} END, {t}.{col}, excluded.{col})")


def _groups_sql(where: str) -> str:
    return (
        f"INSERT INTO agg_actor_groups ({GROUP_KEYS}, n, first_pub, last_pub, first_row) "
        f"SELECT {_key('a')}, a.name, COALESCE(a.aliases, ''), COALESCE(a.sector, ''), COALESCE(a.role, ''), "
        "COUNT(*), MIN(ar.published), MAX(ar.published), MIN(COALESCE(ar.published, '') || ' ' || ar.id) "
        f"FROM actors a JOIN articles ar ON ar.uid = a.article_uid WHERE {where} "
        f"GROUP BY {_key('a')}, a.name, COALESCE(a.aliases, ''), COALESCE(a.sector, ''), COALESCE(a.role, '') "
        f"ON CONFLICT ({GROUP_KEYS}) DO UPDATE SET n = agg_actor_groups.n + excluded.n, "
        f"first_pub = {_pick('first_pub', '<')}, last_pub = {_pick('last_pub', '>')}, "
        f"first_row = {_pick('first_row', '<')}")


STATEMENT_COLS = "actor_key, role, published, article_uid, content_start, uid"


def _by_sql(where: str) -> str:
    return (f"INSERT INTO agg_actor_statements ({STATEMENT_COLS}) "
            f"SELECT DISTINCT {_key('a')}, 'by', COALESCE(ar.published, ''), q.article_uid, q.content_start, q.uid "
            "FROM attributions q JOIN actors a ON a.uid = q.speaker_uid JOIN articles ar ON ar.uid = q.article_uid "
            f"WHERE {where} ON CONFLICT DO NOTHING")


def _about_sql(where: str) -> str:
    """web/statements.py's statements about an actor: a mention inside the content, not its own."""
    return (f"INSERT INTO agg_actor_statements ({STATEMENT_COLS}) "
            f"SELECT DISTINCT {_key('a')}, 'about', COALESCE(ar.published, ''), q.article_uid, q.content_start, q.uid "
            "FROM actors a JOIN mentions m ON m.actor_uid = a.uid "
            "JOIN attributions q ON q.article_uid = m.article_uid "
            "AND q.content_start <= m.start_char AND m.end_char <= q.content_end "
            "JOIN articles ar ON ar.uid = q.article_uid "
            f"WHERE (q.speaker_uid IS NULL OR q.speaker_uid <> a.uid) AND {where} ON CONFLICT DO NOTHING")


def _places_sql(where: str) -> str:
    """web/maps.py's event_places of one actor: each asserted event with a place once per key."""
    from ..plover import polarity_sql
    t = "agg_actor_places"
    inner = (f"SELECT DISTINCT e.uid, {_key('a')} AS actor_key, COALESCE(e.place_name, '') AS name, "
             f"COALESCE(e.place_country, '') AS country, e.lat AS lat, e.lon AS lon, e.place_kind AS kind, "
             f"{polarity_sql('e')} AS polarity FROM events e JOIN event_actors ea ON ea.event_uid = e.uid "
             "JOIN actors a ON a.uid = ea.actor_uid WHERE e.negated = 0 AND e.hypothetical = 0 "
             f"AND e.lat IS NOT NULL AND e.lon IS NOT NULL AND {where}")
    return (f"INSERT INTO {t} ({PLACE_KEYS}, kind, n) SELECT {PLACE_KEYS}, MIN(kind), COUNT(*) FROM ({inner}) x "
            f"WHERE 1 = 1 GROUP BY {PLACE_KEYS} ON CONFLICT ({PLACE_KEYS}) DO UPDATE SET n = {t}.n + excluded.n, "
            f"kind = COALESCE(CASE WHEN excluded.kind < {t}.kind THEN excluded.kind ELSE {t}.kind END, "
            f"{t}.kind, excluded.kind)")


def statements(article: bool, places: bool = True) -> list[str]:
    """The INSERTs for one article (one `?`: its uid) or for the whole store (places: 1809's)."""
    a_where = "a.article_uid = ?" if article else "1 = 1"
    q_where = "q.article_uid = ?" if article else "1 = 1"
    e_where = "e.article_uid = ?" if article else "1 = 1"
    return [_groups_sql(a_where), _by_sql(q_where), _about_sql(a_where)] + ([_places_sql(e_where)] if places else [])


def fill(store, places: bool = True) -> None:
    """Migration 1808 back-fill (and aggregates.rebuild): the tables from the stored rows
    (agg_actor_places when it exists: 1808's back-fill runs before 1809 made it)."""
    for table in TABLES if places else TABLES[:-1]:
        store.execute(f"DELETE FROM {table}")
    for sql in statements(article=False, places=places):
        store.execute(sql)


def fill_places(store) -> None:
    """Migration 1809 back-fill."""
    store.execute("DELETE FROM agg_actor_places")
    store.execute(_places_sql("1 = 1"))


def fill_1808(store) -> None:
    """Migration 1808 back-fill: its two tables (agg_actor_places is 1809's)."""
    fill(store, places=False)
