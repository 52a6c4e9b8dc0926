"""The event coder: PLOVER events (type, mode, CAMEO code) with actor, recipient, date,
place, factuality and the attribution that claims them.

Steps (`find_events`):
1. Views: the article's Doc, plus sentence-case re-parses of title-case headlines.
2. Triggers: lexicon matches (verbs, nouns, verb + particle/object, light verb + noun).
3. Frames: a trigger inside another's content (what is threatened, refused, demanded)
   is folded into it; "X said Y must ..." becomes a demand.
4. Arguments: actor and recipient from the parse, resolved to the article's actors. An act
   that is the condition of another ("if Russia invades, ...") and a contest in a sentence
   about sport ("Chelsea beat Arsenal 3-1") are no candidates.
5. Factuality: negation, future/intent/condition/speculation; PLOVER's intent categories.
6. Evidence: mode and CAMEO code, date of the clause, place, intensity, attribution.
7. The learned layer (parley.events.learned): keeps the candidates that are political acts
   of their proposed type, and turns round the ones whose parties are the wrong way round.
8. Open candidates (parley.events.generator): verbs beyond the lexicon with actor-like
   arguments, coded the same way and typed (or dropped) by the learned open typer. Events of
   background clauses give way to their sentence's own act, and material acts inside the
   quote marks of a claimed quote are dropped (speech acts stay: "we support Moscow's idea").
9. The article filter (parley.events.article_filter): drops kept events that, in the
   context of the whole article, are no reported political act of their type.
"""
from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ..actors.filter import ActorFilter
from ..actors.finds import ActorFinds
from ..actors.index import ActorIndex
from ..nlp import sentences
from ..records import Article, Attribution, Event, PlaceMention, content_hash
from .article_filter import ArticleContext, ArticleFilter
from .arguments import anchor, place_targets, source_candidates, subject_of, target_candidates
from .dates import ahead, doc_dates, find_dates, pick_date
from .timex import iso_date
from .factuality import FORCE, Factuality, factuality, is_condition, plover_type
from .frames import Frame, build_frames, is_background
from .generator import open_decide, open_matches, sport_contest
from .headlines import headline_views
from .learned import EventModel, Evidence, direction_features, keep_features
from ..plover import PLOVER_QUADS
from .lexicon import Lexicon, lexicon
from .modes import cameo_code, choose_mode, plover_score
from .places import pick_place, place_anaphors
from .resolve import Resolver, View
from .triggers import find_matches, lemma

# CAMEO codes of stated intentions (03x) by the cooperative act intended.
INTENT_CAMEO = {"CONSULT": "036", "SUPPORT": "032", "COOPERATE": "031", "AID": "033", "RETREAT": "035"}
# (the CAMEO "express intent to ..." codes, which CAMEO2PLOVER-2021 maps to AGREE)


