"""The whole flow for a batch of inputs, as numbered steps.

    1. read      files, folders, JSONL lines, WARC records -> RawItems (or Rejections)
    2. clean     RawItem -> Article: text cleaning, trafilatura for HTML, verbatim JSONL
    3. parse     Articles -> spaCy Docs, batched with nlp.pipe (a text over
                 chunking.CHUNK_CHARS: in chunks of paragraphs, see chunking.py)
    4. extract   Doc -> actors, attributions, events (`extract_doc`)
    5. yield     Extractions and Rejections in input order

With n_process > 1, steps 2-4 run in worker processes; each builds its Resources (the
spaCy pipeline, lexicons, learned models) once from Settings and sends back plain records.
"""
from __future__ import annotations

import gc
import logging
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from dataclasses import replace
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__, bounds
from .actors import find_actors
from .actors.affiliation import find_affiliations
from .actors.coref import link_quoted_pronouns
from .attribution import find_attributions
from .chunking import chunk_count, extract_long, is_long
from .events import article_dates, find_events
from .events.places import article_places
from .ingest import iter_raw, to_article
from .logs import quiet_libraries
from .nlp import model_label, sentences
from .records import Article, Extraction, PipelineInfo, RawItem, Rejection
from .resources import Resources
from .settings import Settings

log = logging.getLogger(__name__)
Result = Extraction | Rejection


class Pipeline:
    """The extractors over one process's Resources, built from Settings once per process."""

    def __init__(self, settings: Settings, resources: Resources | None = None):
        self.settings = settings
        self.resources = resources or Resources(settings)
        quiet_libraries()
        self._frozen = False

    @property
    def nlp(self) -> Language:
        return self.resources.nlp

    @property
    def info(self) -> PipelineInfo:
        return PipelineInfo(version=__version__, spacy_model=model_label(self.nlp))

    def run_raw(self, items: Iterable[RawItem | Rejection]) -> Iterator[Result]:
        """Steps 2-4 for RawItems in this process, in order, batch by batch."""
        it = iter(items)
        while batch := list(islice(it, self.settings.batch_size)):
            cleaned = [i if isinstance(i, Rejection) else self._clean(i) for i in batch]
            yield from self.run_articles(cleaned)

    def _clean(self, raw: RawItem) -> Article | Rejection:
        try:
            return to_article(raw, self.settings)
        except Exception as exc:  # a bug in cleaning must not stop the run
            log.exception("cleaning failed for %s", raw.source)
            return Rejection(raw.id, raw.source, "cleaning_error", f"{type(exc).__name__}: {exc}")

    def run_articles(self, items: list[Article | Rejection]) -> Iterator[Result]:
        yield from self._run_articles(items)
        if not self._frozen and any(isinstance(i, Article) for i in items):
            # The model, lexicons and gazetteers are loaded now and live as long as the process:
            # keep them out of every later garbage collection (full ones walked them all, ~3%).
            gc.freeze()
            self._frozen = True

    def _run_articles(self, items: list[Article | Rejection]) -> Iterator[Result]:
        articles = [a for a in items if isinstance(a, Article) and not is_long(a)]
        docs = self._parse([a.text for a in articles])
        info = self.info
        for item in items:
            if isinstance(item, Rejection):
                yield item
                continue
            doc = None if is_long(item) else next(docs)
            try:
                # the CPU bound counts per chunk for a long text (each chunk is one parse)
                with bounds.deadline(bounds.DOCUMENT_SECONDS * chunk_count(item)):
                    result = bounds.cap_events(extract_long(item, info, self.resources) if doc is None
                                               else extract_doc(doc, item, info, self.resources))
            except bounds.DocumentTimeout as exc:
                log.warning("%s: %s; rejected", item.source, exc)
                result = Rejection(item.id, item.source, "too_slow",
                                   f"{exc} (the bound per document); split the document")
            except Exception as exc:
                log.exception("extraction failed for %s", item.source)
                result = Rejection(item.id, item.source, "extraction_error",
                                   f"{type(exc).__name__}: {exc} (please report this as a bug)")
            # Per-Doc caches in user_data (sentence index, extractor contexts) hold Spans of the
            # Doc: a cycle that only the garbage collector breaks, late, with the Doc's arrays
            # and tensors still held. Dropping them frees each Doc as soon as it is done.
            if doc is not None:
                doc.user_data.clear()
            yield result


    def _parse(self, texts: list[str]) -> Iterator[Doc]:
        """3. parse: nlp.pipe over groups of at most bounds.MAX_BATCH_CHARS characters."""
        for group in bounds.groups(texts):
            yield from self.nlp.pipe((texts[i] for i in group), batch_size=self.settings.batch_size)


