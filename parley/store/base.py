"""The Store interface and its SQL implementation, shared by every backend.

Backends subclass `SQLStore` and say how to connect, which placeholder their driver
uses and their dialect name; the statements here are plain SQL both SQLite and
PostgreSQL run. Writes are safe to repeat: rows are keyed by content-hash ids, and an
article already stored (same clean text) is a duplicate that adds nothing.
"""
from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from ..clock import now
from ..errors import Errors, NotFound, StoreError
from ..records import (
    CALENDAR_KINDS, Actor, Article, DateMention, Extraction, PipelineInfo, Rejection,
)
from . import aggregates, checkpoint, places, queries, rows, search, stories
from .migrations import MIGRATIONS
from .search import SearchHit

TABLES = ("articles", "actors", "mentions", "attributions", "events", "event_actors", "places", "rejections",
          "reports", "stories", "ingest_inputs")


WATCH_TABLES = ("watch_feeds", "watch_pages")

# Article keys (uid, uid prefix, id) longer than this are no key of a stored article.
MAX_KEY_CHARS = 1024




class SQLStore(ABC):
    dialect = "sqlite"
    placeholder = "?"

    def __init__(self) -> None:
        self._depth = 0                # transactions open (nested ones join the outermost)
        self.conn = self._connect()
        try:
            self.migrate()
        except Exception as exc:
            coded = self.failure(exc)
            self.conn.close()
            if coded is None:
                raise
            raise coded from None

    def failure(self, exc: BaseException) -> StoreError | None:
        """The coded StoreError for a driver error of this backend (damaged, locked), or None."""
        return None

    # -- backend hooks ----------------------------------------------------------
    @abstractmethod
    def _connect(self): ...

    def _sql(self, sql: str) -> str:
        return sql if self.placeholder == "?" else sql.replace("?", self.placeholder)

    def execute(self, sql: str, params: Iterable = ()):
        cur = self.conn.cursor()
        cur.execute(self._sql(sql), tuple(params))
        return cur

    def query(self, sql: str, params: Iterable = ()) -> list[dict[str, Any]]:
        cur = self.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def stream(self, sql: str, params: Iterable = (), size: int = 1000) -> Iterator[dict[str, Any]]:
        """Rows one by one, fetched `size` at a time (for exports over large stores)."""
        cur = self.execute(sql, params)
        cols = [d[0] for d in cur.description]
        while rows := cur.fetchmany(size):
            for row in rows:
                yield dict(zip(cols, row))

    def insert(self, table: str, row: dict[str, Any], ignore: bool = False) -> int:
        """Insert one row (`ignore`: a row whose key is taken adds nothing) -> rows added."""
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        conflict = " ON CONFLICT DO NOTHING" if ignore else ""
        return self.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks}){conflict}",
                            row.values()).rowcount

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One transaction: committed at the end, rolled back on an error. Inside another
        one, it is part of that one (the outermost commits)."""
        if self._depth:
            yield
            return
        self._begin()
        self._depth = 1
        try:
            yield
            self.conn.commit()
        except BaseException:
            self.conn.rollback()
            raise
        finally:
            self._depth = 0

    # -- schema -----------------------------------------------------------------
    @abstractmethod
    def _begin(self) -> None:
        """Open a transaction now (DDL included)."""

    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks, each in its own transaction."""
        self.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        self.conn.commit()
        done = {r["name"] for r in self.query("SELECT name FROM schema_migrations")}
        known = {m.name for m in MIGRATIONS}
        if done - known:
            raise StoreError(Errors.P010.format(names=", ".join(sorted(done - known))))
        applied = []
        for m in MIGRATIONS:
            if m.name in done:
                continue
            try:
                self._begin()
                for stmt in m.statements:
                    if callable(stmt):
                        stmt(self)
                        continue
                    sql = stmt.get(self.dialect) if isinstance(stmt, dict) else stmt
                    if sql:
                        self.execute(sql)
                self.insert("schema_migrations", {"name": m.name, "applied_at": now()})
                self.conn.commit()
            except Exception:
                self.conn.rollback()
                raise
            applied.append(m.name)
        return applied

    @property
    def schema_version(self) -> str:
        rows = self.query("SELECT name FROM schema_migrations ORDER BY name DESC LIMIT 1")
        return rows[0]["name"] if rows else ""

    # -- writing ----------------------------------------------------------------
    def put(self, result: Extraction | Rejection, input_key: str | None = None,
            actors: tuple[Actor, ...] | None = None) -> str:
        """Store one result in one transaction: 'stored', 'duplicate' or 'rejected'.

        A new article is also indexed for search and put into its story; every article
        (new or already stored) records its report (outlet, URL). With `input_key`, the
        ingest checkpoint marks that input done in the same transaction, so a run killed at
        any point resumes without losing or repeating an input. `actors`: the article's actors
        as the registry joined them (the ingest step, `parley.store.writer.Writer`), stored in
        place of `result.actors`; the story keys stay those of the article's own actors.
        """
        with self.transaction():
            if isinstance(result, Rejection):
                status = self._put_rejection(result)
            else:
                status = self._put_extraction(result, result.actors if actors is None else actors)
                self._after_article(result, status)
            if input_key is not None:
                checkpoint.mark_done(self, input_key, result, status)
            return status

    def put_many(self, results: Iterable[Extraction | Rejection]) -> Counter:
        counts: Counter = Counter()
        for r in results:
            counts[self.put(r)] += 1
        return counts

    def _after_article(self, x: Extraction, status: str) -> None:
        if status == "stored":
            search.index_extraction(self, x)
            stories.assign_story(self, x)
            aggregates.add_article(self, x.article.uid)
        stories.record_report(self, x)

    def _put_rejection(self, r: Rejection) -> str:
        if self.insert("rejections", {"uid": r.uid, "id": r.id, "source": r.source, "reason": r.reason,
                                       "detail": r.detail, "rejected_at": now()}, ignore=True):
            aggregates.add_rejection(self)
        return "rejected"

    def _put_extraction(self, x: Extraction, actors: tuple[Actor, ...]) -> str:
        a = x.article
        if self.has_article(a.uid):
            return "duplicate"
        self.insert("articles", {
            "uid": a.uid, "id": a.id, "source": a.source, "url": a.url, "title": a.title,
            "published": a.published, "outlet": a.outlet, "authors": rows.as_json(list(a.authors)),
            "text": a.text, "pipeline_version": x.pipeline.version,
            "spacy_model": x.pipeline.spacy_model, "sentences": rows.as_json([list(s) for s in x.sentences]),
            "dates": rows.as_json([[d.text, list(d.span), d.date, d.precision, d.kind, d.value]
                                    for d in (*x.dates, *x.durations)]),     # one column, split by kind
            "language": a.language, "encoding": a.encoding, "ingested_at": now()})
        for actor in actors:
            rows.put_actor(self, a.uid, actor, a.text)
        for q in x.attributions:
            rows.put_attribution(self, a.uid, q, a.text)
        for e in x.events:
            rows.put_event(self, a.uid, e)
        places.put(self, a.uid, x.places)
        return "stored"

    # -- reading ----------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        """Rows per table: the large tables from the maintained totals (aggregates.py)."""
        kept = aggregates.totals(self)
        return {t: kept[t] if t in kept else self.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"]
                for t in TABLES}

    def resolve_article(self, key: str) -> str:
        """An article uid from a uid, a uid prefix or an article id."""
        if len(key) > MAX_KEY_CHARS:
            raise NotFound("article", key[:40] + "...", f"keys are at most {MAX_KEY_CHARS} characters")
        rows = self.query("SELECT uid FROM articles WHERE uid = ? OR id = ? ORDER BY ingested_at", (key, key))
        if not rows and len(key) >= 6:
            rows = self.query("SELECT uid FROM articles WHERE uid LIKE ? ESCAPE '\\'",
                              (search.escape_like(key) + "%",))
        if not rows:
            raise NotFound("article", key, "`parley stats` lists what is stored")
        return rows[0]["uid"]

    def has_article(self, uid: str) -> bool:
        return bool(self.query("SELECT 1 AS one FROM articles WHERE uid = ?", (uid,)))

    def article_uids(self) -> list[str]:
        return [r["uid"] for r in self.query("SELECT uid FROM articles ORDER BY published, id, uid")]

    def extraction(self, key: str) -> Extraction:
        """The stored article with its records, rebuilt as an Extraction."""
        uid = self.resolve_article(key)
        a = self.query("SELECT * FROM articles WHERE uid = ?", (uid,))[0]
        temporal = [DateMention(d[0], tuple(d[1]), *d[2:6]) for d in json.loads(a.get("dates") or "[]")]
        article = Article(id=a["id"], text=a["text"], source=a["source"] or "", title=a["title"],
                          url=a["url"], published=a["published"], outlet=a["outlet"],
                          authors=tuple(json.loads(a["authors"] or "[]")),
                          language=a.get("language"), encoding=a.get("encoding"))
        return Extraction(article=article, pipeline=PipelineInfo(a["pipeline_version"], a["spacy_model"]),
                          actors=rows.read_actors(self, uid), attributions=rows.read_attributions(self, uid),
                          events=rows.read_events(self, uid),
                          sentences=tuple(tuple(s) for s in json.loads(a["sentences"] or "[]")),
                          dates=tuple(d for d in temporal if d.kind in CALENDAR_KINDS),
                          places=places.load(self, uid),
                          durations=tuple(d for d in temporal if d.kind not in CALENDAR_KINDS))

    def extractions(self) -> Iterator[Extraction]:
        for uid in self.article_uids():
            yield self.extraction(uid)

    # -- search, stories, checkpoints (see search.py, stories.py, queries.py) ------
    def search(self, query: "search.SearchQuery | str", **filters) -> list[SearchHit]:
        """Full-text search over article sentences and attribution contents, best first:
        a `SearchQuery` (search.py says what each filter means), or its text and filters."""
        if isinstance(query, str):
            query = search.SearchQuery(query, **filters)
        elif filters:
            query = replace(query, **filters)
        return search.search(self, query)

    def event_counts(self, by: str = "type", date_from: str | None = None, date_to: str | None = None,
                     types: list[str] | None = None) -> list[dict[str, Any]]:
        """Events counted once per story, with their reports, outlets and stories, per group."""
        return queries.event_counts(self, by, date_from, date_to, types)

    def attribution_counts(self, by: str = "kind") -> list[dict[str, Any]]:
        return queries.attribution_counts(self, by)

    def story_events(self, date_from: str | None = None, date_to: str | None = None,
                     types: list[str] | None = None, per_report: bool = False) -> Iterator[queries.StoryEvent]:
        return queries.story_events(self, date_from, date_to, types, per_report)

    def story_attributions(self, date_from: str | None = None, date_to: str | None = None,
                           kinds: list[str] | None = None,
                           per_report: bool = False) -> Iterator[queries.StoryAttribution]:
        return queries.story_attributions(self, date_from, date_to, kinds, per_report)

    def stories(self, min_reports: int = 1, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        return queries.stories(self, min_reports, limit, offset)

    def story_reports(self, story_id: str) -> list[dict[str, Any]]:
        return queries.story_reports(self, story_id)

    def input_done(self, key: str) -> bool:
        """Whether the ingest checkpoint has this input (see checkpoint.input_key)."""
        return checkpoint.is_done(self, key)

    # -- what `parley watch` remembers (tables of migration 0701; see feeds/state.py) --------
    def watch_row(self, table: str, url: str) -> dict[str, Any] | None:
        """The row of a feed ('watch_feeds') or a page ('watch_pages'), or None."""
        if table not in WATCH_TABLES:
            raise ValueError(f"{table!r} is not one of {WATCH_TABLES}")
        rows = self.query(f"SELECT * FROM {table} WHERE url = ?", (url,))
        return rows[0] if rows else None

    def save_watch_row(self, table: str, row: dict[str, Any], version: dict[str, Any] | None = None) -> None:
        """Save a feed's or page's row (keyed by url) in one transaction; `version`: a row of
        watch_versions (url, version, article_uid, fetched_at) to add with it."""
        if table not in WATCH_TABLES:
            raise ValueError(f"{table!r} is not one of {WATCH_TABLES}")
        updates = ", ".join(f"{c} = excluded.{c}" for c in row if c != "url")
        with self.transaction():
            self.execute(f"INSERT INTO {table} ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)}) "
                         f"ON CONFLICT (url) DO UPDATE SET {updates}", tuple(row.values()))
            if version is not None:
                self.insert("watch_versions", version, ignore=True)

    def watch_versions(self, url: str) -> list[dict[str, Any]]:
        return self.query("SELECT * FROM watch_versions WHERE url = ? ORDER BY version", (url,))

    def rejections(self) -> list[Rejection]:
        return [Rejection(r["id"], r["source"], r["reason"], r["detail"])
                for r in self.query("SELECT * FROM rejections ORDER BY source, reason")]

    def stats(self) -> dict[str, Any]:
        q = self.query
        return {
            "schema": self.schema_version,
            "counts": self.counts(),
            "rejections_by_reason": {r["reason"]: r["n"] for r in q(
                "SELECT reason, COUNT(*) AS n FROM rejections GROUP BY reason ORDER BY n DESC")},
            "events_by_type": {r["type"]: r["n"] for r in aggregates.events_by_type(self)},
            "attributions_by_kind": {r["kind"]: r["n"] for r in aggregates.attributions_by_kind(self)},
            "top_actors": [(r["name"], int(r["n"])) for r in q(
                "SELECT name, SUM(mentions) AS n FROM agg_actors GROUP BY name ORDER BY n DESC, name LIMIT 10")],
            "published": q("SELECT MIN(published) AS first, MAX(published) AS last FROM articles")[0],
        }

    def reconnect_if_lost(self) -> bool:
        """True after replacing a connection the server dropped (PostgreSQL overrides it)."""
        return False

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
