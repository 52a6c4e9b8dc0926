"""The event lexicon files, and the coder on hand-written sentences of every PLOVER type
(tests/data/event_sentences.tsv, written for Parley, not from an evaluation corpus)."""
from collections import Counter
from pathlib import Path

import pytest

from parley.data import file_rows
from parley.events.headlines import sentence_case, title_case_lines, body_vocabulary
from parley.events.lexicon import lexicon, parse_entry
from parley.plover import PLOVER_TYPES
from parley.records import Article

SENTENCES = Path(__file__).parent / "data" / "event_sentences.tsv"


def test_every_plover_type_has_triggers_modes_and_scores():
    lex = lexicon()
    types = Counter(e.type for entries in lex.triggers.values() for e in entries if e.type)
    assert set(types) == set(PLOVER_TYPES) and min(types.values()) >= 10, types
    assert set(lex.modes) == set(PLOVER_TYPES)
    for entries in lex.triggers.values():
        for e in entries:
            assert e.cameo is None or e.cameo in lex.goldstein, e
            assert e.mode is None or lex.mode(e.type, e.mode) is not None, e
    for modes in lex.modes.values():
        assert all(m.cameo in lex.goldstein and -10 <= m.score <= 10 for m in modes)


def test_bad_lexicon_lines_name_the_line_and_the_fix():
    with pytest.raises(ValueError, match="row 7.*unknown condition 'objx=a'"):
        parse_entry(["meet", "V", "objx=a", "CONSULT", "-", "040"], "row 7")
    with pytest.raises(ValueError, match="row 8.*PLOVER type"):
        parse_entry(["meet", "V", "-", "MEET", "-", "040"], "row 8")


def test_title_case_headline_becomes_sentence_case_with_same_offsets(pipeline):
    text = "Iran Slams U.S. Fight Against IS, Backs Russia's Push For Syria Talks\n\nIran said the talks would help."
    doc = pipeline.nlp(text)
    (line,) = title_case_lines(doc)
    lower, upper = body_vocabulary(doc, [line])
    cased = sentence_case(line, lower, upper, lexicon())
    assert cased.rstrip() == "Iran slams U.S. fight against IS, backs Russia's push for Syria talks"
    assert len(cased) == len(line.text)


def _rows() -> list[list[str]]:
    return file_rows(SENTENCES)


def test_hand_written_sentences_of_every_type(pipeline):
    rows = _rows()
    assert {r[0] for r in rows} == set(PLOVER_TYPES)
    articles = [Article(id=str(k), text=r[2], source="t", published="2020-06-15") for k, r in enumerate(rows)]
    typed = sourced = coded = right = 0
    misses = []
    for (type_, actor, text), ex in zip(rows, pipeline.run_articles(articles)):
        names = {a.id: " ".join([a.name] + [m.text for m in a.mentions]).lower() for a in ex.actors}
        hits = [e for e in ex.events if e.type == type_]
        typed += bool(hits)
        sourced += any(actor.lower() in names[i] for e in hits for i in e.source)
        coded += len(ex.events)
        right += len(hits)
        if not hits:
            misses.append((type_, text, [e.type for e in ex.events]))
    assert typed >= 0.95 * len(rows), misses
    assert sourced >= 0.9 * len(rows) and right >= 0.9 * coded


@pytest.mark.parametrize("text, type_, source, target", [
    # a past-tense verb the small parser reads as an adjective of its object
    ("Chile's military regime relaxed curfew restrictions.", "CONCEDE", "regime", None),
    # a street rally against a policy is a protest, not a verbal accusation
    ("Thousands of students rallied against the war in central London on Saturday.", "PROTEST", "students", None),
    # urging others to unite against someone rallies opposition against him (CAMEO 113)
    ("Iran called on Muslim countries to unite against Israel.", "ACCUSE", "iran", "israel"),
    ("Iraq paid compensation to Kuwait for the 1990 invasion.", "RETREAT", "iraq", "kuwait"),
])
def test_general_rules_on_hand_written_sentences(pipeline, text, type_, source, target):
    (ex,) = pipeline.run_articles([Article(id="r", text=text, source="t", published="2020-06-15")])
    names = {a.id: " ".join([a.name] + [m.text for m in a.mentions]).lower() for a in ex.actors}
    assert [e.type for e in ex.events] == [type_], ex.events
    (event,) = ex.events
    assert any(source in names[i] for i in event.source), (event, names)
    assert target is None or any(target in names[i] for i in event.target), (event, names)