def extract_doc(doc: Doc, article: Article, info: PipelineInfo, resources: Resources) -> Extraction:
    """4. extract: actors, then attributions (speakers are actors), then events and dates.
    `resources` hold the pipeline that parsed `doc` (the event coder re-parses title-case
    headlines with it), the lexicons and the learned models."""
    index = find_actors(doc, article.uid, resources.known_actors, resources.actor_filter)
    attributions = find_attributions(doc, index, article.uid, resources.attribution_model)
    link_quoted_pronouns(doc, index, attributions)      # "I" in a quote is its speaker
    places = article_places(doc, index, resources.geoparser)
    events = find_events(doc, index, attributions, article, resources.nlp, places, resources.event_model)
    find_affiliations(doc, index)                       # countries of actors the later stages added
    actors = _unique(index.freeze())
    known = {a.id for a in actors}
    attributions = _unique(tuple(_known_refs_q(q, known) for q in attributions))
    events = _unique(tuple(_known_refs_e(e, known) for e in events))
    spans = tuple(_trim(s.start_char, s.end_char, sentences(doc).text) for s in sentences(doc).spans)
    return Extraction(article=article, pipeline=info, actors=actors, attributions=attributions,
                      events=events, sentences=tuple(s for s in spans if s[1] > s[0]),
                      dates=article_dates(doc, article.published),
                      places=tuple(replace(p, actor=p.actor if p.actor in known else None) for p in places))


def _unique(records: tuple) -> tuple:
    """Drop records whose id repeats an earlier one (the same span found twice)."""
    seen: set[str] = set()
    out = []
    for r in records:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return tuple(out)


def _trim(start: int, end: int, text: str) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _known_refs_q(q, known):
    from dataclasses import replace
    if q.speaker is not None and q.speaker not in known:
        q = replace(q, speaker=None, speaker_span=None)
    return replace(q, via=tuple(replace(v, actor=v.actor if v.actor in known else None) for v in q.via))


def _known_refs_e(e, known):
    from dataclasses import replace
    return replace(e, source=tuple(a for a in e.source if a in known),
                   target=tuple(a for a in e.target if a in known))


# -- the public entry point ------------------------------------------------------

def process(inputs: Iterable[str | os.PathLike] | str | os.PathLike,
            settings: Settings | None = None, **overrides) -> Iterator[Result]:
    """Process files and folders; yield an Extraction or a Rejection per input, in order.

    Example:
        >>> for r in parley.process(["news/"], published="2014-12-18"):
        ...     print(r.article.id, len(r.events))
    """
    settings = (settings or Settings.load()).with_(**overrides)
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    raw = iter_raw(inputs)                                   # 1. read
    if settings.n_process <= 1:
        yield from Pipeline(settings).run_raw(raw)           # 2-4 here
    else:
        yield from _run_parallel(raw, settings)              # 2-4 in workers


def process_raw(items: Iterable[RawItem | Rejection], settings: Settings) -> Iterator[Result]:
    """Steps 2-5 for RawItems that came from elsewhere (feeds, Spark partitions)."""
    if settings.n_process <= 1:
        yield from Pipeline(settings).run_raw(items)
    else:
        yield from _run_parallel(iter(items), settings)


