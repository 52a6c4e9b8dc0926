"""Stages add actors as records: a fork's finds, joined with `plus`, give the fork's actors."""
from __future__ import annotations

from parley.actors.finds import ActorFacts, NewActor, NewKey, NewMention
from parley.actors.index import ActorIndex


def _base() -> ActorIndex:
    index = ActorIndex("art")
    trump = index.add("person:trump", "Donald Trump", "person")
    index.mention(trump, 0, 5, "Trump")
    return index


def test_a_fork_leaves_the_index_it_came_from_unchanged():
    base = _base()
    before = base.freeze()
    work = base.fork()
    minted = work.add("description:the ministry", "ministry", "organization", country="RU")
    work.mention(minted, 20, 32, "The ministry", "description")
    work.mention(work.find("person:trump"), 40, 42, "he", "pronoun")
    assert base.freeze() == before and base.find("description:the ministry") is None
    assert len(work.freeze()) == 2


def test_finds_are_records_of_what_was_added_in_order():
    work = _base().fork()
    trump = work.find("person:trump")
    minted = work.add("country:RU", "Russia", "country")
    work.mention(minted, 10, 16, "Russia")
    work.mention(minted, 10, 16, "Russia")           # held already: nothing new
    work.mention(trump, 0, 5, "Trump")               # held already: nothing new
    work.update(minted, country="RU")
    work.add("country:RU", "Russia", "country", sector="GOV")   # fills a gap
    work.alias("russia", minted)
    changes = work.finds().changes
    assert [type(c) for c in changes] == [NewActor, NewMention, ActorFacts, ActorFacts, NewKey]
    assert changes[2].facts == (("country", "RU"),) and changes[3].facts == (("sector", "GOV"),)
    assert work.finds().actors == (changes[0],)


def test_plus_replays_the_finds_of_each_stage():
    base = _base()
    first = base.fork()
    minted = first.add("description:officials", "officials", "group")
    first.mention(minted, 50, 59, "officials", "description")
    second = base.plus(first.finds()).fork()
    second.mention(minted, 70, 74, "they", "pronoun")
    second.update(minted, country="US")
    joined = base.plus(first.finds(), second.finds())
    assert joined.freeze() == second.freeze()
    assert joined.get(minted).country == "US" and joined.owner(70, 74) == minted
    assert base.plus().freeze() == base.freeze() and base.finds().changes == ()
