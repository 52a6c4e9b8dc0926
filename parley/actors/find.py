"""Mentions in one article -> its actors, one actor for all the mentions of each.

Steps (`find_actors`):
1. Candidates: the model's entities corrected by the article itself and the word lists
   (known groups and organisations, headlines, places taken for people).
2. People: full names first, then surnames and given names, whatever the model called
   them; titles and appositions give role, country and sector.
3. Organisations and groups: known aliases, governments, other names, acronyms.
4. Descriptions: "Iran's deputy foreign minister", "rebels", "the Syrian opposition".
5. Countries: places, governments (acting countries, capitals, seats), nationalities.
6. Pronouns that are subjects or objects: the actor they stand for.
7. First-person pronouns outside quotes: the text's author.
8. Countries of people and organisations from their titles, known leaders, and (weakly)
   the article's country for national offices.
"""
from __future__ import annotations

from spacy.tokens import Doc

from .affiliation import find_affiliations
from .coref import link_author, link_pronouns
from .descriptions import find_descriptions, resolve_governments
from .entities import find_candidates
from .filter import ActorFilter
from .index import ActorIndex
from .lexicon import KnownActor
from .organisations import find_organisations
from .people import find_people
from .states import find_states
from .work import Work


def find_actors(doc: Doc, article_uid: str, knowns: tuple[KnownActor, ...] | None = None,
                actor_filter: ActorFilter | None = None, trace: list | None = None) -> ActorIndex:
    """`knowns`: Resources.known_actors (the packaged aliases alone when None);
    `actor_filter`: Resources.actor_filter (no filtering when None); `trace`: a list that
    receives each filtered candidate's features (for training)."""
    work = Work.of(doc, article_uid, knowns, actor_filter)
    work.trace = trace
    find_candidates(work)                        # 1
    find_people(work)                            # 2
    find_organisations(work)                     # 3
    pending = find_descriptions(work)            # 4
    find_states(work)                            # 5
    resolve_governments(work, pending)           # 4b: "the government" after 5 knows them
    link_pronouns(doc, work.index)               # 6
    link_author(doc, work.index)                 # 7
    find_affiliations(doc, work.index)           # 8
    return work.index
