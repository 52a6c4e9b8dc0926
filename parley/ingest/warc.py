"""WARC files: HTTP response records with HTML bodies become HTML inputs."""
from __future__ import annotations

import io
import zlib
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..records import RawItem, Rejection
from .html import decode_page

# Bytes after the last whole record that are still not a truncated record (line ends).
TRAILING_BYTES = 4


def read_warc(data: bytes, stem: str, source: str) -> Iterator[RawItem | Rejection]:
    """The response records of a WARC file (gzipped per record or plain); a file that ends
    inside a record (truncated) keeps its whole records and rejects the rest as bad_warc."""
    n = 0
    records = ArchiveIterator(io.BytesIO(data))
    try:
        for record in records:
            if record.rec_type != "response":
                continue
            n += 1
            yield _item(record, stem, source, n)
    except (ArchiveLoadFailed, ValueError, OSError, EOFError, zlib.error) as exc:
        yield _bad(stem, source, n, str(exc))
        return
    if len(data) - getattr(records, "offset", len(data)) > TRAILING_BYTES:
        yield _bad(stem, source, n, f"the file ends inside a record, {len(data) - records.offset:,} "
                                    "bytes before its end (truncated)")


def _item(record, stem: str, source: str, n: int) -> RawItem | Rejection:
    uri = record.rec_headers.get_header("WARC-Target-URI")
    ident, where = f"{stem}:{n}", f"{source}#{n}"
    ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
    if "html" not in ctype.lower():
        return Rejection(ident, where, "not_html", f"response for {uri} has Content-Type "
                         f"{ctype or 'none'!r}; only HTML pages are articles")
    body = record.content_stream().read()
    if not body.strip():
        return Rejection(ident, where, "empty", f"response for {uri} has an empty body")
    page = decode_page(body)
    return RawItem(id=ident, source=where, kind="html", content=page.text, url=uri, encoding=page.encoding)


def _bad(stem: str, source: str, n: int, why: str) -> Rejection:
    return Rejection(f"{stem}:{n + 1}", f"{source}#{n + 1}", "bad_warc",
                     f"{source} could not be read past record {n} ({why}); "
                     "check the file is a complete WARC (gzip per record or plain)")
