"""Gender agreement for "he said" / "she said": a pronoun source does not go to a person
the article itself marks as of the other gender.

The article's own evidence about each person actor, from its mentions before the pronoun:
an honorific or gendered role word right before the mention ("Mr.", "Mrs.", "Ms."), the
mention itself when it is a pronoun, and the first personal pronoun after a name in the
same sentence with no other person named between ("Clinton said her plan"). Votes add up:
> 0 male, < 0 female, 0 unknown. The actors module's resolution (the nearest fitting
subject) is kept unless its actor's votes contradict the pronoun; then the nearest earlier
person within the window whose votes do not contradict it is taken, or none.
"""
from __future__ import annotations

from bisect import bisect_right

from ..actors.coref import PRONOUN_WINDOW, resolve_pronoun
from ..actors.index import ActorIndex
from .context import DocContext, ent_types

MALE = frozenset(("he", "him", "his", "himself", "mr", "mr.", "sir", "king", "prince", "chairman",
                  "spokesman", "congressman", "businessman", "father", "son", "brother", "husband"))
FEMALE = frozenset(("she", "her", "hers", "herself", "mrs", "mrs.", "ms", "ms.", "miss", "madam",
                    "queen", "princess", "chairwoman", "spokeswoman", "congresswoman",
                    "businesswoman", "mother", "daughter", "sister", "wife"))
GENDERED = frozenset(("he", "she"))
_SUBJ = frozenset(("nsubj", "nsubjpass"))
# How far after a name (tokens) a pronoun counts as its evidence.
AFTER_NAME = 20


def _sign(word: str) -> int:
    return 1 if word in MALE else -1 if word in FEMALE else 0


def votes(ctx: DocContext, index: ActorIndex, pos: int, only: str | None = None) -> dict[str, int]:
    """Gender votes of the person actors mentioned before character `pos` (module doc);
    of actor `only` alone when given."""
    out: dict[str, int] = {}
    n = len(ctx.words)
    ents = ent_types(ctx)
    for start, aid, kind in index.mentions_before(pos):
        if kind != "person" or only is not None and aid != only:
            continue
        i = max(0, bisect_right(ctx.idx, start) - 1)
        v = _sign(ctx.lower[i]) or (_sign(ctx.lower[i - 1]) if i > 0 and ctx.pos[i] != "PRON" else 0)
        if ctx.pos[i] == "PROPN":
            j = i
            while j + 1 < n and ctx.pos[j + 1] == "PROPN":
                j += 1
            if ctx.dep[j] in _SUBJ:
                v += _after(ctx, j, ents)
        out[aid] = out.get(aid, 0) + v
    return out


def _after(ctx: DocContext, j: int, ents: list[str]) -> int:
    s = ctx.sents.of(j)
    for k in range(j + 1, min(s.end, j + 1 + AFTER_NAME)):
        if ents[k] == "PERSON" and ctx.dep[k] in _SUBJ:
            return 0
        if ctx.pos[k] == "PRON" and _sign(ctx.lower[k]):
            return _sign(ctx.lower[k])
    return 0


def agreeing_actor(ctx: DocContext, head: int, index: ActorIndex) -> str | None:
    """For a "he"/"she" source at token `head`: the actor when the usual resolution
    contradicts the article's gender evidence (module doc), else None (keep the usual)."""
    pron = ctx.lower[head]
    if pron not in GENDERED:
        return None
    pos = ctx.idx[head]
    usual = index.at(pos, pos + len(ctx.words[head])) or resolve_pronoun(pron, pos, index, ctx.doc)
    want = _sign(pron)
    if usual is None or votes(ctx, index, pos, usual).get(usual, 0) * want >= 0:
        return None
    v = votes(ctx, index, pos)
    fitting = []
    for start, aid, kind in reversed(index.mentions_before(pos)):
        if pos - start > PRONOUN_WINDOW:
            break
        if kind == "person" and v.get(aid, 0) * want >= 0 and aid != usual:
            fitting.append((start, aid))
    best = next((aid for start, aid in fitting if is_subject(ctx, start)), None)
    best = best or (fitting[0][1] if fitting else None)
    if best:
        index.mention(best, pos, pos + len(ctx.words[head]), ctx.words[head], "pronoun", ctx.sents.chars(head))
    return best


def is_subject(ctx: DocContext, char: int) -> bool:
    j = max(0, bisect_right(ctx.idx, char) - 1)
    while ctx.dep[j] in ("compound", "amod", "det", "poss", "flat") and ctx.head[j] != j:
        j = ctx.head[j]
    return ctx.dep[j] in _SUBJ
