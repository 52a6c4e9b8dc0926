"""Full-text search over article sentences and attribution contents.

Each stored article is indexed as search units: one per sentence (source "article") and
one per attribution content (source "attribution"). SQLite indexes them with FTS5
(porter stemming), PostgreSQL with a generated `tsvector` column ('english') and a GIN
index. A query is written as on a web search engine: words (all must occur), "a quoted
phrase", `or` between alternatives and `-word` to exclude; both backends read it alike.
Every hit carries its evidence: the article, the sentence (text and character span in the
stored article text) and the character spans of the matched words."""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from datetime import timedelta
from typing import Any

from ..errors import Errors, StoreError
from ..records import Extraction, Span
from . import places
from .queries import parse_date

MARK_START, MARK_END = "\ue000", "\ue001"   # private-use characters: never in article text
SNIPPET_MARKS = ("«", "»")
SNIPPET_CHARS = 320                           # longer sentences are cut around the first match
_TOKEN = re.compile(r'"[^"]*"?|\S+')
# Bounds per query (a query of 2,001 `or` terms took 29.5 s of CPU): longer or wider ones are
# refused with the limit (400 on the web), as are pages past MAX_OFFSET.
MAX_QUERY_CHARS = 500
MAX_TERMS = 24
MAX_LIMIT = 1000
MAX_OFFSET = 10_000


def check_bounds(text: str, limit: int, offset: int) -> None:
    """StoreError (P416) naming the limit when a query or its page is out of bounds."""
    if len(text or "") > MAX_QUERY_CHARS:
        raise StoreError(Errors.P416.format(what=f"the search text of {len(text):,} characters",
                                            bounds=f"at most {MAX_QUERY_CHARS}", fix="shorten it"))
    if not 1 <= limit <= MAX_LIMIT:
        raise StoreError(Errors.P416.format(what=f"limit={limit}", bounds=f"1 to {MAX_LIMIT}",
                                            fix="give a limit in the bounds"))
    if not 0 <= offset <= MAX_OFFSET:
        raise StoreError(Errors.P416.format(what=f"offset={offset}", bounds=f"0 to {MAX_OFFSET:,}",
                                            fix="narrow the search with words or filters to see later hits"))


@dataclass(frozen=True)
class SearchHit:
    article_uid: str
    article_id: str
    title: str | None
    published: str | None
    outlet: str | None
    source: str                              # "article" (a sentence) | "attribution" (a quote)
    attribution_id: str | None               # the attribution's id within its article
    sentence: str                            # the matching sentence, from the stored text
    sentence_span: Span                      # its character span in the article text
    snippet: str                             # the sentence (cut when long), matches in «»
    score: float                             # higher is better (bm25 / ts_rank_cd)
    matches: tuple[Span, ...] = ()           # matched words, spans in the article text
    kind: str | None = None                  # attribution kind: direct | indirect | mixed
    speaker: str | None = None               # attribution speaker's name, when known
    story_id: str | None = None              # the story cluster the article belongs to


# -- indexing ----------------------------------------------------------------------

def unit_rows(x: Extraction, body: bool = False) -> list[dict[str, Any]]:
    """The search units of one extraction: its sentences, then its attribution contents.
    A unit is a span of the article's text (since migration 1810 the store keeps no copy of
    its text: the full-text index reads it from the article); `body=True` adds the copy, for
    the back-fill of migration 0201, whose table still has the column."""
    a, text = x.article, x.article.text
    rows = [{"article_uid": a.uid, "source": "article", "attribution_uid": None, "kind": None,
             "start_char": s, "end_char": e, "sent_start": s, "sent_end": e}
            for s, e in (x.sentences or ((0, len(text)),)) if text[s:e].strip()]
    for q in x.attributions:
        s, e = q.content_span
        ss, se = q.sentence_span or (s, e)
        if text[s:e].strip():
            rows.append({"article_uid": a.uid, "source": "attribution",
                         "attribution_uid": f"{a.uid}:{q.id}", "kind": q.kind, "start_char": s,
                         "end_char": e, "sent_start": min(s, ss), "sent_end": max(e, se)})
    if body:
        for r in rows:
            r["body"] = text[r["start_char"]:r["end_char"]]
    return rows


def index_extraction(store, x: Extraction) -> int:
    """Index a newly stored article (called inside its transaction, after the article row:
    the index reads the article's text)."""
    rows = unit_rows(x, units_keep_text(store))
    for row in rows:
        store.insert("search_units", row)
    return len(rows)


