"""Step 8b of find_actors: countries for the people and organisations that the titles and
known leaders of step 8 (affiliation.py) left without one.

1. Stated: a nationality, country, city or owner in the words that describe the actor,
   before its name or in apposition with it: "Vyasna, an independent Belarusian human
   rights center" (BLR), "Berlin non-profit Cinema for Peace Foundation" (DEU),
   "Adamowicz's former party Civic Platform" (Adamowicz's country), "a Russian analyst"
   (RUS). A country named as the topic of a role is not the holder's ("a Russia analyst").
2. The article's locale: the country that clearly dominates the countries of the article's
   actors (people, organisations and governments that have one) and of the places its
   headline and first sentence say the story happens in ("in Mindanao, Philippines"); other
   places and topics are not counted ("new rules on flights to Cuba" makes no one Cuban),
   for an actor the article
   describes no other way: a local story's untitled people and organisations are mostly
   of its country.
   Never for envoys, analysts and the like (their office is abroad or their subject is a
   country), nor for international organisations; never from the countries named near
   the name.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from .countries import cities, country_resolver, divisions, token_country
from ..nlp import sentences
from .index import ActorIndex
from .states import place_use
from .titles import TOPIC_ROLES

# Roles whose holder usually serves abroad or studies a country.
ABROAD_ROLES = TOPIC_ROLES | {"ambassador", "envoy", "diplomat", "consul", "embassy", "delegation",
                              "visitor", "tourist", "foreigner", "refugee", "migrant"}
# Sectors that are no part of one country.
INTERNATIONAL_SECTORS = frozenset({"IGO"})
# The locale: its country holds at least this many of the article's actors that have a
# country, this share of them, and this many times the next country's.
MIN_MENTIONS = 3
MIN_SHARE = 0.5
MIN_LEAD = 1.5
# A national office without a country takes the article's most frequent country when it leads
# the next by this many (Christchurch story: NZL 4, AUS 3 -> "Judge Paul Kellar" NZL).
MIN_PLURALITY_LEAD = 1
# Places in the headline and first sentence ("in Mindanao, Philippines") count as this many
# actors of their country.
LEAD_SENTENCES = 2
LEAD_PLACE_WEIGHT = 2
# Mentions of an actor whose describing words are read.
MAX_MENTIONS = 6
# Dependency labels of the words that describe a name from its left or an appositive noun.
MODIFIER_DEPS = frozenset({"amod", "compound", "nmod", "poss", "npadvmod"})
KINDS = frozenset({"person", "organization", "group"})


def find_homes(doc: Doc, index: ActorIndex, ids: list[str]) -> None:
    """Countries for the actors `ids` (those still without one are looked at)."""
    ids = [a for a in ids if index.get(a).country is None and index.get(a).kind in KINDS]
    if not ids:
        return
    for aid in sorted(ids, key=lambda a: index.get(a).kind == "person"):     # organisations first
        iso = principal_country(index, aid) or stated_country(doc, index, aid)
        if iso:
            index.update(aid, country=iso)
    home = article_locale(doc, index)
    for aid in ids:
        d = index.get(aid)
        if d.country is None and home is not None and _may_live_there(d):
            index.update(aid, country=home)
    for aid in ids:                     # staff of a principal that got its country from the locale
        if index.get(aid).country is None:
            iso = principal_country(index, aid)
            if iso:
                index.update(aid, country=iso)


def principal_country(index: ActorIndex, aid: str) -> str | None:
    """Staff share their principal's country: the country of the organisation, seat or person
    a title names as the holder's owner ("a Google spokesman", "White House press secretary",
    "Supreme Court Justice Elena Kagan", "Governor Chris Christie's deputy chief of staff").
    The owner is looked up among the article's actors by its name or a mention, its longest
    ending first ("then governor chris christie" -> "chris christie")."""
    owner = index.get(aid).owner
    if not owner:
        return None
    r = country_resolver()
    words = owner.lower().split()
    words = words[1:] if words[:1] == ["the"] else words
    if not words:
        return None
    seat = r.seat(" ".join(words))
    if seat:
        return seat[0]
    names: dict[str, str] = {}
    for other in index.ids():
        o = index.get(other)
        if other == aid or not o.country or not o.mentions:
            continue
        for text in [o.name, *(m.text for m in o.mentions.values() if m.kind != "pronoun")]:
            key = text.lower()
            names.setdefault(key[4:] if key.startswith("the ") else key, o.country)
    for k in range(len(words)):
        iso = names.get(" ".join(words[k:]))
        if iso:
            return iso
    text = " ".join(words)
    return r.iso3(text) or divisions().get(text)


def stated_country(doc: Doc, index: ActorIndex, aid: str) -> str | None:
    """1. The country the words describing the actor state (see the module's docstring)."""
    for span in _spans(doc, index, aid):
        for noun, words in _descriptions(span):
            iso = _country_in(words, noun, index, aid)
            if iso:
                return iso
    return None


def _spans(doc: Doc, index: ActorIndex, aid: str) -> list[Span]:
    out = []
    for (s, e), m in sorted(index.get(aid).mentions.items())[:MAX_MENTIONS]:
        if m.kind != "pronoun":
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span):
                out.append(span)
    return out


