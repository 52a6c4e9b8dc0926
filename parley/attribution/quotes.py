"""Quote marks -> quoted spans, robust to unbalanced marks and multi-paragraph quotes.

Marks: curly quotes (“ ” „ « »), straight double quotes ("), and two apostrophes ('')
as some wire archives write them. Curly quotes pair by direction; straight ones
alternate within a paragraph. A quote opened and not closed before its paragraph ends
continues when the next paragraph opens with a quote mark (the news convention for long
quotes); otherwise it ends with its paragraph. Unbalanced marks never raise.
"""
from __future__ import annotations

import re

OPEN = "“„«"
CLOSE = "”»"
STRAIGHT = ('"', "''")
_MARK = re.compile(r"''|[“„«”»\"]")
_PARA = re.compile(r"\n\s*\n")


def find_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quote, marks included, in text order."""
    return [(s, e) for s, e, _ in find_quotes_closed(text)]


def find_quotes_closed(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, closed) of each quote: closed is False for a quote that a paragraph
    end closed (no closing mark came, and the next paragraph did not continue it)."""
    spans: list[tuple[int, int, bool]] = []
    carry: int | None = None            # start of a quote still open at a paragraph end
    prev_end = 0
    for ps, pe in paragraphs(text):
        marks = [(m.start(), m.end(), m.group()) for m in _MARK.finditer(text, ps, pe)]
        open_at: int | None = None
        if carry is not None:
            if marks and marks[0][0] == ps and marks[0][2] not in CLOSE:
                open_at, marks = carry, marks[1:]      # the long quote goes on
            else:
                spans.append((carry, _rstrip(text, prev_end), False))
            carry = None
        for start, end, mark in marks:
            if open_at is None:
                if mark not in CLOSE:
                    open_at = start
            elif mark not in OPEN or mark in STRAIGHT:
                if start - open_at > 1:
                    spans.append((open_at, end, True))
                open_at = None
        carry = open_at
        prev_end = pe
    if carry is not None:
        spans.append((carry, _rstrip(text, prev_end), False))
    return spans


def paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in _PARA.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in out if text[s:e].strip()]


def _rstrip(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end
