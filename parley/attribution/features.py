"""Features of the two learned decisions, shared by training and extraction.

1. Cue candidates: is this token the head of an attribution cue ("said", "according",
   "believes", "endorsed")? Candidates are tokens whose lemma heads a cue in the
   training data (the model's lexicon), verbs with a clausal complement, "according",
   and a colon after a short speaker lead ("PENCE: Well, ...", colon.py).
2. Content units of a cue: each dependent subtree of the cue, the rest of its sentence
   (for "..., officials said" and "according to X, ..."), nearby quotes, and for a colon
   cue the rest of its paragraph. Which units
   form the content?
Features are short strings; the model (model.py) adds up a weight for each.
"""
from __future__ import annotations

from dataclasses import dataclass

from . import colon
from .context import QUOTE_MARKS, DocContext

SUBJ = ("nsubj", "nsubjpass", "expl")
_SKIP_CHILD = frozenset(("punct", "aux", "auxpass", "neg", "cc", "space", ""))
_NO_CUE_POS = frozenset(("PUNCT", "DET", "PRON", "CCONJ", "SCONJ", "PART", "SPACE", "NUM", "PROPN",
                         "SYM", "X", "INTJ"))
QUOTE_WINDOW = 1      # quotes in the cue's sentence and this many sentences either side


def is_candidate(ctx: DocContext, i: int, lexicon: frozenset[str]) -> bool:
    pos = ctx.pos[i]
    if ctx.words[i] == ":":
        return colon.is_colon_cue(ctx, i)
    if pos in _NO_CUE_POS:
        return False
    if ctx.lower[i] == "according":
        return i + 1 < len(ctx.lower) and ctx.lower[i + 1] == "to"
    if ctx.lemma[i] in lexicon:
        return True
    return pos == "VERB" and any(ctx.dep[c] == "ccomp" for c in ctx.kids[i])


def _bucket(n: int) -> str:
    return "0" if n <= 0 else "1" if n == 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-12" if n <= 12 else "13+"


def subject_of(ctx: DocContext, i: int) -> int | None:
    """Token index of the subject of `i`, or of the verbs it hangs from (up to 3 steps)."""
    dep, kids = ctx.dep, ctx.kids
    for _ in range(3):
        for c in kids[i]:
            if dep[c] in SUBJ:
                return c
            if dep[c] == "agent":
                for p in kids[c]:
                    if dep[p] == "pobj":
                        return p
        if dep[i] in ("xcomp", "advcl", "conj", "pcomp", "prep") and ctx.head[i] != i:
            i = ctx.head[i]
        else:
            return None
    return None


def cue_features(ctx: DocContext, i: int, lexicon: frozenset[str]) -> list[str]:
    doc = ctx.doc
    lem, dep, tag = ctx.lemma[i], ctx.dep[i], ctx.tag[i]
    kids = [ctx.dep[c] for c in ctx.kids[i] if ctx.dep[c] not in ("punct", "space")]
    subj = subject_of(ctx, i)
    skind = "none" if subj is None else ctx.pos[subj]
    h = ctx.head[i]
    in_q = ctx.quote_of[i] >= 0
    s = ctx.sents.of(i)
    sq = any(ctx.quote_of[j] >= 0 for j in range(s.start, s.end))
    near_q = any(ctx.quote_of[j] >= 0 for j in range(max(s.start, i - 4), min(s.end, i + 5)) if j != i)
    f = ["b", "l=" + lem, "t=" + tag, "d=" + dep, "l|d=" + lem + "|" + dep, "l|t=" + lem + "|" + tag,
         "s=" + skind, "l|s=" + lem + "|" + skind, "hl=" + ctx.lemma[h], "hd=" + ctx.dep[h],
         "q=" + str(in_q), "sq=" + str(sq), "nq=" + str(near_q), "l|nq=" + lem + "|" + str(near_q),
         "l|q=" + lem + "|" + str(in_q),
         "w-1=" + (ctx.lower[i - 1] if i > s.start else "<s>"),
         "w+1=" + (ctx.lower[i + 1] if i + 1 < s.end else "</s>"),
         "l|w+1=" + lem + "|" + (ctx.lower[i + 1] if i + 1 < s.end else "</s>"),
         "inlex=" + str(lem in lexicon), "first=" + str(i == s.start), "last2=" + str(i >= s.end - 2)]
    f += ["c=" + k for k in set(kids)]
    f += ["l|c=" + lem + "|" + k for k in set(kids) if k in ("ccomp", "xcomp", "dobj", "prep", "nsubj",
                                                               "nsubjpass", "advcl", "attr", "acomp")]
    if subj is not None:
        ent = doc[subj].ent_type_ or "-"
        f += ["sw=" + ctx.lower[subj], "se=" + ent, "l|se=" + lem + "|" + ent]
    for c in ctx.kids[i]:
        if ctx.dep[c] in ("dobj", "xcomp", "prt", "attr", "acomp", "ccomp"):
            f.append("l|" + ctx.dep[c] + "=" + lem + "|" + ctx.lemma[c])
    f.append("anc=" + _cue_ancestor(ctx, i, lexicon))
    after, before = _shape(ctx, i + 1, min(s.end, i + 4)), _shape(ctx, max(s.start, i - 3), i)
    f += ["after=" + after, "before=" + before, "l|after=" + lem + "|" + after]
    return f + colon.features(ctx, i) if ctx.words[i] == ":" else f


