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
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any

from ..errors import NotFound, StoreError
from ..records import (
    Actor, Article, Attribution, DateMention, Event, Extraction, Mention, PipelineInfo, Place,
    Rejection, Via,
)
from . import aggregates, checkpoint, queries, search, stories
from .migrations import MIGRATIONS
from .search import SearchHit

TABLES = ("articles", "actors", "mentions", "attributions", "events", "event_actors", "rejections",
          "reports", "stories", "ingest_inputs")


# Article keys (uid, uid prefix, id) longer than this are no key of a stored article.
MAX_KEY_CHARS = 1024


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


class SQLStore(ABC):
    dialect = "sqlite"
    placeholder = "?"

    def __init__(self) -> None:
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

    def _insert(self, table: str, row: dict[str, Any], ignore: bool = False) -> int:
        cols = ", ".join(row)
        marks = ", ".join("?" for _ in row)
        conflict = " ON CONFLICT DO NOTHING" if ignore else ""
        return self.execute(f"INSERT INTO {table} ({cols}) VALUES ({marks}){conflict}",
                            row.values()).rowcount

    # -- schema -----------------------------------------------------------------
    def _begin(self) -> None:  # noqa: B027 - a no-op by default, overridden by SQLite
        """Open a transaction now (DDL included); psycopg opens one on the first statement."""

    def migrate(self) -> list[str]:
        """Apply the migrations this database lacks, each in its own transaction."""
        self.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
        self.conn.commit()
        done = {r["name"] for r in self.query("SELECT name FROM schema_migrations")}
        known = {m.name for m in MIGRATIONS}
        if done - known:
            raise StoreError(f"[P010] the database has migrations this Parley does not know "
                             f"({', '.join(sorted(done - known))}): upgrade Parley to use it")
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
                self._insert("schema_migrations", {"name": m.name, "applied_at": _now()})
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
    def put(self, result: Extraction | Rejection, input_key: str | None = None) -> str:
        """Store one result in one transaction: 'stored', 'duplicate' or 'rejected'.

        A new article is also indexed for search and put into its story; every article
        (new or already stored) records its report (outlet, URL). With `input_key`, the
        ingest checkpoint marks that input done in the same transaction, so a run killed at
        any point resumes without losing or repeating an input.
        """
        try:
            self._begin()
            if isinstance(result, Rejection):
                status = self._put_rejection(result)
            else:
                status = self._put_extraction(result)
                self._after_article(result, status)
            if input_key is not None:
                checkpoint.mark_done(self, input_key, result, status)
            self.conn.commit()
            return status
        except Exception:
            self.conn.rollback()
            raise

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
        if self._insert("rejections", {"uid": r.uid, "id": r.id, "source": r.source, "reason": r.reason,
                                       "detail": r.detail, "rejected_at": _now()}, ignore=True):
            aggregates.add_rejection(self)
        return "rejected"

    def _put_extraction(self, x: Extraction) -> str:
        a = x.article
        if self.query("SELECT 1 AS one FROM articles WHERE uid = ?", (a.uid,)):
            return "duplicate"
        from .registry import join_registry   # imports the actor stages: only when writing
        x = join_registry(self, x)          # actors -> the corpus-wide registry (issue 4)
        self._insert("articles", {
            "uid": a.uid, "id": a.id, "source": a.source, "url": a.url, "title": a.title,
            "published": a.published, "outlet": a.outlet, "authors": _j(list(a.authors)),
            "text": a.text, "pipeline_version": x.pipeline.version,
            "spacy_model": x.pipeline.spacy_model, "sentences": _j([list(s) for s in x.sentences]),
            "dates": _j([[d.text, list(d.span), d.date, d.precision] for d in x.dates]),
            "language": a.language, "encoding": a.encoding, "ingested_at": _now()})
        for actor in x.actors:
            self._put_actor(a.uid, actor)
        for q in x.attributions:
            self._put_attribution(a.uid, q)
        for e in x.events:
            self._put_event(a.uid, e)
        return "stored"

    def _put_actor(self, article_uid: str, actor: Actor) -> None:
        uid = f"{article_uid}:{actor.id}"
        self._insert("actors", {"uid": uid, "article_uid": article_uid, "id": actor.id,
                                "name": actor.name, "kind": actor.kind, "country": actor.country,
                                "sector": actor.sector, "role": actor.role,
                                "aliases": _j(list(actor.aliases)), "registry_id": actor.registry_id})
        for m in actor.mentions:
            s = m.sentence or (None, None)
            self._insert("mentions", {"actor_uid": uid, "article_uid": article_uid, "start_char": m.start,
                                      "end_char": m.end, "text": m.text, "kind": m.kind,
                                      "sent_start": s[0], "sent_end": s[1]}, ignore=True)

    def _put_attribution(self, article_uid: str, q: Attribution) -> None:
        sp, cu, ss = q.speaker_span or (None, None), q.cue_span or (None, None), q.sentence_span or (None, None)
        self._insert("attributions", {
            "uid": f"{article_uid}:{q.id}", "article_uid": article_uid, "id": q.id, "kind": q.kind,
            "speaker_uid": f"{article_uid}:{q.speaker}" if q.speaker else None,
            "speaker_start": sp[0], "speaker_end": sp[1], "cue": q.cue, "cue_lemma": q.cue_lemma,
            "cue_start": cu[0], "cue_end": cu[1], "content": q.content,
            "content_start": q.content_span[0], "content_end": q.content_span[1],
            "sent_start": ss[0], "sent_end": ss[1],
            "via": _j([{"actor": v.actor, "text": v.text, "span": list(v.span) if v.span else None}
                       for v in q.via]),
            "confidence": q.confidence})

    def _put_event(self, article_uid: str, e: Event) -> None:
        uid = f"{article_uid}:{e.id}"
        p = e.place
        ds = e.date_span or (None, None)
        ps = (p.span if p and p.span else (None, None))
        self._insert("events", {
            "uid": uid, "article_uid": article_uid, "id": e.id, "type": e.type, "mode": e.mode,
            "cameo": e.cameo, "trigger": e.trigger, "trigger_start": e.trigger_span[0],
            "trigger_end": e.trigger_span[1], "sent_start": e.sentence_span[0],
            "sent_end": e.sentence_span[1], "date": e.date, "date_start": ds[0], "date_end": ds[1],
            "place_name": p.name if p else None, "place_country": p.country if p else None,
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "place_start": ps[0], "place_end": ps[1], "place_kind": p.kind if p else None,
            "place_admin1": p.admin1 if p else None, "place_geonames_id": p.geonames_id if p else None,
            "negated": int(e.negated),
            "hypothetical": int(e.hypothetical),
            "attribution_uid": f"{article_uid}:{e.attribution}" if e.attribution else None,
            "confidence": e.confidence, "intensity": e.intensity, "quad": e.quad,
            "plover_score": e.plover_score, "modality": e.modality})
        for role, ids in (("source", e.source), ("target", e.target)):
            for pos, aid in enumerate(ids):
                self._insert("event_actors", {"event_uid": uid, "actor_uid": f"{article_uid}:{aid}",
                                              "role": role, "position": pos})

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

    def article_uids(self) -> list[str]:
        return [r["uid"] for r in self.query("SELECT uid FROM articles ORDER BY published, id, uid")]

    def extraction(self, key: str) -> Extraction:
        """The stored article with its records, rebuilt as an Extraction."""
        uid = self.resolve_article(key)
        a = self.query("SELECT * FROM articles WHERE uid = ?", (uid,))[0]
        article = Article(id=a["id"], text=a["text"], source=a["source"] or "", title=a["title"],
                          url=a["url"], published=a["published"], outlet=a["outlet"],
                          authors=tuple(json.loads(a["authors"] or "[]")),
                          language=a.get("language"), encoding=a.get("encoding"))
        return Extraction(article=article, pipeline=PipelineInfo(a["pipeline_version"], a["spacy_model"]),
                          actors=self._actors(uid), attributions=self._attributions(uid),
                          events=self._events(uid),
                          sentences=tuple(tuple(s) for s in json.loads(a["sentences"] or "[]")),
                          dates=tuple(DateMention(t, tuple(sp), d, p)
                                      for t, sp, d, p in json.loads(a.get("dates") or "[]")))

    def extractions(self) -> Iterator[Extraction]:
        for uid in self.article_uids():
            yield self.extraction(uid)

    def _actors(self, uid: str) -> tuple[Actor, ...]:
        mentions: dict[str, list[Mention]] = {}
        for m in self.query("SELECT * FROM mentions WHERE article_uid = ? ORDER BY start_char", (uid,)):
            sent = (m["sent_start"], m["sent_end"]) if m["sent_start"] is not None else None
            mentions.setdefault(m["actor_uid"], []).append(
                Mention(m["start_char"], m["end_char"], m["text"], m["kind"], sent))
        out = [Actor(id=r["id"], name=r["name"], kind=r["kind"], country=r["country"], sector=r["sector"],
                     role=r["role"], aliases=tuple(json.loads(r["aliases"] or "[]")),
                     registry_id=r["registry_id"], mentions=tuple(mentions.get(r["uid"], ())))
               for r in self.query("SELECT * FROM actors WHERE article_uid = ?", (uid,))]
        return tuple(sorted(out, key=lambda a: a.mentions[0].start if a.mentions else 0))

    def _attributions(self, uid: str) -> tuple[Attribution, ...]:
        def span(r, a, b):
            return (r[a], r[b]) if r[a] is not None else None
        out = []
        for r in self.query("SELECT * FROM attributions WHERE article_uid = ? ORDER BY content_start", (uid,)):
            out.append(Attribution(
                id=r["id"], kind=r["kind"], content=r["content"],
                content_span=(r["content_start"], r["content_end"]),
                speaker=r["speaker_uid"].split(":", 1)[1] if r["speaker_uid"] else None,
                speaker_span=span(r, "speaker_start", "speaker_end"), cue=r["cue"],
                cue_lemma=r["cue_lemma"], cue_span=span(r, "cue_start", "cue_end"),
                via=tuple(Via(v["text"], tuple(v["span"]) if v["span"] else None, v["actor"])
                          for v in json.loads(r["via"] or "[]")),
                sentence_span=span(r, "sent_start", "sent_end"), confidence=r["confidence"]))
        return tuple(out)

    def _events(self, uid: str) -> tuple[Event, ...]:
        roles: dict[str, dict[str, list[str]]] = {}
        for r in self.query("SELECT ea.* FROM event_actors ea JOIN events e ON e.uid = ea.event_uid "
                            "WHERE e.article_uid = ? ORDER BY ea.position", (uid,)):
            roles.setdefault(r["event_uid"], {}).setdefault(r["role"], []).append(r["actor_uid"].split(":", 1)[1])
        out = []
        for r in self.query("SELECT * FROM events WHERE article_uid = ? ORDER BY trigger_start", (uid,)):
            place = None
            if r["place_name"]:
                pspan = (r["place_start"], r["place_end"]) if r["place_start"] is not None else None
                place = Place(r["place_name"], r["place_country"], r["lat"], r["lon"], pspan,
                              kind=r["place_kind"], admin1=r["place_admin1"], geonames_id=r["place_geonames_id"])
            rr = roles.get(r["uid"], {})
            out.append(Event(
                id=r["id"], type=r["type"], trigger=r["trigger"],
                trigger_span=(r["trigger_start"], r["trigger_end"]),
                sentence_span=(r["sent_start"], r["sent_end"]), source=tuple(rr.get("source", ())),
                target=tuple(rr.get("target", ())), mode=r["mode"], cameo=r["cameo"], date=r["date"],
                date_span=(r["date_start"], r["date_end"]) if r["date_start"] is not None else None,
                place=place, negated=bool(r["negated"]), hypothetical=bool(r["hypothetical"]),
                attribution=r["attribution_uid"].split(":", 1)[1] if r["attribution_uid"] else None,
                confidence=r["confidence"], intensity=r["intensity"], quad=r["quad"],
                plover_score=r.get("plover_score"), modality=r.get("modality") or "asserted"))
        return tuple(out)

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

    def close(self) -> None:
        self.conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()
