"""A colon as a cue: a short lead naming a speaker, then what they said.

Transcripts ("PENCE: Well, look, ..."), headlines ("Trump: ‘I will win’") and vox pops
("Maria Lopez, Phoenix: ...") name the speaker in a short paragraph-initial lead and put
the words after a colon; PolNeAR annotates the colon as the cue (146 in train). A colon is
a cue candidate when the lead before it in its paragraph has 1 to LEAD_MAX words, a noun,
name or pronoun and no verb, and at least two words follow it in the paragraph; the cue
model (features.py) then scores it like any candidate, its content unit is the rest of
the paragraph, and its source rule is the lead's last noun or name.
"""
from __future__ import annotations

from .context import DocContext
from .spans import paragraph_bounds

LEAD_MAX = 8
_NOMINAL = frozenset(("PROPN", "NOUN", "PRON"))


def _words(ctx: DocContext, lo: int, hi: int) -> list[int]:
    return [j for j in range(lo, hi) if ctx.pos[j] not in ("SPACE", "PUNCT")]


def lead(ctx: DocContext, i: int) -> list[int]:
    """The words before colon `i` in its paragraph."""
    return _words(ctx, paragraph_bounds(ctx, i)[0], i)


def is_colon_cue(ctx: DocContext, i: int) -> bool:
    if ctx.words[i] != ":":
        return False
    words = lead(ctx, i)
    if not 1 <= len(words) <= LEAD_MAX or any(ctx.pos[j] in ("VERB", "AUX") for j in words):
        return False
    return any(ctx.pos[j] in _NOMINAL for j in words) and len(_words(ctx, i + 1, paragraph_bounds(ctx, i)[1])) >= 2


def content_end(ctx: DocContext, i: int) -> int:
    """End (exclusive) of colon `i`'s content: its paragraph's end."""
    return paragraph_bounds(ctx, i)[1]


def lead_head(ctx: DocContext, i: int) -> int | None:
    """The source rule of colon `i`: the lead's last name or noun ("PENCE", "Maria Lopez")."""
    nominal = [j for j in lead(ctx, i) if ctx.pos[j] in _NOMINAL]
    return nominal[-1] if nominal else None


def features(ctx: DocContext, i: int) -> list[str]:
    """Cue features of colon `i`: the lead's length, case and entity type, what follows."""
    words = lead(ctx, i)
    head = lead_head(ctx, i)
    n = len(words)
    caps = all(ctx.words[j].isupper() for j in words)
    ent = ctx.doc[head].ent_type_ or "-" if head is not None else "none"
    after = [j for j in range(i + 1, min(len(ctx.words), i + 3)) if ctx.pos[j] != "SPACE"]
    first = ctx.words[after[0]][:1] if after else "<>"
    return ["colon", "colon|n=" + str(min(n, 5)), "colon|caps=" + str(caps), "colon|ent=" + ent,
            "colon|hp=" + (ctx.pos[head] if head is not None else "-"),
            "colon|next=" + ("Q" if first in "\"'“‘”’" else "w"),
            "colon|line=" + str("\n" in ctx.text[ctx.idx[i]:ctx.idx[after[0]]] if after else False)]
