"""Which actor a span of text denotes: a mention, a pronoun, or a description."""
from __future__ import annotations

from spacy.tokens import Span

from ..nlp import sentences
from .index import ActorIndex

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
PLURAL_PRONOUNS = {"they", "them", "their"}
THING_PRONOUNS = {"it", "its"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
# How far back (in characters) a pronoun looks for the actor it stands for.
PRONOUN_WINDOW = 1500


def actor_for_span(span: Span, index: ActorIndex, mint: bool = True) -> str | None:
    """The actor `span` denotes; pronouns take the nearest fitting earlier actor; other
    noun phrases ('a senior official', 'the newspaper') become description actors."""
    found = index.at(span.start_char, span.end_char)
    if found:
        return found
    root = span.root
    low = root.lower_
    if root.pos_ == "PRON" or low in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
        aid = resolve_pronoun(low, span.start_char, index)
        if aid:
            index.mention(aid, root.idx, root.idx + len(root.text), root.text, "pronoun",
                          sentences(root.doc).chars(root.i))
        return aid
    if not mint or root.pos_ not in ("NOUN", "PROPN"):
        return None
    text = span.text.strip()
    for det in ("the ", "The ", "a ", "A ", "an ", "An "):
        if text.startswith(det):
            text = text[len(det):]
    kind = "group" if root.tag_ in ("NNS", "NNPS") else "person"
    aid = index.add("description:" + text.lower(), text, kind)
    index.mention(aid, span.start_char, span.end_char, span.text, "description",
                  sentences(span.doc).chars(span.root.i))
    return aid


def resolve_pronoun(pronoun: str, pos: int, index: ActorIndex) -> str | None:
    if pronoun in FIRST_PERSON:
        return None
    if pronoun in PERSON_PRONOUNS:
        kinds = {"person"}
    elif pronoun in PLURAL_PRONOUNS:
        kinds = {"group", "organization", "country"}
    else:
        kinds = {"organization", "country", "group"}
    for start, aid, kind in reversed(index.mentions_before(pos)):
        if pos - start > PRONOUN_WINDOW:
            break
        if kind in kinds:
            return aid
    return None
