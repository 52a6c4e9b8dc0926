"""Statements (attributions) with speaker and sentence, newest first, and how many match.

Read so that a page costs what it shows:
- a registry actor's statements (by it, or about it) alone are the first rows of its key in
  agg_actor_statements (kept on ingest: the page and the exact count);
- another speaker or actor spoken about finds its statements through its own rows (the
  actor's mentions inside quote contents), never by testing every statement;
- broad filters (none, kind, first-hand, dates) read articles newest first, a batch at a
  time, until the page is full, instead of sorting every statement of the store;
- counts stop at COUNT_CAP ("at least"), except the whole store and one kind, which the
  aggregates keep.
The order is always the exact one: newest article first, then article uid, then position.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..store import SQLStore
from ..store import aggregates as A
from ..store.rows import content_sql
from ..store.search import escape_like
from . import actor_tables
from .selectors import Selector, country_sql, key_sql, name_sql

ARTICLE_COLS = ("ar.uid AS article_uid, ar.id AS article_id, ar.title AS title, "
                "ar.published AS published, ar.outlet AS outlet")
COUNT_CAP = 10_000
ABOUT_ARTICLES = 500        # statements about an actor: its newest articles first
BATCH = 400                 # articles read per step of the newest-first walk
WALK_ARTICLES = 20_000      # a walk that finds too few statements in this many articles stops
_Q_SPAN = ("COALESCE(q.sent_start, q.content_start)", "COALESCE(q.sent_end, q.content_end)")
ORDER = "COALESCE(ar.published, '') DESC, q.article_uid, q.content_start, q.uid"


@dataclass(frozen=True)
class StatementFilter:
    speaker: Selector | None = None
    speaker_name: str | None = None   # part of the speaker's name, any case
    about: Selector | None = None     # a mention of it inside the content, said by someone else
    kind: str | None = None
    first_hand: bool = False          # no `via` chain between the speaker and the outlet
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None

    def conditions(self) -> tuple[list[str], list]:
        """Conditions on q (attributions), ar (articles) and s (the speaker), about aside."""
        where: list[str] = []
        params: list = []
        if self.speaker is not None:
            cond, p = self.speaker.where("a")
            where.append(f"q.speaker_uid IN (SELECT a.uid FROM actors a WHERE {cond})")
            params += p
        if self.speaker_name:
            where.append("LOWER(s.name) LIKE ? ESCAPE '\\'")
            params.append(f"%{escape_like(self.speaker_name.lower())}%")
        for clause, value in (("q.kind = ?", self.kind), ("ar.outlet = ?", self.outlet),
                              ("SUBSTR(ar.published, 1, 10) >= ?", self.date_from),
                              ("SUBSTR(ar.published, 1, 10) <= ?", self.date_to)):
            if value:
                where.append(clause)
                params.append(value)
        if self.first_hand:
            where.append("(q.via IS NULL OR q.via = '[]')")
        return where, params

    @property
    def broad(self) -> bool:
        """No condition that finds its few statements through an index."""
        return self.speaker is None and self.about is None and not self.speaker_name and not self.outlet


def _from(filt: StatementFilter, newest: int | None = None) -> tuple[str, list]:
    """FROM ... of the matching statements (the actor spoken about drives the join; newest:
    from its `newest` most recent articles only)."""
    joins = ("JOIN articles ar ON ar.uid = q.article_uid LEFT JOIN actors s ON s.uid = q.speaker_uid")
    if filt.about is None:
        return f"FROM attributions q {joins}", []
    cond, params = filt.about.where("a")
    recent, recent_params = "", []
    if newest is not None:
        cond2, params2 = filt.about.where("a2")
        recent = (f" AND a.article_uid IN (SELECT a2.article_uid FROM actors a2 JOIN articles ar2 ON "
                  f"ar2.uid = a2.article_uid WHERE {cond2} ORDER BY ar2.published DESC NULLS LAST LIMIT ?)")
        recent_params = [*params2, newest]
    about = ("SELECT DISTINCT qq.uid AS uid FROM actors a JOIN mentions m ON m.actor_uid = a.uid "
             "JOIN attributions qq ON qq.article_uid = m.article_uid "
             "AND qq.content_start <= m.start_char AND m.end_char <= qq.content_end "
             f"WHERE {cond} AND (qq.speaker_uid IS NULL OR qq.speaker_uid <> a.uid){recent}")
    return f"FROM ({about}) about JOIN attributions q ON q.uid = about.uid {joins}", [*params, *recent_params]


def _select() -> str:
    start, end = _Q_SPAN
    return (f"SELECT q.uid, q.id, q.kind, q.cue, {content_sql('q', 'ar')} AS content, q.via, {start} AS sent_start, "
            f"SUBSTR(ar.text, {start} + 1, {end} - {start}) AS sentence, "
            f"{key_sql('s')} AS speaker_key, {name_sql('s')} AS speaker_name, s.kind AS speaker_kind, "
            f"{country_sql('s')} AS speaker_country, {ARTICLE_COLS}")


def _where(clauses: list[str]) -> str:
    return (" WHERE " + " AND ".join(clauses)) if clauses else ""


def _walk(store: SQLStore, filt: StatementFilter, limit: int, offset: int) -> list[dict] | None:
    """The page read from the newest articles down; None when too few statements match."""
    clauses, params = filt.conditions()
    want, uids, seen, step = offset + limit, [], 0, max(20, limit)
    while len(uids) < want:
        batch = [r["uid"] for r in store.query(
            "SELECT uid FROM articles ORDER BY published DESC NULLS LAST, uid LIMIT ? OFFSET ?", (step, seen))]
        if not batch:
            break
        if seen >= WALK_ARTICLES:
            return None
        seen, step = seen + len(batch), min(step * 2, BATCH)
        marks = ", ".join("?" for _ in batch)
        uids += [r["uid"] for r in store.query(
            f"SELECT q.uid AS uid {_from(filt)[0]}{_where([*clauses, f'q.article_uid IN ({marks})'])} "
            f"ORDER BY {ORDER}", (*params, *batch))]
    return _rows(store, uids[offset:want])


def _about(store: SQLStore, filt: StatementFilter, limit: int, offset: int) -> tuple[list[dict], int, bool]:
    """Statements about an actor, found once for the page and its count: first in its
    ABOUT_ARTICLES newest articles (a head of state is in tens of thousands), which give the
    exact page when they hold it (the count then says "at least"), else in all of them."""
    clauses, params = filt.conditions()
    for newest in (ABOUT_ARTICLES, None):
        base, base_params = _from(filt, newest)
        uids = [r["uid"] for r in store.query(f"SELECT q.uid AS uid {base}{_where(clauses)} ORDER BY {ORDER}",
                                              (*base_params, *params))]
        if newest is None or len(uids) >= offset + limit:
            break
    capped = newest is not None and store.query(
        f"SELECT COUNT(*) AS n FROM (SELECT DISTINCT a.article_uid FROM actors a WHERE {filt.about.where('a')[0]} "
        "LIMIT ?) x", (*filt.about.where("a")[1], ABOUT_ARTICLES + 1))[0]["n"] > ABOUT_ARTICLES
    return _rows(store, uids[offset:offset + limit]), min(len(uids), COUNT_CAP), capped or len(uids) > COUNT_CAP


def _kept(store: SQLStore, filt: StatementFilter, limit: int, offset: int) -> tuple[list[dict], int, bool] | None:
    """Statements by or about a registry actor, nothing else asked: from agg_actor_statements
    (the exact page and count: about an actor, over all its articles, not its newest)."""
    if filt == StatementFilter(speaker=filt.speaker) and actor_tables.registry(filt.speaker):
        role, sel = "by", filt.speaker
    elif filt == StatementFilter(about=filt.about) and actor_tables.registry(filt.about):
        role, sel = "about", filt.about
    else:
        return None
    uids, n = actor_tables.statement_uids(store, role, sel, limit, offset, COUNT_CAP + 1)
    return _rows(store, uids), min(n, COUNT_CAP), n > COUNT_CAP


def _rows(store: SQLStore, uids: list[str]) -> list[dict]:
    """The page's statements with every column, in the exact order."""
    if not uids:
        return []
    marks = ", ".join("?" for _ in uids)
    return store.query(f"{_select()} {_from(StatementFilter())[0]} WHERE q.uid IN ({marks}) ORDER BY {ORDER}", uids)


