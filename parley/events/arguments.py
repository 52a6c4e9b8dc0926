"""Actor and recipient of a coded frame, from the dependency parse (never from proximity).

Verbs: the subject (the passive agent in the passive; the passive subject of stative
"are opposed to"); a subject left out is inherited through xcomp ("plans to impose"), object
control ("urged Iran to ..."), coordination ("refused ... and insisted"), participles and
relative clauses. Recipients: the passive subject, the direct or indirect object, or a
prepositional object ("talks with", "fight against", "criticism of", "mediation between").
Nouns: the possessor ("Russia's push"), an actor modifier ("U.S. request"), a "by" agent,
else the subject of the verb the noun hangs from ("staged demonstrations", "during a visit"); the
undergoer/agent readings of nominal.py. An object that is not an actor stands for its owner or
agent ("rejected a U.S. request", "efforts by the United States" -> the United States)."""
from __future__ import annotations

from spacy.tokens import Token

from .frames import Frame
from .lexicon import Lexicon
from .nominal import of_agent, possessor_is_patient, undergoer_agent, undergoer_verb
from .triggers import FRAME_NOUNS, direct_object, is_passive, lemma, misparsed_verb, prep_child, prep_object

# Prepositions that name where an act is aimed or done; acts of giving and sending.
PLACE_PREPS = {"in", "into", "on", "at", "inside", "across", "throughout", "near", "to"}
GIVING_TYPES = {"AID", "MOBILIZE"}
TARGET_PREPS = ("against", "with", "on", "upon", "to", "at", "toward", "towards", "into", "from",
                "between", "among", "of", "for", "over")
NOUN_TARGET_PREPS = ("against", "on", "of", "with", "to", "at", "toward", "towards", "into",
                     "for", "over", "between", "among")
ACTOR_ENTS = {"GPE", "NORP", "ORG", "PERSON"}
_NOUNS = {"NOUN", "PROPN"}
# Prepositions after which a noun is another event, not the verb's own act.
SEQUENCE_PREPS = {"by", "of", "after", "before", "following", "since", "amid", "amidst", "despite",
                  "until", "over", "against", "for"}
# Verbs of sequence and cause: their subject is what came before or caused the act named by
# their object, not its actor ("his announcement followed two weeks of protests", "the killing
# sparked protests").
SEQUENCE_VERBS = {"follow", "precede", "spark", "trigger", "prompt", "provoke", "cause", "fuel", "spur",
                  "ignite", "touch", "unleash"}


# Nouns that count or measure the events of their "of" phrase ("a new round of talks",
# "two days of negotiations", "a wave of protests"): the arguments hang on them.
CONTAINER_NOUNS = {"round", "day", "week", "hour", "month", "night", "series", "wave", "spate", "string",
                   "flurry", "bout", "campaign", "number", "couple", "volley", "barrage"}
# Nouns of mediation: their "between" phrase names the parties (recipients), not the mediator.
MEDIATION_NOUNS = {"mediation", "arbitration", "intercession", "mediator", "broker"}


# Verbs after which "for" gives the purpose of a presence ("is in Pyongyang for talks").
PRESENCE_VERBS = {"be", "arrive", "come", "go", "travel", "fly", "head", "leave", "gather", "meet", "sit",
                  "stay", "return", "convene", "assemble", "visit", "set", "depart", "remain"}


def anchor(tok: Token) -> Token:
    """The token that carries the arguments: 'mediation effort' -> 'effort', 'a round of talks' -> 'round'."""
    if tok.dep_ == "compound" and lemma(tok.head) in FRAME_NOUNS:
        return tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and lemma(tok.head.head) in CONTAINER_NOUNS:
        return tok.head.head
    return tok


def with_conjuncts(tok: Token) -> list[Token]:
    """'Russia and Iran', 'Washington along with its allies'."""
    out = [tok, *tok.conjuncts]
    for c in tok.children:
        if c.lower_ in ("along", "together"):
            out += [o for w in c.children if w.lower_ == "with" for o in w.children if o.dep_ == "pobj"]
    return out


