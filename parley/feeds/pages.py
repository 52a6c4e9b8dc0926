"""`parley fetch URL...`: one-off downloads of article pages through the same polite Fetcher
as `parley watch` (robots.txt, per-host rate limit, timeouts, retries), then the pipeline.

    1. fetch each URL (a FetchError becomes a rejection: robots_disallowed or fetch_failed)
    2. HTML pages go through trafilatura, text/plain through the text cleaner; any other
       content type is a not_html rejection
    3. run the pipeline over the articles, in URL order
"""
from __future__ import annotations

from collections.abc import Iterator

from ..ingest import to_article
from ..ingest.files import Unreadable, decode_text
from ..ingest.html import decode_html
from ..pipeline import Pipeline
from ..records import Article, Extraction, RawItem, Rejection
from ..settings import Settings
from .fetch import Fetcher, FetchError
from .watch import is_html, page_id

TEXT_TYPES = ("text/plain",)


def fetch_pages(urls: list[str], settings: Settings, fetcher: Fetcher | None = None,
                pipeline: Pipeline | None = None) -> Iterator[Extraction | Rejection]:
    """An Extraction or a Rejection per URL, in order."""
    own = fetcher is None
    fetcher = fetcher or Fetcher(settings)
    try:
        cleaned = [_page(url, fetcher, settings) for url in urls]                     # 1-2
    finally:
        if own:
            fetcher.close()
    yield from (pipeline or Pipeline(settings)).run_articles(cleaned)                 # 3


def _page(url: str, fetcher: Fetcher, settings: Settings) -> Article | Rejection:
    pid = page_id(url)
    try:
        got = fetcher.get(url)
    except FetchError as exc:
        reason = "robots_disallowed" if exc.reason == "disallowed" else "fetch_failed"
        return Rejection(pid, url, reason, f"{exc.reason}: {exc.detail}")
    kind = got.content_type.split(";")[0].strip().lower()
    if is_html(got.content_type, got.body):
        raw = RawItem(id=pid, source=url, kind="html", content=decode_html(got.body), url=got.url,
                      published=settings.published)
    elif kind in TEXT_TYPES:
        try:
            text = decode_text(got.body, url)
        except Unreadable as exc:
            return Rejection(pid, url, exc.reason, exc.detail)
        raw = RawItem(id=pid, source=url, kind="text", content=text, url=got.url)
    else:
        return Rejection(pid, url, "not_html", f"{url} is {got.content_type or 'of no stated type'}, "
                                               "not an HTML page or plain text")
    return to_article(raw, settings)
