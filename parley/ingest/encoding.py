"""Bytes -> text in whatever common encoding they are in, and the encoding found.

1. a byte-order mark decides: UTF-32 (LE/BE), UTF-8, UTF-16 (LE/BE);
2. UTF-16/UTF-32 without a mark show as NUL bytes in every other (every fourth) place;
3. valid UTF-8 is UTF-8 (ASCII included);
4. an HTML page's declared charset (<meta charset>) is taken when it decodes the page;
5. what is left is binary when it holds many NUL or control bytes, else
   charset-normalizer names the encoding (cp1252, latin-1, cp1251, Shift-JIS, ...) from a
   sample; mostly-UTF-8 text with a few broken bytes stays UTF-8 with those bytes replaced.

Only bytes that are none of these (images, archives, executables) are rejected as binary.
"""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

# A text with more than this share of NUL and other control bytes is not text.
CONTROL_SHARE_LIMIT = 0.05
# Bytes looked at to recognise an encoding (the whole text is then decoded with it).
SAMPLE_BYTES = 65536
# Mostly UTF-8: at most this share of the bytes are invalid, and some multi-byte characters are valid.
UTF8_BROKEN_SHARE = 0.01
# At most this share of a text's letters above 0x7F: a Western text in a single-byte code page.
WESTERN_HIGH_SHARE = 0.3
_CONTROL_OK = frozenset({9, 10, 12, 13})
_BOMS = (  # longest first: the UTF-32 LE mark starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I)


class Binary(ValueError):
    """The bytes are not text in any encoding Parley recognises."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str          # e.g. "utf-8", "utf-16-le (BOM)", "cp1252", "utf-8 (3 bytes replaced)"


def decode(data: bytes, html: bool = False) -> Decoded:
    """The text of `data` and its encoding; raises Binary for bytes that are no text."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom):], codec, f"{codec} (BOM)")
    wide = _wide_encoding(data[:SAMPLE_BYTES])
    if wide:
        return _decode(data, wide, wide)
    if control_share(data[:SAMPLE_BYTES]) > CONTROL_SHARE_LIMIT:
        raise Binary("NUL or control bytes")     # valid UTF-8 as bytes, but no text
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _declared_charset(data[:4096])
        if declared:
            try:
                return Decoded(data.decode(declared), declared)
            except (UnicodeDecodeError, LookupError):
                pass
    if control_share(data[:SAMPLE_BYTES]) > CONTROL_SHARE_LIMIT:
        raise Binary("NUL or control bytes")
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return mostly
    return _detected(data)


def control_share(sample: bytes) -> float:
    """The share of control bytes (NUL included) other than tab, newlines and form feed."""
    if not sample:
        return 0.0
    bad = len(sample) - len(sample.translate(None, bytes(b for b in range(32) if b not in _CONTROL_OK)))
    return bad / len(sample)


def _decode(data: bytes, codec: str, label: str) -> Decoded:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        text = data.decode(codec, "replace")
        label += " (invalid bytes replaced)"
    if control_share(text[:SAMPLE_BYTES].encode("utf-8", "replace")) > CONTROL_SHARE_LIMIT:
        raise Binary(f"control characters once decoded as {codec}")
    return Decoded(text, label)


def _wide_encoding(sample: bytes) -> str | None:
    """UTF-32 or UTF-16 without a mark: ASCII-range text leaves NULs in fixed places."""
    n = len(sample) - len(sample) % 4
    if n < 8:
        return None
    zeros = [sum(1 for i in range(k, n, 4) if sample[i] == 0) / (n // 4) for k in range(4)]
    if zeros[1] > 0.9 and zeros[2] > 0.9 and zeros[3] > 0.9 and zeros[0] < 0.5:
        return "utf-32-le"
    if zeros[0] > 0.9 and zeros[1] > 0.9 and zeros[2] > 0.9 and zeros[3] < 0.5:
        return "utf-32-be"
    even, odd = (zeros[0] + zeros[2]) / 2, (zeros[1] + zeros[3]) / 2
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def _declared_charset(head: bytes) -> str | None:
    m = _CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _mostly_utf8(data: bytes) -> Decoded | None:
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    multibyte = sum(1 for ch in text[:SAMPLE_BYTES] if ord(ch) > 127 and ch != "\ufffd")
    if multibyte and broken <= UTF8_BROKEN_SHARE * len(data):
        return Decoded(text, f"utf-8 ({broken} invalid bytes replaced)")
    return None


def _western(data: bytes) -> Decoded | None:
    """cp1252 for text whose letters are mostly ASCII (English, French, German, Spanish...):
    short texts of that kind decode alike in several code pages, and detectors then guess
    Baltic or Central European ones; Cyrillic, Greek or Arabic single-byte text has nearly
    every letter above 0x7F and is left to the detector."""
    sample = data[:SAMPLE_BYTES]
    letters = sum(1 for b in sample if 65 <= (b | 32) <= 122 or b >= 0xC0)
    high = sum(1 for b in sample if b >= 0xC0)
    if not letters or high / letters > WESTERN_HIGH_SHARE:
        return None
    try:
        return Decoded(data.decode("cp1252"), "cp1252")
    except UnicodeDecodeError:
        return None


def _detected(data: bytes) -> Decoded:
    western = _western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes
    matches = from_bytes(data[:SAMPLE_BYTES])
    best = matches.best()
    codec = best.encoding if best is not None else "cp1252"
    if best is not None and codec != "cp1252":
        # Short Western texts decode alike in several code pages: the web's default wins then.
        same = "cp1252" in (best.could_be_from_charset or []) or any(
            m.encoding == "cp1252" and m.chaos <= best.chaos + 0.01 for m in matches)
        codec = "cp1252" if same else codec
    try:
        return Decoded(data.decode(codec), codec)
    except (UnicodeDecodeError, LookupError):
        return Decoded(data.decode(codec if best is not None else "cp1252", "replace"),
                       f"{codec} (invalid bytes replaced)")
