"""Learned choice of an attribution's source (its speaker phrase).

The rule (speakers.source_head: the cue's subject, the agent of a passive, the object of
"according to") fails where the parse does: "WASHINGTON -- President Obama ... said" gives
"WASHINGTON", '"...," said James Acton' gives a pronoun inside the quote, "Trump charges
that" parses "charges" as a noun with no subject. The source is instead chosen among
candidates, each scored by a trained logistic scorer (model key "source"):

- every noun-phrase head (noun, proper noun, pronoun) of the cue's sentence that lies
  outside the content and outside quotes, plus the rule's choice wherever it is;
- one "none" candidate: the attribution names no source.

Features: the candidate's dependency path to the cue, its side and distance (in tokens and
in candidates passed), its tag, entity type and pronoun, whether it is the rule's choice,
a dateline ("WASHINGTON --") or a reporter/outlet word, and the cue's lemma and role. The
highest score wins. Training (train.py): every decoded attribution of a gold cue on
PolNeAR train; the candidate inside the gold source (or "none" when the gold has no
source) is the positive.
"""
from __future__ import annotations

from .context import DocContext, ent_types
from .speakers import MEDIA_WORDS, REPORTERS, source_head

_HEAD_POS = frozenset(("NOUN", "PROPN", "PRON"))
_NOT_HEAD = frozenset(("compound", "amod", "det", "nummod", "flat", "nmod", "quantmod", "case"))
NONE = -1
_DASHES = frozenset(("--", "-", "\u2014", "\u2013"))


def candidates(ctx: DocContext, cue: int, start: int, end: int) -> list[int]:
    """Token heads that may be the source of the cue's attribution with content [start, end)."""
    s = ctx.sents.of(cue)
    out = []
    for j in range(s.start, s.end):
        if j == cue or start <= j < end or ctx.pos[j] not in _HEAD_POS or ctx.dep[j] in _NOT_HEAD:
            continue
        if ctx.quote_of[j] >= 0 and ctx.quote_of[j] != ctx.quote_of[cue]:
            continue
        out.append(j)
    rule = source_head(ctx, cue)
    if rule is not None and rule not in out:
        out.append(rule)
    return out


def _path(ctx: DocContext, j: int, cue: int) -> str:
    """Dependency path from j up to the cue (e.g. "nsubj", "pobj>agent"), up to 3 steps, or
    "cue>..." from the cue up to an ancestor of j, or "far"."""
    up, k = [], j
    for _ in range(3):
        h = ctx.head[k]
        up.append(ctx.dep[k])
        if h == cue:
            return ">".join(up)
        if h == k:
            break
        k = h
    k, down = cue, []
    for _ in range(2):
        h = ctx.head[k]
        down.append(ctx.dep[k])
        if h == k:
            break
        if ctx.head[j] == h:
            return "^" + ">".join(down) + "|" + ctx.dep[j]
        k = h
    return "far"


def _bucket(n: int) -> str:
    return str(n) if n <= 3 else "4-6" if n <= 6 else "7-12" if n <= 12 else "13+"


def features(ctx: DocContext, cue: int, j: int, rule: int | None, passed: int) -> list[str]:
    """Features of candidate j (NONE: no source) for the cue; `passed`: candidates between."""
    lem = ctx.lemma[cue]
    if j == NONE:
        r = "none" if rule is None else ctx.dep[rule]
        return ["b", "none", "none|rule=" + r, "none|l=" + lem, "none|d=" + ctx.dep[cue],
                "none|t=" + ctx.tag[cue], "none|l|rule=" + lem + "|" + r]
    side = "L" if j < cue else "R"
    path = _path(ctx, j, cue)
    pos = ctx.pos[j]
    ent = ent_types(ctx)[j] or "-"
    is_rule = str(j == rule)
    f = ["b", "path=" + path, "path|side=" + path + "|" + side, "rule=" + is_rule,
         "rule|path=" + is_rule + "|" + path, "p=" + pos, "p|path=" + pos + "|" + path, "e=" + ent,
         "side|n=" + side + "|" + _bucket(abs(j - cue)), "side|passed=" + side + "|" + _bucket(passed),
         "l|path=" + lem + "|" + path, "cd|path=" + ctx.dep[cue] + "|" + path,
         "q=" + str(ctx.quote_of[j] >= 0), "e|path=" + ent + "|" + path]
    if pos == "PRON":
        f.append("pron=" + ctx.lower[j])
    else:
        f.append("lem=" + ctx.lemma[j])
    s = ctx.sents.of(j)
    if _dateline(ctx, j, s.start, s.end):
        f.append("dateline")
    if ctx.lemma[j] in REPORTERS:
        f.append("reporter")
    if ctx.lemma[j] in MEDIA_WORDS:
        f.append("media")
    if any(ctx.dep[c] == "appos" for c in ctx.kids[j]):
        f.append("appos")
    return f


def _dateline(ctx: DocContext, j: int, lo: int, hi: int) -> bool:
    """A place in capitals opening the sentence before a dash ("BUENA PARK, Calif. -")."""
    return (j - lo <= 4 and len(ctx.words[j]) > 1 and ctx.words[j].isupper() and
            any(ctx.words[k] in _DASHES for k in range(j + 1, min(hi, j + 6))))


def choose(ctx: DocContext, cue: int, start: int, end: int, scorer) -> int | None:
    """The best-scored source head for the cue (None: no source)."""
    rule = source_head(ctx, cue)
    best, best_score = NONE, scorer.score(features(ctx, cue, NONE, rule, 0))
    for j, passed in ranked(ctx, cue, candidates(ctx, cue, start, end)):
        sc = scorer.score(features(ctx, cue, j, rule, passed))
        if sc > best_score:
            best, best_score = j, sc
    return None if best == NONE else best


def ranked(ctx: DocContext, cue: int, cands: list[int]) -> list[tuple[int, int]]:
    """Each candidate with the number of candidates between it and the cue on its side."""
    left = sorted((j for j in cands if j < cue), reverse=True)
    right = sorted(j for j in cands if j > cue)
    return [(j, k) for k, j in enumerate(left)] + [(j, k) for k, j in enumerate(right)]
