"""The article page, evidence first: the clean text with every record's spans marked.

`article_page` reads one stored extraction into views.ArticlePage; `highlight` turns its
text and marks into escaped HTML. Marks overlap (an actor inside a quote, a trigger inside
a sentence), so `render_marks` closes and reopens tags at each boundary to keep the HTML
well nested, outer kinds (sentence, content) around inner ones (cue, trigger, actor).
"""
from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import quote

from markupsafe import Markup, escape

from ..records import Extraction
from ..store import SQLStore
from .maps import article_points
from .queries import polarity_of
from .selectors import key_of
from .views import ActorRef, ArticleActor, ArticlePage, ArticleRef, EventItem, Mark, Statement

# Outer to inner: how marks nest when they overlap.
RANK = {"sentence": 0, "content": 1, "speaker": 2, "via": 2, "cue": 3, "trigger": 4, "actor": 5}


def actor_url(key: str) -> str:
    return "/actors/" + quote(key, safe=":")


# -- the page's data ------------------------------------------------------------------

def _sentences(x: Extraction) -> tuple[tuple[int, int], ...]:
    """The stored sentence spans; for stores without them, the paragraphs."""
    if x.sentences:
        return tuple((s, e) for s, e in x.sentences)
    text, spans, start = x.article.text, [], 0
    for part in text.split("\n\n"):
        spans.append((start, start + len(part)))
        start += len(part) + 2
    return tuple(spans)


