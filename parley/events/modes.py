"""PLOVER mode and CAMEO code of a coded frame.

The mode comes from the trigger line when it states one ("visit" -> CONSULT visit); for the
verbal conflict types it is what is asked, refused or threatened (the embedded act: "refused
to meet" -> REJECT meet, "threatened to break off relations" -> THREATEN relations); otherwise
it is read from cue words in the trigger's phrase ("air strikes" -> aerial, "killed by a
roadside bomb" -> explosives, "phone conversation" -> phone), data/event_modes.tsv.
"""
from __future__ import annotations

from spacy.tokens import Token

from .frames import Frame
from .lexicon import Lexicon, Mode
from .triggers import Match, lemma

# The mode of a demand, refusal or threat from the type of the act it is about.
CONTENT_MODES = {
    "REQUEST": {"CONSULT": "meet", "AGREE": "meet", "AID": "assist", "COOPERATE": "assist",
                "SUPPORT": "assist", "RETREAT": "yield", "CONCEDE": "yield"},
    "REJECT": {"CONSULT": "meet", "AGREE": "meet", "AID": "assist", "COOPERATE": "assist",
               "SUPPORT": "assist", "RETREAT": "yield", "CONCEDE": "yield", "REQUEST": None},
    "THREATEN": {"ASSAULT": "violence", "MOBILIZE": "violence", "SANCTION": "relations",
                 "RETREAT": "relations", "PROTEST": "relations", "COERCE": "restrict"},
}
COERCE_THREATS = {"arrest": "arrest", "deport": "expel", "seize": "territory"}
CONTENT_TYPES = set(CONTENT_MODES)
_LOCAL_SKIP = {"ccomp", "advcl", "relcl", "conj", "parataxis", "xcomp", "cc", "punct"}
MAX_CUE_TOKENS = 60


def cue_lemmas(tokens) -> set[str]:
    return {lemma(t) for t in tokens} | {t.lower_ for t in tokens}


def local_tokens(head: Token) -> list[Token]:
    """The trigger's phrase without its clausal dependents ('air strikes on Aleppo')."""
    out = [head]
    stack = [c for c in head.children if c.dep_ not in _LOCAL_SKIP]
    while stack and len(out) < MAX_CUE_TOKENS:
        t = stack.pop()
        out.append(t)
        stack += [c for c in t.children if c.dep_ not in ("relcl", "ccomp", "advcl", "parataxis")]
    return out


def content_tokens(frame: Frame) -> list[Token]:
    """Words of what is demanded, refused or threatened: the embedded acts and their phrases."""
    out: list[Token] = list(frame.match.tokens)
    for e in frame.embedded:
        out += list(e.tokens) + local_tokens(e.head)
    for c in frame.match.head.children:
        if c.dep_ in ("xcomp", "ccomp", "dobj", "prep", "pobj"):
            out += list(c.subtree)[:MAX_CUE_TOKENS]
    return out


def by_cues(type_: str, words: set[str], lex: Lexicon) -> str | None:
    for m in lex.modes.get(type_, ()):
        if m.mode and m.cues & words:
            return m.mode
    return None


def choose_mode(frame: Frame, type_: str, lex: Lexicon) -> str | None:
    m: Match = frame.match
    if m.entry.mode and m.entry.type == type_:
        return m.entry.mode
    if type_ in CONTENT_TYPES:
        for e in frame.embedded:
            mode = _content_mode(type_, e)
            if mode:
                return mode
        return by_cues(type_, cue_lemmas(content_tokens(frame)), lex)
    if type_ == "THREATEN" and m.entry.type in CONTENT_MODES["THREATEN"]:
        return _content_mode(type_, m)
    head = m.head
    words = cue_lemmas(local_tokens(head))
    if type_ == "ASSAULT" and head.pos_ in ("VERB", "AUX"):
        words |= cue_lemmas(t for c in head.children if c.dep_ in ("nsubj", "agent", "prep") for t in c.subtree)
    return by_cues(type_, words, lex)


def _content_mode(type_: str, e: Match) -> str | None:
    if type_ == "THREATEN" and e.type == "COERCE":
        return COERCE_THREATS.get(e.entry.mode or "", "restrict")
    return CONTENT_MODES[type_].get(e.type or "")


def cameo_code(frame: Frame, type_: str, mode: str | None, lex: Lexicon) -> str | None:
    """The trigger line's CAMEO code, made specific by the mode when the line's is general."""
    entry = frame.match.entry
    general: Mode | None = lex.mode(type_, None)
    specific = lex.mode(type_, mode) if mode else None
    if entry.type == type_ and entry.cameo and (general is None or entry.cameo != general.cameo):
        return entry.cameo
    if specific is not None:
        return specific.cameo
    if entry.type == type_ and entry.cameo:
        return entry.cameo
    return general.cameo if general else None


def plover_score(type_: str, mode: str | None, lex: Lexicon) -> float | None:
    m = lex.mode(type_, mode) or lex.mode(type_, None)
    return m.score if m else None
