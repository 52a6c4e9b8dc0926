"""Per-document bounds: what no content can exceed, whatever it holds.

- size: a file of one document over 32 MB is rejected unread, a text over max_chars
  (1,000,000 characters), or one holding a paragraph of more than MAX_DOCUMENT_WORDS words,
  is rejected (too_long); texts over 50,000 characters are parsed and extracted in chunks of
  whole paragraphs (parley/chunking.py), others in groups of at most MAX_BATCH_CHARS;
- sentence length: a run of more than MAX_SENTENCE_TOKENS tokens with no sentence end
  (a 100,000-word "sentence") is cut into pieces of at most that many tokens before the
  parser runs (the parser keeps boundaries set before it), with a warning; attribution and
  event coding then never see a sentence longer than that;
- events: at most MAX_EVENTS_PER_SENTENCE events are kept per sentence (the first ones);
- time: extraction of one document (actors, attributions, events) stops after
  DOCUMENT_SECONDS of CPU time (per 50,000-character chunk of a long text) and the document is rejected (too_slow); this bound needs the
  main thread of its process (SIGPROF), as in `parley ingest`/`extract` and their workers.
"""
from __future__ import annotations

import logging
import re
import signal
import threading
from collections import Counter
from contextlib import contextmanager
from dataclasses import replace
from collections.abc import Iterator

from spacy.language import Language

from .records import Extraction

log = logging.getLogger(__name__)

# Words per document: spaCy's tok2vec and NER need about 17 KB and 0.5 ms per token (measured
# on a 100,000-word text: 1.75 GB, 90 s), so 20,000 words keep one document near 0.4 GB and
# 20 s of parsing. News articles run from 300 to 3,000 words.
MAX_DOCUMENT_WORDS = 20_000
# Characters parsed in one nlp.pipe call: a batch of long documents is parsed in smaller
# groups, so that memory follows one document's size, not batch_size times it.
MAX_BATCH_CHARS = 200_000
MAX_SENTENCE_TOKENS = 500
MAX_EVENTS_PER_SENTENCE = 20
DOCUMENT_SECONDS = 30.0
_SENTENCE_END = re.compile(r"[.!?\n]")
_PARAGRAPHS = re.compile(r"\n[ \t]*\n")
_ENDS = frozenset({".", "!", "?", "...", "…"})


class DocumentTimeout(Exception):
    """Extraction of one document ran past DOCUMENT_SECONDS."""


@Language.component("parley_long_sentences")
def split_long_sentences(doc):
    """Cut runs of more than MAX_SENTENCE_TOKENS tokens without a sentence end into pieces
    (before a token after a comma or semicolon when one is near, else at the limit)."""
    text = doc.text
    if len(doc) <= MAX_SENTENCE_TOKENS or max(map(len, _SENTENCE_END.split(text))) <= MAX_SENTENCE_TOKENS:
        return doc                  # no stretch of text long enough to hold such a run
    run, soft, cuts = 0, -1, 0
    for i, tok in enumerate(doc):
        if tok.is_sent_start or (i and (doc[i - 1].text in _ENDS or "\n" in doc[i - 1].text)):
            run, soft = 0, -1
        run += 1
        if tok.text in (",", ";", ":") and i + 1 < len(doc):
            soft = i + 1
        if run > MAX_SENTENCE_TOKENS:
            cut = soft if soft > i - MAX_SENTENCE_TOKENS // 5 and soft <= i else i
            doc[cut].is_sent_start = True
            run, soft = i - cut + 1, -1
            cuts += 1
    if cuts:
        log.warning("a sentence ran past %d tokens: cut into %d pieces (document of %d tokens)",
                    MAX_SENTENCE_TOKENS, cuts + 1, len(doc))
    return doc


def groups(texts: list[str]) -> list[list[int]]:
    """Indexes of `texts` in order, in groups of at most MAX_BATCH_CHARS characters (a longer
    text is a group of its own)."""
    out: list[list[int]] = []
    size = 0
    for i, t in enumerate(texts):
        if not out or size + len(t) > MAX_BATCH_CHARS:
            out.append([])
            size = 0
        out[-1].append(i)
        size += len(t)
    return out


def too_many_words(text: str) -> int | None:
    """The word count of `text`'s longest paragraph when it is over MAX_DOCUMENT_WORDS, else
    None. Longer texts made of paragraphs are parsed in chunks of whole paragraphs
    (parley/chunking.py), so memory stays bounded; one paragraph is never cut that way."""
    if len(text) < MAX_DOCUMENT_WORDS * 2:
        return None
    n = max(len(p.split()) for p in _PARAGRAPHS.split(text))
    return n if n > MAX_DOCUMENT_WORDS else None


def install(nlp: Language) -> None:
    """Put the sentence cutter before the parser (once; the pipeline is shared per process)."""
    if "parser" in nlp.pipe_names and "parley_long_sentences" not in nlp.pipe_names:
        nlp.add_pipe("parley_long_sentences", before="parser")


def cap_events(x: Extraction) -> Extraction:
    """At most MAX_EVENTS_PER_SENTENCE events per sentence, in their order."""
    per: Counter = Counter()
    kept = []
    for e in x.events:
        per[e.sentence_span] += 1
        if per[e.sentence_span] <= MAX_EVENTS_PER_SENTENCE:
            kept.append(e)
    if len(kept) == len(x.events):
        return x
    log.warning("%s: %d events over %d per sentence dropped", x.article.id, len(x.events) - len(kept),
                MAX_EVENTS_PER_SENTENCE)
    return replace(x, events=tuple(kept))


@contextmanager
def deadline(seconds: float = DOCUMENT_SECONDS) -> Iterator[None]:
    """Raise DocumentTimeout in the block after `seconds` of this process's CPU time (not wall
    time: a loaded machine must not reject documents); main thread only, elsewhere no bound."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum, frame):
        raise DocumentTimeout(f"extraction used more than {seconds:g} s of CPU time")

    previous = signal.signal(signal.SIGPROF, expire)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
