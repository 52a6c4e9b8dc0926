"""Named-entity mentions -> the actors of one article.

Steps (`find_actors`):
1. Person names: full names first, so that a later surname ("Abdollahian") joins the
   person it abbreviates, whatever label the model gave that surname.
2. Countries: country names, demonyms and capitals (metonymy for the government).
3. Organisations and groups, with "Name (ACRONYM)" acronyms as aliases.
4. Roles, countries and sectors of people from the titles before their names
   ("Russian Foreign Minister Sergei Lavrov") and from appositions.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from ..nlp import sentences
from .countries import country_resolver
from .index import ActorIndex
from .lexicon import match_role, sector_of

ACTOR_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_NAME_SPLIT = re.compile(r"[\s\-‐]+")
_PARTICLES = {"al", "el", "de", "da", "van", "von", "bin", "ibn", "abu", "der", "le", "la", "di", "du"}
# Words in an organisation's name that make it an armed or political group.
_GROUP_WORDS = {"army", "front", "brigade", "brigades", "militia", "state", "movement",
                "party", "coalition", "council", "hezbollah", "hamas", "taliban", "qaeda"}


def clean_name(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    if text.lower().startswith("the "):
        text = text[4:]
    return " ".join(text.split())


def name_parts(name: str) -> list[str]:
    return [p for p in _NAME_SPLIT.split(name) if p]


def surname(name: str) -> str:
    return name_parts(name)[-1].lower()


def find_actors(doc: Doc, article_uid: str) -> ActorIndex:
    index = ActorIndex(article_uid)
    ents = [e for e in doc.ents if e.label_ in ACTOR_LABELS]
    persons = _add_people(doc, ents, index)
    for ent in ents:
        if ent.start in persons:
            continue
        if ent.label_ in ("GPE", "NORP"):
            _add_country(ent, index)
        elif ent.label_ == "ORG":
            _add_organisation(ent, index)
    for ent in ents:
        if ent.start in persons:
            _add_role(ent, persons[ent.start], index)
    _add_descriptions(doc, index)
    return index


def _sent(span: Span) -> tuple[int, int]:
    return sentences(span.doc).chars(span.start)


def _add_people(doc: Doc, ents: list[Span], index: ActorIndex) -> dict[int, str]:
    """Full names, then any entity that is a known person's surname. -> {ent.start: actor id}."""
    out: dict[int, str] = {}
    full = [e for e in ents if e.label_ == "PERSON" and len(name_parts(clean_name(e.text))) > 1]
    for ent in full:
        name = clean_name(ent.text)
        aid = index.find("person:" + name.lower()) or index.add("person:" + name.lower(), name, "person")
        index.alias("surname:" + surname(name), aid)
        out[ent.start] = aid
    for ent in ents:
        if ent.start in out:
            continue
        name = clean_name(ent.text)
        key = "surname:" + surname(name) if name else ""
        if index.find(key) and (ent.label_ == "PERSON" or len(name_parts(name)) <= 2):
            out[ent.start] = index.find(key)
        elif ent.label_ == "PERSON" and name:
            aid = index.add("person:" + name.lower(), name, "person")
            index.alias("surname:" + surname(name), aid)
            out[ent.start] = aid
    for ent in ents:
        if ent.start in out:
            kind = "name" if len(name_parts(clean_name(ent.text))) > 1 else "surname"
            end = ent.end_char - (len(ent.text) - len(_POSSESSIVE.sub("", ent.text)))
            index.mention(out[ent.start], ent.start_char, end, sentences(doc).text[ent.start_char:end], kind, _sent(ent))
    return out


def _trimmed(ent: Span) -> tuple[int, int]:
    """Character span of an entity without a leading 'the' or a trailing possessive."""
    start, end = ent.start_char, ent.end_char
    if ent[0].lower_ == "the" and len(ent) > 1:
        start = ent[1].idx
    text = sentences(ent.doc).text[start:end]
    return start, end - (len(text) - len(_POSSESSIVE.sub("", text)))


def _add_country(ent: Span, index: ActorIndex) -> None:
    resolver = country_resolver()
    name = clean_name(ent.text)
    iso = resolver.iso3(name)
    kind = "demonym" if ent.label_ == "NORP" else "name"
    sector = None
    if iso is None and ent.label_ == "GPE":
        iso = resolver.capital_of(name)
        kind, sector = "capital", "GOV"
    if iso is None:
        return
    aid = index.add("country:" + iso, resolver.name(iso), "country", country=iso)
    s, e = _trimmed(ent)
    index.mention(aid, s, e, sentences(ent.doc).text[s:e], kind, _sent(ent))


def _add_organisation(ent: Span, index: ActorIndex) -> None:
    name = clean_name(ent.text)
    if not name:
        return
    doc = ent.doc
    aid = index.find("org:" + name.lower())
    if aid is None:
        words = [w.lower() for w in name_parts(name)]
        kind = "group" if _GROUP_WORDS & set(words) else "organization"
        country = None
        prev = doc[ent.start - 1] if ent.start > 0 else None
        if prev is not None and prev.ent_type_ in ("NORP", "GPE"):
            country = country_resolver().iso3(prev.text)
        aid = index.add("org:" + name.lower(), name, kind, country=country, sector=sector_of(words))
    acronym = _acronym_after(ent)
    if acronym:
        index.alias("org:" + acronym.text.lower(), aid)
        index.mention(aid, acronym.start_char, acronym.end_char, acronym.text, "alias", _sent(ent))
    s, e = _trimmed(ent)
    index.mention(aid, s, e, sentences(doc).text[s:e], "name", _sent(ent))


