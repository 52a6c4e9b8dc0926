"""Learned content boundaries: where a cue's content starts and where it stops.

The unit model (features.py) picks which parts of the sentence and which nearby quotes
form a cue's content; that gives a draft token range. Two trained scorers then place the
exact first and last token, as PolNeAR's annotators did: each candidate token within
WINDOW tokens of the draft's start (end), in the same paragraph and on the content's side
of the cue, is scored from its own word, tag and dependency, its neighbours, its place in
the cue's syntax (a cue child's subtree edge, the cue's "that"), quote marks and sentence
edges, and its offset from the draft; the best start and the best end are kept. This
learns what of the reporting clause is left out ("that", "saying", a comma), which
adverbials at the edges belong to the content, and whether a closing period is in.

Training (train.py) uses, for every gold cue the decoder also finds, the gold content's
first and last token as the positive candidate and the others in the window as negatives.
"""
from __future__ import annotations

from .context import QUOTE_MARKS, DocContext

WINDOW = 6


def paragraph_bounds(ctx: DocContext, i: int) -> tuple[int, int]:
    """Token range of the paragraph (blank-line separated) holding token `i`."""
    bounds = ctx.paragraphs
    lo, hi = 0, len(bounds) - 1
    while lo < hi:                      # first paragraph whose end is past i
        mid = (lo + hi) // 2
        if bounds[mid][1] <= i:
            lo = mid + 1
        else:
            hi = mid
    return bounds[lo] if bounds else (0, len(ctx.doc))


def start_candidates(ctx: DocContext, cue: int, start: int, end: int) -> list[int]:
    p_lo, _ = paragraph_bounds(ctx, start)
    lo = max(p_lo, start - WINDOW)
    hi = min(end, start + WINDOW + 1)
    if cue < start:
        lo = max(lo, cue + 1)
    return [j for j in range(lo, hi) if not _blank(ctx, j)]


def _blank(ctx: DocContext, j: int) -> bool:
    """Spaces and quote marks: the scorer ignores them at a content's edges."""
    return ctx.pos[j] == "SPACE" or ctx.words[j] in QUOTE_MARKS or not ctx.words[j].strip()


def end_candidates(ctx: DocContext, cue: int, start: int, end: int) -> list[int]:
    """Candidate last tokens (inclusive) of the content."""
    _, p_hi = paragraph_bounds(ctx, end - 1)
    lo = max(start, end - 1 - WINDOW)
    hi = min(p_hi, end + WINDOW)
    if cue >= end:
        hi = min(hi, cue)
    return [j for j in range(lo, hi) if not _blank(ctx, j)]


def _off(j: int, anchor: int) -> str:
    d = j - anchor
    return str(max(-WINDOW, min(WINDOW, d)))


def _mark(ctx: DocContext, j: int) -> str:
    if j < 0 or j >= len(ctx.words):
        return "<>"
    w = ctx.words[j]
    if w[:1] in QUOTE_MARKS:
        return "Q"
    return w if ctx.pos[j] == "PUNCT" else ctx.pos[j]


def _para_edge(ctx: DocContext, j: int, left: bool) -> bool:
    lo, hi = paragraph_bounds(ctx, j)
    k = j - 1 if left else j + 1
    while lo <= k < hi and _blank(ctx, k):
        k += -1 if left else 1
    return not lo <= k < hi


def cue_edges(ctx: DocContext, cue: int) -> tuple[dict[int, list[str]], dict[int, list[str]]]:
    """Left and right edges of the subtrees of the cue's children: token -> their deps."""
    lefts: dict[int, list[str]] = {}
    rights: dict[int, list[str]] = {}
    for c in ctx.kids[cue]:
        sub = ctx.doc[c]
        lefts.setdefault(sub.left_edge.i, []).append(ctx.dep[c])
        rights.setdefault(sub.right_edge.i, []).append(ctx.dep[c])
    return lefts, rights


def _edge_roles(ctx: DocContext, cue: int, j: int, edges: dict[int, list[str]]) -> list[str]:
    """How token j sits in the cue's syntax: the edge of a cue child's subtree, a child,
    a grandchild ("that" of the cue's complement)."""
    out = ["edge=" + d for d in edges.get(j, ())]
    h = ctx.head[j]
    if h == cue:
        out.append("kid=" + ctx.dep[j])
    if ctx.head[h] == cue and ctx.dep[j] in ("mark", "nsubj", "advmod", "prep", "npadvmod"):
        out.append("gkid=" + ctx.dep[j])
    return out


