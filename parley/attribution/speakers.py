"""Sources of attributions: the speaker noun phrase of a cue, the actor it denotes, and
the intermediaries (`via`) between the speaker and the outlet.

Speaker spans follow PolNeAR: the subject of the cue ("Trump", "he", "who", "the
newspaper"), the agent of a passive ("was quoted by X"), the object of "according to".
The actor is found, in order, at the phrase's head (a name or a pronoun), through a
description matching an earlier actor's role ("the Iranian deputy foreign minister"),
or as a new description actor (actors.coref.actor_for_span); "he" and "she" agree in
gender with the article's evidence (gender.py).
"""
from __future__ import annotations

from spacy.tokens import Span

from ..actors.coref import actor_for_span
from ..actors.index import ActorIndex
from ..actors.lexicon import roles
from .context import DocContext
from .colon import lead_head
from .features import subject_of
from .gender import agreeing_actor

_NP_STOP = frozenset(("relcl", "appos", "acl", "punct", "cc", "conj", "prep", "advcl", "parataxis"))
_RELATIVE = frozenset(("who", "which", "that", "whom"))
MEDIA_WORDS = frozenset(("newspaper", "paper", "agency", "outlet", "channel", "television", "tv",
                         "radio", "network", "magazine", "daily", "times", "post", "news", "media",
                         "reports", "report", "website", "broadcaster", "journal", "tabloid", "station"))
REPORTERS = frozenset(("correspondent", "reporter", "journalist", "editor", "presenter", "anchor",
                       "interviewer", "columnist", "commentator", "host", "newsreader"))
# How far back (characters) a description looks for the actor it describes.
DESCRIPTION_WINDOW = 4000
# A description before any matching actor ("Iran's deputy foreign minister has said ...
# Hossein Amir-Abdollahian said") looks this far ahead.
CATAPHORA_WINDOW = 1500


def np_range(ctx: DocContext, head: int) -> tuple[int, int]:
    """Token range of the noun phrase headed by `head`, without clauses hanging off it."""
    tok = ctx.doc[head]
    if ctx.lower[head] in _RELATIVE:
        return head, head + 1
    right = head
    for c in tok.rights:
        if c.dep_ in _NP_STOP:
            break
        right = c.right_edge.i
    left = tok.left_edge.i
    while left < head and ctx.pos[left] == "PUNCT":
        left += 1
    return left, right + 1


def source_head(ctx: DocContext, cue: int) -> int | None:
    """Token index of the source's head for cue token `cue`, or None (no source named)."""
    if ctx.lower[cue] == "according":
        to = ctx.doc[cue + 1] if cue + 1 < len(ctx.doc) else None
        for t in (to, ctx.doc[cue]):
            for c in t.children if t is not None else ():
                if c.dep_ == "pobj":
                    return c.i
        return None
    if ctx.words[cue] == ":":
        return lead_head(ctx, cue)
    subj = subject_of(ctx, cue)
    if subj is not None:
        dummy = ctx.dep[subj] == "expl" or (ctx.lower[subj] == "it" and ctx.dep[subj] == "nsubjpass")
        return None if dummy else subj
    tok = ctx.doc[cue]
    if ctx.dep[cue] in ("relcl", "acl") and ctx.pos[ctx.head[cue]] in ("NOUN", "PROPN"):
        return None if ctx.dep[cue] == "acl" else ctx.head[cue]
    for c in tok.children:
        if c.dep_ == "poss":
            return c.i
    return None


# Nouns of a document or utterance: "Trump's statement said" is Trump's statement.
DOCUMENTS = frozenset(("statement", "ruling", "decision", "report", "letter", "post", "tweet", "comment",
                       "release", "memo", "filing", "complaint", "judgment", "judgement", "opinion",
                       "document", "message", "announcement", "communique", "declaration", "note",
                       "email", "e-mail", "blog", "column", "editorial", "op-ed", "speech", "remark",
                       "testimony", "verdict", "order", "press", "response", "reply", "answer",
                       "reaction", "word", "retort", "explanation"))
# Nouns for a person that roles.tsv does not list as roles ("the head of ...").
_PERSON_NOUNS = frozenset(("head", "member", "chief", "contributor", "researcher", "chairman", "chairwoman",
                           "chair", "attorney", "scientist", "economist", "historian", "fellow"))
