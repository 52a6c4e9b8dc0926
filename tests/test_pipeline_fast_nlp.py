"""The pipeline Parley runs gives every token the same attributes as stock en_core_web_sm
(with the same paragraph-break component): the cached attribute ruler and lemmatizer of
parley/nlp_fast.py are exact, and the sentence index matches doc.sents."""
from __future__ import annotations

import pytest
import spacy
from conftest import SAMPLE_ID, need
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, NORM, POS, SENT_START, TAG

from parley.nlp import load_nlp, resolve_model, sentences
from parley.nlp_fast import FastAttributeRuler, FastLemmatizer

COLUMNS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START, NORM]


@pytest.fixture(scope="module")
def texts():
    paths = sorted(need("polnear/train/text").glob("*.txt"))[::40]
    return [p.read_text(encoding="utf-8") for p in paths] + [need(f"samples/{SAMPLE_ID}.txt").read_text()]


def test_pipeline_fast_components_are_swapped_in():
    nlp = load_nlp("en_core_web_sm")
    assert isinstance(nlp.get_pipe("attribute_ruler"), FastAttributeRuler)
    assert isinstance(nlp.get_pipe("lemmatizer"), FastLemmatizer)
    assert nlp.pipe_names == ["tok2vec", "tagger", "parley_paragraphs", "parley_long_sentences", "parser",
                              "attribute_ruler", "lemmatizer", "ner"]


def test_pipeline_fast_components_exact(texts):
    fast = load_nlp("en_core_web_sm")
    stock = load_nlp("en_core_web_sm", fast=False)
    assert not isinstance(stock.get_pipe("attribute_ruler"), FastAttributeRuler)
    for _ in range(2):                              # the second pass runs from warm caches
        for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
            assert (a.to_array(COLUMNS) == b.to_array(COLUMNS)).all()
            assert [(t.lemma_, str(t.morph), t.pos_) for t in a] == [(t.lemma_, str(t.morph), t.pos_) for t in b]


def test_pipeline_fast_ruler_multi_token_and_regex_rules():
    """Rules the PolNeAR texts may never trigger: "gonna" (two tokens, index 1), "y'all", "nothin'"."""
    stock = spacy.load(resolve_model("en_core_web_sm"))
    fast = load_nlp("en_core_web_sm")
    text = "Y'all are gonna see it. There's nothin' we can do, let's go. Ain't that so? C'mon, we gotta go."
    a, b = stock(text), fast(text)
    assert [(t.lemma_, t.pos_, str(t.morph)) for t in a] == [(t.lemma_, t.pos_, str(t.morph)) for t in b]
    assert "go" in [t.lemma_ for t in b if t.lower_ == "gon"]


def test_pipeline_sentence_index_matches_doc_sents(texts):
    nlp = load_nlp("en_core_web_sm")
    for doc in nlp.pipe(texts[:4]):
        idx = sentences(doc)
        assert [(s.start, s.end) for s in idx.spans] == [(s.start, s.end) for s in doc.sents]
        assert all(idx.of(t.i).start <= t.i < idx.of(t.i).end for t in doc)