# -- worker processes ------------------------------------------------------------
# Each worker builds one Pipeline from Settings when it starts and keeps it; chunks of
# RawItems go out (text, not Docs) and plain records come back.

# Chunks in flight per worker: enough to keep every worker busy, few enough that a huge
# input is read as it is processed rather than queued whole in memory.
CHUNKS_PER_WORKER = 4
# nlp.pipe batches per chunk sent to a worker: fewer round trips, still small chunks.
CHUNK_BATCHES = 2

_WORKER: Pipeline | None = None


def _start_worker(settings: Settings, parent: int) -> None:
    die_with_parent(parent)
    _init_worker(settings)


def _init_worker(settings: Settings) -> None:
    global _WORKER  # one pipeline per worker process, built once from Settings
    _WORKER = Pipeline(settings)
    _WORKER.resources.load_all()      # load the models before the first chunk arrives


# How often a worker checks that the process that started it is still alive (seconds).
PARENT_CHECK_S = 1.0
_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """Make this worker end when `parent` does (killed, even by SIGKILL): on Linux the kernel
    sends it SIGKILL (prctl PR_SET_PDEATHSIG); everywhere a watchdog thread sees its parent
    change and exits. Without this, a killed ingest left its workers blocked on a pipe."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:         # the parent died before the signal was set up
        os._exit(1)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_S)
        os._exit(1)

    threading.Thread(target=watch, name="parley-parent-watchdog", daemon=True).start()


def _work(chunk: list[RawItem | Rejection]) -> list[Result]:
    assert _WORKER is not None
    return list(_WORKER.run_raw(chunk))


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def _run_parallel(raw: Iterator[RawItem | Rejection], settings: Settings) -> Iterator[Result]:
    """Steps 2-4 in settings.n_process workers; results in input order, bounded memory."""
    with _Workers(settings) as workers:
        for chunk in _chunks(raw, CHUNK_BATCHES * settings.batch_size):
            workers.submit(chunk)
            if workers.in_flight >= CHUNKS_PER_WORKER * settings.n_process:
                yield from workers.next_results()
        while workers.in_flight:
            yield from workers.next_results()


class _Workers:
    """A process pool that survives a dead worker (killed, out of memory): it starts new
    workers, resubmits what was pending, and runs the failed chunk once more; a chunk
    that kills a worker twice becomes rejections."""

    def __init__(self, settings: Settings):
        self.ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
        self.n = settings.n_process
        self.settings = settings.with_(n_process=1)
        self.pool = self._start()
        self.pending: deque[tuple[list, Future]] = deque()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.n, mp_context=self.ctx, initializer=_start_worker,
                                   initargs=(self.settings, os.getpid()))

    @property
    def in_flight(self) -> int:
        return len(self.pending)

    def submit(self, chunk: list) -> None:
        self.pending.append((chunk, self.pool.submit(_work, chunk)))

    def next_results(self) -> list[Result]:
        chunk, fut = self.pending.popleft()
        for attempt in range(2):
            try:
                return fut.result()
            except BrokenProcessPool:
                log.warning("a worker process died; restarting %d workers (attempt %d)", self.n, attempt + 1)
                self._restart()
                fut = self.pool.submit(_work, chunk)
        try:
            return fut.result()
        except BrokenProcessPool:
            self._restart()
            return [_crashed(item) for item in chunk]

    def _restart(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()
        self.pending = deque((chunk, fut if _succeeded(fut) else self.pool.submit(_work, chunk))
                             for chunk, fut in self.pending)

    def __enter__(self) -> "_Workers":
        return self

    def __exit__(self, *exc) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def _succeeded(fut: Future) -> bool:
    return fut.done() and not fut.cancelled() and fut.exception() is None


def _crashed(item: RawItem | Rejection) -> Rejection:
    if isinstance(item, Rejection):
        return item
    return Rejection(item.id, item.source, "worker_crashed",
                     "a worker process died on the chunk holding this input, three times (out of "
                     "memory? a crash in a native library?); run it alone with --processes 1 to see why")
