"""The search page over `Store.search` (full text over article sentences and statements)."""
from __future__ import annotations

from ..store import SQLStore
from ..store.search import SearchQuery
from . import queries as Q
from .views import ArticleRef, SearchPage, SearchResult


def _result(h) -> SearchResult:
    start, end = h.sentence_span
    matches = tuple((s - start, e - start) for s, e in getattr(h, "matches", ()) if start <= s and e <= end)
    return SearchResult(
        article=ArticleRef(uid=h.article_uid, id=h.article_id, title=h.title, published=h.published,
                           outlet=h.outlet),
        source=h.source, attribution_id=h.attribution_id, kind=getattr(h, "kind", None),
        speaker=getattr(h, "speaker", None), sentence=h.sentence, sentence_start=start,
        matches=matches, snippet=h.snippet, score=float(h.score))


def search_page(store: SQLStore, query: SearchQuery) -> SearchPage:
    """Hits of the query, best first; one more than its limit is asked for, to know whether
    a next page exists."""
    hits = []
    if query.text.strip():
        hits = store.search(query.page(query.limit + 1, query.offset))
    return SearchPage(q=query.text, total=query.offset + len(hits), offset=query.offset, limit=query.limit,
                      results=tuple(_result(h) for h in hits[:query.limit]), outlets=tuple(Q.outlets(store)))
