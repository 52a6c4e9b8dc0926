"""The event coder: PLOVER events from triggers and their syntactic arguments.

Steps (`find_events`):
1. Triggers: verbs and nouns of the trigger lexicon.
2. Arguments: the subject (or passive agent, or possessor of a nominal trigger) is the
   source; the object or a prepositional object ("against", "with", "of") the target;
   conjuncts give compound actors.
3. Factuality: negation ("not", "refused to") and hypothetical or future markers.
4. Date, place and the attribution whose content holds the trigger.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..actors.coref import actor_for_span
from ..actors.index import ActorIndex
from ..nlp import sentences
from ..records import Article, Attribution, Event, Place, content_hash
from .dates import resolve_date
from .lexicon import Trigger, intensity, triggers
from .places import lookup_place

_SUBJ = {"nsubj", "nsubjpass"}
_OBJ = {"dobj", "attr", "dative"}
_TARGET_PREPS = {"against", "with", "on", "to", "of", "at", "for", "toward", "towards"}
_MODALS = {"could", "would", "might", "may", "should", "will", "shall", "can"}
_HYPOTHETICAL_HEADS = {"threaten", "plan", "want", "intend", "hope", "seek", "try", "vow",
                       "promise", "expect", "consider", "propose", "offer"}
_NEGATING_HEADS = {"refuse", "fail", "decline", "deny", "reject"}


def find_events(doc: Doc, index: ActorIndex, attributions: tuple[Attribution, ...],
                article: Article) -> tuple[Event, ...]:
    lexicon = triggers()
    dates = _sentence_dates(doc, article.published)
    out: list[Event] = []
    for tok in doc:
        trig = lexicon.get((tok.lemma_.lower(), "VERB" if tok.pos_ in ("VERB", "AUX") else tok.pos_))
        if trig is None:
            continue
        event = _code(tok, trig, index, attributions, dates, article)
        if event is not None:
            out.append(event)
    return tuple(out)


def _code(tok: Token, trig: Trigger, index: ActorIndex, attributions, dates, article) -> Event | None:
    source = _actors(_sources(tok), index)
    target = [a for a in _actors(_targets(tok), index) if a not in source]
    if not source and not target:
        return None
    sent = sentences(tok.doc).of(tok.i)
    s_start, s_end = sentences(tok.doc).chars(tok.i)
    date, date_span = dates.get(sent.start, (None, None))
    cameo = trig.cameo
    score, quad = intensity(cameo)
    return Event(
        id="e" + content_hash(article.uid, tok.idx, trig.type, length=10), type=trig.type,
        trigger=tok.text, trigger_span=(tok.idx, tok.idx + len(tok.text)),
        sentence_span=(s_start, s_end), source=tuple(source), target=tuple(target),
        mode=trig.mode, cameo=cameo, date=date or article.published, date_span=date_span,
        place=_place(sent, index), negated=_negated(tok), hypothetical=_hypothetical(tok),
        attribution=_claimed_by(tok, attributions), confidence=0.5 if target else 0.4,
        intensity=score, quad=quad)


def _sources(tok: Token) -> list[Token]:
    verb = tok
    if tok.pos_ == "NOUN":
        poss = [c for c in tok.children if c.dep_ == "poss"]
        if poss:
            return _with_conjuncts(poss[0])
    while True:
        subj = [c for c in verb.children if c.dep_ in _SUBJ and c.dep_ != "nsubjpass"]
        agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if subj or agent:
            return _with_conjuncts((subj or agent)[0])
        if verb.dep_ in ("xcomp", "conj", "advcl") and verb.head is not verb:
            verb = verb.head
        else:
            return []


def _targets(tok: Token) -> list[Token]:
    objs = [c for c in tok.children if c.dep_ in _OBJ or c.dep_ == "nsubjpass"]
    if not objs:
        objs = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in _TARGET_PREPS
                for p in c.children if p.dep_ == "pobj"]
    if objs:
        return _with_conjuncts(objs[0])
    return []


def _with_conjuncts(tok: Token) -> list[Token]:
    return [tok] + [c for c in tok.conjuncts]


def _actors(tokens: list[Token], index: ActorIndex) -> list[str]:
    out = []
    for t in tokens:
        span = t.doc[t.left_edge.i:t.i + 1] if t.pos_ != "PRON" else t.doc[t.i:t.i + 1]
        aid = actor_for_span(span, index, mint=False)
        if aid is None:
            # "criticism of the United States and its allies": the noun's own modifiers
            for p in t.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        aid = aid or index.at(o.left_edge.idx, o.idx + len(o.text))
        if aid and aid not in out:
            out.append(aid)
    return out


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ == "xcomp" and (head.lemma_ in _NEGATING_HEADS or any(c.dep_ == "neg" for c in head.children))


def _hypothetical(tok: Token) -> bool:
    aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    if aux & _MODALS:
        return True
    return tok.dep_ == "xcomp" and tok.head.lemma_ in _HYPOTHETICAL_HEADS


def _claimed_by(tok: Token, attributions) -> str | None:
    inside = [a for a in attributions if a.content_span[0] <= tok.idx < a.content_span[1]]
    if not inside:
        return None
    return min(inside, key=lambda a: a.content_span[1] - a.content_span[0]).id


def _sentence_dates(doc: Doc, published: str | None) -> dict[int, tuple[str, tuple[int, int]]]:
    """{sentence start token: (ISO date, span)} from the first resolvable DATE per sentence."""
    out: dict[int, tuple[str, tuple[int, int]]] = {}
    for ent in doc.ents:
        sent_start = sentences(doc).of(ent.start).start
        if ent.label_ != "DATE" or sent_start in out:
            continue
        iso = resolve_date(ent.text, published)
        if iso:
            out[sent_start] = (iso, (ent.start_char, ent.end_char))
    return out


def _place(sent: Span, index: ActorIndex) -> Place | None:
    """A place named after 'in' in the sentence ('in Aleppo')."""
    for ent in sent.ents:
        if ent.label_ in ("GPE", "LOC", "FAC", "NORP") and ent.root.head.lower_ in ("in", "near", "at"):
            place = lookup_place(ent.text, (ent.start_char, ent.end_char))
            if place is not None and place.lat is not None:
                return place
    return None