_PERSONISH = frozenset(("PERSON", "ORG", "GPE", "NORP"))


def speaker_of(ctx: DocContext, head: int, start: int, end: int) -> int:
    """The speaker a chosen source head stands for: the person, not their affiliation
    ("Arnel dela Vega of the army's Command said": dela Vega; "Alexis Boon, the head of
    ...": Boon; "the Institute's director, Dr. Anthony Fauci": the director, whose name
    np_range/speaker_actor then find), and the author of a document ("Trump's statement
    read", "the Supreme Court decision stated": Trump, the Supreme Court). Never a token
    inside the content [start, end)."""
    j, climbed = head, False
    for _ in range(5):
        h, dep = ctx.head[j], ctx.dep[j]
        nxt = None
        if dep == "pobj" and ctx.dep[h] == "prep" and ctx.lower[h] in ("of", "from", "at", "with", "for", "to"):
            up = ctx.head[h]
            if up != h and _person(ctx, up):
                nxt = up
        elif dep == "conj" and climbed and _person(ctx, h):
            nxt = h
        elif dep == "appos" and ctx.pos[h] == "PROPN" and ctx.doc[h].ent_type_ == "PERSON":
            nxt = h
        elif dep == "poss" and ctx.pos[h] == "NOUN" and _person(ctx, h):
            nxt = h
        if nxt is None or start <= nxt < end or nxt == j:
            break
        j, climbed = nxt, True
    if ctx.pos[j] == "NOUN" and (ctx.lemma[j] in DOCUMENTS or ctx.lemma[j] in _REPORTED or
                                 ctx.lemma[j] in _FINDINGS):
        owner = _document_owner(ctx, j, by_only=ctx.lemma[j] in _FINDINGS)
        if owner is not None and not start <= owner < end:
            j = owner
    return j


def first_conjunct(ctx: DocContext, head: int, start: int, end: int) -> int:
    """Of subjects joined by "and", the first stands for them all ("Trump and his supporters
    claimed": Trump); `head` itself otherwise, or when the first lies in the content."""
    first = ctx.head[head]
    if ctx.dep[head] == "conj" and ctx.dep[first] in ("nsubj", "nsubjpass") and \
            ctx.pos[first] in ("NOUN", "PROPN") and not start <= first < end:
        return first
    return head


def _person(ctx: DocContext, j: int) -> bool:
    """A person's name, or a noun naming a person's role ("spokeswoman", "director")."""
    if ctx.pos[j] == "PROPN":
        return ctx.doc[j].ent_type_ in ("PERSON", "")
    if ctx.pos[j] != "NOUN":
        return False
    role = roles().get(ctx.lemma[j])
    return role is not None and role.kind == "person" or ctx.lemma[j] in _PERSON_NOUNS


def agent_noun(ctx: DocContext, j: int) -> bool:
    """A noun for someone who can speak: a role of roles.tsv (a person, group or
    organisation: "the minister", "the opposition", "the ministry"), a person noun, or an
    outlet or reporter word."""
    lem = ctx.lemma[j]
    return lem in roles() or lem in _PERSON_NOUNS or lem in MEDIA_WORDS or lem in REPORTERS or \
        ctx.doc[j].ent_type_ in _PERSONISH


def _document_owner(ctx: DocContext, noun: int, by_only: bool = False) -> int | None:
    """The author named in a document phrase: its possessor ("Trump's statement"), a
    named compound ("the Supreme Court decision") or a "by"/"from" phrase naming someone
    who can speak ("the report by Tasnim News Agency", "a statement from the ministry");
    for findings (`by_only`) the last alone ("data from the WHO"; "a Pew survey" stays)."""
    for c in ctx.kids[noun] if not by_only else ():
        if ctx.dep[c] == "poss":
            return c
    for c in ctx.kids[noun] if not by_only else ():
        if ctx.dep[c] == "compound" and ctx.pos[c] == "PROPN" and ctx.doc[c].ent_type_ in _PERSONISH:
            return c
    for c in ctx.kids[noun]:
        if ctx.dep[c] == "prep" and ctx.lower[c] in ("by", "from"):
            for p in ctx.kids[c]:
                if ctx.dep[p] == "pobj" and (ctx.pos[p] == "PROPN" or agent_noun(ctx, p)):
                    return p
    return None