def explicit_subject(verb: Token, stative: bool = False) -> list[Token]:
    """The verb's own subject: nsubj, or the passive agent (or, for stative verbs without
    an agent, the passive subject: 'police were deployed')."""
    if is_passive(verb):
        agent = prep_child(verb, "by")
        obj = prep_object(agent) if agent is not None and agent.dep_ == "agent" else None
        obj = obj if obj is not None else stray_agent(verb)
        if obj is None and stative:
            return [c for c in verb.children if c.dep_ == "nsubjpass"][:1]
        return [obj] if obj is not None else []
    return [c for c in verb.children if c.dep_ in ("nsubj", "csubj")][:1]


def stray_agent(verb: Token) -> Token | None:
    """The 'by' agent of a passive verb that the parser hung on a noun of the same clause
    ('were airlifted to the town by UN aircraft', 'threatened with prison by the authorities')."""
    for tok in verb.subtree:
        if tok.lower_ != "by" or tok.dep_ not in ("prep", "agent") or tok.i < verb.i:
            continue
        obj = prep_object(tok)
        if obj is None or obj.pos_ not in ("NOUN", "PROPN") or lemma(obj) in _NOT_AGENTS:
            continue
        if _same_clause(tok, verb):
            return obj
    return None


_NOT_AGENTS = {"way", "means", "end", "time", "car", "phone", "telephone", "plane", "air", "road", "sea",
               "mistake", "accident", "chance", "force", "margin", "percent", "vote"}


def _same_clause(tok: Token, verb: Token) -> bool:
    """Is `tok` under `verb` without crossing into another clause?"""
    cur = tok
    while cur.i != verb.i:
        if cur.dep_ in ("relcl", "acl", "ccomp", "xcomp", "advcl", "conj", "parataxis") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return True


def subject_of(verb: Token, lex: Lexicon, stative: bool = False, depth: int = 0) -> list[Token]:
    """The actor of a verb, inherited from the clause above when the verb has no subject."""
    own = explicit_subject(verb, stative)
    if own:
        return with_conjuncts(own[0])
    if is_passive(verb) and not stative:
        return []                         # 'if sanctions were tightened': no actor stated
    head, dep = verb.head, verb.dep_
    if head.i == verb.i or depth > 6:
        return _left_subject(verb) if dep == "ROOT" else []
    if dep == "xcomp" and lex.role(lemma(head), "objcontrol"):
        obj = direct_object(head)
        return with_conjuncts(obj) if obj is not None else subject_of(head, lex, False, depth + 1)
    if dep == "conj":
        shared = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
        return with_conjuncts(shared[0]) if shared else subject_of(head, lex, False, depth + 1)
    if dep in ("xcomp", "advcl", "acomp", "attr", "oprd"):
        return subject_of(head, lex, False, depth + 1)
    if dep == "pcomp" and head.head.i != head.i:
        up = head.head
        return subject_of(up, lex, False, depth + 1) if up.pos_ in ("VERB", "AUX") else []
    if dep == "acl" and lex.role(lemma(head), "intent"):     # 'announced plans to withdraw'
        poss = [c for c in head.children if c.dep_ == "poss"]
        verb_above = _hanging_from(head)
        if poss or verb_above is None:
            return with_conjuncts(poss[0]) if poss else []
        return subject_of(verb_above, lex, False, depth + 1)
    if dep == "acl":
        return _acl_subject(verb, lex)
    if dep == "relcl" and not is_passive(verb):
        return [head]
    if misparsed_verb(verb) and verb.i > 0 and verb.doc[verb.i - 1].pos_ in _NOUNS:
        return with_conjuncts(verb.doc[verb.i - 1])
    if dep in ("amod", "compound"):       # 'rioting youths', not 'looted shops'
        return [head] if verb.tag_ == "VBG" or verb.pos_ != "VERB" else []
    return []