def units_keep_text(store) -> bool:
    """Whether the store's search units still have the `body` column (migration 0201's
    table, before 1810 dropped it)."""
    if store.dialect == "sqlite":
        cols = store.query("SELECT name FROM pragma_table_info('search_units')")
    else:
        cols = store.query("SELECT column_name AS name FROM information_schema.columns "
                           "WHERE table_schema = current_schema() AND table_name = 'search_units'")
    return any(r["name"] == "body" for r in cols)


def index_all(store) -> None:
    """Migration 0201's back-fill: index articles stored before search existed."""
    done = {r["article_uid"] for r in store.query("SELECT DISTINCT article_uid FROM search_units")}
    for uid in store.article_uids():
        if uid not in done:
            index_extraction(store, store.extraction(uid))


def units_without_text(store) -> None:
    """Migration 1810 (see migrations.py): the units' `body` column dropped, SQLite's FTS5
    index made again over the view `search_text`, PostgreSQL's `tsvector` filled by a trigger.
    Nothing to do where the units have no `body` (a store that has not yet taken 0201)."""
    from .migrations import (SEARCH_DELETE_TRIGGER, SEARCH_FTS, SEARCH_INSERT_TRIGGER, SEARCH_TEXT_VIEW,
                             SEARCH_TSV_FUNCTION, SEARCH_TSV_TRIGGER)
    if not units_keep_text(store):
        return
    if store.dialect == "sqlite":
        for sql in ("DROP TRIGGER IF EXISTS search_units_ai", "DROP TRIGGER IF EXISTS search_units_ad",
                    "DROP TABLE IF EXISTS search_fts", "ALTER TABLE search_units DROP COLUMN body",
                    SEARCH_TEXT_VIEW, SEARCH_FTS, SEARCH_INSERT_TRIGGER, SEARCH_DELETE_TRIGGER,
                    "INSERT INTO search_fts (search_fts) VALUES ('rebuild')"):
            store.execute(sql)
        from .compact import analyze
        analyze(store, ("search_units", "search_fts_data", "search_fts_idx", "search_fts_docsize", "search_fts_config"))
    else:
        for sql in ("ALTER TABLE search_units ALTER COLUMN tsv DROP EXPRESSION",
                    "ALTER TABLE search_units DROP COLUMN body", SEARCH_TSV_FUNCTION, SEARCH_TSV_TRIGGER):
            store.execute(sql)


# -- the query language --------------------------------------------------------------

def parse_query(text: str) -> list[tuple[str, str]]:
    """'a "b c" or d -e' -> [('and','a'), ('and','b c'), ('or','d'), ('not','e')]."""
    out: list[tuple[str, str]] = []
    pending = "and"
    for tok in _TOKEN.findall(text or ""):
        if tok.lower() == "or" and out:
            pending = "or"
            continue
        op = pending
        if tok.startswith("-") and len(tok) > 1:
            op, tok = "not", tok[1:]
        words = " ".join(re.findall(r"\w+", tok.strip('"')))
        if words:
            out.append((op, words))
        pending = "and"
    if len(out) > MAX_TERMS:
        raise StoreError(Errors.P416.format(what=f"the search text of {len(out)} terms", bounds=f"at most {MAX_TERMS}",
                                            fix="use fewer words, phrases and `or` alternatives"))
    if not any(op != "not" for op, _ in out):
        raise StoreError(Errors.P014.format(text=text))
    return out


def fts5_query(terms: list[tuple[str, str]]) -> str:
    """The FTS5 MATCH expression for parsed terms (each term quoted, so never a syntax error)."""
    expr = ""
    for op, words in terms:
        if op == "not":
            continue
        phrase = '"' + words.replace('"', '""') + '"'
        expr = phrase if not expr else expr + (" OR " if op == "or" else " AND ") + phrase
    for op, words in terms:
        if op == "not":
            expr = f'({expr}) NOT "' + words.replace('"', '""') + '"'
    return expr


def websearch_text(terms: list[tuple[str, str]]) -> str:
    """The same terms for PostgreSQL's websearch_to_tsquery."""
    parts = []
    for op, words in terms:
        word = f'"{words}"' if " " in words else words
        parts.append({"and": "", "or": "or ", "not": "-"}[op] + word)
    return " ".join(parts)


# -- querying --------------------------------------------------------------------------

