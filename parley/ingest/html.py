"""HTML pages -> article body and metadata, through trafilatura."""
from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from .dates import normalise_date
from .encoding import Binary, Decoded, decode

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
    """HTML bytes -> str in the encoding found (BOM, UTF-8, the declared charset, detected)."""
    return decode_page(data).text


def decode_page(data: bytes) -> Decoded:
    """HTML bytes -> text and encoding; bytes that are no text decode as cp1252 with
    replacement characters (trafilatura then finds no article in them)."""
    try:
        return decode(data, html=True)
    except Binary:
        return Decoded(data.decode("cp1252", "replace"), "binary (cp1252 with replacement)")