def _acl_subject(verb: Token, lex: Lexicon) -> list[Token]:
    """'forces fighting against IS' -> forces; 'passed a resolution condemning ...' -> the
    author of the resolution; in a sentence the parser left without a finite verb ('Doctors
    from aid groups donated ...') the sentence's head noun."""
    root = verb
    while root.head.i != root.i:
        root = root.head
    if root.pos_ in _NOUNS and root.i < verb.i:
        return with_conjuncts(root)
    if verb.tag_ != "VBG":
        return []
    noun = verb.head
    if noun.dep_ in ("dobj", "obj") and not _actorish(noun, lex) and noun.ent_type_ not in ACTOR_ENTS:
        return subject_of(noun.head, lex)
    return [noun]


def _left_subject(verb: Token) -> list[Token]:
    """A main verb the parser gave no subject: the noun phrase right before its auxiliaries,
    when that phrase hangs elsewhere ('..., Russia and Iran have opposed' parsed as conjuncts
    of an earlier noun)."""
    i = verb.i - 1
    while i >= 0 and verb.doc[i].dep_ in ("aux", "auxpass", "neg", "advmod") and verb.doc[i].head.i == verb.i:
        i -= 1
    if i < 0 or verb.doc[i].pos_ not in _NOUNS:
        return []
    last = verb.doc[i]
    chain = [last]
    while chain[0].dep_ == "conj" and chain[0].head.dep_ == "conj":
        chain.insert(0, chain[0].head)
    return chain


def noun_source(noun: Token, lex: Lexicon, fallback: bool = True, mediation: bool = False) -> list[Token]:
    """Possessor (not of an act done to it), actor modifier, 'by'/'from' agent, participants
    'between' (not of a mediation), else (`fallback`) the subject of the verb the noun hangs from."""
    for c in noun.children:
        if c.dep_ == "poss" and not possessor_is_patient(noun):
            return with_conjuncts(c)
    mods = [c for c in noun.children if c.dep_ in ("compound", "nmod", "amod") and _actorish(c, lex)]
    if mods:
        return mods
    parties = ("by", "from") if mediation or lemma(noun) in MEDIATION_NOUNS else ("by", "from", "between", "among")
    for word in parties:
        prep = prep_child(noun, word)
        obj = prep_object(prep) if prep is not None else None
        if obj is not None:
            return with_conjuncts(obj)
    for c in noun.children:                 # 'a strike called by rebels', 'the arrest of X by police'
        agent = prep_child(c, "by") if c.dep_ == "acl" else of_agent(c) if c.dep_ == "prep" else None
        obj = prep_object(agent) if agent is not None else None
        if obj is not None:
            return with_conjuncts(obj)
    verb = _hanging_from(noun) if fallback else None
    if verb is None:
        return []
    passive_subject = [c for c in verb.children if c.dep_ == "nsubjpass"]
    if passive_subject and not explicit_subject(verb):
        return with_conjuncts(passive_subject[0])   # 'forces were engaged in cleansing'
    return subject_of(verb, lex)


def _actorish(tok: Token, lex: Lexicon) -> bool:
    """A modifier that can name the actor: an entity, a name, or a participant noun
    ('U.S. request', 'government offensive', 'police raid')."""
    if tok.pos_ == "ADJ":
        return tok.ent_type_ in ("NORP", "GPE")
    return tok.ent_type_ in ACTOR_ENTS or tok.pos_ in ("PROPN", "PRON") or \
        tok.pos_ == "NOUN" and lemma(tok) in lex.participants


def _hanging_from(noun: Token) -> Token | None:
    """The verb whose object (or prepositional adjunct) the noun is; not across a
    preposition of sequence ('surrendered following a government offensive')."""
    tok = noun
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ in ("dobj", "attr", "oprd"):
        return tok.head if lemma(tok.head) not in SEQUENCE_VERBS else None
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep" and (
            tok.head.lower_ not in SEQUENCE_PREPS
            or tok.head.lower_ == "for" and lemma(tok.head.head) in PRESENCE_VERBS):
        up = tok.head.head
        return up if up.pos_ in ("VERB", "AUX") else None
    return None


