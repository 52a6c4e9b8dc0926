"""Headline grammar: title-case lines ("Iran Slams U.S. Fight Against IS, Backs Russia's Push
For Syria Talks") are re-parsed in sentence case.

The small English model reads a title-case line as one long proper name. Parley lowers the
case of the words that are ordinary words (stop words, trigger words, words the body writes
in lower case) and keeps names, acronyms and country names, which keeps every character
offset: "Iran slams U.S. fight against IS, backs Russia's push for Syria talks". The copy
is parsed with the same pipeline and its events map back to the article by offset.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..actors.countries import country_resolver
from ..nlp import sentences
from .lexicon import Lexicon
from .resolve import View

MIN_TITLE_WORDS = 3
TITLE_SHARE = 0.75
MAX_TITLE_TOKENS = 40


def title_case_lines(doc: Doc, tokens: list | None = None) -> list[Span]:
    """Sentences written in title case (most words of four letters or more capitalised)."""
    tokens = list(doc) if tokens is None else tokens
    out = []
    for sent in sentences(doc).spans:
        if len(sent) > MAX_TITLE_TOKENS:
            continue
        words = [t.text for t in tokens[sent.start:sent.end] if t.is_alpha and len(t.text) > 3]
        caps = [w for w in words if w[0].isupper()]
        if len(caps) >= MIN_TITLE_WORDS and len(caps) >= TITLE_SHARE * len(words):
            out.append(sent)
    return out


def body_vocabulary(doc: Doc, titles: list[Span], tokens: list | None = None) -> tuple[set[str], set[str]]:
    """(words the body writes in lower case, words it capitalises inside a sentence)."""
    skip = {i for s in titles for i in range(s.start, s.end)}
    lower, upper = set(), set()
    for tok in list(doc) if tokens is None else tokens:
        if tok.i in skip or not tok.is_alpha:
            continue
        if tok.text.islower():
            lower.add(tok.text)
        elif not tok.is_sent_start:
            upper.add(tok.text)
    return lower, upper


def sentence_case(line: Span, lower: set[str], upper: set[str], lex: Lexicon) -> str:
    """The line with ordinary words lower-cased; same length, same offsets."""
    out = []
    for k, tok in enumerate(line):
        text, low = tok.text, tok.text.lower()
        keep = (k == 0 or not text[:1].isupper() or text.isupper() or "." in text
                or text in upper and low not in lower or bool(country_resolver().iso3(text)))
        ordinary = tok.is_stop or low in lower or _trigger_word(low, lex)
        out.append((low if ordinary and not keep else text) + tok.whitespace_)
    return "".join(out)[:len(line.text)]


def _trigger_word(low: str, lex: Lexicon) -> bool:
    """'slams' -> 'slam', 'backs' -> 'back': a crude stem is enough to find lexicon words."""
    stems = {low, low[:-1] if low.endswith("s") else low, low[:-2] if low.endswith(("es", "ed")) else low,
             low[:-3] if low.endswith("ing") else low}
    return any((s, pos) in lex.triggers for s in stems for pos in ("V", "N"))


def headline_views(doc: Doc, nlp: Language | None, lex: Lexicon,
                   tokens: list | None = None) -> list[tuple[Span, View]]:
    """(original line, re-parsed sentence-case view) for each title-case line that holds a
    trigger word (only those can hold events)."""
    if nlp is None:
        return []
    tokens = list(doc) if tokens is None else tokens
    titles = [t for t in title_case_lines(doc, tokens)
              if any(_trigger_word(tok.lower_, lex) for tok in tokens[t.start:t.end])]
    if not titles:
        return []
    lower, upper = body_vocabulary(doc, titles, tokens)
    out = []
    for line in titles:
        text = sentence_case(line, lower, upper, lex)
        if text == line.text:
            continue
        parsed = nlp(text, disable=[p for p in ("ner",) if p in nlp.pipe_names])
        out.append((line, View(doc=parsed, offset=line.start_char, own=False, base=doc)))
    return out