def _acronym_after(ent: Span) -> Span | None:
    """'the Islamic State (IS)' -> the span 'IS'."""
    doc = ent.doc
    if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
        tok = doc[ent.end + 1]
        if tok.text.isupper() and 2 <= len(tok.text) <= 6:
            return doc[tok.i:tok.i + 1]
    return None


def _add_role(ent: Span, aid: str, index: ActorIndex) -> None:
    """Titles before the name ('Russian Deputy Foreign Minister'), or an apposition
    either way ('UN special envoy Staffan de Mistura', 'Lavrov, the foreign minister')."""
    doc = ent.doc
    i = ent.start - 1
    while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN", "ADJ") and ent.root.is_ancestor(doc[i]):
        i -= 1
    phrase = list(doc[i + 1:ent.start])
    head = ent.root.head
    if not phrase and ent.root.dep_ == "appos" and head.pos_ == "NOUN":
        phrase = _noun_phrase(head)
    if not phrase:
        for tok in ent.root.children:
            if tok.dep_ == "appos" and tok.pos_ == "NOUN":
                phrase = _noun_phrase(tok)
    _apply_title(phrase, aid, index)


def _noun_phrase(tok) -> list:
    """The modifiers of a noun that make a title, and the noun: 'UN special envoy'."""
    left = [t for t in tok.lefts if t.dep_ in ("amod", "compound", "poss", "nmod")]
    return list(tok.doc[left[0].i:tok.i + 1]) if left else [tok]


def _apply_title(phrase: list, aid: str, index: ActorIndex) -> None:
    """Title tokens -> role, sector and country of `aid`; country words leave the role."""
    resolver = country_resolver()
    country = next((resolver.iso3(t.text) for t in phrase
                    if t.ent_type_ in ("GPE", "NORP", "") and resolver.iso3(t.text)), None)
    words = [t.text for t in phrase if not t.ent_type_ and t.dep_ != "case"
             and not resolver.iso3(t.text)]
    role = match_role([w.lower() for w in words])
    if role:
        first = len(words) - len(role[0].split())
        index.update(aid, role=" ".join(words[_role_start(words, first):]), sector=role[1])
    if country:
        index.update(aid, country=country)


def _role_start(words: list[str], first: int) -> int:
    """Keep qualifiers such as 'Deputy' or 'Special' that precede the matched role."""
    while first > 0 and words[first - 1][:1].isalpha() and words[first - 1].lower() not in _PARTICLES:
        first -= 1
    return first


# Dependency labels of a noun that stands for a participant (not a modifier).
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative"}
# Sentences after a description in which the person it introduces is looked for.
DESCRIPTION_LOOKAHEAD_SENTS = 3


def _add_descriptions(doc: Doc, index: ActorIndex) -> None:
    """'Iran's deputy foreign minister' -> the person it describes (or a new actor)."""
    sents = sentences(doc)
    for tok in doc:
        if tok.pos_ != "NOUN" or tok.ent_type_ or tok.dep_ not in _ARGUMENT_DEPS:
            continue
        phrase = _noun_phrase(tok)
        start = phrase[0].i
        words = [t.text for t in phrase if not t.ent_type_ and t.dep_ != "case"]
        role = match_role([w.lower() for w in words])
        if role is None or role[2] != "person" or tok.tag_ == "NNS" or _names_a_person(tok):
            continue
        country = next((country_resolver().iso3(t.text) for t in phrase
                        if t.ent_type_ in ("GPE", "NORP") and country_resolver().iso3(t.text)), None)
        title = " ".join(words[_role_start(words, len(words) - len(role[0].split())):])
        aid = _describe(index, sents, sents.index(tok.i), doc[start:tok.i + 1], role, title, country)
        span = doc[start:tok.i + 1]
        index.mention(aid, span.start_char, span.end_char, span.text, "description",
                      sents.chars(span.start))


def _names_a_person(tok) -> bool:
    return any(c.ent_type_ == "PERSON" and c.dep_ in ("appos", "compound") for c in tok.children) \
        or tok.head.ent_type_ == "PERSON" and tok.dep_ in ("compound", "appos")


def _describe(index: ActorIndex, sents, k: int, span: Span, role, title: str,
              country: str | None) -> str:
    """The person a description denotes: same role, else the next person named, else new."""
    def fits(aid: str) -> bool:
        d = index.get(aid)
        return d.kind == "person" and (not country or not d.country or d.country == country)

    same_role = [aid for aid in index.ids() if fits(aid) and index.get(aid).role
                 and index.get(aid).role.lower().endswith(role[0])]
    if same_role:
        return same_role[0]
    end = sents.spans[min(k + DESCRIPTION_LOOKAHEAD_SENTS, len(sents.spans) - 1)].end_char
    for start, aid, kind in index.mentions_before(end):
        if start >= span.end_char and kind == "person" and fits(aid) and not index.get(aid).role:
            index.update(aid, role=title, sector=role[1], country=country)
            return aid
    key = "description:" + span.text.lower()
    return index.add(key, span.text, "person", country=country, sector=role[1], role=title)
