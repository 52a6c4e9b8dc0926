"""Step 5 of find_actors: countries, capitals, seats of power and nationalities.

- a country named as a place ("treated in Kenya") is the country actor (re3d and its
  scorer count it as a Location: dropping these cost 0.03 of re3d's four-type F1 on its
  training folds), a capital or city named as a place ("rallied in Paris") is no actor;
  `place_use` tells the two uses apart for the article's locale (locale.py);
- a country or capital acting ("Washington is not serious", "Moscow's push", "talks with
  Iran") and a seat of power ("the Kremlin") is the country's government (metonymy);
- a country or demonym modifying a role or an act of the state ("Syrian troops", "U.S.
  support") is a mention of the country; modifying another noun ("the Iran nuclear deal",
  "Omani law", "a Belgian hospital") it names no actor; a demonym as a noun ("Syrians",
  "the Iraqis") names the people, a group actor;
- names in titles and descriptions were taken by earlier steps: they are attributes there
  ("Iranian Deputy Foreign Minister"), not mentions of their own.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from .countries import country_resolver
from .lexicon import in_context, match_role
from .names import clean_name
from .usage import is_agent
from .work import Candidate, Work

COUNTRY_LABELS = frozenset({"GPE", "NORP", "LOC", "FAC", "KNOWN"})
# Prepositions whose object is a place ("in Syria"), and how many conjuncts or appositions
# back the preposition is looked for ("in Minsk, Belarus").
LOCATIVE = frozenset({"in", "inside", "within", "across", "throughout", "near", "around", "outside", "at"})
MAX_CHAIN = 4
# Prepositions of a route, whose object is a place after a verb of motion ("took them from
# Turkey to Greece", "airlifted to Berlin").
ROUTE = frozenset({"to", "from", "into", "toward", "towards"})
# Dependency labels of a demonym used as a noun ("Syrians fled", "aid to the Iraqis").
NOUN_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "conj", "appos", "attr", "dative", "ROOT"})


def government(work: Work, iso: str) -> str:
    """The actor for the government of `iso` (one per article)."""
    r = country_resolver()
    return work.index.add("gov:" + iso, r.government_name(iso), "organization", country=iso, sector="GOV")


def country(work: Work, iso: str) -> str:
    return work.index.add("country:" + iso, country_resolver().name(iso), "country", country=iso)


def find_states(work: Work) -> None:
    for cand in work.candidates:
        if cand.label in COUNTRY_LABELS and work.free(cand.start, cand.end):
            _state(work, cand)


def _state(work: Work, cand: Candidate) -> None:
    span = work.doc[cand.start:cand.end]
    r = country_resolver()
    text = clean_name(span.text)
    if cand.known is None and any(t.lower_ in ("and", "or", "&") for t in span):
        return                      # 'North and South Korea' is two countries, neither one alone
    if cand.known is not None:
        if cand.known.seat is not None:
            _seat(work, span, text, *cand.known.seat)
        return
    iso = r.iso3(text)
    if span.root.dep_ == "poss" and _place_or_thing(span.root.head):
        return                      # "Iran's Qom Province", "Hong Kong's extradition law"
    if names_a_division(span.root):
        return                      # "the US state of Wisconsin", "other US states", "Indian states"
    if iso is None:
        _capital_or_people(work, cand, span, text)
    elif _is_demonym(cand.label, text, iso):
        _nationality(work, span, text, iso)
    elif is_agent(span.root):
        work.mention(government(work, iso), span.start, span.end, "name")
    elif not modifies_thing(span.root):
        work.mention(country(work, iso), span.start, span.end, "name")


def place_use(tok: Token, routes: bool = True) -> bool:
    """'in Syria', 'across France', 'in Minsk, Belarus', 'from Turkey to Greece' (after a verb
    of motion): the object of a locative preposition (or a conjunct or apposition of one)
    names a place. `routes`: also a route's ends ('to Greece'), else only where something is."""
    for _ in range(MAX_CHAIN):
        if tok.dep_ not in ("conj", "appos") or tok.head is tok:
            break
        tok = tok.head
    if tok.dep_ != "pobj":
        return False
    prep = tok.head
    return prep.lower_ in LOCATIVE or routes and prep.lower_ in ROUTE and in_context(prep.head.lemma_, "motion_verb")


def _place_or_thing(noun: Token) -> bool:
    return any(in_context(noun.lemma_, c) or in_context(noun.lower_, c) for c in ("place_noun", "thing_noun"))


def modifies_thing(tok: Token) -> bool:
    """'the Iran nuclear deal', 'Omani law', 'a Belgian hospital': a country word modifying a
    noun that is neither a role nor an act of the state names no actor."""
    head = tok.head
    return tok.dep_ in ("compound", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN") and head is not tok \
        and match_role([head.lower_], head.lemma_.lower()) is None and not in_context(head.lemma_, "agent_noun")


def names_a_division(tok: Token) -> bool:
    """A country word modifying 'state' used for a part of the country: 'the US state of
    Wisconsin', 'all other US states', 'an Indian state' (a place, no actor); 'the Chinese
    state' (the country itself) is no division."""
    head = tok.head
    if tok.dep_ not in ("compound", "amod", "nmod") or head is tok or head.lemma_.lower() != "state":
        return False
    kids = list(head.children)
    return head.tag_ == "NNS" \
        or any(c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ == "PROPN" for o in c.children)
               for c in kids) \
        or any(c.lower_ in DIVISION_DETERMINERS for c in kids if c.i < head.i)


# Words before 'state' that make it one of several ('an Indian state', 'other US states').
DIVISION_DETERMINERS = frozenset({"a", "an", "another", "other", "each", "every", "any"})


def _is_demonym(label: str, text: str, iso: str) -> bool:
    name = country_resolver().name(iso).lower()
    return label == "NORP" or (text.lower() != name and not text.isupper()
                                     and text.lower().endswith(("n", "ns", "i", "is", "ese", "ish", "ch")))


def _seat(work: Work, span: Span, text: str, iso: str, sector: str) -> None:
    if sector == "GOV":
        aid = government(work, iso)
    else:
        aid = work.index.add("seat:" + text.lower(), text, "organization", country=iso, sector=sector)
    work.mention(aid, span.start, span.end, "seat")


def _capital_or_people(work: Work, cand: Candidate, span: Span, text: str) -> None:
    """A capital acting is its government; a plural ethnic or religious name ('Kurds') a group."""
    cap = country_resolver().capital_of(text) if cand.label == "GPE" else None
    if cap is not None:
        if is_agent(span.root) and not _dateline(text):
            work.mention(government(work, cap), span.start, span.end, "capital")
        return
    if cand.label == "NORP" and _as_noun(span):
        aid = work.index.add("people:" + text.lower(), text, "group")
        work.mention(aid, span.start, span.end, "name")


def _dateline(text: str) -> bool:
    """'WASHINGTON (Reuters) -': a capital in capitals opens a report filed there."""
    return text.isupper() and len(text) > 3


def _nationality(work: Work, span: Span, text: str, iso: str) -> None:
    if _as_noun(span):
        aid = work.index.add("people:" + iso, text, "group", country=iso)
        work.mention(aid, span.start, span.end, "name")
    elif not modifies_thing(span.root):
        work.mention(country(work, iso), span.start, span.end, "demonym")


def _as_noun(span: Span) -> bool:
    root = span.root
    return root.tag_ in ("NNS", "NNPS") and root.dep_ in NOUN_DEPS
