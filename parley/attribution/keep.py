"""Learned keep/drop of a decoded attribution: is it a real statement or stated belief?

The cue model judges a token; this judges the whole attribution once its content and
source are known, and drops what PolNeAR's annotators did not take as an attribution:
acts with a noun-phrase object ("submitted the evidence", "chose the hashtag", "elects
70 members"), attitude verbs used non-reportatively ("is attempting to reach out",
"want to know"), hypothetical speech ("would say"), headlines and captions (a short
paragraph without a final stop), sources that are not speakers ("the results show").

Features: the cue's lemma, tag, role, modal and negation; the content's syntactic root
(its dependency to the cue and part of speech), length, quote share and side of the cue;
the source's kind (none, pronoun, name, noun; reporter or outlet; entity type); the
paragraph's shape (short, unpunctuated, first of the article); the cue model's
probability. Trained (train.py) on the decoded attributions of PolNeAR train: those whose
content matches a gold attribution's (token Jaccard >= 0.5, as the reference scorer) are
positive. An attribution scoring under the model's keep_threshold is dropped.
"""
from __future__ import annotations

from .context import QUOTE_MARKS, DocContext, ent_types
from .speakers import MEDIA_WORDS, REPORTERS
from .spans import paragraph_bounds

_MODALS = frozenset(("would", "could", "might", "may", "should", "will", "can", "must", "'d"))


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1-2" if n <= 2 else "3-5" if n <= 5 else "6-12" if n <= 12 else \
        "13-30" if n <= 30 else "31+"


def content_root(ctx: DocContext, start: int, end: int) -> int:
    """The content token whose head lies outside the content (the first such)."""
    for j in range(start, end):
        h = ctx.head[j]
        if (h == j or not start <= h < end) and ctx.pos[j] not in ("PUNCT", "SPACE"):
            return j
    return start


def features(ctx: DocContext, cue: int, prob: float, start: int, end: int,
             source: int | None) -> list[str]:
    lem, tag = ctx.lemma[cue], ctx.tag[cue]
    root = content_root(ctx, start, end)
    rel = ctx.dep[root] if ctx.head[root] == cue else "far"
    words = [j for j in range(start, end) if ctx.pos[j] not in ("PUNCT", "SPACE")]
    quoted = sum(1 for j in words if ctx.quote_of[j] >= 0)
    qshare = "none" if not quoted else "all" if quoted == len(words) else "some"
    verbs = any(ctx.pos[j] in ("VERB", "AUX") for j in words)
    side = "R" if start > cue else "L" if end <= cue else "M"
    aux = [ctx.lower[c] for c in ctx.kids[cue] if ctx.dep[c] in ("aux", "auxpass", "neg")]
    modal = next((a for a in aux if a in _MODALS), "-")
    f = ["b", "l=" + lem, "t=" + tag, "d=" + ctx.dep[cue], "l|t=" + lem + "|" + tag,
         "rel=" + rel, "rp=" + ctx.pos[root], "rel|rp=" + rel + "|" + ctx.pos[root],
         "l|rel=" + lem + "|" + rel, "l|rp=" + lem + "|" + ctx.pos[root],
         "n=" + _bucket(len(words)), "q=" + qshare, "l|q=" + lem + "|" + qshare,
         "verbs=" + str(verbs), "l|verbs=" + lem + "|" + str(verbs), "side=" + side,
         "modal=" + modal, "l|modal=" + lem + "|" + modal, "neg=" + str("not" in aux or "n't" in aux),
         "pass=" + str("auxpass" in [ctx.dep[c] for c in ctx.kids[cue]]),
         "p=" + str(min(9, int(prob * 10))), "cq=" + str(ctx.quote_of[cue] >= 0)]
    f += _source(ctx, cue, source) + _paragraph(ctx, cue)
    last = ctx.words[end - 1] if end > start else ""
    if last == "?" or end < len(ctx.words) and ctx.words[end] == "?":
        f.append("question")
    return f


def _source(ctx: DocContext, cue: int, source: int | None) -> list[str]:
    if source is None:
        return ["s=none", "l|s=" + ctx.lemma[cue] + "|none"]
    pos = ctx.pos[source]
    kind = ctx.lower[source] if pos == "PRON" else pos
    ent = ent_types(ctx)[source] or "-"
    f = ["s=" + kind, "l|s=" + ctx.lemma[cue] + "|" + kind, "se=" + ent]
    if pos == "NOUN":
        f.append("slem=" + ctx.lemma[source])
    if ctx.lemma[source] in REPORTERS or ctx.lemma[source] in MEDIA_WORDS:
        f.append("s=media")
    return f


def _paragraph(ctx: DocContext, cue: int) -> list[str]:
    """Headlines, captions, page furniture: a short paragraph without a final stop."""
    lo, hi = paragraph_bounds(ctx, cue)
    last = hi - 1
    while last > lo and (ctx.pos[last] == "SPACE" or ctx.words[last] in QUOTE_MARKS):
        last -= 1
    stop = ctx.words[last] in (".", "?", "!", ":") if last >= lo else False
    n = hi - lo
    return ["para=" + ("short" if n <= 25 else "long") + "|" + str(stop),
            "first=" + str(lo == 0), "sents=" + str(min(3, _sents(ctx, lo, hi)))]


def _sents(ctx: DocContext, lo: int, hi: int) -> int:
    return len({ctx.sents.index(j) for j in (lo, (lo + hi - 1) // 2, hi - 1)})
