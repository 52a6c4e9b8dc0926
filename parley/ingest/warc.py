"""WARC files: HTTP response records with HTML bodies become HTML inputs."""
from __future__ import annotations

import io
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from ..records import RawItem, Rejection
from .html import decode_html


def read_warc(data: bytes, stem: str, source: str) -> Iterator[RawItem | Rejection]:
    n = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            n += 1
            uri = record.rec_headers.get_header("WARC-Target-URI")
            ident = f"{stem}:{n}"
            where = f"{source}#{n}"
            ctype = (record.http_headers.get_header("Content-Type") or "") if record.http_headers else ""
            if "html" not in ctype.lower():
                yield Rejection(ident, where, "not_html",
                                f"response for {uri} has Content-Type {ctype or 'none'!r}; "
                                "only HTML pages are articles")
                continue
            body = record.content_stream().read()
            if not body.strip():
                yield Rejection(ident, where, "empty", f"response for {uri} has an empty body")
                continue
            yield RawItem(id=ident, source=where, kind="html", content=decode_html(body), url=uri)
    except (ArchiveLoadFailed, ValueError, OSError) as exc:
        yield Rejection(f"{stem}:{n + 1}", f"{source}#{n + 1}", "bad_warc",
                        f"{source} could not be read past record {n} ({exc}); "
                        "check the file is a complete WARC (gzip per record or plain)")
