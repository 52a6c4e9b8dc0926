"""What a cue must be, and how far its content may run.

1. Speech or stated belief only. Perception and appearance ("seemed", "is seen as", "is
   described as"), publishing ("posted") and acts ("imposed", "signed", "made an
   approach") are cues only when they introduce content: a clausal complement, a quote,
   or a colon right after the cue. A description with quoted words ('described the attacks as a "dastardly
   act"', 'was described as "knife-obsessed" by the police') is one: it quotes its source.
2. No content runs past its paragraph unless a quote carries it over: a content is cut at
   every paragraph break that no single quote spans, keeping the piece with (or nearest)
   its cue.
3. A statement has propositional content: a clause (a verb) or a quote. A content that is
   a bare noun phrase ("submitted the evidence", "expressed concern") is more often an
   act or a topic than a statement, but PolNeAR annotates many ("cited derogatory
   comments"): such a content is kept only when the trained keep scorer is surer of it
   (the model's np_keep_threshold, 1.0: only when it is certain; extract.keeps). Dropping
   them costs about 0.027 content overlap F1 on PolNeAR dev and keeping them at 0.7 cost
   0.07 real-statement precision on whole news articles (both DEVELOPMENT figures).
4. A hard cap on content length (MAX_CONTENT_TOKENS), with a warning: a content longer
   than that is cut at the last sentence end within the cap.
5. Not statements either: "reportedly"/"allegedly" (a hedge, no speaker), and the
   infinitive of an attempt or a decision that is not speech ("voted to hold", "attempting
   to discern", "sought to determine", "arranging to provide"; NOT_SAYING). Verbs of stated
   intention or position ("wants to", "plans to", "promised to", "refused to", "urged X
   to") stay cues: PolNeAR annotates them.
"""
from __future__ import annotations

import logging

from .context import DocContext

log = logging.getLogger(__name__)

# Cue lemmas that are not speech by themselves.
PERCEPTION = frozenset(("seem", "appear", "look", "sound", "see", "describe", "regard", "view",
                        "perceive", "portray", "depict", "characterize", "characterise", "label",
                        "consider", "deem", "brand", "paint", "cast"))
PUBLISHING = frozenset(("post", "publish", "release", "share", "upload", "retweet", "print",
                        "air", "broadcast", "circulate", "distribute"))
ACTS = frozenset(("impose", "sign", "make", "approach", "adopt", "enact", "ratify", "pass", "veto",
                  "launch", "take", "lift", "extend", "grant", "award", "introduce", "file"))
# Legal acts ("sentenced", "overturned", "pled", "ruled", ...) were tried here in issue 15's
# third pass: whole Wikinews articles (DEVELOPMENT) attribution precision +0.03, but
# PolNeAR held-out fold 4 content overlap -0.002 and +source -0.003, so they stay cues.
# Cue lemmas whose to-infinitive content is an act, not a statement (module doc, 5).
NOT_SAYING = frozenset(("vote", "attempt", "try", "seek", "arrange", "pause", "require", "intend",
                        "move", "work", "prepare", "begin", "start", "manage", "fail", "act",
                        "struggle", "rush", "scramble", "hurry", "help"))
_APPEARANCE = frozenset(("seem", "appear", "look", "sound"))
HEDGES = frozenset(("reportedly", "allegedly", "purportedly", "supposedly"))
MAX_CONTENT_TOKENS = 400


def speech_cue(ctx: DocContext, cue: int, start: int, end: int) -> bool:
    """False for a non-speech lemma (see module doc) that introduces no content."""
    lem = ctx.lemma[cue]
    if ctx.lower[cue] in HEDGES:
        return False
    if lem in NOT_SAYING and _infinitive(ctx, start, end):
        return False
    if lem not in PERCEPTION and lem not in PUBLISHING and lem not in ACTS:
        return True
    if any(ctx.dep[c] == "ccomp" and _clause(ctx, c) for c in ctx.kids[cue]):
        return True                         # "it appears that ...", "she posted that ..."
    passive = any(ctx.dep[c] in ("auxpass", "nsubjpass") for c in ctx.kids[cue])
    if lem in PERCEPTION and lem not in _APPEARANCE and _quoted_words(ctx, start, end) and (
            not passive or any(ctx.dep[c] == "agent" for c in ctx.kids[cue])):
        return True                         # 'described the attacks as a "dastardly act"'
    if lem in PERCEPTION and (passive or lem in _APPEARANCE):
        return False                        # "is seen as", "is described as", "seemed to"
    nxt = cue + 1
    while nxt < len(ctx.words) and ctx.dep[nxt] == "prt":
        nxt += 1
    if nxt < len(ctx.words) and ctx.words[nxt] == ":":
        return True
    words = [j for j in range(start, end) if ctx.pos[j] not in ("PUNCT", "SPACE")]
    return bool(words) and sum(ctx.quote_of[j] >= 0 for j in words) >= 0.8 * len(words)


def _quoted_words(ctx: DocContext, start: int, end: int) -> bool:
    return any(ctx.quote_of[j] >= 0 and ctx.pos[j] not in ("PUNCT", "SPACE") for j in range(start, end))


def _infinitive(ctx: DocContext, start: int, end: int) -> bool:
    """Whether content [start, end) is a to-infinitive ("to hold ...")."""
    return end - start >= 2 and ctx.lower[start] == "to" and ctx.pos[start] == "PART"


def propositional(ctx: DocContext, start: int, end: int) -> bool:
    """Whether content [start, end) holds a verb or a quoted word (module doc, 3)."""
    return any(ctx.pos[j] in ("VERB", "AUX") or ctx.quote_of[j] >= 0 and ctx.pos[j] not in ("PUNCT", "SPACE")
               for j in range(start, end))


def _clause(ctx: DocContext, j: int) -> bool:
    return ctx.pos[j] in ("VERB", "AUX") or any(ctx.dep[c] in ("nsubj", "nsubjpass") for c in ctx.kids[j])


def within_paragraph(ctx: DocContext, cue: int, start: int, end: int) -> tuple[int, int]:
    """[start, end) cut at paragraph breaks no quote spans (module doc, 2)."""
    pieces, lo = [], start
    for p_lo, _ in ctx.paragraphs:
        if start < p_lo < end and not _bridged(ctx, p_lo):
            pieces.append((lo, p_lo))
            lo = p_lo
    if not pieces:
        return start, end
    pieces.append((lo, end))
    return min(pieces, key=lambda p: 0 if p[0] <= cue < p[1] else min(abs(cue - p[0]), abs(cue - p[1] + 1)))


def _bridged(ctx: DocContext, p_lo: int) -> bool:
    """Whether one quote holds the tokens either side of the paragraph break before p_lo."""
    before = p_lo - 1
    while before > 0 and ctx.pos[before] == "SPACE":
        before -= 1
    k = ctx.quote_of[before]
    return k >= 0 and k == ctx.quote_of[p_lo]


def capped(ctx: DocContext, start: int, end: int) -> tuple[int, int]:
    """[start, end) at most MAX_CONTENT_TOKENS long (module doc, 4)."""
    if end - start <= MAX_CONTENT_TOKENS:
        return start, end
    limit = start + MAX_CONTENT_TOKENS
    cut = max((s.end for s in ctx.sents.spans if start < s.end <= limit), default=limit)
    log.warning("attribution content of %d tokens at character %d cut to %d tokens (cap %d)",
                end - start, ctx.idx[start], cut - start, MAX_CONTENT_TOKENS)
    return start, cut
