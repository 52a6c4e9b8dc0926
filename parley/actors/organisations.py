"""Step 3 of find_actors: named organisations and groups.

- known names (actor_aliases.tsv) are one actor per line of that file, whatever alias the
  text uses ("Islamic State", "IS", "ISIL", "Daesh");
- "the Syrian Government", "the Assad government" are the country's government;
- other organisation names keep their name, with a country from a demonym in or before it
  ("the Russian Foreign Ministry") and a sector from its words; "Name (ACRONYM)" makes the
  acronym an alias.
"""
from __future__ import annotations

from spacy.tokens import Span

from .countries import country_resolver, token_country
from .lexicon import KnownActor, match_role, sector_of
from .names import clean_name, name_key, name_parts
from .states import government
from .work import Work

# Sectors that make an organisation a group (armed or political), not an institution.
GROUP_SECTORS = frozenset({"REB", "OPP"})
# Words in an organisation's name that make it an armed or political group.
GROUP_WORDS = frozenset({"army", "front", "brigade", "brigades", "militia", "movement", "party",
                         "coalition", "council", "hezbollah", "hamas", "taliban", "qaeda", "forces"})
# Head nouns that make "<country> <noun>" the country's government.
GOVERNMENT_NOUNS = frozenset({"government", "regime", "administration", "authorities"})
MAX_ACRONYM = 6


def find_organisations(work: Work) -> None:
    for cand in work.candidates:
        if cand.label not in ("ORG", "KNOWN") or not work.free(cand.start, cand.end):
            continue
        if cand.known is not None and cand.known.actor is None:
            continue                                         # a seat of power: step 5
        span = work.doc[cand.start:cand.end]
        if _affiliation_of_role(span):
            continue                                         # "the UN special envoy": step 4
        if cand.known is not None:
            aid = known_actor(work, cand.known.actor)
        elif _headed_by_person_role(span):
            continue                                         # "UN High Commissioner ...": step 4
        else:
            aid = _named(work, span)
        work.mention(aid, span.start, span.end, "name")
        _acronym(work, span, aid)


def known_actor(work: Work, known: KnownActor) -> str:
    return work.index.add("org:" + name_key(known.name), known.name, known.kind,
                          country=known.country, sector=known.sector)


def _affiliation_of_role(span: Span) -> bool:
    """An organisation named in a title ('UN special envoy', "HRW's director")."""
    root = span.root
    if root.dep_ not in ("compound", "nmod", "poss", "amod") or root.head.pos_ != "NOUN":
        return False
    role = match_role([root.head.lower_], root.head.lemma_.lower())
    return role is not None and role.kind == "person" and root.head.tag_ == "NN"


def _headed_by_person_role(span: Span) -> bool:
    role = match_role([span.root.lower_], span.root.lemma_.lower())
    return role is not None and role.kind == "person"


def _named(work: Work, span: Span) -> str:
    name = clean_name(span.text)
    key = "org:" + name_key(name)
    found = work.index.find(key)
    if found:
        return found
    iso = _government_of(work, span)
    if iso:
        return government(work, iso)
    words = [w.lower() for w in name_parts(name)]
    sector = sector_of(words)
    kind = "group" if sector in GROUP_SECTORS or GROUP_WORDS & set(words) else "organization"
    return work.index.add(key, name, kind, country=_country_in(span), sector=sector)


def _government_of(work: Work, span: Span) -> str | None:
    """'the Syrian Government', 'The Israeli government', 'the Assad government' -> ISO3."""
    words = [t for t in span if t.dep_ != "det" and t.lower_ != "the"]
    if len(words) < 2 or words[-1].lower_ not in GOVERNMENT_NOUNS:
        return None
    owner = " ".join(t.text for t in words[:-1])
    iso = country_resolver().iso3(owner)
    if iso is None:
        aid = work.index.covering(words[0].idx, words[-2].idx + len(words[-2].text))
        iso = work.index.get(aid).country if aid else None
    return iso


def _country_in(span: Span) -> str | None:
    """A demonym or country name starting the name or just before it."""
    first = span[1] if span[0].lower_ == "the" and len(span) > 1 else span[0]
    prev = span.doc[span.start - 1] if span.start > 0 else None
    for tok in (first, prev):
        if tok is not None and tok.ent_type_ in ("NORP", "GPE", "ORG", "") and tok.text[:1].isupper():
            iso = token_country(tok)
            if iso:
                return iso
    return None


def _acronym(work: Work, span: Span, aid: str) -> None:
    """'the World Monuments Fund (WMF)': WMF becomes an alias (and a mention) of the actor."""
    doc = work.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        tok = doc[span.end + 1]
        if tok.text.isupper() and 2 <= len(tok.text) <= MAX_ACRONYM and tok.i not in work.taken:
            work.index.alias("org:" + name_key(tok.text), aid)
            work.mention(aid, tok.i, tok.i + 1, "alias")
