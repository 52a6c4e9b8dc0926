"""HTML pages -> article body and metadata, through trafilatura."""
from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from .dates import normalise_date

# trafilatura logs every page it finds no body in; Parley reports those as rejections.


# Dates only from the page's metadata and markup: a guessed date ("Copyright 2014" in a
# footer) is worse than none, since --published then fills in.
DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    title: str | None
    published: str | None
    authors: tuple[str, ...]
    outlet: str | None
    url: str | None


def extract_html(html: str, url: str | None = None, favor_precision: bool = True) -> HtmlArticle | None:
    """The main text of a page with its metadata, or None when no article body is found."""
    doc = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True,
        favor_precision=favor_precision, deduplicate=False,
        date_extraction_params=DATE_PARAMS)
    if doc is None or not (doc.text or "").strip():
        return None
    authors = tuple(a.strip() for a in (doc.author or "").split(";") if a.strip())
    return HtmlArticle(text=doc.text.strip(), title=doc.title or None,
                       published=normalise_date(doc.date), authors=authors,
                       outlet=doc.sitename or None, url=doc.url or url)


def decode_html(data: bytes) -> str:
    """HTML bytes -> str: UTF-8 when valid, else the charset the page declares, else cp1252."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    head = data[:4096].decode("ascii", "ignore").lower()
    idx = head.find("charset=")
    if idx >= 0:
        cs = head[idx + 8:].lstrip("\"' ").split("\"")[0].split("'")[0].split(";")[0].split(">")[0]
        try:
            return data.decode(cs.strip() or "cp1252", "replace")
        except LookupError:
            pass
    return data.decode("cp1252", "replace")