def _descriptions(span: Span) -> list[tuple[Token | None, list[Token]]]:
    """(role noun, its describing words) of the phrase before the name ('exiled academic X',
    'Berlin non-profit X') and of nouns in apposition ('X, an independent Belarusian ...
    center'; 'the Tunisian activist, X')."""
    doc, root, out = span.doc, span.root, []
    left, inside = [], set(range(span.start, span.end))
    for i in range(span.start - 1, -1, -1):
        tok = doc[i]
        if tok.head.i not in inside or tok.dep_ not in MODIFIER_DEPS | {"case"}:
            break
        left.append(tok)
        inside.add(i)
    if left:
        nouns = [t for t in left if t.pos_ == "NOUN"]
        out.append((nouns[0] if nouns else None, left))
    appos = [t for t in root.children if t.dep_ == "appos" and not span.start <= t.i < span.end]
    if root.dep_ == "appos" and not span.start <= root.head.i < span.end:
        appos.append(root.head)
    for noun in appos:
        if noun.text[:1].isupper() and country_resolver().iso3(noun.text):
            out.append((None, [noun]))                      # 'An Australian, Brenton Tarrant'
        elif noun.pos_ == "NOUN":
            words = [w for c in noun.lefts if c.dep_ in MODIFIER_DEPS for w in c.subtree]
            out.append((noun, words))
    return out


def _country_in(words: list[Token], noun: Token | None, index: ActorIndex, aid: str) -> str | None:
    r = country_resolver()
    for tok in words:
        if tok.dep_ == "poss":
            iso = _owner_country(index, tok, aid)
            if iso:
                return iso
            continue
        if not tok.text[:1].isupper():
            continue
        iso = _owner_country(index, tok, aid, ("organization", "group"))     # 'Sea-Eye spokesperson X'
        if iso:
            return iso
        # 'a Russia analyst': the country a role studies (the role's own modifier) is no one's
        topic = noun is not None and tok.head == noun and noun.lemma_.lower() in TOPIC_ROLES
        iso = token_country(tok)
        if iso and not (topic and r.name(iso).lower().startswith(tok.lower_)):
            return iso
        if iso is None and tok.pos_ == "PROPN" and not tok.ent_type_ == "PERSON":
            iso = r.capital_of(tok.text) or cities().get(tok.lower_)
            if iso and not topic:
                return iso
    return None


def _owner_country(index: ActorIndex, tok: Token, aid: str, kinds: tuple[str, ...] | None = None) -> str | None:
    """The country of the actor a possessive or modifier names ("Adamowicz's former party")."""
    other = index.covering(tok.idx, tok.idx + len(tok.text))
    if other is None or other == aid or kinds is not None and index.get(other).kind not in kinds:
        return None
    return index.get(other).country


def _lead_places(doc: Doc, labels: tuple[str, ...] = ("GPE",)) -> list[str]:
    """Countries of the places the headline and first sentence say the story happens in
    ('Bombs kill 20 at cathedral in Mindanao, Philippines')."""
    sents = sentences(doc).spans[:LEAD_SENTENCES]
    end = sents[-1].end if sents else 0
    r, out = country_resolver(), []
    for ent in doc.ents:
        if ent.start >= end:
            break
        if ent.label_ in labels and place_use(ent.root, routes=False):      # where, not whither
            iso = r.iso3(ent.text) or r.capital_of(ent.text) or cities().get(ent.text.lower()) \
                or divisions().get(ent.text.lower())
            if iso:
                out.append(iso)
    return out


def _may_live_there(d) -> bool:
    words = set(d.role.lower().split()) if d.role else set()
    return not words & ABROAD_ROLES and d.sector not in INTERNATIONAL_SECTORS and d.owner is None


def article_locale(doc: Doc, index: ActorIndex) -> str | None:
    """2. The country that clearly dominates the countries of the article's actors (one for
    each person, organisation, government or country named other than as a place)."""
    counts = locale_counts(doc, index)
    if not counts:
        return None
    (iso, n), *rest = counts.most_common(2)
    second = rest[0][1] if rest else 0
    strong = n >= MIN_MENTIONS and n >= MIN_LEAD * second and n / sum(counts.values()) >= MIN_SHARE
    return iso if strong else None


def article_plurality(doc: Doc, index: ActorIndex) -> str | None:
    """The country with more of the article's actors (and lead places) than any other, by at
    least MIN_PLURALITY_LEAD: weaker evidence than the locale, for national offices only."""
    counts = locale_counts(doc, index)
    if not counts:
        return None
    (iso, n), *rest = counts.most_common(2)
    second = rest[0][1] if rest else 0
    return iso if n >= MIN_MENTIONS and n >= second + MIN_PLURALITY_LEAD else None


def lead_place(doc: Doc) -> str | None:
    """The one country of the places the headline and first sentence say the story happens in
    (None when they name none or several)."""
    found = set(_lead_places(doc, ("GPE", "LOC")))          # 'in Christchurch' tagged LOC too
    return found.pop() if len(found) == 1 else None


def locale_counts(doc: Doc, index: ActorIndex) -> Counter[str]:
    """Lead places (LEAD_PLACE_WEIGHT each) and the article's actors that have a country."""
    counts: Counter[str] = Counter()
    for iso in _lead_places(doc):
        counts[iso] += LEAD_PLACE_WEIGHT
    for aid in index.ids():
        d = index.get(aid)
        if d.country and d.kind in KINDS | {"country"} and d.mentions:
            counts[d.country] += 1
    return counts
