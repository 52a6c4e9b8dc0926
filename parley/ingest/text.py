"""Cleaning scraped plain text: menus, captions, repeated paragraphs and footers out.

The rules are about the shape of lines, never about particular strings:

1. Lines are units; hard-wrapped lines of one paragraph are joined first.
2. A line repeated on the next line of the same block (an image's alt text and its
   caption) is a caption: every copy goes. A unit repeated elsewhere keeps its first copy.
3. Each unit is a heading (title case, no closing punctuation), a signature
   ("-- Jane Doe"), prose (reads as sentences) or short (menu items, buttons).
4. The body runs from the first prose unit to the end; the heading just before it
   is the title and stays as the first paragraph. Without such a heading, a headline
   line is the title (and the first paragraph): a short line of one sentence alone in
   its block (a blank line after it) with prose after it: one of the lines just before
   the first prose unit, else that unit ("Poll: Voters Abandon Party."). A signature
   ends the body and names the author; what follows it (blog blurbs, "latest posts")
   is page furniture.
5. Short units inside the body survive only as subheadings (a few words, followed
   by prose); short units before the title or after the last prose unit go.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Prose: sentence punctuation at the end and at least this many words ...
PROSE_MIN_WORDS = 4
# ... or this many words whatever the punctuation (a long line is never a menu item).
LONG_LINE_WORDS = 12
# A heading worth taking as the title has at least this many words.
TITLE_MIN_WORDS = 3
# Share of capitalised words above which an unpunctuated line is a heading.
HEADING_CAPS_SHARE = 0.6
# A headline line (alone in its block, no title case needed) has at most this many words.
HEADLINE_MAX_WORDS = 20
# ... and is one of this many lines before the first prose unit.
HEADLINE_LOOKBACK = 3
# Subheadings inside the body have at least this many words.
SUBHEADING_MIN_WORDS = 3

_END_PUNCT = re.compile(r"[.!?:;\"'”’)\]…]$")
_SIGNATURE = re.compile(r"^(?:--|—|–|-)\s*([A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})$")
_WORD = re.compile(r"[^\W_][\w'’.-]*")
# A sentence ends inside the line: a word of two or more small letters ("Court. The"), not an
# initial or abbreviation ("U.S. Court", "Mr. Smith").
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?]\s+[\"'“‘(]?[A-Z]")
_SMALL_WORDS = {"a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "at", "by",
                "with", "from", "as", "is", "vs", "vs."}


@dataclass(frozen=True)
class CleanText:
    text: str
    title: str | None
    authors: tuple[str, ...]


def clean_text(raw: str) -> CleanText:
    """Scraped page text -> the article body (title first), its title and authors."""
    blocks = _drop_repeats(_join_wrapped(_blocks(raw)))
    units = [u for _, u in blocks]
    kinds = [_kind(u) for u in units]
    if "prose" not in kinds:
        return CleanText("\n\n".join(units), None, ())
    first = kinds.index("prose")
    title = _title_before(units, kinds, first)
    if title is None:
        title = _headline(blocks, kinds, first)
    body: list[str] = [units[title]] if title is not None and title < first else []
    authors: list[str] = []
    for i in range(first, len(units)):
        if kinds[i] == "signature":
            authors.append(_SIGNATURE.match(units[i])[1])
            break
        if kinds[i] == "prose" or _is_subheading(units, kinds, i):
            body.append(units[i])
    return CleanText("\n\n".join(body), units[title] if title is not None else None,
                     tuple(authors))


def _blocks(raw: str) -> list[list[str]]:
    """Blank-line separated blocks of stripped, whitespace-normalised lines."""
    blocks, cur = [], []
    for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        line = " ".join(line.split())
        if line:
            cur.append(line)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _join_wrapped(blocks: list[list[str]]) -> list[tuple[int, str]]:
    """(block number, unit): a line that stops mid-sentence joins a next line in lower case."""
    units: list[tuple[int, str]] = []
    for b, block in enumerate(blocks):
        cur = block[0]
        for line in block[1:]:
            if not _END_PUNCT.search(cur) and line[:1].islower():
                cur = cur + " " + line
            else:
                units.append((b, cur))
                cur = line
        units.append((b, cur))
    return units


def _drop_repeats(units: list[tuple[int, str]]) -> list[tuple[int, str]]:
    keys = [u.casefold() for _, u in units]
    captions = {keys[i] for i in range(1, len(units))
                if keys[i] == keys[i - 1] and units[i][0] == units[i - 1][0]}
    seen: set[str] = set()
    out = []
    for (b, u), k in zip(units, keys):
        if k in captions or k in seen:
            continue
        seen.add(k)
        out.append((b, u))
    return out


def _kind(unit: str) -> str:
    if _SIGNATURE.match(unit):
        return "signature"
    words = _WORD.findall(unit)
    if _is_heading(unit, words):
        return "heading"
    if len(words) >= LONG_LINE_WORDS or (len(words) >= PROSE_MIN_WORDS and _END_PUNCT.search(unit)):
        return "prose"
    return "short"


def _is_heading(unit: str, words: list[str]) -> bool:
    if not words or _END_PUNCT.search(unit) and not unit.endswith(("'", "’", "\"", "”")):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    caps = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return caps / len(content) >= HEADING_CAPS_SHARE


def _title_before(units: list[str], kinds: list[str], first: int) -> int | None:
    for i in range(first - 1, -1, -1):
        if kinds[i] == "heading" and len(_WORD.findall(units[i])) >= TITLE_MIN_WORDS:
            return i
    return None


def _headline(blocks: list[tuple[int, str]], kinds: list[str], first: int) -> int | None:
    """A headline line without title case: the nearest of the HEADLINE_LOOKBACK lines before
    the first prose unit, else the first prose unit itself. It must
    be alone in its block, of TITLE_MIN_WORDS to HEADLINE_MAX_WORDS words and one sentence,
    and more prose must follow it."""
    sizes: dict[int, int] = {}
    for b, _ in blocks:
        sizes[b] = sizes.get(b, 0) + 1

    def fits(i: int) -> bool:
        b, unit = blocks[i]
        return (sizes[b] == 1 and TITLE_MIN_WORDS <= len(_WORD.findall(unit)) <= HEADLINE_MAX_WORDS
                and not _SENTENCE_BREAK.search(unit) and kinds[i] != "signature"
                and "prose" in kinds[i + 1:])

    order = [*range(first - 1, max(-1, first - 1 - HEADLINE_LOOKBACK), -1), first]
    return next((i for i in order if fits(i)), None)


def _is_subheading(units: list[str], kinds: list[str], i: int) -> bool:
    return (kinds[i] in ("heading", "short")
            and len(_WORD.findall(units[i])) >= SUBHEADING_MIN_WORDS
            and i + 1 < len(kinds) and kinds[i + 1] == "prose")
