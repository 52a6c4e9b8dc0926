"""Titles and affiliations: the words around a name or a role noun that give an actor its
role, country and sector ("Iranian Deputy Foreign Minister", "the UN's", "HRW's deputy
Middle East director", "Lavrov, the foreign minister")."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from .countries import country_resolver, token_country
from .lexicon import match_role
from .names import PARTICLES
from .work import Work

# Sectors an affiliated organisation gives a person over the sector of the role word
# ("UN special envoy" is IGO, "FSA commander" is REB, "HRW's director" is NGO).
AFFILIATION_SECTORS = frozenset({"IGO", "NGO", "MED", "REB", "OPP", "JUD", "LEG", "BUS"})
# Roles whose country word names the subject of the work, not the person's country ("a
# Russia analyst", "the Middle East correspondent", "an Iran expert").
TOPIC_ROLES = frozenset({"analyst", "expert", "specialist", "scholar", "correspondent", "editor",
                         "reporter", "observer", "watcher", "historian", "researcher", "commentator",
                         "director", "desk", "hand", "envoy", "adviser", "advisor", "program", "programme"})
# Modifier labels that belong to a title ("the UN special envoy", "Iran's deputy minister").
TITLE_DEPS = frozenset({"amod", "compound", "poss", "nmod", "case", "det", "npadvmod"})


@dataclass(frozen=True)
class Title:
    role: str | None
    sector: str | None
    country: str | None
    tokens: tuple[int, ...]          # the title's tokens (they are no actor mentions of their own)
    owner: str | None = None         # the organisation or owner it names ("BBC", "jewish state")


def title_before(work: Work, start: int, root: Token) -> list[Token]:
    """Title tokens left of a name at `start` that modify it ('Russian Foreign Minister')."""
    doc = work.doc
    i = start - 1
    while i >= 0 and _title_token(doc[i]) and root.is_ancestor(doc[i]):
        i -= 1
    return list(doc[i + 1:start])


def _title_token(tok: Token) -> bool:
    """Words of a title: 'U.S. Secretary of State', "the UN's", 'Deputy Foreign Minister'."""
    return tok.pos_ in ("PROPN", "NOUN", "ADJ", "PART", "DET") or tok.tag_ == "POS" \
        or (tok.lower_ == "of" and tok.i > 0 and tok.nbor(-1).text[:1].isupper())


def noun_phrase(tok: Token) -> list[Token]:
    """The modifiers of a noun that make a title, and the noun: 'the UN special envoy'
    (not past a coordination: 'the government and rebel groups' -> 'rebel groups')."""
    left = [t for t in tok.lefts if t.dep_ in TITLE_DEPS]
    phrase = list(tok.doc[left[0].left_edge.i:tok.i + 1]) if left else [tok]
    cut = max((k + 1 for k, t in enumerate(phrase) if t.dep_ == "cc" or t.lower_ in ("and", "or", ",")),
              default=0)
    return phrase[cut:]


def read_title(work: Work, phrase: list[Token]) -> Title:
    """Role, sector and country of a title phrase; country words and affiliations leave the
    role ('Iranian Deputy Foreign Minister' -> 'Deputy Foreign Minister', IRN, GOV)."""
    country, affiliation, words, owner = None, None, [], []
    for tok in phrase:
        known = work.known_at.get(tok.i)
        if known is not None and known.actor is not None:
            affiliation = affiliation or known.actor
            continue
        iso = _country_word(tok)
        if iso and _topic(tok, iso, phrase[-1]):
            continue                                  # the subject of the work
        elif iso:
            country = country or iso
        elif tok.ent_type_ == "ORG" and tok.pos_ == "PROPN" or _possessor(tok, phrase[-1]):
            owner.append(tok.lower_)
        elif tok.dep_ not in ("case", "det") and tok.tag_ != "POS" and tok.is_alpha \
                and not (tok.ent_type_ in ("GPE", "NORP") and tok.pos_ == "PROPN"):
            words.append(tok.text)
    role = match_role([w.lower() for w in words], phrase[-1].lemma_.lower() if phrase else None)
    sector = role.sector if role else None
    if affiliation is not None:
        country = country or affiliation.country
        if affiliation.sector in AFFILIATION_SECTORS or sector is None:
            sector = affiliation.sector or sector
    text = None
    if role and role.kind != "honorific":
        first = len(words) - len(role.words.split())
        text = " ".join(words[role_start(words, first):])
    owner_text = affiliation.name.lower() if affiliation is not None else " ".join(owner) or None
    return Title(text, sector, country, tuple(t.i for t in phrase), owner_text)


def _possessor(tok: Token, head: Token) -> bool:
    """A word of the owner in "the Jewish state's premier" (not a country word)."""
    poss = next((t for t in head.lefts if t.dep_ == "poss"), None)
    return poss is not None and tok.i <= poss.i and tok.is_alpha and tok.dep_ != "det" \
        and tok.i >= poss.left_edge.i and tok.lower_ not in ("the", "a", "an")


def _topic(tok: Token, iso: str, head: Token) -> bool:
    """'Russia' in 'a Russia analyst' is what the analyst studies (a country's name before a
    role of TOPIC_ROLES); 'Russian' in 'a Russian analyst' is the analyst's nationality."""
    if tok.dep_ == "poss" or (tok.i + 1 < len(tok.doc) and tok.nbor(1).tag_ == "POS"):
        return False                              # "Iran's envoy" is Iran's
    return head.lemma_.lower() in TOPIC_ROLES and tok.i != head.i \
        and country_resolver().name(iso).lower().startswith(tok.lower_)


def _country_word(tok: Token) -> str | None:
    """The country a title word names: 'Iranian', 'Iran', 'U.S.'; not 'Foreign'."""
    if not tok.text[:1].isupper() or tok.lower_ in PARTICLES:
        return None
    return token_country(tok)


def role_start(words: list[str], first: int) -> int:
    """Keep qualifiers such as 'Deputy' or 'Special' that precede the matched role."""
    while first > 0 and words[first - 1][:1].isalpha() and words[first - 1].lower() not in PARTICLES:
        first -= 1
    return max(first, 0)


def apply_title(work: Work, aid: str, title: Title) -> None:
    """Set what a title says of `aid`, keeping attributes it already has from a longer title."""
    d = work.index.get(aid)
    if title.role and (not d.role or len(title.role) > len(d.role)
                       or (title.role.lower() == d.role.lower() and title.role != d.role.lower())):
        work.index.update(aid, role=title.role)
    if title.sector and (not d.sector or title.sector in AFFILIATION_SECTORS):
        work.index.update(aid, sector=title.sector)
    if title.country and not d.country:
        work.index.update(aid, country=title.country)
    if title.owner and not d.owner:
        work.index.update(aid, owner=title.owner)
    work.taken.update(title.tokens)
