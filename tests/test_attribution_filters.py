"""Cues that are not speech, content kept inside its paragraph, the length cap, quotes a
paragraph end closed, and relayed statements (issue 15), on Docs built by hand so they do
not depend on one parser's output."""
import logging

import spacy
from spacy.tokens import Doc

from parley.attribution import filters
from parley.attribution.context import doc_context
from parley.attribution.filters import capped, speech_cue, within_paragraph
from parley.attribution.quotes import find_quotes_closed
from parley.attribution.speakers import relayer


def _doc(rows, spaces=None, ents=None):
    words, heads, deps, pos, tags, lemmas = zip(*rows)
    doc = Doc(spacy.blank("en").vocab, words=list(words), spaces=spaces, heads=list(heads), deps=list(deps),
              pos=list(pos), tags=list(tags), lemmas=list(lemmas), ents=ents)
    return doc


def _described():
    return _doc([("The", 1, "det", "DET", "DT", "the"), ("suspect", 3, "nsubjpass", "NOUN", "NN", "suspect"),
                 ("is", 3, "auxpass", "AUX", "VBZ", "be"), ("described", 3, "ROOT", "VERB", "VBN", "describe"),
                 ("as", 3, "prep", "ADP", "IN", "as"), ("white", 4, "pobj", "ADJ", "JJ", "white"),
                 (".", 3, "punct", "PUNCT", ".", ".")])


def _posted(colon: bool):
    rows = [("She", 1, "nsubj", "PRON", "PRP", "she"), ("posted", 1, "ROOT", "VERB", "VBD", "post")]
    if colon:
        rows += [(":", 1, "punct", "PUNCT", ":", ":"), ("“", 5, "punct", "PUNCT", "``", "“"),
                 ("We", 5, "nsubj", "PRON", "PRP", "we"), ("won", 1, "ccomp", "VERB", "VBD", "win"),
                 ("”", 5, "punct", "PUNCT", "''", "”")]
    else:
        rows += [("a", 3, "det", "DET", "DT", "a"), ("photo", 1, "dobj", "NOUN", "NN", "photo")]
    return _doc(rows)


def test_passive_description_is_not_a_cue():
    ctx = doc_context(_described())
    assert not speech_cue(ctx, 3, 4, 6)


def test_seemed_is_not_a_cue():
    doc = _doc([("He", 1, "nsubj", "PRON", "PRP", "he"), ("seemed", 1, "ROOT", "VERB", "VBD", "seem"),
                ("to", 3, "aux", "PART", "TO", "to"), ("agree", 1, "xcomp", "VERB", "VB", "agree")])
    assert not speech_cue(doc_context(doc), 1, 2, 4)


def test_posting_is_a_cue_only_with_content():
    assert not speech_cue(doc_context(_posted(False)), 1, 2, 4)
    assert speech_cue(doc_context(_posted(True)), 1, 3, 7)


