"""Tokens -> actor ids of the article's ActorIndex.

A noun phrase names an actor when a mention of one lies inside it ("Iran's deputy foreign
minister", "U.S. servicemen"); pronouns resolve through parley.actors.coref ("we" inside a
quote is its speaker); an apposition names the person ("his counterpart, ... Bogdanov"); a
proper name the entity recogniser missed (title-case headlines) is looked up by name; and
common nouns for people and groups ("police", "protesters", "many rebel groups") become
description actors. A noun that is not an actor is searched for its owner or agent
("efforts by the United States", "Moscow's idea", "crimes committed by Croat forces").
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ..actors.coref import FIRST_PERSON, actor_for_span, resolve_pronoun
from ..actors.countries import country_resolver
from ..actors.filter import ActorFilter, features
from ..actors.index import ActorIndex
from ..actors.lexicon import in_context, match_role
from ..actors.states import modifies_thing
from ..actors.usage import is_place_name, is_venue
from ..nlp import sentences
from ..records import Attribution
from .lexicon import Lexicon
from .places import lookup_place
from .triggers import lemma, prep_child, prep_object


def _named(tok: Token) -> bool:
    return tok.ent_type_ in ("GPE", "LOC", "FAC", "NORP", "ORG") or tok.pos_ == "PROPN"

RELATIVE = {"who", "which", "that", "whom"}
_DESCENT_DEPS = ("poss", "compound", "nmod")
# People who act for a group: "delegations from Armenia and Azerbaijan", "members of the
# Association of African Jurists", "the foreign ministers of Greece and Turkey" -> the group.
REPRESENTATIVES = {"delegation", "delegate", "negotiator", "representative", "leader", "member", "official",
                   "envoy", "emissary", "minister", "spokesman", "spokeswoman", "spokesperson", "diplomat"}
# Prepositional phrases that belong to a description ("students throughout Indonesia").
_DESCRIPTION_PREPS = ("of", "in", "from", "throughout", "across")
_NOT_NAMES = {"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "PERCENT", "QUANTITY"}
# The learned actor filter's probability a name the events add as a participant (one no earlier
# stage made an actor) needs: the actors stage keeps candidates from 0.2, but a name only an
# event argument suggests asks for more. (Descriptions come from the role and participant
# words: 'the men', 'police'.)
PARTICIPANT_THRESHOLD = 0.5


@dataclass(frozen=True)
class View:
    """A parsed text and where it sits in the article: the article's own Doc (offset 0) or a
    re-parsed copy of a headline (offset = the headline's start)."""

    doc: object
    offset: int = 0
    own: bool = True                  # False for a re-parsed copy: its spans are not the Doc's
    base: object = None               # the article's Doc, for a re-parsed copy

    def chars(self, first: Token, last: Token) -> tuple[int, int]:
        return first.idx + self.offset, last.idx + len(last.text) + self.offset

    def article_span(self, first: Token, last: Token):
        """The same words as a Span of the article's own Doc (for coreference and minting)."""
        if self.own:
            return first.doc[first.i:last.i + 1]
        start, end = self.chars(first, last)
        return self.base.char_span(start, end, alignment_mode="expand")


@dataclass
class Resolver:
    index: ActorIndex
    attributions: tuple[Attribution, ...]
    lex: Lexicon
    view: View
    actor_filter: ActorFilter | None = None     # decides the new participants (None: all kept)

    def actors(self, tokens: list[Token], exclude: tuple[str, ...] = (), descend: bool = True) -> list[str]:
        """Actor ids of `tokens` (in order, without repeats or `exclude`)."""
        out: list[str] = []
        for tok in tokens:
            ids = self._represented(tok) or [self.actor(tok) or (self.owner(tok) if descend else None)]
            out += [aid for aid in ids if aid and aid not in out and aid not in exclude]
        return out

    def _represented(self, tok: Token) -> list[str]:
        """The groups a representative noun stands for ('delegations from Armenia and
        Azerbaijan' -> Armenia, Azerbaijan), unless the noun names an actor of its own."""
        if lemma(tok) not in REPRESENTATIVES or tok.pos_ not in ("NOUN", "PROPN"):
            return []
        start, end = self.view.chars(tok, tok)
        if self.index.at(start, end) is not None:
            return []
        for word in ("of", "from"):
            prep = prep_child(tok, word)
            obj = prep_object(prep) if prep is not None else None
            if obj is not None:
                group = [obj, *obj.conjuncts]
                ids = [a for o in group if (a := self.actor(o) or self.owner(o))]
                if ids:
                    return ids
        return []

    def actor(self, tok: Token) -> str | None:
        if tok.pos_ == "PRON" or tok.lower_ in RELATIVE:
            return self._pronoun(tok)
        start, end = self.view.chars(tok.left_edge if tok.left_edge.i <= tok.i else tok, tok)
        aid = self.index.at(start, end)
        if aid is not None and self._names_head(aid, tok):
            self._locate(aid, tok)
        if aid is None or not self._names_head(aid, tok):
            # 'UN special envoy Staffan de Mistura': the apposition names the envoy, the
            # modifier 'UN' only his organisation
            aid = next((a for c in tok.children if c.dep_ == "appos" and (a := self.actor(c))), aid)
        if aid is None:
            aid = self.index.covering(*self.view.chars(tok, tok))   # the head word inside a longer name
        if aid is None and tok.pos_ == "PROPN":
            aid = self._by_name(tok)
        if aid is None and tok.ent_type_ == "GPE":
            aid = self._city_country(tok)
        if aid is None and self.is_participant(tok):
            aid = self._describe(tok)
        if aid is None and self._unknown_name(tok) and not is_place_name(tok) and not is_venue(tok):
            aid = self._mint_name(tok)
        return aid

    def _names_head(self, aid: str, tok: Token) -> bool:
        """Does a mention of `aid` cover the head word of the phrase (not just a modifier)?"""
        pos = tok.idx + self.view.offset
        return any(s <= pos < e for s, e in self.index.get(aid).mentions)

    def owner(self, tok: Token, depth: int = 0) -> str | None:
        """The actor a non-actor noun belongs to: possessor, actor modifier, agent, 'of'."""
        if depth > 2 or tok.pos_ not in ("NOUN", "PROPN"):
            return None
        for c in tok.children:
            if c.dep_ in ("compound", "amod", "nmod") and modifies_thing(c) and country_resolver().iso3(c.text):
                continue                  # 'the Iran nuclear deal', 'Omani law': no owner
            if c.dep_ in _DESCENT_DEPS or c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE"):
                aid = self.actor(c)
                if aid:
                    return aid
        for word in ("by", "of", "from"):
            prep = prep_child(tok, word)
            obj = prep_object(prep) if prep is not None else None
            if obj is not None:
                aid = self.actor(obj) or self.owner(obj, depth + 1)
                if aid:
                    return aid
        for c in tok.children:
            if c.dep_ == "acl":
                agent = prep_child(c, "by")
                obj = prep_object(agent) if agent is not None else None
                if obj is not None:
                    return self.actor(obj)
        return None

    def is_participant(self, tok: Token) -> bool:
        """A common noun that can denote people or a group ('police', 'rebel groups')."""
        if tok.pos_ not in ("NOUN", "PROPN") or tok.ent_type_ in ("DATE", "TIME", "MONEY", "CARDINAL"):
            return False
        words = {lemma(tok), tok.lower_, tok.lower_[:-1] if tok.lower_.endswith("s") else tok.lower_}
        if words & self.lex.participants.keys():
            return True
        return match_role([tok.lower_]) is not None or match_role([lemma(tok)]) is not None

    def _pronoun(self, tok: Token) -> str | None:
        span = self.view.article_span(tok, tok)
        if span is None or not len(span):
            return None
        low = tok.lower_
        if low in RELATIVE:
            return self.actor(tok.head.head) if tok.head.dep_ == "relcl" else None
        if low in FIRST_PERSON:
            return self._speaker_at(span.start_char)
        aid = actor_for_span(span, self.index, mint=False)
        if aid is None and low == "it" and tok.dep_ == "nsubj" and any(
                c.dep_ == "acomp" for c in tok.head.children):
            # "it was willing to ...": a predicate adjective makes "it" an actor, not a dummy
            aid = resolve_pronoun(low, span.start_char, self.index, span.doc)
        return aid

    def _speaker_at(self, pos: int) -> str | None:
        inside = [a for a in self.attributions if a.content_span[0] <= pos < a.content_span[1] and a.speaker]
        return min(inside, key=lambda a: a.content_span[1] - a.content_span[0]).speaker if inside else None

    def _by_name(self, tok: Token) -> str | None:
        """A country or known name the entity recogniser missed (title-case headlines)."""
        first = tok
        while first.i > 0 and tok.doc[first.i - 1].dep_ == "compound" and tok.doc[first.i - 1].pos_ == "PROPN":
            first = tok.doc[first.i - 1]
        text = tok.doc[first.i:tok.i + 1].text
        resolver = country_resolver()
        iso = resolver.iso3(text)
        aid = self.index.add("country:" + iso, resolver.name(iso), "country", country=iso) if iso else None
        for key in ("org:" + text.lower(), "person:" + text.lower(), "surname:" + text.lower()):
            aid = aid or self.index.find(key)
        if aid:
            start, end = self.view.chars(first, tok)
            s0, s1 = sentences(tok.doc).chars(tok.i)
            self.index.mention(aid, start, end, text, "name", (s0 + self.view.offset, s1 + self.view.offset))
        return aid

    def _describe(self, tok: Token) -> str | None:
        """A description actor for 'the government of Sindh province', 'protesters',
        'supporters of former President Ahmed Ben Bella', 'students throughout Indonesia'
        (without its determiner or quantity), in the country its words name; never a place
        ('the town of Pandeglang', 'Golan Heights')."""
        if in_context(tok.lemma_, "place_noun") or in_context(tok.lower_, "place_noun") or is_place_name(tok):
            return None
        end = tok
        for c in tok.children:
            if c.dep_ == "prep" and c.i > end.i and c.lower_ in _DESCRIPTION_PREPS and prep_object(c) is not None \
                    and (c.lower_ == "of" or _named(prep_object(c))):
                end = prep_object(c).right_edge
        mods = [c for c in tok.children if c.i < tok.i and c.dep_ in ("amod", "compound", "nmod", "poss")]
        start = min(mods, key=lambda c: c.i).left_edge if mods else tok
        while start.i < tok.i and start.dep_ in ("det", "predet", "nummod", "quantmod", "punct", "advmod", "case"):
            start = tok.doc[start.i + 1]
        span = self.view.article_span(start, end)
        aid = actor_for_span(span, self.index, mint=True) if span is not None else None
        if aid is not None and self.index.get(aid).country is None:
            self.index.update(aid, country=self._country_in(start, end))
        return aid

    def _locate(self, aid: str, tok: Token) -> None:
        """A description actor without a country takes the one its phrase names ('Iraqi
        Kurds', 'demonstrators in Baghdad')."""
        draft = self.index.get(aid)
        if draft.country is not None or draft.kind not in ("group", "person") or draft.role or \
                not draft.key.startswith("description:"):
            return
        words = [c for c in tok.children if c.dep_ in ("amod", "compound", "nmod") and c.i < tok.i]
        words += [prep_object(c) for c in tok.children if c.dep_ == "prep" and c.lower_ in _DESCRIPTION_PREPS[1:]
                  and prep_object(c) is not None]
        country = next((c for w in words if (c := self._country_in(w, w))), None)
        if country:
            self.index.update(aid, country=country)

    def _country_in(self, first: Token, last: Token) -> str | None:
        """The country a description's words name ('Iraqi Kurds', 'students in Jakarta')."""
        resolver = country_resolver()
        for t in first.doc[first.i:last.i + 1]:
            if t.ent_type_ in ("GPE", "NORP") or t.pos_ == "PROPN":
                iso = resolver.iso3(t.text)
                city = lookup_place(t.text) if iso is None and t.ent_type_ in ("GPE", "LOC") else None
                if iso or city:
                    return iso or city.country
        start, end = self.view.chars(first, last)
        inner = self.index.at(start, end)
        return self.index.get(inner).country if inner else None

    def _unknown_name(self, tok: Token) -> bool:
        """A proper name the entity recogniser missed ('Mandela', 'UNITA'): not a date or a
        number, and in running text not the capitalised first word of a sentence."""
        if tok.pos_ != "PROPN" or tok.ent_type_ in _NOT_NAMES or not tok.text[:1].isupper() or len(tok.text) < 2:
            return False
        if tok.ent_type_ == "FAC" or tok.ent_type_ in ("GPE", "LOC") and lookup_place(tok.text):
            return False                  # buildings and cities are places, not actors
        if not tok.is_alpha or tok.dep_ == "compound" and tok.ent_type_ not in ("PERSON", "ORG", "GPE", "NORP"):
            return False                  # 'Anti-Terror Cooperation', 'Predator attacks'
        if tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text == "-" and not tok.whitespace_:
            return False
        return not self.view.own or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or not tok.is_sent_start

    def _city_country(self, tok: Token) -> str | None:
        """A city named as an argument stands for its country, as CAMEO codes it ('a suicide
        bombing in Tel Aviv' -> Israel), with the city's name as the mention."""
        first = tok
        while first.i > 0 and tok.doc[first.i - 1].dep_ == "compound" and tok.doc[first.i - 1].ent_type_ == "GPE":
            first = tok.doc[first.i - 1]
        name = tok.doc[first.i:tok.i + 1].text
        city = lookup_place(name)
        if city is None:
            return None
        named = [a for a in self.index.ids() if any(m.text.lower() == name.lower()
                                                    for m in self.index.get(a).mentions.values())]
        resolver = country_resolver()
        aid = named[0] if named else self.index.add("country:" + city.country, resolver.name(city.country),
                                                     "country", country=city.country)
        start, end = self.view.chars(first, tok)
        s0, s1 = sentences(tok.doc).chars(tok.i)
        self.index.mention(aid, start, end, tok.doc[first.i:tok.i + 1].text, "name",
                           (s0 + self.view.offset, s1 + self.view.offset))
        return aid

    def _mint_name(self, tok: Token) -> str | None:
        first = tok
        while first.i > 0 and tok.doc[first.i - 1].dep_ == "compound" and tok.doc[first.i - 1].pos_ == "PROPN":
            first = tok.doc[first.i - 1]
        span = self.view.article_span(first, tok)
        label = tok.ent_type_ if tok.ent_type_ in ("PERSON", "ORG") else "ORG"
        return self._new_or_known(span, label) if span is not None else None

    def _new_or_known(self, span, label: str) -> str | None:
        """The actor `span` denotes; a new one only when the learned filter takes it for an
        actor in its context (PARTICIPANT_THRESHOLD)."""
        aid = actor_for_span(span, self.index, mint=False)
        if aid is not None or self.actor_filter is None:
            return aid if aid is not None else actor_for_span(span, self.index, mint=True)
        p = self.actor_filter.probability(features(span.doc, span.start, span.end, label,
                                                   span.start == span.sent.start))
        return actor_for_span(span, self.index, mint=True) if p >= PARTICIPANT_THRESHOLD else None
