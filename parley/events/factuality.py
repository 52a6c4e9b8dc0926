"""Factuality: is the act reported as done, negated, future, intended, conditional or possible?

PLOVER's auxiliary modes (manual section 2.3) are historical, future, hypothetical and
negation. Parley reads them from the clause of the trigger and the clauses above it through
infinitival complements ("plans to impose", "is prepared to impose"):
  negated      "not", "never", "no", "without", "failed to", "avoided"
  future       "will", "shall", "is set to", "is due to"
  intended     "plans to", "intends to", "is prepared to", "vowed to", "decided to"
  conditional  an "if"/"unless" clause on the act ("will withdraw unless ...")
  speculative  "could", "might", "may", "would", "possible", or the act is itself the condition
PLOVER codes stated intentions as the act they promise: future cooperation is AGREE (manual
3.1; the CAMEO2PLOVER table also maps intent to yield, CAMEO 035, to AGREE), and force,
sanctions or repression held out as future or conditional is THREATEN (2.3: "THREATEN could
be ASSAULT + hypothetical ... return the single event category"). `plover_type` applies that;
the event keeps `hypothetical` true, since the act itself has not happened.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .lexicon import Lexicon
from .triggers import governing_verb, lemma

MODALITIES = ("asserted", "future", "intended", "conditional", "speculative")
COOPERATION = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
FORCE = {"ASSAULT", "MOBILIZE", "SANCTION", "COERCE", "PROTEST"}
_CLIMB = {"xcomp", "acomp", "oprd"}
_NEG_WORDS = {"not", "n't", "never", "no"}
DENIALS = {"deny", "refute", "dispute"}
_CONDITION_MARKS = {"if", "unless"}
# Clauses whose act has not happened yet ("until their demands are met").
_PENDING_MARKS = {"if", "unless", "until", "once", "till"}


@dataclass(frozen=True)
class Factuality:
    negated: bool = False
    modality: str = "asserted"
    preparing: bool = False           # "the army prepared to resume shelling" (a verb, not "is prepared to")

    @property
    def hypothetical(self) -> bool:
        return self.modality != "asserted"


def clause_chain(tok: Token, lex: Lexicon | None = None) -> list[Token]:
    """The trigger and the words above it whose auxiliaries and negation it shares:
    'impose' < 'prepared' < 'is'; 'sign' < 'meet' (coordinated, without its own auxiliary);
    'withdraw' < 'plans' in 'announced plans to withdraw' (a noun of intent)."""
    chain = [tok]
    cur = tok
    for _ in range(6):
        own_aux = any(c.dep_ in ("aux", "auxpass", "neg") for c in cur.children)
        intent_noun = cur.dep_ == "acl" and lex is not None and lex.role(lemma(cur.head), "intent")
        intent_clause = cur.dep_ == "advcl" and lex is not None and lex.role(lemma(cur.head), "intent") and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children)   # 'sworn to fight' read as purpose
        if cur.dep_ in _CLIMB or intent_noun or intent_clause or \
                cur.dep_ == "conj" and not own_aux and cur.pos_ in ("VERB", "AUX"):
            cur = cur.head
            chain.append(cur)
        else:
            break
    return chain


def factuality(tok: Token, lex: Lexicon) -> Factuality:
    """Factuality of the act at `tok` (a verb, an adjective or an event noun)."""
    chain = clause_chain(tok, lex)
    noun_verb = governing_verb(tok) if tok.pos_ in ("NOUN", "PROPN") else None
    if noun_verb is not None:
        chain += clause_chain(noun_verb, lex)
    found: set[str] = set()
    negated = _noun_negated(tok, lex)
    reported = _reported(chain[-1], lex)
    for k, t in enumerate(chain):
        unable = _unable(t)
        for c in t.children:
            negated = negated or c.dep_ == "neg" or c.dep_ == "det" and c.lower_ == "no" and k == 0
            if not (unable and c.dep_ == "aux"):
                found |= _markers(c, k, reported, lex)
        if k > 0:
            negated = negated or lex.role(lemma(t), "negating")
            found |= {r for r in ("intent", "future") if lex.role(lemma(t), r) or lex.role(t.lower_, r)}
    if chain[-1].dep_ == "advcl" and _marks(chain[-1]) & _PENDING_MARKS:
        found.add("speculative")
    if chain[-1].dep_ == "ccomp" and lemma(chain[-1].head) in DENIALS:
        negated = True                      # "denied that troops had shelled the town"
    preparing = any(lemma(t) == "prepare" and t.pos_ == "VERB" and t.dep_ != "acomp" for t in chain[1:])
    return Factuality(negated=negated, modality=_strongest(found), preparing=preparing)


def _markers(c: Token, k: int, reported: bool, lex: Lexicon) -> set[str]:
    """Modality markers among the children of a chain word (k: its place in the chain)."""
    word = c.lower_
    if c.dep_ in ("aux", "auxpass"):
        if reported and word in ("would", "'d"):
            return {"future"}               # "they said they would boycott": reported intention
        return {r for r in ("future", "speculative") if lex.role(word, r) or lex.role(lemma(c), r)}
    if c.dep_ == "advcl" and _marks(c) & _CONDITION_MARKS:
        return {"conditional"}
    if c.dep_ == "amod" and k == 0:
        return {r for r in ("speculative", "intended") if lex.role(word, r)}
    return set()


def is_condition(tok: Token, lex: Lexicon) -> bool:
    """Is the act at `tok` itself the condition or the awaited act of another clause ("if Russia
    invades, ...", "until the army withdraws")? Such an act is not reported as happening."""
    top = clause_chain(tok, lex)[-1]
    return top.dep_ == "advcl" and bool(_marks(top) & _PENDING_MARKS)


def _unable(tok: Token) -> bool:
    """'could not agree', 'cannot attend': inability, a fact, not a possibility."""
    aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    return bool(aux & {"could", "can", "ca"}) and any(c.dep_ == "neg" for c in tok.children)


def _reported(top: Token, lex: Lexicon) -> bool:
    """Is the clause the complement of a verb of saying ('said they would ...')?"""
    return top.dep_ == "ccomp" and lex.role(lemma(top.head), "speech")


def _strongest(found: set[str]) -> str:
    for name, key in (("intended", "intent"), ("intended", "intended"), ("conditional", "conditional"),
                      ("future", "future"), ("speculative", "speculative")):
        if key in found:
            return name
    return "asserted"


def _marks(tok: Token) -> set[str]:
    return {c.lower_ for c in tok.children if c.dep_ == "mark"}


def _noun_negated(tok: Token, lex: Lexicon) -> bool:
    """'without the consent', 'fighting has not re-emerged'."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "without":
        return True
    head = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass") and lex.role(lemma(head), "occurrence") and any(
        c.dep_ == "neg" for c in head.children)


def plover_type(type_: str, fact: Factuality) -> str:
    """The PLOVER category a negated, future, intended or conditional act is coded as.
    Negated agreement or concession is a refusal ("failed to reach agreement", "would not
    meet the demands"): REJECT, and so is a stated refusal of cooperation or retreat ("will not
    attend", "would not lay down their arms"). Stated intentions follow the CAMEO2PLOVER-2021 table: intent
    to cooperate or to yield (CAMEO 03x, including 035 "express intent to yield") is AGREE;
    force, sanctions or repression held out is THREATEN (manual 2.3); an army preparing to
    use force is MOBILIZE (3.14)."""
    if fact.negated and type_ in ("AGREE", "CONCEDE") and fact.modality != "conditional":
        return "REJECT"
    if fact.negated and (type_ in COOPERATION or type_ == "RETREAT") and fact.modality in ("future", "intended"):
        return "REJECT"                     # "said they would not lay down their arms" (CAMEO 12)
    if fact.negated:
        return type_
    if fact.preparing and type_ in ("ASSAULT", "COERCE"):
        return "MOBILIZE"
    if fact.modality in ("asserted", "speculative"):
        return type_
    if type_ in COOPERATION or type_ == "RETREAT":
        return "AGREE"
    if type_ in FORCE:
        return "THREATEN"
    return type_