def verb_targets(verb: Token, stative: bool = False, giving: bool = False) -> list[list[Token]]:
    """Candidate recipients of a verb, most direct first. For acts of giving and sending
    ('donated goods to the school', 'sent troops to the border') the object is what is
    given: the recipient is the indirect object or the 'to'/'for' phrase."""
    out: list[list[Token]] = []
    if is_passive(verb) and not stative:
        out += [with_conjuncts(c) for c in verb.children if c.dep_ == "nsubjpass"]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    out += [with_conjuncts(c) for c in verb.children if c.dep_ in ("dative", "iobj")]
    if not giving:
        out += [with_conjuncts(c) for c in objects]
    out += [g for o in objects for g in noun_targets(o)]     # 'broke off relations with Congo'
    for c in verb.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in TARGET_PREPS:
            obj = prep_object(c)
            if obj is not None and obj.pos_ in _NOUNS | {"PRON"}:
                out.append(with_conjuncts(obj))
    return out


def place_targets(frame: Frame) -> list[Token]:
    """Places named as where the act is aimed or done ('lifted a curfew in Montenegro',
    'strengthened its forces in Lebanon'): PLOVER's recipient when no actor is named."""
    a = anchor(frame.match.head)
    heads = [a, *[c for c in a.children if c.dep_ in ("dobj", "obj")]]
    heads += [anchor(e.head) for e in frame.embedded]
    out = []
    for h in heads:
        for c in h.children:
            obj = prep_object(c) if c.dep_ == "prep" and c.lower_ in PLACE_PREPS else None
            if obj is not None and obj.ent_type_ in ("GPE", "LOC"):
                out.append(obj)
    return out