# More matches than this: the newest RANKED (by unit id) are ranked; bm25 over all takes seconds.
RANKED = 5000


@dataclass(frozen=True)
class SearchQuery:
    """One search as the CLI, the web, the API and both stores read it. `actor`: a name, its
    last word or a registry id in the hit's sentence, or an attribution hit's speaker;
    `event_type`: a PLOVER type coded in the sentence; `kind`: attribution kind; `outlet`;
    `date_from`/`date_to`: publication dates (inclusive); `place` (a name) and `country`
    (ISO3): the hit's article names that place / a place in that country."""

    text: str
    actor: str | None = None
    event_type: str | None = None
    kind: str | None = None
    outlet: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    limit: int = 50
    offset: int = 0
    place: str | None = None
    country: str | None = None

    def check(self) -> None:
        check_bounds(self.text, self.limit, self.offset)

    def page(self, limit: int, offset: int) -> "SearchQuery":
        return replace(self, limit=limit, offset=offset)

    def filters(self, articles: bool = True) -> tuple[str, list]:
        """' AND ...' conditions on u (search_units) and a (articles), and their parameters;
        articles=False: the unit conditions only."""
        where, params = _filters(self.actor, self.event_type, self.kind, None, None, None)
        near, near_params = places.filter_sql(self.place, self.country)
        where, params = where + near, params + near_params
        if not articles:
            return where, params
        clauses, more = _article_filters(self.outlet, self.date_from, self.date_to, "a")
        return where + "".join(" AND " + c for c in clauses), params + more


def search(store, query: SearchQuery) -> list[SearchHit]:
    """Search hits, best first.

    1. parse the query (words, "phrases", or, -not) and the filters
    2. rank the matching units in the backend's full-text index (the newest RANKED matches
       that pass the filters when there are more)
    3. fetch each hit's article, sentence, speaker and story, and mark the matched words;
       a sentence found both as text and as a quote's content is one hit (the quote)
    """
    query.check()
    terms = parse_query(query.text)                                             # 1
    window = _window(query.limit, query.offset)
    if store.dialect == "sqlite":                                               # 2
        ranked = _rank_sqlite(store, fts5_query(terms), query, window)
    else:
        where, params = query.filters()
        ranked = _rank_postgres(store, websearch_text(terms), where, params, window)
    return _one_per_sentence(_hits(store, ranked))[query.offset:query.offset + query.limit]    # 3


_FTS_FROM = ("FROM search_fts JOIN search_units u ON u.id = search_fts.rowid "
             "JOIN articles a ON a.uid = u.article_uid WHERE search_fts MATCH ?")


# Date/outlet filters keeping at most this many units: a set of unit ids, not each match's article.
ARTICLE_UNITS = 200_000


def _article_units(store, query: "SearchQuery") -> tuple[str, list, int] | None:
    """(' AND +search_fts.rowid IN (...)', its parameters, how many units): the units of the
    articles the date and outlet filters keep, where they are few; else None."""
    clauses, params = _article_filters(query.outlet, query.date_from, query.date_to, "a2")
    if not clauses:
        return None
    units = ("SELECT u2.id FROM articles a2 JOIN search_units u2 ON u2.article_uid = a2.uid WHERE "
             + " AND ".join(clauses))
    n = store.query(f"SELECT COUNT(*) AS n FROM ({units} LIMIT ?) x", [*params, ARTICLE_UNITS + 1])[0]["n"]
    if n > ARTICLE_UNITS:
        return None
    # unary +: the ids filter the matches; FTS5 is not asked to look each one up
    return f" AND +search_fts.rowid IN ({units})", params, n


