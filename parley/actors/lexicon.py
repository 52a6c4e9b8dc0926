"""The actor word lists, read once per process from documented data files in parley/data:

- roles.tsv          role words -> (sector, kind): titles, descriptions, honorifics
- actor_context.tsv  words that tell a place from an actor (prepositions, verbs, nouns)
- actor_aliases.tsv  named groups, IGOs, NGOs and news agencies with their aliases
- seats.tsv          seats of power ("the Kremlin") -> (country, sector)
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..data import file_rows, list_rows
from ..errors import SettingError

MAX_ROLE_WORDS = 4


@dataclass(frozen=True)
class Role:
    words: str          # the matched role, lower case ("deputy foreign minister" -> "foreign minister")
    sector: str | None
    kind: str           # person | group | organization | honorific


@dataclass(frozen=True)
class KnownActor:
    """One line of actor_aliases.tsv."""
    name: str
    kind: str
    country: str | None
    sector: str | None
    aliases: tuple[str, ...]


def _dash(value: str) -> str | None:
    return None if value in ("", "-") else value


@lru_cache(maxsize=1)
def roles() -> dict[str, Role]:
    out = {}
    for fields in list_rows("roles.tsv"):
        role, sector, kind = (fields + ["-", "person"])[:3]
        out[role.lower()] = Role(role.lower(), _dash(sector), kind)
    return out


@lru_cache(maxsize=1)
def context_words() -> dict[str, frozenset[str]]:
    """category -> words (actor_context.tsv)."""
    out: dict[str, set[str]] = {}
    for word, category in (f[:2] for f in list_rows("actor_context.tsv")):
        out.setdefault(category, set()).add(word.lower())
    return {k: frozenset(v) for k, v in out.items()}


def in_context(word: str, category: str) -> bool:
    return word.lower() in context_words().get(category, frozenset())


@lru_cache(maxsize=4)
def load_known_actors(extra: str = "") -> tuple[KnownActor, ...]:
    """The packaged actor_aliases.tsv, then the user's TSV at `extra` (the `actor_aliases`
    setting; Resources.known_actors is the way in for stages)."""
    lines = list_rows("actor_aliases.tsv") + (_user_lines(Path(extra)) if extra else [])
    out = []
    for fields in lines:
        name, kind, country, sector, aliases = (fields + [""] * 5)[:5]
        names = tuple(dict.fromkeys([name, *(a.strip() for a in aliases.split("|") if a.strip())]))
        out.append(KnownActor(name, kind or "organization", _dash(country), _dash(sector), names))
    return tuple(out)


def _user_lines(path: Path) -> list[list[str]]:
    try:
        return file_rows(path)
    except OSError as exc:
        raise SettingError("actor_aliases", str(path), f"the file cannot be read ({exc.strerror}); "
                           "give a TSV in the format of parley/data/actor_aliases.tsv") from None


@lru_cache(maxsize=1)
def seats() -> dict[str, tuple[str, str]]:
    """'kremlin' -> ('RUS', 'GOV')."""
    return {f[0].lower(): (f[1], f[2]) for f in list_rows("seats.tsv")}


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """The last words of the roles: a noun that is none of them heads no role."""
    return frozenset(r.split()[-1] for r in roles())


def match_role(words: list[str], lemma: str | None = None) -> Role | None:
    """The longest role ending `words` (lower case), or None. `lemma` is the lemma of the
    last word, tried when the word itself is not listed ("officials" -> "official")."""
    table = roles()
    tails = [words] + ([words[:-1] + [lemma]] if lemma and words and lemma != words[-1] else [])
    for ws in tails:
        for n in range(min(MAX_ROLE_WORDS, len(ws)), 0, -1):
            role = table.get(" ".join(ws[-n:]))
            if role:
                return role
    return None


def sector_of(words: list[str]) -> str | None:
    """The sector of the first role word found anywhere in `words` (lower case)."""
    table = roles()
    for i in range(len(words)):
        for n in range(min(MAX_ROLE_WORDS, len(words) - i), 0, -1):
            role = table.get(" ".join(words[i:i + n]))
            if role and role.sector:
                return role.sector
    return None


@lru_cache(maxsize=1)
def name_variants() -> tuple[dict[str, str], dict[str, str]]:
    """(given-name form -> the form names are compared by, person alias -> full name),
    from name_variants.tsv."""
    given, people = {}, {}
    for fields in list_rows("name_variants.tsv"):
        forms = [f.strip().lower() for f in fields[0].split("|") if f.strip()]
        table = people if " " in forms[0] else given
        for f in forms:
            table[f] = forms[0]
    return given, people


@lru_cache(maxsize=1)
def party_words() -> dict[str, str]:
    """'republican' -> 'Republican Party' (parties.tsv)."""
    return {f[0].lower(): f[1] for f in list_rows("parties.tsv")}


def parties_in(text: str | None) -> frozenset[str]:
    """The parties a role names: 'Republican presidential nominee' -> {'Republican Party'}."""
    if not text:
        return frozenset()
    words = text.lower().replace("-", " ").split()
    table = party_words()
    found = {table[" ".join(words[i:i + n])] for n in (2, 1) for i in range(len(words) - n + 1)
             if " ".join(words[i:i + n]) in table}
    return frozenset(found)