# Nouns of reported matter that name no one ("according to reports", "witness accounts").
_REPORTED = frozenset(("report", "account", "rumor", "rumour", "estimate"))
# Findings whose author, when named, is the speaker ("data from the World Health
# Organisation", "a Pew survey"); unnamed, they stay their own source ("the study found").
_FINDINGS = frozenset(("data", "datum", "figure", "statistic", "study", "survey", "poll", "analysis", "research", "count"))


def authorless_document(ctx: DocContext, head: int) -> str | None:
    """How a source that is a document with no author named stands for its speaker:
    "none" for reports of no one in particular ("according to reports", "witness accounts",
    "a report"), "anaphor" for a definite document of an earlier speaker ("The statement
    also said", "According to the ruling"); None when the head is no such document."""
    if ctx.pos[head] != "NOUN" or not (ctx.lemma[head] in DOCUMENTS or ctx.lemma[head] in _REPORTED):
        return None
    if _document_owner(ctx, head) is not None or any(
            ctx.dep[c] in ("amod", "compound") and (ctx.doc[c].ent_type_ in _PERSONISH or ctx.pos[c] == "PROPN")
            for c in ctx.kids[head]):
        return None                          # "The Turkish statement": left to speaker_actor
    dets = [ctx.lower[c] for c in ctx.kids[head] if ctx.dep[c] == "det"]
    if ctx.tag[head] == "NN" and any(d in ("the", "this", "that") for d in dets):
        return "anaphor"
    return "none"


def relayer(ctx: DocContext, cue: int) -> float:
    """1.0 when the cue's source is a reporter relaying others' words ("the BBC's
    correspondent reports", "the BBC's Jon Donnison said"), else 0.0: such a cue is decoded
    after the cues inside its content, so a relayed statement stays with its speaker."""
    head = source_head(ctx, cue)
    if head is None:
        return 0.0
    if ctx.lemma[head] in REPORTERS:
        return 1.0
    return 1.0 if any(ctx.dep[c] == "poss" and _is_outlet(ctx, c) and ctx.pos[head] == "PROPN"
                      for c in ctx.kids[head]) else 0.0


def via_heads(ctx: DocContext, cue: int, sentence: tuple[int, int]) -> list[int]:
    """Heads of intermediaries named around a cue, in text order: "according to X" in the
    same sentence, "told X" / "in an interview with X" when X is an outlet, "quoted by X"."""
    out = []
    s, e = sentence
    for j in range(s, e - 1):
        if ctx.lower[j] == "according" and ctx.lower[j + 1] == "to" and j != cue:
            out += [c.i for c in ctx.doc[j + 1].children if c.dep_ == "pobj"]
    tok = ctx.doc[cue]
    for c in tok.children:
        if c.dep_ in ("dative", "dobj") and ctx.lemma[cue] == "tell" and _is_outlet(ctx, c.i):
            out.append(c.i)
        if c.dep_ == "prep" and c.lower_ in ("in", "to"):
            out += _interview_with(ctx, c.i)
        if c.dep_ == "agent" and ctx.lemma[cue] == "quote":
            out += [p.i for p in c.children if p.dep_ == "pobj"]
    return sorted(set(out))


def _interview_with(ctx: DocContext, prep: int) -> list[int]:
    out = []
    for p in ctx.doc[prep].children:
        if p.dep_ == "pobj" and ctx.lemma[p.i] in ("interview", "statement", "conversation", "report"):
            for q in p.children:
                if q.dep_ == "prep" and q.lower_ in ("with", "to"):
                    out += [r.i for r in q.children if r.dep_ == "pobj"]
        elif p.dep_ == "pobj" and _is_outlet(ctx, p.i):
            out.append(p.i)
    return out


def _is_outlet(ctx: DocContext, i: int) -> bool:
    tok = ctx.doc[i]
    return tok.ent_type_ == "ORG" or ctx.lemma[i] in MEDIA_WORDS