def statements(store: SQLStore, filt: StatementFilter, limit: int = 50,
               offset: int = 0) -> tuple[list[dict], int]:
    """Attributions with speaker and sentence, newest first, and how many match (at most COUNT_CAP)."""
    rows, total, _ = statements_counted(store, filt, limit, offset)
    return rows, total


def statements_counted(store: SQLStore, filt: StatementFilter, limit: int = 50,
                       offset: int = 0) -> tuple[list[dict], int, bool]:
    """statements() and whether the count stopped at COUNT_CAP (there are at least that many)."""
    if (kept := _kept(store, filt, limit, offset)) is not None:
        return kept
    rows = _walk(store, filt, limit, offset) if filt.broad and offset + limit <= COUNT_CAP else None
    clauses, params = filt.conditions()
    base, base_params = _from(filt)
    if rows is None and filt.about is not None:
        return _about(store, filt, limit, offset)
    if rows is None and not filt.broad:
        # a speaker's (or an outlet's) statements found once: the page and the count from one list
        uids = [r["uid"] for r in store.query(f"SELECT q.uid AS uid {base}{_where(clauses)} ORDER BY {ORDER} LIMIT ?",
                                              (*base_params, *params, max(COUNT_CAP + 1, offset + limit)))]
        return _rows(store, uids[offset:offset + limit]), min(len(uids), COUNT_CAP), len(uids) > COUNT_CAP
    if rows is None:
        # the page's uids in order first, then their columns (sentences, names) for the page only
        uids = [r["uid"] for r in store.query(f"SELECT q.uid AS uid {base}{_where(clauses)} ORDER BY {ORDER} "
                                              "LIMIT ? OFFSET ?", (*base_params, *params, limit, offset))]
        rows = _rows(store, uids)
    if filt == StatementFilter():
        return rows, A.totals(store)["attributions"], False
    if filt == StatementFilter(kind=filt.kind):
        return rows, sum(r["n"] for r in A.attributions_by_kind(store) if r["kind"] == filt.kind), False
    n = store.query(f"SELECT COUNT(*) AS n FROM (SELECT 1 AS one {base}{_where(clauses)} LIMIT ?) x",
                    (*base_params, *params, COUNT_CAP + 1))[0]["n"]
    return rows, min(n, COUNT_CAP), n > COUNT_CAP
