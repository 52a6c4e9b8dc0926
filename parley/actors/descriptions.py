"""Step 4 of find_actors: noun phrases that denote actors without naming them.

"Iran's deputy foreign minister" is the person the article names with that role; "a
spokesman" is a new person; "rebels", "Iraqi security forces", "the Syrian opposition" are
groups; "the government", "the regime" are a government: the country's one when the phrase
names a country, else the government the article last mentioned. Only phrases that take
part in a clause (subjects, objects, appositions, ...) and whose head is a role word of
data/roles.tsv count.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Token

from .lexicon import Role, match_role, role_heads, sector_of
from .names import DETERMINERS, strip_determiners
from .states import government
from .titles import Title, noun_phrase, read_title
from .usage import is_venue
from .work import Work

# Dependency labels of a noun that stands for a participant (not a modifier).
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr", "dative", "ROOT"})
GOVERNMENT_NOUNS = frozenset({"government", "regime", "administration", "authorities", "authority"})
INDEFINITE = frozenset({"a", "an", "one", "another", "some", "several", "many"})
# Sectors of members that are their group ("IS fighters" is the Islamic State).
MEMBER_SECTORS = frozenset({"REB", "MIL", "OPP"})
# Sectors whose unnamed groups in one article are one actor per country ("rebels", "armed
# groups", "rebel groups"); groups of other sectors ("children", "victims") are one per role word.
MERGED_SECTORS = frozenset({"REB", "OPP", "MIL", "GOV", "COP", "SPY"})
# Sentences after a description that states a country in which the person it introduces is
# looked for ("Iran's deputy foreign minister has said ... Hossein Amir-Abdollahian said").
DESCRIPTION_LOOKAHEAD_SENTS = 2
# Prepositions between a title and the place it names before a name ("Senator from Vermont X").
TITLE_PREPOSITIONS = frozenset({"from", "of"})
# How far back (characters) "the government" looks for the government it means.
GOVERNMENT_WINDOW = 3000


@dataclass(frozen=True)
class Description:
    head: Token
    start: int                 # tokens [start, end) of the mention
    end: int
    role: Role
    title: Title
    plural: bool
    member_of: str | None      # "IS fighters", "Hezbollah militants": the group they belong to


def find_descriptions(work: Work) -> list[Description]:
    """Describe actors; return the bare government phrases left for after step 5."""
    pending = []
    for i in _role_head_tokens(work):
        tok = work.doc[i]
        desc = _description(work, tok)
        if desc is None or not work.is_actor(desc.start, desc.end, "DESC"):
            continue
        if tok.lemma_.lower() in GOVERNMENT_NOUNS and not desc.title.country:
            pending.append(desc)
            work.take(desc.start, desc.end)
            continue
        aid = _actor(work, desc)
        work.mention(aid, desc.start, desc.end, "description")
        work.taken.update(desc.title.tokens)
    return pending


def _role_head_tokens(work: Work) -> list[int]:
    """Nouns in argument positions whose word or lemma ends some role (the rest can head no
    description), found on arrays: no Token objects are made for the others."""
    idx = work.tokens_where({"NOUN", "PROPN"}, ARGUMENT_DEPS)
    if not idx:
        return idx
    rows = work.doc.to_array([LOWER, LEMMA])[idx].tolist()
    strings, heads = work.doc.vocab.strings, role_heads()
    lowers = {h for h in {r[0] for r in rows} if strings[h] in heads}
    lemmas = {h for h in {r[1] for r in rows} if strings[h].lower() in heads}
    return [i for i, (low, lemma) in zip(idx, rows) if low in lowers or lemma in lemmas]


def resolve_governments(work: Work, pending: list[Description]) -> None:
    """'the government' -> the government the article mentioned last, else a new actor; a
    government named after someone whose country is unknown ('the Bush administration') is
    an actor of its own, never the last government mentioned."""
    for desc in pending:
        sent_start = work.sents.of(desc.start).start_char
        named = any(t.pos_ == "PROPN" for t in desc.head.lefts)
        aid = None if named else _sentence_government(work, desc, sent_start) or next(
            (a for s, a, _ in reversed(work.index.mentions_before(sent_start))
             if sent_start - s <= GOVERNMENT_WINDOW and work.index.get(a).key.startswith("gov:")), None)
        if aid is None and named:
            aid = work.index.add("description:" + _name(work, desc).lower(), _name(work, desc),
                                 "organization", sector="GOV")
        if aid is None:
            aid = work.index.add("description:" + desc.head.lemma_.lower(), _name(work, desc),
                                 "organization", sector="GOV")
        work.taken.difference_update(range(desc.start, desc.end))
        work.mention(aid, desc.start, desc.end, "description")


def _sentence_government(work: Work, desc: Description, sent_start: int) -> str | None:
    """'Hong Kong student groups had given the government until Thursday': the government
    of the one country (or territory) its own sentence names before it, if only one."""
    from .countries import country_resolver
    sent = work.sents.of(desc.start)
    r = country_resolver()
    isos = {r.iso3(e.text) for e in sent.ents if e.label_ == "GPE" and e.end <= desc.start}
    isos.discard(None)
    return government(work, isos.pop()) if len(isos) == 1 else None


def _description(work: Work, tok: Token) -> Description | None:
    if tok.pos_ not in ("NOUN", "PROPN") or tok.i in work.taken or tok.dep_ not in ARGUMENT_DEPS:
        return None
    heads = role_heads()
    if tok.lower_ not in heads and tok.lemma_.lower() not in heads:
        return None                                   # no role ends with this noun
    if tok.pos_ == "PROPN" and (tok.ent_type_ in ("PERSON", "GPE", "NORP") or work.headline(tok.i)) \
            or is_venue(tok):
        return None
    if tok.lemma_.lower() not in GOVERNMENT_NOUNS and _names_a_person(tok):
        return None
    full = noun_phrase(tok)
    phrase = [t for t in full if t.i not in work.taken or t.i == tok.i]
    words = [t.lower_ for t in phrase if t.is_alpha and t.lower_ not in DETERMINERS]
    role = match_role(words, tok.lemma_.lower())
    if role is None or role.kind == "honorific" or not words or _not_a_referent(full, tok, role):
        return None
    title = _with_of_country(work, tok, read_title(work, phrase))
    if title.country is None and tok.lemma_.lower() in GOVERNMENT_NOUNS:
        title = _leader_country(work, tok, title)
    if role.sector is None and not _specific(phrase, tok, title):
        return None
    start = min(t.i for t in phrase)
    end = max([tok.i + 1, *(i + 1 for i in title.tokens)])
    plural = tok.tag_ in ("NNS", "NNPS")
    member_of = _group_named_in(work, full, tok) if plural else None
    named = [t.i for t in full if t.i in work.taken and t.i != tok.i]
    if member_of and named:                   # "the Islamic State (IS) militants" -> "militants"
        start = max(named) + 1
        while start < tok.i and not work.doc[start].is_alpha:
            start += 1
    return Description(tok, start, end, role, title, plural, member_of)


def _group_named_in(work: Work, phrase: list[Token], head: Token) -> str | None:
    """The named group or organisation in a plural description ('IS fighters', 'fighters
    of the Islamic State')."""
    of = [o for p in head.rights if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    for t in phrase + of:
        if t.i != head.i and t.i in work.taken:
            aid = work.index.covering(t.idx, t.idx + len(t.text))
            if aid and work.index.get(aid).key.startswith("org:"):
                return aid
    return None


def _not_a_referent(phrase: list[Token], tok: Token, role: Role) -> bool:
    """'which groups' asks; a bare singular 'rebel' is a modifier the parser misplaced."""
    if any(t.tag_ in ("WDT", "WP", "WP$") for t in phrase):
        return True
    return role.kind == "person" and tok.tag_ == "NN" and len(phrase) == 1 and tok.pos_ == "NOUN"


def _names_a_person(tok: Token) -> bool:
    return any(c.ent_type_ == "PERSON" and c.dep_ in ("appos", "compound") for c in tok.children) \
        or (tok.head.ent_type_ == "PERSON" and tok.dep_ in ("compound", "appos"))


def _specific(phrase: list[Token], tok: Token, title: Title) -> bool:
    """A generic word ('group', 'party', 'partner') is an actor only when the phrase says
    which: 'the group', 'this terrorist group', 'our partners', 'all parties'."""
    return title.country is not None or title.sector is not None or len(phrase) > 1


def _with_of_country(work: Work, tok: Token, title: Title) -> Title:
    """'the Government of Iraq', 'the people of Syria', 'President of the United States'."""
    from .countries import country_resolver
    for prep in tok.rights:
        if prep.lower_ != "of":
            continue
        for obj in prep.children:
            if obj.dep_ == "pobj" and obj.i not in work.taken:
                sub = list(work.doc[obj.left_edge.i:obj.i + 1])
                iso = country_resolver().iso3(" ".join(t.text for t in sub))
                if iso:
                    return Title(title.role, title.sector, title.country or iso,
                                 title.tokens + tuple(range(prep.i, obj.i + 1)))
    return title


def _leader_country(work: Work, tok: Token, title: Title) -> Title:
    """'the Assad government': the country of the person it is named after."""
    for child in tok.lefts:
        if child.ent_type_ == "PERSON":
            aid = work.index.covering(child.idx, child.idx + len(child.text))
            if aid and work.index.get(aid).country:
                return Title(title.role, title.sector, work.index.get(aid).country, title.tokens)
    return title


def _actor(work: Work, d: Description) -> str:
    title = d.title
    if d.head.lemma_.lower() in GOVERNMENT_NOUNS:
        return government(work, title.country)
    if d.member_of and d.role.sector in MEMBER_SECTORS:
        return d.member_of
    sector = title.sector or d.role.sector or sector_of(
        [t.lower_ for t in work.doc[d.start:d.end]])
    if d.role.kind == "person" and not d.plural:
        return _person(work, d, sector)
    kind = "organization" if d.role.kind == "organization" and not d.plural else "group"
    if sector is None:                       # 'its allies', 'all parties': by their words
        return _generic(work, d, kind)
    if kind == "organization" or sector not in MERGED_SECTORS:   # 'the army', 'refugees'
        return _one_per_country(work, d, f"description:{d.role.words}:{kind}:", kind, sector)
    return _one_per_country(work, d, f"group:{kind}:{sector}:", kind, sector)   # 'rebels', 'armed groups'


def _generic(work: Work, d: Description, kind: str) -> str:
    """'an anti-IS coalition' ... 'the coalition': a definite phrase is the last one of its
    role word; other phrases are actors of their own words."""
    role_key = "role:" + d.role.words
    bare = d.end - d.start == 1 + len(d.role.words.split())          # "the coalition"
    if bare and work.doc[d.start].lower_ in ("the", "this", "that") and work.index.find(role_key):
        return work.index.find(role_key)
    key = "description:" + work.sents.text[work.doc[d.start].idx:d.head.idx + len(d.head.text)].lower()
    aid = work.index.add(key, _name(work, d), kind)
    work.index.alias(role_key, aid, replace=True)
    return aid


def _one_per_country(work: Work, d: Description, base: str, kind: str, sector: str) -> str:
    """One actor per `base` key and country; a phrase without a country joins the one with
    a country, and the other way round ('rebels' ... 'Syrian rebels')."""
    index, iso = work.index, d.title.country
    aid = index.find(base + (iso or "")) or index.find(base + "*")
    if aid is None and iso and index.find(base):
        aid = index.find(base)
        index.update(aid, country=iso)
    if aid is None:
        aid = index.add(base + (iso or ""), _name(work, d), kind, country=iso, sector=sector)
    index.alias(base + (iso or ""), aid)
    if iso:
        index.alias(base + "*", aid)
    return aid


def _name(work: Work, d: Description) -> str:
    return strip_determiners(work.sents.text[work.doc[d.start].idx:d.head.idx + len(d.head.text)])


def _person(work: Work, d: Description, sector: str | None) -> str:
    """The person a singular description denotes: a person named earlier in the text (never
    one named only after it) whose role, country, sector and organisation agree with it, else a person named without a role in the same
    sentence, else a new actor (always new after 'a', 'one'). "The UKIP spokesman" is never
    the BBC's; "the Jewish state's premier" is no one whose owner is unknown or other."""
    index, title = work.index, d.title
    first = work.doc[d.start].lower_
    role_text = title.role or d.role.words
    titled, named = _title_of_next_name(work, d)
    if named:
        index.update(named, role=role_text, sector=sector, country=title.country, owner=title.owner)
        return named
    if titled or first in INDEFINITE:                 # the title of a name the parser missed: no one else's
        key = f"description@{d.start}"
    else:
        here = work.doc[d.start].idx
        for aid in index.ids():
            a = index.get(aid)
            if a.kind == "person" and a.role and a.role.lower().endswith(role_text.lower()) \
                    and _agrees(a, title, sector) and any(s < here for s, _ in a.mentions):
                return aid            # named before the description: 'Senator X ... the senator'
        later = _next_named_person(work, d, sector)
        if later:
            index.update(later, role=role_text, sector=sector, country=title.country, owner=title.owner)
            return later
        key = f"description:{role_text.lower()}:{title.country or ''}:{title.owner or ''}"
    aid = index.add(key, _name(work, d), "person", country=title.country, sector=sector,
                    role=role_text)
    index.update(aid, owner=title.owner)
    return aid


def _title_of_next_name(work: Work, d: Description) -> tuple[bool, str | None]:
    """Does the description run straight into a proper name ('United States Senator from
    Minnesota Amy Klobuchar', 'Senator from Vermont Bernie Sanders')? Then it is that name's
    title: (True, the person named there, or None when the parser made the name something
    else: 'Vermont Bernie Sanders' taken for an organisation)."""
    doc, i = work.doc, d.end
    place = i < len(doc) and doc[i].pos_ == "ADP" and doc[i].lower_ in TITLE_PREPOSITIONS
    i += place
    run = []
    while i < len(doc) and doc[i].pos_ == "PROPN":
        run.append(doc[i])
        i += 1
    if not run or place and run[0].ent_type_ not in ("GPE", "LOC", "ORG"):
        return False, None            # 'a spokesperson for President Duterte': an owner, not a place
    names = [t for t in run[1:]] if place else run
    if not any(t.ent_type_ in ("PERSON", "ORG") for t in names):
        return False, None
    for t in reversed(run):
        aid = work.index.covering(t.idx, t.idx + len(t.text))
        if aid and work.index.get(aid).kind == "person":
            return True, aid
    return True, None


def _agrees(a, title: Title, sector: str | None) -> bool:
    """An actor and a description agree when neither country, sector nor owner differs
    (an owner the description names must be the actor's)."""
    return (not title.country or not a.country or a.country == title.country) \
        and (not sector or not a.sector or a.sector == sector) \
        and (not title.owner or a.owner == title.owner)


def _next_named_person(work: Work, d: Description, sector: str | None) -> str | None:
    """A person named without a role later in the description's own sentence, or (when the
    description states a country: "Iran's deputy foreign minister") in the next
    DESCRIPTION_LOOKAHEAD_SENTS sentences; never for a description with another owner nor
    for a role someone serves 'as'."""
    if d.title.owner or d.head.dep_ == "pobj" and d.head.head.lower_ == "as":
        return None                   # '(who) served as President of India': a role held, no introduction
    k = work.sents.index(d.start)
    ahead = DESCRIPTION_LOOKAHEAD_SENTS if d.title.country else 0
    end = work.sents.spans[min(k + ahead, len(work.sents.spans) - 1)].end_char
    pos = work.doc[d.end - 1].idx
    for start, aid, kind in work.index.mentions_before(end):
        a = work.index.get(aid)
        if start > pos and kind == "person" and not a.role and a.key.startswith("person:") \
                and _agrees(a, d.title, sector):
            return aid
    return None
