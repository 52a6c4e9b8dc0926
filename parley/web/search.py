"""The search page over `Store.search` (full text over article sentences and statements)."""
from __future__ import annotations

from ..store import SQLStore
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


def search_page(store: SQLStore, q: str, *, actor: str | None, event_type: str | None,
                kind: str | None, outlet: str | None, date_from: str | None, date_to: str | None,
                limit: int, offset: int, place: str | None = None, country: str | None = None) -> SearchPage:
    """Hits of `q` with the filters, best first; one more than `limit` is asked for, to
    know whether a next page exists."""
    hits = []
    if q.strip():
        hits = store.search(q, actor=actor, event_type=event_type, kind=kind, outlet=outlet,
                            date_from=date_from, date_to=date_to, limit=limit + 1, offset=offset,
                            place=place, country=country)
    return SearchPage(q=q, total=offset + len(hits), offset=offset, limit=limit,
                      results=tuple(_result(h) for h in hits[:limit]), outlets=tuple(Q.outlets(store)))