def test_speech_verbs_pass_the_filter():
    doc = _doc([("He", 1, "nsubj", "PRON", "PRP", "he"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
                ("no", 1, "dobj", "INTJ", "UH", "no")])
    assert speech_cue(doc_context(doc), 1, 2, 3)


def _paragraphs_doc(text):
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp(text)


def test_content_does_not_cross_a_paragraph_without_a_quote():
    doc = _paragraphs_doc("He said taxes rise.\n\nA new paragraph here.")
    ctx = doc_context(doc)
    second = next(t.i for t in doc if t.text == "A")
    start, end = within_paragraph(ctx, 1, 2, len(doc))
    assert end <= second and doc[start:end].text.strip().startswith("taxes")


def test_a_quote_running_over_paragraphs_is_kept_whole():
    doc = _paragraphs_doc("He said: “Part one.\n\n“Part two.”")
    ctx = doc_context(doc)
    assert within_paragraph(ctx, 1, 3, len(doc)) == (3, len(doc))


def test_quote_closed_by_paragraph_end_is_marked():
    text = "“Never closed here\n\nA “real quote” in it."
    assert [c for _, _, c in find_quotes_closed(text)] == [False, True]


def test_cap_cuts_long_content_with_a_warning(caplog, monkeypatch):
    monkeypatch.setattr(filters, "MAX_CONTENT_TOKENS", 6)
    doc = _paragraphs_doc("One two three. Four five six. Seven eight nine.")
    ctx = doc_context(doc)
    with caplog.at_level(logging.WARNING, logger="parley.attribution.filters"):
        start, end = capped(ctx, 0, len(doc))
    assert (start, end) == (0, 4) and "cut" in caplog.text
    assert capped(ctx, 0, 4) == (0, 4)


def test_correspondent_relays_and_speaker_does_not():
    doc = _doc([("The", 1, "det", "DET", "DT", "the"), ("correspondent", 2, "nsubj", "NOUN", "NN", "correspondent"),
                ("reports", 2, "ROOT", "VERB", "VBZ", "report"), ("that", 5, "mark", "SCONJ", "IN", "that"),
                ("Abbas", 5, "nsubj", "PROPN", "NNP", "Abbas"), ("refused", 2, "ccomp", "VERB", "VBD", "refuse")])
    ctx = doc_context(doc)
    assert relayer(ctx, 2) == 1.0
    said = _doc([("Abbas", 1, "nsubj", "PROPN", "NNP", "Abbas"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
                 ("no", 1, "dobj", "INTJ", "UH", "no")])
    assert relayer(doc_context(said), 1) == 0.0


def _to_do(lemma, word):
    return _doc([("They", 1, "nsubj", "PRON", "PRP", "they"), (word, 1, "ROOT", "VERB", "VBD", lemma),
                 ("to", 3, "aux", "PART", "TO", "to"), ("hold", 1, "xcomp", "VERB", "VB", "hold"),
                 ("a", 5, "det", "DET", "DT", "a"), ("vote", 3, "dobj", "NOUN", "NN", "vote")])


def test_infinitive_of_an_act_is_no_statement():
    assert not speech_cue(doc_context(_to_do("vote", "voted")), 1, 2, 6)
    assert not speech_cue(doc_context(_to_do("attempt", "attempted")), 1, 2, 6)
    assert speech_cue(doc_context(_to_do("promise", "promised")), 1, 2, 6)
    assert speech_cue(doc_context(_to_do("want", "wanted")), 1, 2, 6)


def test_reportedly_is_no_cue():
    doc = _doc([("He", 1, "nsubj", "PRON", "PRP", "he"), ("fled", 1, "ROOT", "VERB", "VBD", "flee"),
                ("reportedly", 1, "advmod", "ADV", "RB", "reportedly")])
    assert not speech_cue(doc_context(doc), 2, 0, 2)


def test_speaker_is_the_person_not_the_affiliation_and_the_author_of_a_statement():
    from parley.attribution.speakers import speaker_of
    doc = _doc([("Vega", 3, "nsubj", "PROPN", "NNP", "Vega"), ("of", 0, "prep", "ADP", "IN", "of"),
                ("UNICEF", 1, "pobj", "PROPN", "NNP", "UNICEF"), ("said", 3, "ROOT", "VERB", "VBD", "say"),
                ("it", 5, "nsubj", "PRON", "PRP", "it"), ("works", 3, "ccomp", "VERB", "VBZ", "work")],
               ents=["B-PERSON", "O", "B-ORG", "O", "O", "O"])
    assert speaker_of(doc_context(doc), 2, 4, 6) == 0
    doc = _doc([("Trump", 2, "poss", "PROPN", "NNP", "Trump"), ("'s", 0, "case", "PART", "POS", "'s"),
                ("statement", 3, "nsubj", "NOUN", "NN", "statement"), ("said", 3, "ROOT", "VERB", "VBD", "say"),
                ("it", 5, "nsubj", "PRON", "PRP", "it"), ("works", 3, "ccomp", "VERB", "VBZ", "work")],
               ents=["B-PERSON", "O", "O", "O", "O", "O"])
    assert speaker_of(doc_context(doc), 2, 4, 6) == 0


def test_description_quoting_its_source_is_a_cue():
    doc = _doc([("He", 1, "nsubj", "PRON", "PRP", "he"), ("described", 1, "ROOT", "VERB", "VBD", "describe"),
                ("it", 1, "dobj", "PRON", "PRP", "it"), ("as", 1, "prep", "ADP", "IN", "as"),
                ("\u201c", 5, "punct", "PUNCT", "``", "\u201c"), ("dastardly", 3, "pobj", "ADJ", "JJ", "dastardly"),
                ("\u201d", 5, "punct", "PUNCT", "''", "\u201d")])
    assert speech_cue(doc_context(doc), 1, 2, 7)
    assert not speech_cue(doc_context(_described()), 3, 4, 6)
