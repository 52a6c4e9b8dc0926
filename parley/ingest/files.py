"""Reading bytes from disk: formats by extension, binary and encoding checks."""
from __future__ import annotations

import gzip
import os
from pathlib import Path

from ..errors import InputNotFound

FORMATS = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".html.gz": "html", ".htm.gz": "html",
    ".jsonl": "jsonl", ".jsonl.gz": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".warc.gz": "warc",
}
# A text with more than this share of control characters is not text.
CONTROL_SHARE_LIMIT = 0.05
_CONTROL_OK = {9, 10, 12, 13}


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
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable("unreadable", f"cannot read {path}: {exc.strerror}") from None
    return gunzip_if_named(path, data)


def gunzip_if_named(path: Path, data: bytes) -> bytes:
    """Unpack `data` when the file name ends in .gz."""
    if path.name.lower().endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise Unreadable("bad_gzip", f"{path} is not valid gzip ({exc}); "
                             "recompress it or drop the .gz extension") from None
    return data


def decode_text(data: bytes, where: str) -> str:
    """Strict UTF-8 with checks for emptiness and binary content."""
    if not data.strip():
        raise Unreadable("empty", f"{where} is empty (no text after whitespace is removed)")
    if b"\x00" in data[:65536] or _control_share(data[:65536]) > CONTROL_SHARE_LIMIT:
        raise Unreadable("binary", f"{where} looks binary (NUL or control bytes), not text; "
                         "give text, HTML, JSONL or WARC files")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable("undecodable",
                         f"{where} is not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset "
                         f"{exc.start}); re-encode it, e.g. `iconv -f latin1 -t utf-8`") from None
    return text


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 32 and b not in _CONTROL_OK)
    return bad / len(sample)