def _cue_ancestor(ctx: DocContext, i: int, lexicon: frozenset[str]) -> str:
    """The dep path class to the nearest lexicon ancestor within 4 steps ('none' if none)."""
    j, path = i, []
    for _ in range(4):
        h = ctx.head[j]
        if h == j:
            break
        path.append(ctx.dep[j])
        if ctx.lemma[h] in lexicon and ctx.pos[h] in ("VERB", "AUX"):
            return path[0] + ">" + str(len(path))
        j = h
    return "none"


@dataclass(frozen=True)
class Unit:
    kind: str                      # dependency label, "rest" or "q<" / "q>"
    start: int                     # token range [start, end) covering the unit
    end: int
    tokens: frozenset[int] | None = None   # for "rest": the tokens, when not contiguous


def units_of(ctx: DocContext, i: int) -> list[Unit]:
    """The candidate content units of cue token `i` (see module doc)."""
    doc = ctx.doc
    tok = doc[i]
    s = ctx.sents.of(i)
    out: list[Unit] = []
    if ctx.words[i] == ":":
        out.append(Unit("colon", i + 1, colon.content_end(ctx, i)))
    elif ctx.lower[i] == "according":
        sub = (tok.left_edge.i, tok.right_edge.i + 1)
        rest = frozenset(j for j in range(s.start, s.end) if not sub[0] <= j < sub[1])
        if rest:
            out.append(Unit("rest", min(rest), max(rest) + 1, rest))
    else:
        for c in tok.children:
            if c.dep_ in _SKIP_CHILD or c.dep_ in SUBJ and ctx.quote_of[c.i] < 0:
                continue
            kind = "prep:" + c.lower_ if c.dep_ in ("prep", "agent") else c.dep_
            out.append(Unit(kind, c.left_edge.i, c.right_edge.i + 1))
            if c.dep_ == "prep":
                out.extend(_misattached_that(ctx, c.i))
        if ctx.head[i] != i:
            lo, hi = tok.left_edge.i, tok.right_edge.i + 1
            rest = frozenset(j for j in range(s.start, s.end) if not lo <= j < hi)
            if rest:
                out.append(Unit("rest", min(rest), max(rest) + 1, rest))
    out.extend(_quote_units(ctx, i, s))
    return out


def _misattached_that(ctx: DocContext, prep: int) -> list[Unit]:
    """"said in a statement that X": the parser hangs the that-clause on "statement"; it is
    the cue's complement (a ccomp unit)."""
    if ctx.lower[prep] not in ("in", "on", "during", "at"):
        return []
    for p in ctx.kids[prep]:
        if ctx.dep[p] != "pobj":
            continue
        for c in ctx.kids[p]:
            mark = next((m for m in ctx.kids[c] if ctx.dep[m] == "mark" and ctx.lower[m] == "that"), None)
            if ctx.dep[c] in ("acl", "relcl") and mark is not None and mark > p:
                return [Unit("ccomp", mark, ctx.doc[c].right_edge.i + 1)]
    return []