class SentenceFinder:
    """The start of the sentence holding an offset (the anchor a record links to)."""

    def __init__(self, spans: tuple[tuple[int, int], ...]):
        self.starts = [s for s, _ in spans]
        self.spans = spans

    def span(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        return self.spans[max(i, 0)] if self.spans else (0, 0)


def canonical(store: SQLStore, actors) -> dict[str, tuple[str, str | None]]:
    """registry id -> (canonical name, country) for the actors the registry joined: the name
    and country every other page shows (see selectors.name_sql)."""
    ids = sorted({a.registry_id for a in actors if a.registry_id})
    if not ids:
        return {}
    marks = ", ".join("?" for _ in ids)
    rows = store.query(f"SELECT id, name, country FROM registry WHERE id IN ({marks})", ids)
    return {r["id"]: (r["name"], r["country"]) for r in rows}


def _ref(ac, canon: dict[str, tuple[str, str | None]]) -> ActorRef:
    name, country = canon.get(ac.registry_id, (ac.name, ac.country))
    return ActorRef(key_of(ac), name, ac.kind, country or ac.country)


def _marks(x: Extraction, refs: dict[str, ActorRef]) -> tuple[Mark, ...]:
    marks = [Mark("actor", m.start, m.end, a.id, f"{refs[a.id].name} ({a.kind}"
                  f"{', ' + refs[a.id].country if refs[a.id].country else ''})")
             for a in x.actors for m in a.mentions]
    for q in x.attributions:
        who = refs[q.speaker].name if q.speaker in refs else "no speaker found"
        marks.append(Mark("content", *q.content_span, q.id, f"{q.kind} statement by {who}"))
        if q.speaker_span:
            marks.append(Mark("speaker", *q.speaker_span, q.id, f"speaker: {who}"))
        if q.cue_span:
            marks.append(Mark("cue", *q.cue_span, q.id, f"cue: {q.cue}"))
        marks.extend(Mark("via", *v.span, q.id, f"via {v.text}") for v in q.via if v.span)
    for e in x.events:
        src = ", ".join(refs[i].name for i in e.source if i in refs) or "?"
        tgt = ", ".join(refs[i].name for i in e.target if i in refs) or "?"
        marks.append(Mark("trigger", *e.trigger_span, e.id, f"{e.type}: {src} → {tgt}",
                          polarity_of(e.quad, e.type)))
    return tuple(sorted(marks, key=lambda m: (m.start, RANK[m.kind])))


def article_page(store: SQLStore, key: str) -> ArticlePage:
    x = store.extraction(key)
    a = x.article
    ref = ArticleRef(uid=a.uid, id=a.id, title=a.title, published=a.published, outlet=a.outlet)
    canon = canonical(store, x.actors)
    refs = {ac.id: _ref(ac, canon) for ac in x.actors}
    spans = _sentences(x)
    finder = SentenceFinder(spans)

    def sentence(offset: int) -> tuple[str, int]:
        s, e = finder.span(offset)
        return a.text[s:e].strip(), s

    actors = tuple(ArticleActor(refs[ac.id], ac.id, ac.role, ac.sector, len(ac.mentions),
                                sentence(ac.mentions[0].start)[1] if ac.mentions else 0)
                   for ac in x.actors)
    statements = tuple(Statement(
        uid=f"{a.uid}:{q.id}", id=q.id, article=ref, kind=q.kind, speaker=refs.get(q.speaker),
        cue=q.cue, content=q.content, via=tuple(v.text for v in q.via),
        sentence=sentence(q.content_span[0])[0], sentence_start=sentence(q.content_span[0])[1])
        for q in x.attributions)
    events = tuple(EventItem(
        uid=f"{a.uid}:{e.id}", id=e.id, article=ref, type=e.type, mode=e.mode, cameo=e.cameo,
        trigger=e.trigger, date=e.date, polarity=polarity_of(e.quad, e.type), intensity=e.intensity,
        negated=e.negated, hypothetical=e.hypothetical, claimed=e.attribution is not None,
        sources=tuple(refs[i] for i in e.source if i in refs),
        targets=tuple(refs[i] for i in e.target if i in refs),
        sentence=a.text[e.sentence_span[0]:e.sentence_span[1]],
        sentence_start=finder.span(e.trigger_span[0])[0],
        trigger_span=(e.trigger_span[0] - e.sentence_span[0], e.trigger_span[1] - e.sentence_span[0]))
        for e in x.events)
    points, countries = article_points(x.places)
    return ArticlePage(article=ref, url=a.url, authors=a.authors,
                       pipeline=f"{x.pipeline.version} / {x.pipeline.spacy_model}", text=a.text,
                       sentences=spans, marks=_marks(x, refs), actors=actors,
                       statements=statements, events=events, places=tuple(points),
                       countries=tuple(sorted(countries)))


# -- the page's HTML ------------------------------------------------------------------

@dataclass(frozen=True)
class Tag:
    start: int
    end: int
    rank: int
    open: str
    close: str
    exclusive: bool = False           # links: never nested; the narrowest one wins


def _tag(mark: Mark, actor_keys: dict[str, str]) -> Tag:
    title = escape(mark.label)
    rec = escape(mark.record)
    if mark.kind == "actor":
        href = escape(actor_url(actor_keys.get(mark.record, "")))
        return Tag(mark.start, mark.end, RANK["actor"],
                   f'<a class="m-actor" href="{href}" data-record="{rec}" title="{title}">', "</a>",
                   exclusive=True)
    if mark.kind == "trigger":
        return Tag(mark.start, mark.end, RANK["trigger"],
                   f'<mark class="m-trigger pol-{escape(mark.polarity)}" data-record="{rec}" '
                   f'title="{title}">', "</mark>")
    return Tag(mark.start, mark.end, RANK[mark.kind],
               f'<span class="m-{mark.kind}" data-record="{rec}" title="{title}">', "</span>")


def _without_nested_links(active: list[Tag]) -> list[Tag]:
    """HTML forbids a link inside a link: of overlapping exclusive tags keep the narrowest
    ("Iran" inside "Iran's deputy foreign minister" links to Iran, the rest to the minister)."""
    links = [t for t in active if t.exclusive]
    if len(links) < 2:
        return active
    narrowest = min(links, key=lambda t: (t.end - t.start, -t.start))
    return [t for t in active if not t.exclusive or t is narrowest]


def render_marks(text: str, tags: list[Tag]) -> Markup:
    """Escaped `text` with `tags` applied, well nested however they overlap: at each boundary
    the tags that no longer apply are closed (and those opened inside them reopened)."""
    tags = [t for t in tags if 0 <= t.start < t.end <= len(text)]
    starting: dict[int, list[Tag]] = defaultdict(list)
    for t in tags:
        starting[t.start].append(t)
    bounds = sorted({0, len(text), *(t.start for t in tags), *(t.end for t in tags)})
    out: list[str] = []
    active: list[Tag] = []
    opened: list[Tag] = []
    for a, b in zip(bounds, bounds[1:]):
        active = [t for t in active if t.end > a] + starting.get(a, [])
        wanted = sorted(_without_nested_links(active), key=lambda t: (t.rank, t.start, -t.end))
        keep = 0
        while keep < min(len(opened), len(wanted)) and opened[keep] is wanted[keep]:
            keep += 1
        out.extend(t.close for t in reversed(opened[keep:]))
        out.extend(t.open for t in wanted[keep:])
        opened = wanted
        out.append(str(escape(text[a:b])))
    out.extend(t.close for t in reversed(opened))
    return Markup("".join(out))


def highlight(page: ArticlePage) -> Markup:
    keys = {a.id: a.ref.key for a in page.actors}
    tags = [Tag(s, e, RANK["sentence"], f'<span class="sent" id="s{s}">', "</span>")
            for s, e in page.sentences]
    tags.extend(_tag(m, keys) for m in page.marks)
    return render_marks(page.text, tags)