def find_events(doc: Doc, actors: ActorIndex, attributions: tuple[Attribution, ...],
                article: Article, nlp: Language | None = None,
                places: tuple[PlaceMention, ...] = (), model: EventModel | None = None,
                collect: list | None = None, collect_open: list | None = None,
                article_filter: ArticleFilter | None = None, actor_filter: ActorFilter | None = None,
                ) -> tuple[tuple[Event, ...], ActorFinds]:
    """PLOVER events of one article (`nlp` enables the re-parse of title-case headlines;
    `places`: the article's toponyms, from `article_places`), and the participants found
    that `actors` lacked (`actors` is not changed). `model` is the learned layer (None:
    the lexicon's candidates as they are); `collect` receives every candidate as
    (Event, trigger Token, Evidence), for training, and `collect_open` every open candidate
    (verbs beyond the lexicon, generator.py) under its placeholder type. `article_filter`
    (article_filter.py) drops the kept events that are no act in the article's context;
    `actor_filter` (actors/filter.py) decides the participants no earlier stage made actors."""
    lex = lexicon()
    index = actors.fork()
    tokens = list(doc)                      # one Token object per word, shared by every step
    headlines = headline_views(doc, nlp, lex, tokens)                            # 1
    skip = {i for line, _ in headlines for i in range(line.start, line.end)}
    views = [(View(doc), [t for t in tokens if t.i not in skip] if skip else tokens)]
    views += [(view, list(view.doc)) for _, view in headlines]
    places = tuple(sorted(places + place_anaphors(doc, places, tokens), key=lambda p: p.span))
    out: list[Event] = []
    context = ArticleContext.of(doc) if article_filter is not None else None
    claims = {a.id: a for a in attributions}
    for view, toks in views:
        matches = find_matches(toks, lex)
        frames = build_frames(toks, matches, lex)                                # 2, 3
        dates = doc_dates(doc, article.published) if view.own else \
            find_dates(view.doc, article.published, view.offset)
        resolver = Resolver(index, attributions, lex, view, actor_filter)
        coded = [c for f in frames if (c := _code(f, resolver, dates, places, article)) is not None]  # 4-6
        if collect is not None:
            collect += coded
        if model is not None:
            coded = [c for c in map(model_decides(model), coded) if c is not None]           # 7
        typer = model.open if model is not None else None
        if typer is not None or collect_open is not None:                                   # 8
            opened = [c for m in open_matches(toks, matches, typer.lemmas if collect_open is None else None)
                      if (c := _code(Frame(m), resolver, dates, places, article)) is not None]
            if collect_open is not None:
                collect_open += opened
            if typer is not None:
                coded += open_decide(typer, opened, coded, lex, _retyped)
        shown = {id(e) for e in _foreground([(e, ev.background) for e, _, ev in coded])}
        coded = [c for c in coded if id(c[0]) in shown and not _material_in_direct_speech(c[0], claims, article.text)
                 and not _act_of_a_thing(c[0], c[1], lex) and not _participle_as_name(c[1])
                 and not _page_furniture(c[0], article.text)]
        if context is not None:
            coded = article_filter.apply(coded, context)                                    # 9
        out += [e for e, _, _ in coded]
    return _unique(_without_protest_topics(out)), index.finds()


def _foreground(coded: list[tuple[Event, bool]]) -> list[Event]:
    """Events of background clauses and phrases ('after protesters attacked the building',
    'following the killing of ...', 'rebels who overran it') are left out of a sentence
    that reports an act of its own: the sentence's act is its event (PLOVER codes one
    event per act), and the background is an earlier or assumed act, often with another date."""
    main = {e.sentence_span for e, background in coded if not background}
    return [e for e, background in coded if not background or e.sentence_span not in main]