def _quote_units(ctx: DocContext, i: int, s) -> list[Unit]:
    k = ctx.sents.index(i)
    lo_s = ctx.sents.spans[max(0, k - QUOTE_WINDOW)].start
    hi_s = ctx.sents.spans[min(len(ctx.sents.spans) - 1, k + QUOTE_WINDOW)].end
    out = []
    for qs, qe in ctx.quote_tokens:
        if qe <= lo_s or qs >= hi_s or qs <= i < qe:
            continue
        out.append(Unit("q<" if qe <= i else "q>", qs, qe))
    return out


def unit_tokens(u: Unit) -> frozenset[int] | range:
    return u.tokens if u.tokens is not None else range(u.start, u.end)


def unit_features(ctx: DocContext, i: int, u: Unit, units: list[Unit]) -> list[str]:
    lem, dep = ctx.lemma[i], ctx.dep[i]
    side = "L" if u.end <= i else "R" if u.start > i else "M"
    n = u.end - u.start
    s = ctx.sents.of(i)
    f = ["b", "u=" + u.kind, "l|u=" + lem + "|" + u.kind, "d|u=" + dep + "|" + u.kind,
         "u|side=" + u.kind + "|" + side, "u|n=" + u.kind + "|" + _bucket(n),
         "first=" + ctx.lower[u.start], "u|first=" + u.kind + "|" + ctx.lower[u.start]]
    if u.kind in ("q<", "q>"):
        gap = u.start - i if u.start > i else i - u.end
        same = s.start <= u.start and u.end <= s.end or s.start <= u.start < s.end or s.start < u.end <= s.end
        last = ctx.text[ctx.idx[u.end - 1] - 1:ctx.idx[u.end - 1]] if u.end - 1 > 0 else ""
        covered = any(v.kind not in ("q<", "q>") and v.start <= u.start and u.end <= v.end for v in units)
        sep = _separator(ctx, i, u)
        f += ["q|sep=" + u.kind + "|" + sep, "q|sep|same=" + u.kind + "|" + sep + "|" + str(same),
              "l|q|sep=" + lem + "|" + u.kind + "|" + sep,
              "q|gap=" + u.kind + "|" + _bucket(gap // 2), "q|same=" + u.kind + "|" + str(same),
              "q|comma=" + u.kind + "|" + str(last in (",", "?", "!")), "q|cov=" + str(covered),
              "q|n=" + _bucket(n // 3), "l|q|same=" + lem + "|" + u.kind + "|" + str(same)]
    else:
        hasq = any(ctx.quote_of[j] >= 0 for j in range(u.start, u.end))
        root = _unit_root(ctx, u)
        f += ["u|hasq=" + u.kind + "|" + str(hasq), "u|hl=" + u.kind + "|" + ctx.lemma[root],
              "u|hp=" + u.kind + "|" + ctx.pos[root]]
    return f


def _unit_root(ctx: DocContext, u: Unit) -> int:
    """The unit's syntactic head: its token whose head lies outside it."""
    for j in unit_tokens(u):
        h = ctx.head[j]
        if h == j or not u.start <= h < u.end:
            return j
    return u.start


def _separator(ctx: DocContext, i: int, u: Unit) -> str:
    """What stands between cue `i` and quote unit `u`: a paragraph break, a line break, a
    sentence end, a colon, a comma, or nothing."""
    lo, hi = (ctx.idx[u.end - 1], ctx.idx[i]) if u.end <= i else (ctx.idx[i], ctx.idx[u.start])
    between = ctx.text[lo:hi]
    if "\n\n" in between:
        return "colonpara" if between.rstrip().endswith(":") else "para"
    if "\n" in between:
        return "line"
    inner = between[1:] if u.end <= i else between
    if any(ch in inner for ch in ".?!"):
        return "sent"
    if ":" in inner:
        return "colon"
    return "comma" if "," in inner else "none"


def _shape(ctx: DocContext, lo: int, hi: int) -> str:
    """Tokens lo..hi as a shape: Q for a quote mark, punctuation as is, w for a word."""
    out = []
    for j in range(lo, hi):
        t = ctx.words[j]
        out.append("Q" if t[:1] in QUOTE_MARKS else t if ctx.pos[j] == "PUNCT" else "w")
    return "".join(out)
