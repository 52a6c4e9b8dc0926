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
"""
from __future__ import annotations

from spacy.tokens import Doc

from .coref import link_pronouns
from .descriptions import find_descriptions, resolve_governments
from .entities import find_candidates
from .index import ActorIndex
from .lexicon import KnownActor
from .organisations import find_organisations
from .people import find_people
from .states import find_states
from .work import Work


def find_actors(doc: Doc, article_uid: str, knowns: tuple[KnownActor, ...] | None = None) -> ActorIndex:
    """`knowns`: Resources.known_actors (the packaged aliases alone when None)."""
    work = Work.of(doc, article_uid, knowns)
    find_candidates(work)                        # 1
    find_people(work)                            # 2
    find_organisations(work)                     # 3
    pending = find_descriptions(work)            # 4
    find_states(work)                            # 5
    resolve_governments(work, pending)           # 4b: "the government" after 5 knows them
    link_pronouns(doc, work.index)               # 6
    return work.index