SPEECH_ACTS = {"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
_QUOTE_MARKS = ('"', "\u201c", "\u201d")


def _material_in_direct_speech(e: Event, claims: dict[str, Attribution], text: str) -> bool:
    """A material act (not a speech act: agreeing, supporting, requesting, accusing, rejecting,
    threatening are done by saying them) inside the quote marks of the quote that claims it:
    what a speaker says in direct speech is mostly rhetoric, background or generic ("our
    successful fight against ISIS", "terrorists seek to destroy our way of life"), not an act
    the article reports. Read from the claiming attribution (`claims`: the article's
    attributions by id): an indirect one has no quote marks; in a direct or mixed one the
    quote marks are counted from the start of its content (so a split quote's cue, "“A,” he
    said after police arrested them, “B.”", and the words of a mixed quote outside its
    marks are not direct speech), never from the paragraph's start, where an unclosed or
    stray mark before the quote would turn the parity."""
    if e.attribution is None or e.type in SPEECH_ACTS:
        return False
    claim = claims.get(e.attribution)
    if claim is None or claim.kind == "indirect":
        return False
    s, end = claim.content_span
    start = e.trigger_span[0]
    if not s <= start < end:
        return False
    marks = sum(text.count(q, s, start) for q in _QUOTE_MARKS)
    if claim.kind == "direct" and not text.startswith(_QUOTE_MARKS, s):
        marks += 1                          # a direct quote's content given without its opening mark
    return marks % 2 == 1


# Page furniture: a line opened by a label of the page, not of the story ("Read more: Russia threatens
# ...", "Related: ...", "Photo: Police detain ...", "Image caption ...", "Watch: ..."), then a colon, a
# bar or a spaced dash (captions and picture credits open without one: "Image caption", "Media caption"),
# or a line opened by a block glyph, the key of a map's or a chart's legend (not a bullet).
# Source: the labels of news pages (BBC, Reuters, AP, Guardian, CNN layouts), written for Parley.
_FURNITURE = re.compile(
    r"[ \t]*(?:(?:read|see|watch|listen|more|also read|also see|related|related (?:stories|articles|content|topics|"
    r"coverage|links?)|recommended|most read|top stories|more on this(?: story)?|more from \w+|further reading|"
    r"photo|photos|picture|pictures|image|video|gallery|caption|infographic|graphic|advertisement|"
    r"sponsored|click here|follow us|sign up|subscribe|share this(?: article)?|explore more|"
    r"read more|see more|watch more|you may also like|you might also like)"
    r"(?:[ \t]*[:|]|[ \t]+[\u2013\u2014>-][ \t])"
    r"|(?:image|media|video|photo) (?:caption|source|copyright)\b"
    r"|[\u2580-\u259f])", re.IGNORECASE)     # a map or chart legend's key ('\u2588\u2588 Turkish occupation')


def _page_furniture(e: Event, text: str) -> bool:
    """An event on a line of page furniture: a teaser for another story or a caption
    ('Read more: Russia threatens to cut gas supplies', 'Photo: Police detain a protester'),
    which reports no act of this article (the story it points to, or the picture)."""
    line = text.rfind("\n", 0, e.trigger_span[0]) + 1
    return _FURNITURE.match(text, line) is not None


# Instruments: documents and rules that "allow", "provide" or "require" without acting; the act
# is their enactment or use by someone ("the law allowed three days", "a licence allowing him to
# buy weapons", "the directive provides protections"). Speech acts stay: a resolution or a
# statement that condemns speaks for its authors.
INSTRUMENTS = frozenset({
    "law", "bill", "act", "legislation", "statute", "licence", "license", "permit", "rule", "regulation",
    "directive", "decree", "constitution", "provision", "clause", "amendment", "code", "model", "system",
    "ruling", "judgment", "judgement", "verdict", "policy", "visa", "passport", "certificate", "warrant"})
# (not agreements, deals or treaties: "the agreement allows them to negotiate" is a concession of its parties)


def _act_of_a_thing(e: Event, tok, lex: Lexicon) -> bool:
    """A material act whose doer, in the parse, is an instrument: the subject of the trigger
    verb, or the noun a participle or relative clause describes ("a licence allowing ...",
    "a bill that would allow ..."), is a law, rule or licence (INSTRUMENTS, or a name spaCy
    reads as a law), not a person, group or state."""
    if e.type in SPEECH_ACTS or tok.pos_ not in ("VERB", "AUX"):
        return False
    doer = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if doer is not None and doer.tag_ == "WDT" and tok.dep_ == "relcl":
        doer = tok.head                                  # 'a bill that would allow'
    if doer is None and tok.dep_ == "acl" and tok.tag_ == "VBG":
        doer = tok.head                                  # 'a gun licence allowing him'
    if doer is None:
        return False
    return doer.ent_type_ == "LAW" or (doer.pos_ in ("NOUN", "PROPN") and not doer.ent_type_
                                       and doer.lemma_.lower() in INSTRUMENTS)


def _participle_as_name(tok) -> bool:
    """A past participle used as an adjective before its noun ("pledged delegates", "the
    elected officials") or as a noun itself ("the accused remain in custody"): it names or
    describes people by an earlier act, it does not report one."""
    if tok.tag_ != "VBN":
        return False
    if tok.dep_ == "amod" and tok.i < tok.head.i and tok.head.pos_ in ("NOUN", "PROPN"):
        return not any(c.dep_ in ("agent", "prep", "npadvmod", "advmod") for c in tok.children)
    return tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and tok.i > 0 and tok.nbor(-1).lower_ == "the"


def _code(frame: Frame, r: Resolver, dates, places, article: Article):
    """The candidate event of a frame as (Event, trigger Token, Evidence), or None."""
    lex, m = r.lex, frame.match
    a = anchor(m.head)
    if frame.obligation is None and frame.actor_from is None and is_condition(a, lex) or sport_contest(m.head):
        return None                             # "if Russia invades, ...", "Chelsea beat Arsenal 3-1"
    source, s_tok = _resolved(source_candidates(frame, lex), r)                                  # 4
    target, t_tok = _resolved(target_candidates(frame, lex), r, exclude=tuple(source))
    if not source and not target:
        return None
    if not target and m.type != "CONSULT":
        target = _place_target(frame, source, r)
    type_, fact = _type_and_factuality(frame, a, source, r)                      # 5
    mode = choose_mode(frame, type_, lex)                                        # 6
    place = pick_place(a, places, r.view.offset)
    if type_ == "CONSULT" and mode is None and place is not None:
        mode = _third_party(place.country, source + target, r)
    if type_ == "CONSULT" and mode == "visit" and not target and place is not None:
        target = _host(place.country, source, r)
    cameo = INTENT_CAMEO.get(m.type) if type_ == "AGREE" and m.type != "AGREE" else None
    cameo = cameo or cameo_code(frame, type_, mode, lex)
    start, end = _trigger_span(frame, r.view)
    s0, s1 = sentences(a.doc).chars(a.i)
    mention = _date(a, dates, fact, article.published)
    attribution = _claimed_by(start, r.attributions)
    evidence = Evidence(
        type=type_, lexicon_type=m.type or "", cameo=cameo, mode=mode, negated=fact.negated,
        modality=fact.modality, quoted=attribution is not None, background=is_background(a, lex),
        source=s_tok, target=t_tok, source_kind=_kind(source, r), target_kind=_kind(target, r),
        embedded=tuple(e.type or "" for e in frame.embedded))
    return Event(
        id="e" + content_hash(article.uid, start, type_, length=10), type=type_,
        trigger=article.text[start:end], trigger_span=(start, end),
        sentence_span=(s0 + r.view.offset, s1 + r.view.offset), source=tuple(source),
        target=tuple(target), mode=mode, cameo=cameo,
        date=iso_date(mention.date, mention.precision) if mention else article.published,
        date_span=mention.span if mention else None, place=place, negated=fact.negated,
        hypothetical=fact.hypothetical, modality=fact.modality,
        attribution=attribution, confidence=_confidence(source, target, fact),
        intensity=lex.intensity(cameo), quad=PLOVER_QUADS[type_],
        plover_score=plover_score(type_, mode, lex)), m.head, evidence


def _resolved(candidates: list[list], r: Resolver, exclude: tuple[str, ...] = ()) -> tuple[list[str], object]:
    """The actors of the first candidate words that resolve, and the word they were read from."""
    for cands in candidates:
        if ids := r.actors(cands, exclude=exclude):
            return ids, cands[0]
    return [], None


def _kind(ids: list[str], r: Resolver) -> str:
    if not ids:
        return "none"
    d = r.index.get(ids[0])
    return f"{d.kind}:{d.sector or '-'}"


def model_decides(model: EventModel):
    """The learned layer on one candidate: None (not an act of its type), or the candidate
    with the model's confidence, its parties turned round and its type changed where the
    model says so."""
    lex = lexicon()

    def decide(c):
        e, head, ev = c
        features = keep_features(head, ev)
        p = model.keep.prob(features)
        if p < model.keep_threshold:
            return None
        e = replace(e, confidence=round(p, 2))
        if (e.source or e.target) and model.swap.prob(direction_features(head, ev)) >= model.swap_threshold:
            e = replace(e, source=e.target, target=e.source)
        type_ = model.retype(features, e.type)
        return (e if type_ == e.type else _retyped(e, type_, lex)), head, ev
    return decide


def _retyped(e: Event, type_: str, lex: Lexicon) -> Event:
    """The event under another PLOVER type: that type's general CAMEO code, no mode."""
    general = lex.mode(type_, None)
    cameo = general.cameo if general else None
    return replace(e, type=type_, mode=None, cameo=cameo, quad=PLOVER_QUADS[type_],
                   intensity=lex.intensity(cameo), plover_score=plover_score(type_, None, lex))


def _type_and_factuality(frame: Frame, a, source: list[str], r: Resolver) -> tuple[str, Factuality]:
    """The PLOVER type after factuality (intent, refusal) and the factuality itself."""
    m = frame.match
    fact = _factuality(frame, a, r.lex)
    type_ = plover_type(m.type, fact)
    if type_ == "REJECT" and m.type != "REJECT":
        fact = Factuality(negated=False, modality=fact.modality)
    if type_ == "AGREE" and any(e.type in FORCE for e in frame.embedded):
        type_ = "THREATEN"                  # "vowed to fight": a promise of force is a threat
    if type_ == "REQUEST" and any(e.entry.cameo == "113" for e in frame.embedded):
        type_ = "ACCUSE"                    # "called on Arabs to unite against X": rallying opposition (CAMEO 113)
    return _diplomatic_protest(type_, m, source, r), fact


def _date(a, dates, fact: Factuality, published: str | None):
    """The DateMention of the anchor's clause or sentence (a weekday ahead for future acts)."""
    date = pick_date(a, dates)
    mention = date.mention if date else None
    if mention is not None and fact.modality in ("future", "intended"):
        mention = ahead(mention, published)
    return mention


def _factuality(frame: Frame, a, lex: Lexicon) -> Factuality:
    if frame.obligation is not None:
        return Factuality()                 # the demand itself is reported as made
    if frame.actor_from is not None:
        return factuality(frame.actor_from, lex)
    return factuality(a, lex)


def _diplomatic_protest(type_: str, m, source: list[str], r: Resolver) -> str:
    """A government that 'protests' makes a diplomatic protest: ACCUSE (manual 3.12.2)."""
    if type_ != "PROTEST" or lemma(m.head) != "protest" or m.head.pos_ != "VERB":
        return type_
    subject = subject_of(m.head, r.lex)
    if subject and subject[0].pos_ == "NOUN" and r.is_participant(subject[0]) and \
            r.lex.participants.get(lemma(subject[0])) not in ("GOV", None):
        return type_                        # 'Palestinian prisoners protested': not a government
    drafts = [r.index.get(a) for a in source]
    return "ACCUSE" if any(d.kind == "country" or d.sector == "GOV" for d in drafts) else type_


def _place_target(frame: Frame, source: list[str], r: Resolver) -> list[str]:
    """A place the act is aimed at, as its country or city actor, unless it is the actor's own."""
    own = {r.index.get(a).country for a in source}
    ids = r.actors(place_targets(frame), exclude=tuple(source), descend=False)
    return [a for a in ids if r.index.get(a).country not in own][:1]


def _third_party(country: str | None, actors: list[str], r: Resolver) -> str | None:
    """A meeting in a country none of its participants belongs to (manual table 3.1)."""
    own = {r.index.get(a).country for a in actors}
    return "third-party" if country and None not in own and country not in own else None


def _host(country: str | None, source: list[str], r: Resolver) -> list[str]:
    """The recipient of a visit is its host (manual 3.2.2): the state visited, when the
    article names it ('a visit to Moscow' -> Russia); the country itself, else its government."""
    def rank(aid: str) -> int:
        d = r.index.get(aid)
        return 0 if d.kind == "country" else 1 if d.name.startswith("Government") else 2
    hosts = [aid for aid in r.index.ids() if aid not in source and _is_state(r.index.get(aid), country)]
    return sorted(hosts, key=rank)[:1]


def _is_state(d, country: str | None) -> bool:
    return bool(country) and d.country == country and bool(d.mentions) and (
        d.kind == "country" or d.sector == "GOV" and d.kind != "person")


def _trigger_span(frame: Frame, view: View) -> tuple[int, int]:
    toks = [t for t in frame.match.tokens if abs(t.i - frame.match.head.i) <= 6] or [frame.match.head]
    first, last = min(toks, key=lambda t: t.i), max(toks, key=lambda t: t.i)
    return view.chars(first, last)


def _claimed_by(pos: int, attributions: tuple[Attribution, ...]) -> str | None:
    """The attribution whose content holds the trigger (the innermost one)."""
    inside = [a for a in attributions if a.content_span[0] <= pos < a.content_span[1]]
    return min(inside, key=lambda a: a.content_span[1] - a.content_span[0]).id if inside else None


def _confidence(source: list[str], target: list[str], fact: Factuality) -> float:
    score = 0.4 + 0.25 * bool(source) + 0.15 * bool(target) - 0.1 * fact.hypothetical
    return round(min(0.9, max(0.1, score)), 2)


def _without_protest_topics(events: list[Event]) -> list[Event]:
    """The demand a protest is about is not coded apart from the protest (manual 3.12.2)."""
    protesters: dict[tuple[int, int], set[str]] = {}
    for e in events:
        if e.type == "PROTEST":
            protesters.setdefault(e.sentence_span, set()).update(e.source)
    return [e for e in events if not (e.type == "REQUEST" and e.sentence_span in protesters
                                      and set(e.source) <= protesters[e.sentence_span])]


def _unique(events: list[Event]) -> tuple[Event, ...]:
    seen: set[tuple[str, tuple[int, int]]] = set()
    out = []
    for e in sorted(events, key=lambda e: e.trigger_span):
        if (e.type, e.trigger_span) not in seen:
            seen.add((e.type, e.trigger_span))
            out.append(e)
    return tuple(out)
