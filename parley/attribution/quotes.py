"""Quote marks -> quoted spans, robust to unbalanced marks and multi-paragraph quotes.

Curly quotes pair by direction; straight quotes (") alternate within a paragraph. A
quote opened and not closed before the paragraph ends continues when the next
paragraph opens with a quote mark (the news convention for long quotes); otherwise it
ends with its paragraph. Unbalanced marks never raise.
"""
from __future__ import annotations

import re

OPEN = "“„«"
CLOSE = "”»"
STRAIGHT = '"'
_PARA = re.compile(r"\n\s*\n")


def find_quotes(text: str) -> list[tuple[int, int]]:
    """(start, end) of each quote, marks included, in text order."""
    spans: list[tuple[int, int]] = []
    paras = _paragraphs(text)
    carry: int | None = None           # start of a quote still open at a paragraph end
    for k, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        if carry is not None:
            if text[ps] in OPEN + STRAIGHT:
                open_at, carry = carry, None
                start_scan = ps + 1
            else:
                spans.append((carry, _rstrip(text, paras[k - 1][1])))
                carry, start_scan = None, ps
        else:
            start_scan = ps
        for i in range(start_scan, pe):
            ch = text[i]
            if ch in OPEN or (ch == STRAIGHT and open_at is None):
                if open_at is None:
                    open_at = i
            elif (ch in CLOSE or ch == STRAIGHT) and open_at is not None:
                if i - open_at > 1:
                    spans.append((open_at, i + 1))
                open_at = None
        if open_at is not None:
            carry = open_at
    if carry is not None:
        spans.append((carry, _rstrip(text, paras[-1][1])))
    return spans


def _paragraphs(text: str) -> list[tuple[int, int]]:
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
