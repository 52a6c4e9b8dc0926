"""Known names in a Doc: the groups, organisations and news agencies of actor_aliases.tsv and
the seats of power of seats.tsv, found with spaCy PhraseMatchers (one pass over the Doc)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.lang.en import English
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .lexicon import KnownActor, load_known_actors, seats


@dataclass(frozen=True)
class Known:
    """A known name found at tokens [start, end)."""
    start: int
    end: int
    actor: KnownActor | None = None          # a group, organisation or agency ...
    seat: tuple[str, str] | None = None      # ... or a seat of power: (country, sector)


def _case_sensitive(alias: str) -> bool:
    """Acronyms ('IS', 'U.N.') and one-word capitalised names ('Labour', 'Hamas') match only
    as written (or in capitals): 'labour market', 'is' are no actors."""
    return alias.isupper() or alias.replace(".", "").isupper() \
        or (" " not in alias and alias[:1].isupper())


def _variants(alias: str) -> set[str]:
    return {alias, alias.replace("'", "’"), alias.replace("’", "'")}


@lru_cache(maxsize=4)
def _matchers(vocab: Vocab, knowns: tuple[KnownActor, ...]) -> tuple[PhraseMatcher, PhraseMatcher, dict]:
    """(capitals-only matcher, any-case matcher, match label -> KnownActor or seat)."""
    exact = PhraseMatcher(vocab, attr="ORTH")
    lower = PhraseMatcher(vocab, attr="LOWER")
    labels: dict[str, object] = {}
    tokenizer = English(vocab=vocab).tokenizer   # patterns are tokenised like the text
    for n, known in enumerate(knowns):
        label = f"known{n}"
        labels[label] = known
        for alias in known.aliases:
            if _case_sensitive(alias):
                exact.add(label, [tokenizer(v) for v in _variants(alias) | _variants(alias.upper())])
            else:
                lower.add(label, [tokenizer(v) for v in _variants(alias)])
    for seat, value in seats().items():
        label = f"seat:{seat}"
        labels[label] = value
        lower.add(label, [tokenizer(v) for v in _variants(seat)])
    return exact, lower, labels


def find_known(doc: Doc, knowns: tuple[KnownActor, ...] | None = None) -> list[Known]:
    """Known names in `doc`, longest first where they overlap, in text order. `knowns`:
    Resources.known_actors (the packaged list alone when None)."""
    exact, lower, labels = _matchers(doc.vocab, knowns if knowns is not None else load_known_actors())
    found = [(s, e, doc.vocab.strings[m]) for m, s, e in [*exact(doc), *lower(doc)]]
    found.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out, last_end = [], -1
    for s, e, label in found:
        if s < last_end:
            continue
        value = labels[label]
        out.append(Known(s, e, actor=value) if isinstance(value, KnownActor) else Known(s, e, seat=value))
        last_end = e
    return out