def _conditions(verb: Token) -> list[list[Token]]:
    """'threatened to strike unless Israel rescinded ...': the one the condition is put to."""
    return [with_conjuncts(s) for c in verb.children if c.dep_ == "advcl"
            and {m.lower_ for m in c.children if m.dep_ == "mark"} & {"unless", "if"}
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


def noun_targets(noun: Token, lex: Lexicon | None = None) -> list[list[Token]]:
    out = [with_conjuncts(c) for c in noun.children if c.dep_ == "poss" and possessor_is_patient(noun)]
    if lex is not None and (verb := undergoer_verb(noun, _hanging_from(noun))) is not None:
        out.append(subject_of(verb, lex))   # 'the US faced criticism from China' -> the US
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ in NOUN_TARGET_PREPS:
            obj = prep_object(c)
            if obj is not None and obj.pos_ in _NOUNS | {"PRON"}:
                out.append(with_conjuncts(obj))
    return out


def source_candidates(frame: Frame, lex: Lexicon) -> list[list[Token]]:
    """Actor candidates in order of preference; the first that names an actor wins."""
    m = frame.match
    flags = m.entry.flags
    if frame.actor_from is not None:
        return [subject_of(frame.actor_from, lex)]
    if frame.speaker_verb is not None:
        return [subject_of(frame.speaker_verb, lex)]
    a = anchor(m.head)
    if m.entry.pos == "A" and a.dep_ in ("amod", "compound"):
        return [with_conjuncts(a.head)]
    if a.pos_ in _NOUNS:
        mediation = lemma(m.head) in MEDIATION_NOUNS
        own = noun_source(a, lex, fallback=False, mediation=mediation)
        verb = _hanging_from(a)
        if verb is not None and undergoer_verb(a, verb):            # 'drew condemnation from France'
            return [own] if (agent := undergoer_agent(verb)) is None else [own, with_conjuncts(agent)]
        return [own] if verb is None else [own, noun_source(a, lex, mediation=mediation)]
    if "swap" in flags:
        obj = direct_object(a)
        if obj is not None and _actorish(obj, lex):
            return [with_conjuncts(obj)]
    return [subject_of(a, lex, "stative" in flags), _parties(a)]


def _parties(verb: Token) -> list[Token]:
    """'Fighting between government troops and rebels ...': a subject-less verb's parties."""
    for word in ("between", "among"):
        prep = prep_child(verb, word)
        obj = prep_object(prep) if prep is not None else None
        if obj is not None:
            return with_conjuncts(obj)
    return []


def target_candidates(frame: Frame, lex: Lexicon) -> list[list[Token]]:
    """Recipient candidates in order of preference; the first that names an actor wins.
    Words of the trigger itself ('mobilized army reservists') are not recipients."""
    m = frame.match
    a = anchor(m.head)
    if frame.obligation is not None:
        return [explicit_subject(m.head)]
    obj = direct_object(a)
    if "swap" in m.entry.flags and obj is not None and _actorish(obj, lex):
        return [subject_of(a, lex)]
    giving = m.type in GIVING_TYPES
    own = noun_targets(a, lex) if a.pos_ in _NOUNS else verb_targets(a, "stative" in m.entry.flags, giving)
    if frame.actor_from is not None:
        own = verb_targets(frame.actor_from) + own
    if m.type == "REQUEST":
        own = _demanded_of(a) + own
    if m.type == "ASSAULT" and a.pos_ in _NOUNS:
        own += _victim(a)
    part = {t.i for t in m.tokens}
    own = [[o for t in group for o in ([t] if t.i not in part else _owners(t))] for group in own]
    if m.type == "THREATEN" or any(e.type in ("THREATEN",) for e in frame.embedded):
        own += _conditions(a)
    embedded = embedded_targets(frame, lex)
    if m.type == "REQUEST" and any(e.entry.cameo == "113" for e in frame.embedded):
        own, embedded = embedded, own       # rallying others against someone: he is the recipient
    if m.type == "THREATEN":
        embedded += [g for e in frame.embedded for g in _conditions(anchor(e.head))]
    return [g for g in own + embedded if g]


def _owners(noun: Token) -> list[Token]:
    """A noun of the trigger itself stands for its owner: 'recognised Croatia's independence'
    -> Croatia, 'expelled inspectors of the IAEA' -> the IAEA."""
    if noun.pos_ not in _NOUNS:
        return []
    out = [c for c in noun.children if c.dep_ in ("poss", "compound", "nmod")
           or c.dep_ == "amod" and c.ent_type_ in ("NORP", "GPE")]
    for word in ("of", "from"):
        prep = prep_child(noun, word)
        obj = prep_object(prep) if prep is not None else None
        if obj is not None:
            out += with_conjuncts(obj)
    return out


def _demanded_of(verb: Token) -> list[list[Token]]:
    """'demanded that Hamas renounce ...' -> Hamas."""
    return [with_conjuncts(s) for c in verb.children if c.dep_ == "ccomp"
            for s in c.children if s.dep_ in ("nsubj", "nsubjpass")]


def _victim(noun: Token) -> list[list[Token]]:
    """'A prisoner died as a result of torture' -> the prisoner."""
    tok = noun
    for _ in range(4):
        tok = tok.head
        if tok.pos_ == "VERB":
            if lemma(tok) in ("die", "succumb"):
                return [with_conjuncts(s) for s in tok.children if s.dep_ == "nsubj"]
            return []
    return []


def embedded_targets(frame: Frame, lex: Lexicon) -> list[list[Token]]:
    """Recipients stated by the content: the owner of a rejected request, the one demanded
    of ('demanded that Hamas renounce'), the recipient of a threatened act."""
    out: list[list[Token]] = []
    for e in frame.embedded:
        head = anchor(e.head)
        if head.pos_ in _NOUNS:
            out.append(noun_source(head, lex, fallback=False))
            out += noun_targets(head)
        else:
            own = explicit_subject(head)
            if own and head.dep_ == "ccomp":
                out.append(with_conjuncts(own[0]))
            out += verb_targets(head, giving=e.type in GIVING_TYPES)
        out += [g for t in e.tokens if t.i != e.head.i and t.pos_ in _NOUNS for g in noun_targets(t)]
    return out