def _rank_sqlite(store, match: str, query: SearchQuery, window: int) -> list[dict]:
    """(unit, score, marked) of the best `window` matches among the newest RANKED."""
    units = _article_units(store, query)
    where, params = query.filters(articles=units is None)
    if units:
        where, params = where + units[0], params + units[1]
    ranked = max(RANKED, window)
    bound: list = []
    if units is None or units[2] > ranked:
        # the article join only where a condition reads it
        needs_a = re.search(r"\ba\.", where) is not None
        joins = (" JOIN search_units u ON u.id = search_fts.rowid" if needs_a or re.search(r"\bu\.", where) else "") + \
                (" JOIN articles a ON a.uid = u.article_uid" if needs_a else "")
        newest = [r["id"] for r in store.query(f"SELECT search_fts.rowid AS id FROM search_fts{joins} WHERE "
                                               f"search_fts MATCH ?{where} ORDER BY id DESC LIMIT ?",
                                               [match, *params, ranked])]
        if not newest:
            return []
        if len(newest) == ranked:
            bound = [" AND search_fts.rowid >= ?", newest[-1]]
        elif where:
            # fewer pass the filters: these are the units to rank, their filters are not tested again
            # (a selective filter on a common word tested every match twice: 2.4 s at 100k articles)
            where, params = " AND +search_fts.rowid IN (SELECT value FROM json_each(?))", [json.dumps(newest)]
    sql = ("SELECT u.id AS unit, -bm25(search_fts) AS score, highlight(search_fts, 0, ?, ?) AS marked "
           f"{_FTS_FROM}{where}{bound[0] if bound else ''} "
           "ORDER BY score DESC, a.published, u.article_uid, u.start_char LIMIT ?")
    return store.query(sql, [MARK_START, MARK_END, match, *params, *bound[1:], window])


def _rank_postgres(store, text: str, where: str, params: list, window: int) -> list[dict]:
    """The same on PostgreSQL: the newest RANKED matches ranked, headlines for the window only."""
    matches = ("FROM search_units u JOIN articles a ON a.uid = u.article_uid, "
               "websearch_to_tsquery('english', ?) AS q(query) WHERE u.tsv @@ q.query" + where)
    newest = f"SELECT u.id, u.tsv, q.query {matches} ORDER BY u.id DESC LIMIT ?"
    ranked = (f"SELECT n.id, ts_rank_cd(n.tsv, n.query) AS score, n.query FROM ({newest}) n")
    sql = ("SELECT r.id AS unit, r.score AS score, ts_headline('english', SUBSTR(a.text, u.start_char + 1, u.end_char - u.start_char), r.query, ?) AS marked "
           f"FROM ({ranked}) r JOIN search_units u ON u.id = r.id JOIN articles a ON a.uid = u.article_uid "
           "ORDER BY r.score DESC, a.published, u.article_uid, u.start_char LIMIT ?")
    opts = f'HighlightAll=true, StartSel="{MARK_START}", StopSel="{MARK_END}"'
    return store.query(sql, [opts, text, *params, max(RANKED, window), window])


def escape_like(text: str) -> str:
    """`text` matched literally inside a LIKE pattern with ESCAPE '\\' (% and _ are wildcards)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _window(limit: int, offset: int) -> int:
    """Rows to rank for one page: a sentence can match twice (as text and as a quote)."""
    return 2 * (limit + offset) + 10


def _one_per_sentence(hits: list[SearchHit]) -> list[SearchHit]:
    """Hits with the same article and sentence merged: the quote's hit, at the best rank."""
    best: dict[tuple, int] = {}
    out: list[SearchHit] = []
    for h in hits:
        key = (h.article_uid, h.sentence_span)
        if key not in best:
            best[key] = len(out)
            out.append(h)
        elif h.source == "attribution" and out[best[key]].source == "article":
            out[best[key]] = replace(h, score=max(h.score, out[best[key]].score))
    return out


def _filters(actor, event_type, kind, outlet, date_from, date_to) -> tuple[str, list]:
    where: list[str] = []
    params: list = []
    if actor:
        who = "(LOWER(ac.name) = ? OR LOWER(ac.name) LIKE ? ESCAPE '\\' OR ac.registry_id = ?)"
        who_params = [actor.lower(), "% " + escape_like(actor.lower()), actor]
        where.append(
            "((u.source = 'article' AND EXISTS (SELECT 1 FROM mentions m JOIN actors ac ON ac.uid = m.actor_uid "
            f"WHERE m.article_uid = u.article_uid AND m.start_char >= u.sent_start AND m.end_char <= u.sent_end AND {who}))"
            " OR (u.source = 'attribution' AND EXISTS (SELECT 1 FROM attributions q JOIN actors ac "
            f"ON ac.uid = q.speaker_uid WHERE q.uid = u.attribution_uid AND {who})))")
        params += who_params * 2
    if event_type:
        where.append("EXISTS (SELECT 1 FROM events e WHERE e.article_uid = u.article_uid AND e.type = ? "
                     "AND e.sent_start < u.sent_end AND e.sent_end > u.sent_start)")
        params.append(event_type.upper())
    if kind:
        where.append("u.kind = ?")
        params.append(kind.lower())
    article, article_params = _article_filters(outlet, date_from, date_to, "a")
    return "".join(" AND " + w for w in where + article), params + article_params


