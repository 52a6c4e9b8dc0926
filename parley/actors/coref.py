"""Which actor a span of text denotes: a mention, a pronoun, or a description.

- `actor_for_span(span, index, mint=True)`: for the attribution and event extractors;
- `link_pronouns(doc, index)`: personal pronouns that are clause participants (subjects,
  objects) become mentions of the actor they stand for (step 6 of find_actors);
- `link_quoted_pronouns(doc, index, attributions)`: "I", "me", "we" inside a quote are its
  speaker (run after the attributions are known).
"""
from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from spacy.attrs import DEP, LOWER
from spacy.tokens import Doc, Span, Token

from ..nlp import sentences
from ..records import Attribution
from .finds import ActorFinds
from .index import ActorIndex
from .lexicon import in_context, match_role
from .names import DETERMINERS
from .work import among

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}
PLURAL_PRONOUNS = {"they", "them", "their"}
THING_PRONOUNS = {"it", "its"}
FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
FIRST_SINGULAR = {"i", "me", "myself"}
FIRST_PLURAL = {"we", "us", "ourselves"}
RELATIVE = {"who", "whom", "which", "that", "whose"}
# How far back (in characters) a pronoun looks for the actor it stands for.
PRONOUN_WINDOW = 1500
# Dependency labels of a pronoun that takes part in a clause (possessives do not).
PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative", "pobj", "agent"})
# Pronouns linked without being asked for: "it" (mostly a thing) and "them" are left to
# the extractors that ask for a participant (actor_for_span), where they are precise enough.
LINKED_PRONOUNS = frozenset({"he", "she", "him", "her", "they"})
# Verbs whose subject "it" is a dummy ("it is thought that", "it seems").
_DUMMY_IT_HEADS = frozenset({"be", "seem", "appear", "say", "report", "believe", "think", "expect"})


def actor_for_span(span: Span, index: ActorIndex, mint: bool = True) -> str | None:
    """The actor `span` denotes; pronouns take the nearest fitting earlier actor; other
    noun phrases ('a senior official', 'the newspaper') become description actors."""
    found = index.at(span.start_char, span.end_char) or index.covering(span.start_char, span.end_char)
    if found:
        return found
    root = span.root
    low = root.lower_
    if low in RELATIVE or root.tag_ in ("WP", "WDT", "WP$"):
        return _antecedent(root, index)
    if root.pos_ == "PRON" or low in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
        if _dummy_it(root):
            return None
        aid = resolve_pronoun(low, span.start_char, index, root.doc)
        if aid:
            index.mention(aid, root.idx, root.idx + len(root.text), root.text, "pronoun",
                          sentences(root.doc).chars(root.i))
        return aid
    if not mint or root.pos_ not in ("NOUN", "PROPN") or _names_a_thing(root):
        return None
    text = _without_determiner(span.text.strip())
    role = match_role([root.lower_], root.lemma_.lower())
    aid = index.add("description:" + text.lower(), text, _minted_kind(root, role),
                    sector=role.sector if role else None)
    index.mention(aid, span.start_char, span.end_char, span.text, "description",
                  sentences(span.doc).chars(span.root.i))
    return aid


def _names_a_thing(root: Token) -> bool:
    """A noun phrase that names a document, vehicle or condition, never an actor: its head is
    a thing noun ('the commonwealth's constitution', 'his Marine One helicopter'), or it is a
    state of something ('a national state of emergency', 'a state of siege'; not 'the state
    of Texas')."""
    if _thing(root):
        return True
    return root.lemma_.lower() == "state" and any(
        c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and o.pos_ == "NOUN" for o in c.children)
        for c in root.children)


def _thing(tok: Token) -> bool:
    return in_context(tok.lemma_, "thing_noun") or in_context(tok.lower_, "thing_noun")


def _minted_kind(root: Token, role) -> str:
    """'a senior official': person; 'officials', 'the ministry': group, organisation; an
    unrecognised name ('Komsomolskaya pravda'): organisation."""
    if root.tag_ in ("NNS", "NNPS"):
        return "group"
    if role is not None and role.kind in ("person", "organization", "group"):
        return role.kind
    return "organization" if root.pos_ == "PROPN" else "person"


def _without_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in DETERMINERS else text


def _antecedent(tok: Token, index: ActorIndex) -> str | None:
    """'Lavrov, who said ...': the actor of the noun the relative clause belongs to."""
    verb = tok.head
    if verb.dep_ != "relcl":
        return None
    noun = verb.head
    return index.at(noun.left_edge.idx, noun.idx + len(noun.text)) \
        or index.covering(noun.idx, noun.idx + len(noun.text))


def resolve_pronoun(pronoun: str, pos: int, index: ActorIndex, doc: Doc | None = None) -> str | None:
    """The actor a pronoun at character `pos` stands for: among earlier actors of a kind it
    can stand for (within PRONOUN_WINDOW), the nearest one that was a subject when `doc` is
    given, else the nearest one."""
    if pronoun not in PERSON_PRONOUNS | PLURAL_PRONOUNS | THING_PRONOUNS:
        return None                      # 'I', 'we' (see link_quoted_pronouns), 'you', 'some'
    if pronoun in PERSON_PRONOUNS:
        kinds = {"person"}
    elif pronoun in PLURAL_PRONOUNS:
        kinds = {"group", "organization"}
    else:
        kinds = {"organization", "group"}
    fitting = []
    for start, aid, kind in index.mentions_back(pos, PRONOUN_WINDOW):
        if kind in kinds and not (pronoun in THING_PRONOUNS and _unnamed_group(index, aid)):
            fitting.append((start, aid))
    if doc is not None:
        subject = next((aid for start, aid in fitting if _is_subject(doc, start)), None)
        if subject:
            return subject
    return fitting[0][1] if fitting else None


