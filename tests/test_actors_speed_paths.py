"""The actors stage's fast paths give what the plain ones give (speed work must not change
output): mentions looked up backwards from a position, array membership, the role-head
prefilter of descriptions."""
from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from parley.actors import find_actors
from parley.actors.descriptions import ARGUMENT_DEPS, _role_head_tokens
from parley.actors.index import ActorIndex
from parley.actors.lexicon import role_heads
from parley.actors.work import AMONG_MAX_VALUES, Work, among

VOCAB = spacy.blank("en").vocab


def _index() -> ActorIndex:
    index = ActorIndex("art")
    a = index.add("person:a", "Ann Lee", "person")
    b = index.add("org:b", "Acme", "organization")
    for s, e, aid in [(0, 7, a), (30, 34, b), (40, 43, a), (41, 43, b), (90, 94, b), (300, 307, a), (305, 309, b)]:
        index.mention(aid, s, e, "x" * (e - s))
    return index


@pytest.mark.parametrize("pos", [0, 7, 35, 42, 43, 95, 306, 309, 2000])
@pytest.mark.parametrize("window", [0, 5, 60, 400])
def test_mentions_back_is_mentions_before_nearest_first_within_the_window(pos, window):
    index = _index()
    expected = []
    for s, aid, kind in reversed(index.mentions_before(pos)):
        if pos - s > window:
            break
        expected.append((s, aid, kind))
    assert list(index.mentions_back(pos, window)) == expected


def test_mentions_before_lists_only_mentions_ended_by_the_position():
    index = _index()
    assert [s for s, _, _ in index.mentions_before(43)] == [0, 30, 40, 41]
    assert [s for s, _, _ in index.mentions_before(42)] == [0, 30]


@pytest.mark.parametrize("n_values", [1, 3, AMONG_MAX_VALUES, AMONG_MAX_VALUES + 1, 60])
def test_among_is_np_isin(n_values):
    rng = np.random.default_rng(n_values)
    column = rng.integers(0, 2 ** 63, 500, dtype=np.uint64)
    values = column[rng.choice(500, n_values, replace=False)].tolist()[: n_values - 1] + [7]
    assert (among(column, values) == np.isin(column, values)).all()


SENT = [  # "The foreign minister told reporters that the talks with the rebels failed ."
    ("The", "DET", "DT", "det", 2), ("foreign", "ADJ", "JJ", "amod", 2),
    ("minister", "NOUN", "NN", "nsubj", 3), ("told", "VERB", "VBD", "ROOT", 3),
    ("reporters", "NOUN", "NNS", "dobj", 3), ("that", "SCONJ", "IN", "mark", 12),
    ("the", "DET", "DT", "det", 7), ("talks", "NOUN", "NNS", "nsubj", 12),
    ("with", "ADP", "IN", "prep", 7), ("the", "DET", "DT", "det", 10),
    ("Rebels", "NOUN", "NNS", "pobj", 8), ("finally", "ADV", "RB", "advmod", 12),
    ("failed", "VERB", "VBD", "ccomp", 3), (".", "PUNCT", ".", "punct", 3),
]


def _doc() -> Doc:
    lemmas = {"told": "tell", "reporters": "reporter", "talks": "talk", "Rebels": "rebel", "failed": "fail"}
    return Doc(VOCAB, words=[t[0] for t in SENT], spaces=[True] * len(SENT), pos=[t[1] for t in SENT],
               tags=[t[2] for t in SENT], deps=[t[3] for t in SENT], heads=[t[4] for t in SENT],
               ents=["O"] * len(SENT), lemmas=[lemmas.get(t[0], t[0].lower()) for t in SENT])


def test_role_head_prefilter_keeps_every_noun_whose_word_or_lemma_heads_a_role():
    doc = _doc()
    work = Work.of(doc, "t")
    heads = role_heads()
    plain = [t.i for t in doc if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ARGUMENT_DEPS
             and (t.lower_ in heads or t.lemma_.lower() in heads)]
    assert _role_head_tokens(work) == plain
    assert 2 in plain and 10 in plain                 # 'minister', 'Rebels' (capitalised)


def test_descriptions_are_found_through_the_prefilter():
    names = {a.name.lower() for a in find_actors(_doc(), "t").freeze()}
    assert any("minister" in n for n in names) and any("rebel" in n for n in names)


@pytest.mark.parametrize("text", ["", "One.", "Two  spaces,\n\nnew lines\tand tabs: 'quoted' — dash. ", " lead"])
def test_doc_text_from_arrays_is_doc_text(text):
    from parley.nlp import SentenceIndex, doc_text
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    doc = nlp(text)
    assert doc_text(doc) == doc.text
    index = SentenceIndex(doc)
    assert [index.index(t.i) for t in doc] == [k for k, s in enumerate(doc.sents) for _ in s]


def test_headline_flags_per_sentence():
    from parley.actors.work import headline_flags
    from parley.nlp import sentences
    words = "Rebels Seize Key Town In North The rebels took the town on Monday , officials said . Ok .".split()
    starts = [w in (0, 6, 17) for w in range(len(words))]
    doc = Doc(VOCAB, words=words, sent_starts=starts)
    assert headline_flags(doc, sentences(doc)) == [True, False, False]