def _article_filters(outlet, date_from, date_to, alias: str) -> tuple[list[str], list]:
    """Conditions on the article (outlet, publication dates) and their parameters."""
    where: list[str] = []
    params: list = []
    if outlet:
        # the outlets spelled as asked, any case: then the (outlet, published) index finds the articles
        where.append(f"{alias}.outlet IN (SELECT DISTINCT ao.outlet FROM articles ao WHERE LOWER(ao.outlet) = ?)")
        params.append(outlet.lower())
    if date_from:
        where.append(f"{alias}.published >= ?")
        params.append(parse_date(date_from, "date_from").isoformat())
    if date_to:
        where.append(f"{alias}.published < ?")
        params.append((parse_date(date_to, "date_to") + timedelta(days=1)).isoformat())
    return where, params


def _hits(store, ranked: list[dict]) -> list[SearchHit]:
    if not ranked:
        return []
    marks = ", ".join("?" for _ in ranked)
    rows = {r["id"]: r for r in store.query(
        "SELECT u.id, u.article_uid, u.source, u.attribution_uid, u.kind, u.start_char, u.sent_start, "
        "u.sent_end, SUBSTR(a.text, u.sent_start + 1, u.sent_end - u.sent_start) AS sentence, "
        "a.id AS article_id, a.title, a.published, a.outlet, sp.name AS speaker, sa.story_id "
        "FROM search_units u JOIN articles a ON a.uid = u.article_uid "
        "LEFT JOIN attributions q ON q.uid = u.attribution_uid LEFT JOIN actors sp ON sp.uid = q.speaker_uid "
        f"LEFT JOIN story_articles sa ON sa.article_uid = u.article_uid WHERE u.id IN ({marks})",
        [r["unit"] for r in ranked])}
    return [_hit(rows[r["unit"]], r["marked"] or "", float(r["score"] or 0.0)) for r in ranked]


def _hit(r: dict, marked: str, score: float) -> SearchHit:
    offset = r["start_char"]
    matches = tuple((offset + s, offset + e) for s, e in _marked_spans(marked))
    span = (r["sent_start"], r["sent_end"])
    return SearchHit(
        article_uid=r["article_uid"], article_id=r["article_id"], title=r["title"],
        published=r["published"], outlet=r["outlet"], source=r["source"],
        attribution_id=r["attribution_uid"].split(":", 1)[1] if r["attribution_uid"] else None,
        sentence=r["sentence"], sentence_span=span, snippet=snippet(r["sentence"], span[0], matches),
        score=round(score, 6), matches=matches, kind=r["kind"], speaker=r["speaker"],
        story_id=r["story_id"])


def _marked_spans(marked: str) -> list[Span]:
    """Spans of the text between the markers, in the unmarked text's coordinates."""
    spans, pos, start = [], 0, None
    for ch in marked:
        if ch == MARK_START:
            start = pos
        elif ch == MARK_END and start is not None:
            spans.append((start, pos))
            start = None
        else:
            pos += 1
    return spans


def snippet(sentence: str, sentence_start: int, matches: tuple[Span, ...]) -> str:
    """The sentence with matches in «»; a long one is cut around its first match."""
    rel: list[list[int]] = []
    for s, e in sorted(matches):
        s, e = s - sentence_start, e - sentence_start
        if 0 <= s and e <= len(sentence):
            if rel and s >= rel[-1][1] and not sentence[rel[-1][1]:s].strip():
                rel[-1][1] = e          # «peace» «talks» -> «peace talks»
            else:
                rel.append([s, e])
    lo, hi = 0, len(sentence)
    if hi > SNIPPET_CHARS:
        first = rel[0][0] if rel else 0
        lo = max(0, min(first - SNIPPET_CHARS // 3, hi - SNIPPET_CHARS))
        hi = min(hi, lo + SNIPPET_CHARS)
    out, pos = [], lo
    for s, e in rel:
        if s < pos or e > hi:
            continue
        out += [sentence[pos:s], SNIPPET_MARKS[0], sentence[s:e], SNIPPET_MARKS[1]]
        pos = e
    out.append(sentence[pos:hi])
    text = " ".join("".join(out).split())
    return ("… " if lo > 0 else "") + text + (" …" if hi < len(sentence) else "")
