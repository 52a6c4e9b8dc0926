"""Inputs -> RawItems -> Articles (or Rejections with their reasons).

Two stages:

1. `iter_raw(paths)`: files and folders become RawItems (one per text file, HTML page,
   JSONL line or WARC response); what cannot be read becomes a Rejection.
2. `to_article(raw, settings)`: a RawItem becomes a clean Article: scraped text is
   cleaned (`text.clean_text`), HTML goes through trafilatura, JSONL text is verbatim.
"""
from __future__ import annotations

import os
import re
from dataclasses import replace
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..bounds import MAX_DOCUMENT_WORDS, too_many_words
from ..language import accepted as language_accepted
from ..language import allowed_languages
from ..language import detect as detect_language
from ..records import Article, RawItem, Rejection
from ..settings import Settings
from .dates import normalise_date
from .files import Unreadable, decode_text, expand, format_of, gunzip_if_named, read_bytes, stem_of
from .html import extract_html
from .jsonl import read_jsonl
from .text import LONG_LINE_WORDS, PROSE_MIN_WORDS, clean_text
from .warc import read_warc

__all__ = ["iter_raw", "raw_from_bytes", "to_article", "read_articles"]
_PROSE_END = re.compile(r"[.!?:;\"'”’)\]…。！？」]$")
# A line this long that ends like a sentence is prose even without spaces (Japanese, Chinese).
PROSE_MIN_CHARS = 40


def iter_raw(paths: Iterable[str | os.PathLike]) -> Iterator[RawItem | Rejection]:
    for path in expand(list(paths)):
        yield from _read_file(path)


def _read_file(path: Path) -> Iterator[RawItem | Rejection]:
    try:
        data = read_bytes(path) if format_of(path) is not None else b""
    except Unreadable as exc:
        yield Rejection(stem_of(path), str(path), exc.reason, exc.detail)
        return
    yield from raw_from_bytes(path, data, decompressed=True)


def raw_from_bytes(name: str | os.PathLike, data: bytes, decompressed: bool = False) -> Iterator[RawItem | Rejection]:
    """The RawItems of one file's bytes; `name` is its local path or URL (as Spark's
    binaryFiles gives it) and becomes the source. `decompressed`: .gz content was unpacked."""
    path, source = Path(name), str(name)
    stem, fmt = stem_of(path), format_of(path)
    if fmt is None:
        yield Rejection(stem, source, "unsupported_format",
                        f"{path.name}: unknown extension; Parley reads .txt, .html, .htm, "
                        ".html.gz, .jsonl, .warc and .warc.gz")
        return
    try:
        if fmt == "warc":             # gzip or not, read record by record (a truncated file keeps its whole records)
            yield from read_warc(data, stem, source)
            return
        if not decompressed:
            data = gunzip_if_named(path, data)
        decoded = decode_text(data, source, html=fmt == "html")
    except Unreadable as exc:
        yield Rejection(stem, source, exc.reason, exc.detail)
        return
    if fmt == "jsonl":
        yield from read_jsonl(decoded.text, source)     # texts given as JSON strings: no encoding
    else:
        yield RawItem(id=stem, source=source, kind=fmt, content=decoded.text, encoding=decoded.encoding)


def to_article(raw: RawItem, settings: Settings) -> Article | Rejection:
    """Clean one RawItem; the publication date falls back to settings.published."""
    published = normalise_date(raw.published)
    if raw.kind == "html":
        page = extract_html(raw.content, raw.url, settings.html_favor_precision)
        if page is None:
            return Rejection(raw.id, raw.source, "no_article_body",
                             "trafilatura found no article body in this page (navigation, "
                             "a login wall or a media page?)")
        art = Article(id=raw.id, text=page.text, source=raw.source,
                      title=raw.title or page.title, url=raw.url or page.url,
                      published=published or page.published or settings.published,
                      outlet=raw.outlet or page.outlet, authors=page.authors, encoding=raw.encoding)
    elif raw.verbatim:
        art = Article(id=raw.id, text=raw.content, source=raw.source, title=raw.title,
                      url=raw.url, published=published or settings.published, outlet=raw.outlet,
                      encoding=raw.encoding)
    else:
        clean = clean_text(raw.content)
        art = Article(id=raw.id, text=clean.text, source=raw.source,
                      title=raw.title or clean.title, url=raw.url,
                      published=published or settings.published, outlet=raw.outlet,
                      authors=clean.authors, encoding=raw.encoding)
    if not art.text.strip():
        return Rejection(raw.id, raw.source, "empty", "no text is left after cleaning")
    if len(art.text) > settings.max_chars:
        return Rejection(raw.id, raw.source, "too_long",
                         f"{len(art.text)} characters, more than max_chars={settings.max_chars}; "
                         "split the document or raise PARLEY_MAX_CHARS")
    words = too_many_words(art.text)
    if words is not None:
        return Rejection(raw.id, raw.source, "too_long",
                         f"a paragraph of {words:,} words, more than one may hold ({MAX_DOCUMENT_WORDS:,}: "
                         "the bound that keeps parsing it near 20 s and 0.5 GB); split it into paragraphs")
    lang = detect_language(art.text)
    if not language_accepted(lang, allowed_languages(settings.languages)):
        return Rejection(raw.id, raw.source, "language",
                         f"the text is in {lang.name} ({lang.code}); "
                         f"Parley processes {settings.languages} (setting languages, PARLEY_LANGUAGES)")
    if not raw.verbatim and not has_prose(art.text):
        return Rejection(raw.id, raw.source, "no_article_body",
                         f"no sentence of prose is left after cleaning ({art.text[:60]!r}): "
                         "a navigation page, a menu or a caption?")
    return replace(art, language=lang.code)


def has_prose(text: str) -> bool:
    """Some line reads as a sentence: at least PROSE_MIN_WORDS words ending in sentence
    punctuation, or LONG_LINE_WORDS words whatever its end (as text.clean_text reads prose)."""
    for line in text.splitlines():
        words = len(line.split())
        ends = _PROSE_END.search(line.rstrip())
        if words >= LONG_LINE_WORDS or (ends and (words >= PROSE_MIN_WORDS or len(line.strip()) >= PROSE_MIN_CHARS)):
            return True
    return False


def read_articles(paths: Iterable[str | os.PathLike], settings: Settings) -> Iterator[Article | Rejection]:
    for item in iter_raw(paths):
        yield item if isinstance(item, Rejection) else to_article(item, settings)
