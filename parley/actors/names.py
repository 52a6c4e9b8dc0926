"""Names: normal forms, parts, surnames; and headline sentences, where the small model's
capitalised guesses ("Slams U.S. Fight Against") are not names."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Span

POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NAME_SPLIT = re.compile(r"[\s\-‐]+")
_BRACKET = re.compile(r"[(\[]")
# Name particles kept with the surname ("de Mistura", "al-Assad") and not taken as a title.
PARTICLES = frozenset({"al", "el", "de", "da", "van", "von", "bin", "ibn", "abu", "der", "le",
                       "la", "di", "du", "abd", "bint"})
DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those", "its", "their", "our",
                         "his", "her", "my", "your", "some", "any", "all", "both", "each", "every"})
# A sentence is a headline when at least this share of its words are capitalised ...
HEADLINE_CAPS_SHARE = 0.75
# ... and it has at least this many words.
HEADLINE_MIN_WORDS = 4


@lru_cache(maxsize=65536)
def clean_name(text: str) -> str:
    """'the Islamic State's' -> 'Islamic State'; 'Abboud Qanbar(Arabic' -> 'Abboud Qanbar'."""
    text = _BRACKET.split(text, maxsplit=1)[0]
    text = POSSESSIVE.sub("", text.strip())
    if text.lower().startswith("the "):
        text = text[4:]
    return " ".join(text.split())


@lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """The normalised form names are compared by: lower case, straight apostrophes, no dots."""
    return " ".join(clean_name(text).lower().replace("’", "'").replace(".", "").split())


def name_parts(name: str) -> list[str]:
    return [p for p in _NAME_SPLIT.split(name) if p]


def surname(name: str) -> str:
    parts = name_parts(name)
    return parts[-1].lower() if parts else ""


def given_name(name: str) -> str | None:
    """'Karim Wasifi' -> 'karim'; None for one-word names or a leading particle."""
    parts = name_parts(name)
    if len(parts) < 2 or parts[0].lower() in PARTICLES:
        return None
    return parts[0].lower()


def is_headline(sent: Span) -> bool:
    """Title-case lines ('Iran Slams U.S. Fight Against IS, Backs Russia's Push ...')."""
    words = [t for t in sent if t.is_alpha and len(t.text) > 1]
    if len(words) < HEADLINE_MIN_WORDS:
        return False
    caps = sum(1 for t in words if t.text[0].isupper())
    return caps / len(words) >= HEADLINE_CAPS_SHARE


def strip_determiners(text: str) -> str:
    """'the Iraqi security forces' -> 'Iraqi security forces'."""
    words = text.split()
    while len(words) > 1 and words[0].lower() in DETERMINERS:
        words = words[1:]
    return POSSESSIVE.sub("", " ".join(words))


def person_key(text: str) -> str:
    """name_key with one spelling per given name and person alias (name_variants.tsv):
    'Victor Makarov' and 'Viktor Makarov' -> 'viktor makarov'; 'Abu Mazen' -> 'mahmoud abbas'."""
    from .lexicon import name_variants
    given, people = name_variants()
    key = name_key(text)
    if key in people:
        return people[key]
    first, _, rest = key.partition(" ")
    return f"{given.get(first, first)} {rest}" if rest else key


def given_names_differ(a: str, b: str) -> bool:
    """Two person names with different given names ('ken clarke', 'charles clarke'); an
    initial agrees with any name it begins ('k clarke', 'ken clarke')."""
    ga, gb = given_name(person_key(a)), given_name(person_key(b))
    if not ga or not gb or ga == gb:
        return False
    if len(ga) == 1 or len(gb) == 1:
        return ga[0] != gb[0]
    return True


def is_full_name_text(text: str) -> bool:
    """'Ken Clarke' (a given name and a surname), not 'Clarke'."""
    return given_name(name_key(text)) is not None


def fold_accents(text: str) -> str:
    """'erdoğan' -> 'erdogan': how a one-word name is matched to the people of an article
    (an article may spell one name with and without its accents)."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
