"""Step 4 of the pipeline, extract: one parsed Doc -> the article's Extraction.

    4a actors        entity mentions -> the article's ActorIndex (actors/find.py)
    4b attributions  quotes and reported speech; speakers are actors (attribution/)
    4c quoted        "I" in a quote is its speaker (actors/coref.py)
    4d places        toponyms and the actors they are mentions of (events/places.py)
    4e events        PLOVER events with their participants (events/)
    4f affiliations  countries of the actors 4b-4e added (actors/affiliation.py)
    4g join          the actors of 4a plus what 4b, 4c, 4e and 4f added, as Actor records

The stages after 4a change no actors: each returns the actors and mentions it adds
(ActorFinds records), and `join_actors` adds them up once.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc

from .actors import ActorIndex, find_actors
from .actors.affiliation import find_affiliations
from .actors.coref import link_quoted_pronouns
from .actors.finds import ActorFinds
from .attribution import find_attributions
from .events import article_dates, article_durations, find_events
from .events.places import article_places
from .nlp import sentences
from .records import Actor, Article, Attribution, Event, Extraction, PipelineInfo, PlaceMention
from .resources import Resources


def extract_doc(doc: Doc, article: Article, info: PipelineInfo, resources: Resources) -> Extraction:
    """4. extract: actors, then attributions (speakers are actors), then events and dates.
    `resources` hold the pipeline that parsed `doc` (the event coder re-parses title-case
    headlines with it), the lexicons and the learned models."""
    found = find_actors(doc, article.uid, resources.known_actors, resources.actor_filter)       # 4a
    attributions, speakers = find_attributions(doc, found, article.uid, resources.attribution_model)  # 4b
    quoted = link_quoted_pronouns(doc, found.plus(speakers), attributions)  # 4c "I" in a quote: its speaker
    seen = found.plus(speakers, quoted)
    places = article_places(doc, seen, resources.geoparser)                                  # 4d
    events, participants = find_events(doc, seen, attributions, article, resources.nlp, places,
                                       resources.event_model,
                                       article_filter=resources.event_filter,
                                       actor_filter=resources.actor_filter)                    # 4e
    affiliated = seen.plus(participants).fork()
    find_affiliations(doc, affiliated)                                                       # 4f
    finds = (speakers, quoted, participants, affiliated.finds())
    joined = join_actors(found, finds, attributions, events, places)                         # 4g
    spans = tuple(_trim(s.start_char, s.end_char, sentences(doc).text) for s in sentences(doc).spans)
    return Extraction(article=article, pipeline=info, actors=joined.actors, attributions=joined.attributions,
                      events=joined.events, sentences=tuple(s for s in spans if s[1] > s[0]),
                      dates=article_dates(doc, article.published), places=joined.places,
                      durations=article_durations(doc, article.published))


@dataclass(frozen=True)
class Joined:
    """The article's actors and the records that refer to them, every reference known."""

    actors: tuple[Actor, ...]
    attributions: tuple[Attribution, ...]
    events: tuple[Event, ...]
    places: tuple[PlaceMention, ...]


def join_actors(found: ActorIndex, finds: tuple[ActorFinds, ...], attributions: tuple[Attribution, ...],
                events: tuple[Event, ...], places: tuple[PlaceMention, ...]) -> Joined:
    """4g. join: the actors found plus what each later stage added, as Actor records (actors
    never mentioned are dropped), and the references to dropped actors taken out."""
    actors = _unique(found.plus(*finds).freeze())
    known = {a.id for a in actors}
    return Joined(actors=actors,
                  attributions=_unique(tuple(_known_refs_q(q, known) for q in attributions)),
                  events=_unique(tuple(_known_refs_e(e, known) for e in events)),
                  places=tuple(replace(p, actor=p.actor if p.actor in known else None) for p in places))


def _unique(records: tuple) -> tuple:
    """Drop records whose id repeats an earlier one (the same span found twice)."""
    seen: set[str] = set()
    out = []
    for r in records:
        if r.id not in seen:
            seen.add(r.id)
            out.append(r)
    return tuple(out)


def _trim(start: int, end: int, text: str) -> tuple[int, int]:
    while end > start and text[end - 1].isspace():
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    return start, end


def _known_refs_q(q: Attribution, known: set[str]) -> Attribution:
    if q.speaker is not None and q.speaker not in known:
        q = replace(q, speaker=None, speaker_span=None)
    return replace(q, via=tuple(replace(v, actor=v.actor if v.actor in known else None) for v in q.via))


def _known_refs_e(e: Event, known: set[str]) -> Event:
    return replace(e, source=tuple(a for a in e.source if a in known),
                   target=tuple(a for a in e.target if a in known))
