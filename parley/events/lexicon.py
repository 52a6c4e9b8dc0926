"""The event lexicon: trigger patterns, PLOVER modes and scores, CAMEO Goldstein scale,
factuality governors and participant nouns, read once per process from parley/data/.

    event_triggers.tsv     lemma + conditions -> PLOVER type, mode, CAMEO code
    event_modes.tsv        PLOVER type/mode -> PLOVER score, default CAMEO code, cue words
    cameo_scale.tsv        CAMEO code -> Goldstein score, quad class
    event_governors.tsv    words that make an event future, intended, negated, demanded
    event_participants.tsv common nouns that can be an event's actor ("police", "protesters")
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.strings import hash_string

from ..data import list_rows
from ..plover import PLOVER_TYPES

_FLAGS = {"in", "plural", "xcomp", "obj", "noobj", "noclause", "stative", "swap", "causative"}


@dataclass(frozen=True)
class Entry:
    """One line of event_triggers.tsv: a trigger word, what it needs, what it codes."""

    lemma: str
    pos: str                          # V | N | A
    type: str | None                  # None: this reading is not an event
    mode: str | None
    cameo: str | None
    preps: tuple[str, ...] = ()       # "+for": a particle or preposition child
    obj: frozenset[str] = frozenset()  # object lemmas (or their modifiers)
    mod: frozenset[str] = frozenset()  # the trigger's own modifiers
    head: frozenset[str] = frozenset()  # (nouns) the governing verb
    flags: frozenset[str] = frozenset()

    @property
    def weight(self) -> int:
        """How specific the line is: lines with more conditions are tried first."""
        conditions = self.flags - {"stative", "swap", "causative"}
        return len(self.preps) + bool(self.obj) + bool(self.mod) + bool(self.head) + len(conditions)


@dataclass(frozen=True)
class Mode:
    type: str
    mode: str | None
    score: float
    cameo: str
    cues: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    triggers: dict[tuple[str, str], tuple[Entry, ...]]
    modes: dict[str, tuple[Mode, ...]]
    goldstein: dict[str, tuple[float, int]]
    governors: dict[str, frozenset[str]]
    participants: dict[str, str]
    word_hashes: frozenset[int] = frozenset()   # string hashes of trigger lemmas (any case)

    def mode(self, type_: str, mode: str | None) -> Mode | None:
        for m in self.modes.get(type_, ()):
            if m.mode == mode:
                return m
        return None

    def role(self, lemma: str, role: str) -> bool:
        return role in self.governors.get(lemma, frozenset())

    def intensity(self, cameo: str | None) -> float | None:
        """Goldstein score of a CAMEO code, or of its nearest listed parent code."""
        code = cameo or ""
        while code:
            if code in self.goldstein:
                return self.goldstein[code][0]
            code = code[:-1]
        return None


def _words(value: str) -> frozenset[str]:
    return frozenset(w for w in value.split("|") if w)


def parse_entry(row: list[str], where: str) -> Entry:
    """A trigger line -> Entry; a malformed line raises ValueError naming the line and the fix."""
    if len(row) != 6:
        raise ValueError(f"{where}: expected 6 tab-separated columns, got {len(row)}: {row}")
    lemma, pos, requires, type_, mode, cameo = row
    if pos not in ("V", "N", "A") or (type_ != "-" and type_ not in PLOVER_TYPES):
        raise ValueError(f"{where}: pos must be V, N or A and type a PLOVER type or '-': {row}")
    fields: dict = {"preps": [], "flags": set()}
    for cond in requires.split() if requires != "-" else ():
        if cond.startswith("+"):
            fields["preps"].append(cond[1:])
        elif "=" in cond and cond.split("=")[0] in ("obj", "mod", "head"):
            key, value = cond.split("=", 1)
            fields[key] = _words(value)
        elif cond in _FLAGS:
            fields["flags"].add(cond)
        else:
            raise ValueError(f"{where}: unknown condition {cond!r} (see the file's header)")
    return Entry(lemma, pos, None if type_ == "-" else type_, None if mode == "-" else mode,
                 None if cameo == "-" else cameo, tuple(fields["preps"]), fields.get("obj", frozenset()),
                 fields.get("mod", frozenset()), fields.get("head", frozenset()), frozenset(fields["flags"]))


# British spellings of the lexicon's American ones ("recognise", "mobilisation", "defence").
_SPELLINGS = (("ization", "isation"), ("izing", "ising"), ("ize", "ise"), ("yze", "yse"), ("or", "our"),
              ("ense", "ence"))


def spelling_variants(word: str) -> set[str]:
    """The word and its British spelling, when the lexicon writes it the American way."""
    out = {word}
    for us, uk in _SPELLINGS:
        if word.endswith(us) and len(word) > len(us) + 3:
            out.add(word[:-len(us)] + uk)
    return out


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The whole lexicon, built once per process (a cache of read-only data files)."""
    by_word: dict[tuple[str, str], list[Entry]] = {}
    for k, row in enumerate(list_rows("event_triggers.tsv")):
        entry = parse_entry(row, f"event_triggers.tsv row {k + 1}")
        for word in spelling_variants(entry.lemma):
            entries = by_word.setdefault((word, entry.pos), [])
            if word == entry.lemma or not any(e.lemma == word for e in entries):
                entries.append(entry)
    triggers = {key: tuple(sorted(v, key=lambda e: -e.weight)) for key, v in by_word.items()}
    modes: dict[str, list[Mode]] = {}
    for type_, mode, score, cameo, cues in list_rows("event_modes.tsv"):
        modes.setdefault(type_, []).append(Mode(type_, None if mode == "-" else mode, float(score),
                                                cameo, _words(cues) if cues != "-" else frozenset()))
    governors: dict[str, set[str]] = {}
    for lemma, role in list_rows("event_governors.tsv"):
        governors.setdefault(lemma, set()).add(role)
    words = {lemma for lemma, _ in triggers}
    return Lexicon(
        word_hashes=frozenset(hash_string(v) for w in words for v in (w, w.title(), w.upper())),
        triggers=triggers, modes={k: tuple(v) for k, v in modes.items()},
        goldstein={code: (float(score), int(quad)) for code, score, quad in list_rows("cameo_scale.tsv")},
        governors={k: frozenset(v) for k, v in governors.items()},
        participants={lemma: sector for lemma, sector in list_rows("event_participants.tsv")})