def boundary_features(ctx: DocContext, cue: int, j: int, anchor: int, left: bool,
                      edges: dict[int, list[str]] | None = None) -> list[str]:
    """Features of token j as the content's first (left=True) or last token; `edges` is
    the left (right) half of cue_edges(ctx, cue), computed here when not given."""
    if edges is None:
        edges = cue_edges(ctx, cue)[0 if left else 1]
    return _relative(ctx, cue, j, anchor, left, edges) + _local(ctx, j, left)


def _relative(ctx: DocContext, cue: int, j: int, anchor: int, left: bool,
              edges: dict[int, list[str]]) -> list[str]:
    """The features that depend on the cue and the draft."""
    side = "R" if cue < anchor else "L" if cue > anchor else "M"
    off = _off(j, anchor)
    f = ["b", "off=" + off, "off|side=" + off + side, "cue=" + str((j - 1 if left else j + 1) == cue),
         "cl=" + ctx.lemma[cue] + "|" + side, "d|off=" + ctx.dep[j] + "|" + off,
         "m|off=" + _mark(ctx, j) + "|" + off, "dcue=" + str(max(-4, min(4, j - cue)))]
    return f + _edge_roles(ctx, cue, j, edges)


def _local(ctx: DocContext, j: int, left: bool) -> list[str]:
    """The features of token j and its neighbours alone."""
    n = len(ctx.words)
    s = ctx.sents.of(j)
    nb = j - 1 if left else j + 1           # the neighbour outside the span
    inner = j + 1 if left else j - 1
    low = ctx.lower[j]
    f = ["w=" + low, "p=" + ctx.pos[j], "d=" + ctx.dep[j], "m=" + _mark(ctx, j), "nb=" + _mark(ctx, nb),
         "in=" + _mark(ctx, inner), "nbw=" + (ctx.lower[nb] if 0 <= nb < n else "<>"),
         "w|nb=" + low + "|" + _mark(ctx, nb), "p|nb=" + ctx.pos[j] + "|" + _mark(ctx, nb),
         "sedge=" + str(j == (s.start if left else s.end - 1)),
         "q=" + str(ctx.quote_of[j] >= 0), "qnb=" + str(0 <= nb < n and ctx.quote_of[nb] >= 0),
         "qedge=" + str(ctx.quote_of[j] >= 0 and not (0 <= nb < n and ctx.quote_of[nb] == ctx.quote_of[j])),
         "para=" + str(_para_edge(ctx, j, left))]
    if not left and ctx.pos[j] == "PUNCT":
        f.append("endp|nb=" + ctx.words[j] + "|" + _mark(ctx, nb))
    return f


def refine(ctx: DocContext, cue: int, start: int, end: int, model) -> tuple[int, int]:
    """The best [start, end) by the trained boundary scorers around draft [start, end)."""
    if model.start is None or model.end is None:
        return start, end
    starts = start_candidates(ctx, cue, start, end)
    ends = end_candidates(ctx, cue, start, end)
    if not starts or not ends:
        return start, end
    lefts, rights = cue_edges(ctx, cue)
    s_best = max(starts, key=lambda j: model.start.score(boundary_features(ctx, cue, j, start, True, lefts)))
    e_best = max(ends, key=lambda j: model.end.score(boundary_features(ctx, cue, j, end - 1, False, rights)))
    if e_best < s_best or (s_best <= cue <= e_best and not start <= cue < end):
        return start, end
    return with_marks(ctx, s_best, e_best + 1)


def with_marks(ctx: DocContext, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened by the quote marks that open and close the quote it begins
    (ends) with, so a direct quote keeps its marks."""
    k = ctx.quote_of[start]
    if k >= 0 and start > 0 and ctx.quote_tokens[k][0] == start - 1:
        start -= 1
    k = ctx.quote_of[end - 1]
    if k >= 0 and end < len(ctx.words) and ctx.quote_tokens[k][1] == end + 1:
        end += 1
    return start, end
