"""The whole flow for a batch of inputs, as numbered steps.

    1. read      files, folders, JSONL lines, WARC records -> RawItems (or Rejections)
    2. clean     RawItem -> Article: text cleaning, trafilatura for HTML, verbatim JSONL
    3. parse     Articles -> spaCy Docs, batched with nlp.pipe
    4. extract   Doc -> actors, attributions, events (`extract_doc`)
    5. yield     Extractions and Rejections in input order

With n_process > 1, steps 2-4 run in worker processes; each builds the spaCy pipeline
once from Settings and sends back plain records.
"""
from __future__ import annotations

import logging
import multiprocessing as mp
import os
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from . import __version__
from .actors import find_actors
from .actors.coref import link_quoted_pronouns
from .attribution import find_attributions
from .events import article_dates, find_events
from .ingest import iter_raw, to_article
from .nlp import load_nlp, model_label, sentences
from .records import Article, Extraction, PipelineInfo, RawItem, Rejection
from .settings import Settings

log = logging.getLogger(__name__)
Result = Extraction | Rejection


class Pipeline:
    """The spaCy pipeline and the extractors, built from Settings once per process."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._nlp: Language | None = None

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp(self.settings.spacy_model)
        return self._nlp

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
        articles = [a for a in items if isinstance(a, Article)]
        docs = iter(self.nlp.pipe((a.text for a in articles), batch_size=self.settings.batch_size))
        info = self.info
        for item in items:
            if isinstance(item, Rejection):
                yield item
                continue
            doc = next(docs)
            try:
                yield extract_doc(doc, item, info, self.nlp)
            except Exception as exc:
                log.exception("extraction failed for %s", item.source)
                yield Rejection(item.id, item.source, "extraction_error",
                                f"{type(exc).__name__}: {exc} (please report this as a bug)")


def extract_doc(doc: Doc, article: Article, info: PipelineInfo, nlp: Language | None = None) -> Extraction:
    """4. extract: actors, then attributions (speakers are actors), then events and dates.
    `nlp` (the pipeline that parsed `doc`) lets the event coder re-parse title-case headlines."""
    index = find_actors(doc, article.uid)
    attributions = find_attributions(doc, index, article.uid)
    link_quoted_pronouns(doc, index, attributions)      # "I" in a quote is its speaker
    events = find_events(doc, index, attributions, article, nlp)
    actors = _unique(index.freeze())
    known = {a.id for a in actors}
    attributions = _unique(tuple(_known_refs_q(q, known) for q in attributions))
    events = _unique(tuple(_known_refs_e(e, known) for e in events))
    spans = tuple(_trim(s.start_char, s.end_char, sentences(doc).text) for s in sentences(doc).spans)
    return Extraction(article=article, pipeline=info, actors=actors, attributions=attributions,
                      events=events, sentences=tuple(s for s in spans if s[1] > s[0]),
                      dates=article_dates(doc, article.published))


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


_WORKER: Pipeline | None = None


def _init_worker(settings: Settings) -> None:
    global _WORKER  # one pipeline per worker process, built once from Settings
    _WORKER = Pipeline(settings)
    _WORKER.nlp  # noqa: B018 - load the model before the first chunk arrives


def _work(chunk: list[RawItem | Rejection]) -> list[Result]:
    assert _WORKER is not None
    return list(_WORKER.run_raw(chunk))


def _chunks(items: Iterator, size: int) -> Iterator[list]:
    while chunk := list(islice(items, size)):
        yield chunk


def _run_parallel(raw: Iterator[RawItem | Rejection], settings: Settings) -> Iterator[Result]:
    ctx = mp.get_context("fork" if os.name == "posix" else "spawn")
    worker_settings = settings.with_(n_process=1)
    with ctx.Pool(settings.n_process, initializer=_init_worker, initargs=(worker_settings,)) as pool:
        for results in pool.imap(_work, _chunks(raw, max(1, settings.batch_size // 2))):
            yield from results
