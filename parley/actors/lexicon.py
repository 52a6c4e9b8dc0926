"""The role lexicon (data/roles.tsv): role words -> (sector, kind), longest match first."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

MAX_ROLE_WORDS = 4


@lru_cache(maxsize=1)
def roles() -> dict[str, tuple[str, str]]:
    out = {}
    text = resources.files("parley.data").joinpath("roles.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            role, sector, kind = (line.split("\t") + ["person"])[:3]
            out[role.strip().lower()] = (sector.strip(), kind.strip())
    return out


def match_role(words: list[str]) -> tuple[str, str, str] | None:
    """The longest role ending `words` (lower case) as (role, sector, kind), or None."""
    table = roles()
    for n in range(min(MAX_ROLE_WORDS, len(words)), 0, -1):
        cand = " ".join(words[-n:])
        if cand in table:
            return (cand, *table[cand])
    return None


def sector_of(words: list[str]) -> str | None:
    """The sector of the first role word found anywhere in `words` (lower case)."""
    table = roles()
    for i in range(len(words)):
        for n in range(min(MAX_ROLE_WORDS, len(words) - i), 0, -1):
            cand = " ".join(words[i:i + n])
            if cand in table:
                return table[cand][0]
    return None
