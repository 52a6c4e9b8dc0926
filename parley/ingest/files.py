"""Reading bytes from disk: formats by extension, binary and encoding checks."""
from __future__ import annotations

import os
import zlib
from pathlib import Path

from ..errors import InputNotFound
from .encoding import Binary, Decoded, decode

FORMATS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".html.gz": "html", ".htm.gz": "html",
    ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".warc.gz": "warc",
}
# One document (.txt, .html) larger than this on disk or once unpacked is rejected as too_long
# before it is read whole: the longest article processed (max_chars, 1,000,000 by default) is
# at most 4 MB of UTF-8, and pages rarely carry more than a few MB of markup around it.
MAX_DOCUMENT_BYTES = 32 * 1024 * 1024
# A .gz file may unpack to at most this (a gzip bomb stops here): containers (JSONL, WARC) too.
MAX_UNPACKED_BYTES = 1024 * 1024 * 1024
SINGLE_DOCUMENT = frozenset({"text", "html"})


class Unreadable(Exception):
    """A file that cannot become text; `reason` is the rejection reason."""

    def __init__(self, reason: str, detail: str):
        super().__init__(detail)
        self.reason = reason
        self.detail = detail


def format_of(path: Path) -> str | None:
    name = path.name.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext):
            return FORMATS[ext]
    return None


def stem_of(path: Path) -> str:
    """The file name without its extensions: 'a.html.gz' -> 'a'."""
    name = path.name
    low = name.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if low.endswith(ext):
            return name[: -len(ext)]
    return path.stem


def expand(paths: list[str | os.PathLike]) -> list[Path]:
    """Files and folders -> files, folders walked recursively in sorted order."""
    out: list[Path] = []
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
        elif path.exists():
            out.append(path)
        else:
            raise InputNotFound(str(p))
    return out


def read_bytes(path: Path) -> bytes:
    """The file's bytes, unpacked when named .gz; a single document larger than
    MAX_DOCUMENT_BYTES is rejected (too_long) from its size, without reading it."""
    single = format_of(path) in SINGLE_DOCUMENT
    try:
        size = path.stat().st_size
        if single and size > MAX_DOCUMENT_BYTES:
            raise _too_long(path, size)
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable("unreadable", f"cannot read {path}: {exc.strerror}") from None
    if format_of(path) != "warc":      # warcio reads gzipped WARC record by record
        data = gunzip_if_named(path, data)
    if single and len(data) > MAX_DOCUMENT_BYTES:
        raise _too_long(path, len(data))
    return data


def _too_long(path: Path, size: int) -> Unreadable:
    return Unreadable("too_long", f"{path} holds {size:,} bytes, more than one document may "
                      f"({MAX_DOCUMENT_BYTES:,} bytes); split it into articles (e.g. a JSONL file)")


def gunzip_if_named(path: Path, data: bytes) -> bytes:
    """Unpack `data` when the file name ends in .gz, at most MAX_UNPACKED_BYTES of it."""
    if not path.name.lower().endswith(".gz"):
        return data
    out, rest = [], data
    total = 0
    try:
        while rest:
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)      # one gzip member
            while not d.eof:
                chunk = d.decompress(rest, 1 << 20)
                rest = d.unconsumed_tail
                total += len(chunk)
                if total > MAX_UNPACKED_BYTES:
                    raise Unreadable("too_long", f"{path} unpacks to more than "
                                     f"{MAX_UNPACKED_BYTES:,} bytes (a gzip bomb?); split it")
                out.append(chunk)
                if not chunk and not rest:
                    raise EOFError("the file ends before its compressed data does (truncated)")
            rest = d.unused_data.lstrip(b"\x00")
    except (zlib.error, EOFError) as exc:
        raise Unreadable("bad_gzip", f"{path} is not valid gzip ({exc}); "
                         "recompress it or drop the .gz extension") from None
    return b"".join(out)


def decode_text(data: bytes, where: str, html: bool = False) -> Decoded:
    """Text in any common encoding (see encoding.py), the encoding found with it; empty
    text and binary content are Unreadable. NUL bytes left in text are dropped."""
    try:
        decoded = decode(data, html=html)
    except Binary as exc:
        raise Unreadable("binary", f"{where} looks binary ({exc}), not text in any common "
                         "encoding; give text, HTML, JSONL or WARC files") from None
    if "\x00" in decoded.text:
        decoded = Decoded(decoded.text.replace("\x00", ""), decoded.encoding + " (NUL removed)")
    if not decoded.text.strip():
        raise Unreadable("empty", f"{where} is empty (no text after whitespace is removed)")
    return decoded