def _unnamed_group(index: ActorIndex, aid: str) -> bool:
    """'participants', 'rebels': a group described in the plural, not an 'it'."""
    d = index.get(aid)
    return d.kind == "group" and not d.key.startswith(("org:", "gov:"))


def _is_subject(doc: Doc, char: int) -> bool:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None or not len(span):
        return False
    tok = span[0]
    while tok.dep_ in ("compound", "amod", "det", "poss", "flat") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in ("nsubj", "nsubjpass")


def link_pronouns(doc: Doc, index: ActorIndex) -> None:
    """Personal pronouns that are subjects or objects -> the actors they stand for."""
    sents = sentences(doc)
    arr = doc.to_array([LOWER, DEP])
    strings = doc.vocab.strings
    wanted = among(arr[:, 0], [strings.add(w) for w in LINKED_PRONOUNS]) \
        & among(arr[:, 1], [strings.add(d) for d in PARTICIPANT_DEPS])
    for i in np.flatnonzero(wanted).tolist():
        tok = doc[i]
        if tok.pos_ != "PRON" or (tok.lower_ in PLURAL_PRONOUNS and tok.dep_ != "nsubj"):
            continue
        aid = resolve_pronoun(tok.lower_, tok.idx, index, doc)
        if aid:
            index.mention(aid, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", sents.chars(tok.i))


def _dummy_it(tok: Token) -> bool:
    """'It is important that ...', 'it was reported that ...': no actor."""
    if tok.lower_ != "it":
        return False
    head = tok.head
    return head.lemma_ in _DUMMY_IT_HEADS and any(
        c.dep_ in ("ccomp", "xcomp", "acomp", "csubj") for c in head.children)


def link_quoted_pronouns(doc: Doc, actors: ActorIndex, attributions: Iterable[Attribution]) -> ActorFinds:
    """'I', 'me' in a direct quote are its speaker; 'we', 'us' too when the speaker is an
    organisation or group (a person's 'we' is a group the text may not name). Returns
    these mentions; `actors` is not changed."""
    sents = sentences(doc)
    index = actors.fork()
    for q in attributions:
        if not q.speaker or q.kind == "indirect" or q.speaker not in index.ids():
            continue
        speaker = index.get(q.speaker)
        wanted = FIRST_SINGULAR if speaker.kind == "person" else FIRST_PLURAL
        span = doc.char_span(*q.content_span, alignment_mode="expand")
        for tok in span or ():
            if tok.lower_ in wanted and tok.pos_ == "PRON":
                index.mention(q.speaker, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun",
                              sents.chars(tok.i))
    return index.finds()


# First-person pronouns outside quotes: the text's own author ("We condemn the attack" in a
# statement, "I" in a column or a transcript), a person for the singular, a group for the plural;
# possessives ("our partners") stay out: they modify the actor the phrase names.
AUTHOR_SINGULAR = frozenset({"i", "me", "myself"})
AUTHOR_PLURAL = frozenset({"we", "us", "ourselves"})
# Verbs of saying whose clause reports someone else's words ("he said we must act").
_SAY = frozenset({"say", "tell", "add", "state", "claim", "argue", "insist", "warn", "announce",
                  "write", "ask", "explain", "note"})


def link_author(doc: Doc, index: ActorIndex) -> None:
    """First-person pronouns outside quotes and outside another speaker's reported words
    are mentions of the author ('the author' / "the author's side")."""
    from ..attribution.quotes import find_quotes
    arr = doc.to_array(LOWER)
    wanted = np.flatnonzero(among(arr, [doc.vocab.strings.add(w) for w in AUTHOR_SINGULAR | AUTHOR_PLURAL]))
    if not len(wanted):
        return
    sents = sentences(doc)
    quotes = find_quotes(sents.text)          # Doc.text joins every token on each call
    for i in wanted.tolist():
        tok = doc[i]
        if tok.pos_ != "PRON" or any(s <= tok.idx < e for s, e in quotes) or _reported(tok):
            continue
        if tok.lower_ in AUTHOR_SINGULAR:
            aid = index.add("author:person", "the author", "person")
        else:
            aid = index.add("author:group", "the author's side", "group")
        index.mention(aid, tok.idx, tok.idx + len(tok.text), tok.text, "pronoun", sents.chars(i))


def _reported(tok: Token) -> bool:
    """Inside the reported clause of a verb of saying whose subject is not first person."""
    for anc in tok.ancestors:
        if anc.lemma_ in _SAY and anc.pos_ == "VERB":
            subj = next((c for c in anc.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.lower_ not in AUTHOR_SINGULAR | AUTHOR_PLURAL and not subj.is_ancestor(tok) \
                    and subj is not tok:
                return True
    return False
