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
from ..actors.index import ActorIndex
from ..actors.lexicon import match_role
from ..nlp import sentences
from ..records import Attribution
from .lexicon import Lexicon
from .triggers import lemma, prep_child, prep_object

RELATIVE = {"who", "which", "that", "whom"}
_DESCENT_DEPS = ("poss", "compound", "nmod")


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

    def actors(self, tokens: list[Token], exclude: tuple[str, ...] = (), descend: bool = True) -> list[str]:
        """Actor ids of `tokens` (in order, without repeats or `exclude`)."""
        out: list[str] = []
        for tok in tokens:
            aid = self.actor(tok) or (self.owner(tok) if descend else None)
            if aid and aid not in out and aid not in exclude:
                out.append(aid)
        return out

    def actor(self, tok: Token) -> str | None:
        if tok.pos_ == "PRON" or tok.lower_ in RELATIVE:
            return self._pronoun(tok)
        start, end = self.view.chars(tok.left_edge if tok.left_edge.i <= tok.i else tok, tok)
        aid = self.index.at(start, end)
        if aid is None or not self._names_head(aid, tok):
            # 'UN special envoy Staffan de Mistura': the apposition names the envoy, the
            # modifier 'UN' only his organisation
            aid = next((a for c in tok.children if c.dep_ == "appos" and (a := self.actor(c))), aid)
        if aid is None and tok.pos_ == "PROPN":
            aid = self._by_name(tok)
        if aid is None and self.is_participant(tok):
            aid = self._describe(tok)
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
        """A description actor for 'the government of Sindh province', 'protesters'."""
        end = tok
        of = prep_child(tok, "of")
        if of is not None and prep_object(of) is not None:
            end = prep_object(of).right_edge
        start = tok.left_edge
        while start.i < tok.i and start.dep_ in ("det", "predet", "nummod", "quantmod", "punct"):
            start = tok.doc[start.i + 1]
        span = self.view.article_span(start, end)
        return actor_for_span(span, self.index, mint=True) if span is not None else None