def speaker_actor(ctx: DocContext, start: int, end: int, head: int, index: ActorIndex) -> str | None:
    """The actor of the phrase tokens [start, end) headed by `head` (see module doc)."""
    doc = ctx.doc
    if ctx.pos[head] == "PRON":
        agreeing = agreeing_actor(ctx, head, index)
        if agreeing:
            return agreeing
    hs, he = _name_chain(ctx, head)
    found = index.at(ctx.idx[hs], ctx.chars(hs, he)[1])
    if found:
        return found
    if ctx.pos[head] == "PRON" or ctx.lower[head] in _RELATIVE:
        if ctx.lower[head] in _RELATIVE and ctx.dep[ctx.head[head]] == "relcl":
            target = ctx.head[ctx.head[head]]
            return speaker_actor(ctx, *np_range(ctx, target), target, index)
        return actor_for_span(doc[head:head + 1], index)
    named = _named_person(ctx, head)
    if named is not None:                  # "the chief executive, Marc Morial," / "... and Marc Hill"
        return speaker_actor(ctx, *np_range(ctx, named), named, index)
    described = _described_actor(ctx, start, end, head, index)
    if described:
        return described
    mod_end = start
    for j in range(start, head):          # "Iran's deputy foreign minister": skip "Iran's"
        if ctx.dep[j] == "case" or ctx.tag[j] == "POS":
            mod_end = j + 1
        elif ctx.pos[head] == "NOUN" and j == mod_end and _place_word(ctx, j):
            mod_end = j + 1               # "American academic" is not the United States
    return actor_for_span(Span(doc, mod_end if mod_end < end else start, end), index)


def _named_person(ctx: DocContext, head: int) -> int | None:
    """A person's name in apposition or conjunction with a common-noun head, or None."""
    if ctx.lower[head] == "one":            # "One of these groups, the Syrian Democratic Forces,"
        return next((c for c in ctx.kids[head] if ctx.dep[c] == "appos" and ctx.pos[c] == "PROPN"), None)
    if ctx.pos[head] != "NOUN":
        return None
    for c in ctx.kids[head]:
        if ctx.dep[c] in ("appos", "conj") and ctx.pos[c] == "PROPN" and ctx.doc[c].ent_type_ == "PERSON":
            return c
    return None


def _place_word(ctx: DocContext, j: int) -> bool:
    """A leading determiner or a country/nationality modifier of a description."""
    return ctx.pos[j] == "DET" or ctx.doc[j].ent_type_ in ("NORP", "GPE") and ctx.dep[j] in ("amod", "compound")


def _name_chain(ctx: DocContext, head: int) -> tuple[int, int]:
    """The head with its compound/flat name parts ("Komsomolskaya pravda")."""
    lo = hi = head
    while lo - 1 >= 0 and ctx.head[lo - 1] == head and ctx.dep[lo - 1] == "compound":
        lo -= 1
    return lo, hi + 1


def _described_actor(ctx: DocContext, start: int, end: int, head: int, index: ActorIndex) -> str | None:
    """An earlier actor whose role ends with the description's head noun ("minister"), of
    the country the description names when it names one ("Iranian", "Iran's")."""
    if ctx.pos[head] != "NOUN":
        return None
    noun = ctx.lemma[head]
    pos = ctx.idx[start]
    country = None
    for j in range(start, head):
        aid = index.at(ctx.idx[j], ctx.chars(j, j + 1)[1])
        if aid and index.get(aid).kind == "country":
            country = index.get(aid).country
        elif ctx.doc[j].ent_type_ in ("NORP", "GPE") and country is None:
            return None     # "the French foreign ministry" names a country we cannot check

    everything = index.mentions_before(len(ctx.text) + 1)
    before = [m for m in reversed(everything) if m[0] < pos and pos - m[0] <= DESCRIPTION_WINDOW]
    after = [m for m in everything if m[0] > pos and m[0] - pos <= CATAPHORA_WINDOW]
    for _, aid, _ in before + after:       # nearest earlier actor first, then a later one
        d = index.get(aid)
        role = (d.role or "").lower().split()
        if role and role[-1].rstrip("s") == noun.rstrip("s") and (country is None or d.country == country):
            s, e = ctx.chars(start, end)
            index.mention(aid, s, e, ctx.text[s:e], "description", ctx.sents.chars(head))
            return aid
    return None
