"""The search page over `Store.search` (full text over articles and statements)."""
from __future__ import annotations

from ..store import SQLStore
from . import queries as Q
from .views import ArticleRef, SearchPage, SearchResult


def search_page(store: SQLStore, q: str, *, actor: str | None, event_type: str | None,
                kind: str | None, outlet: str | None, date_from: str | None, date_to: str | None,
                limit: int, offset: int) -> SearchPage:
    """Hits of `q` with the filters; one more than `limit` is asked for to know if more follow."""
    hits = []
    if q.strip():
        hits = store.search(q, actor=actor, event_type=event_type, kind=kind, outlet=outlet,
                            date_from=date_from, date_to=date_to, limit=limit + 1, offset=offset)
    results = tuple(SearchResult(
        article=ArticleRef(uid=h.article_uid, id=h.article_id, title=h.title, published=h.published,
                           outlet=h.outlet),
        source=h.source, attribution_id=h.attribution_id, sentence=h.sentence,
        sentence_start=h.sentence_span[0] if h.sentence_span else None, snippet=h.snippet,
        score=float(h.score)) for h in hits[:limit])
    return SearchPage(q=q, total=offset + len(hits), offset=offset, limit=limit, results=results,
                      outlets=tuple(Q.outlets(store)))
