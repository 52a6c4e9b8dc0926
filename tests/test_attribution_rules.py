"""Attribution rules on Docs built by hand (words, heads, deps), so they do not depend on
one parser's output: sources, intermediaries, content and kinds."""
import spacy
from spacy.tokens import Doc

from parley.actors.index import ActorIndex
from parley.attribution import find_attributions
from parley.attribution.context import doc_context
from parley.attribution.speakers import np_range, source_head, via_heads


def _doc(rows, ents=None):
    words, heads, deps, pos, tags, lemmas = zip(*rows)
    return Doc(spacy.blank("en").vocab, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos),
               tags=list(tags), lemmas=list(lemmas), ents=ents)


def _said_doc():
    return _doc([("Trump", 1, "nsubj", "PROPN", "NNP", "Trump"), ("said", 1, "ROOT", "VERB", "VBD", "say"),
                 ("that", 5, "mark", "SCONJ", "IN", "that"), ("taxes", 5, "nsubj", "NOUN", "NNS", "tax"),
                 ("will", 5, "aux", "AUX", "MD", "will"), ("rise", 1, "ccomp", "VERB", "VB", "rise"),
                 (".", 1, "punct", "PUNCT", ".", ".")])


def _told_doc():
    rows = [("The", 1, "det", "DET", "DT", "the"), ("ministry", 2, "nsubj", "NOUN", "NN", "ministry"),
            ("told", 2, "ROOT", "VERB", "VBD", "tell"), ("RIA", 4, "compound", "PROPN", "NNP", "RIA"),
            ("Novosti", 2, "dative", "PROPN", "NNP", "Novosti"), ("that", 8, "mark", "SCONJ", "IN", "that"),
            ("talks", 8, "nsubj", "NOUN", "NNS", "talk"), ("would", 8, "aux", "AUX", "MD", "would"),
            ("resume", 2, "ccomp", "VERB", "VB", "resume"), (".", 2, "punct", "PUNCT", ".", ".")]
    return _doc(rows, ents=["O", "O", "O", "B-ORG", "I-ORG", "O", "O", "O", "O", "O"])


def test_subject_of_the_cue_is_the_source():
    ctx = doc_context(_said_doc())
    assert source_head(ctx, 1) == 0
    assert np_range(ctx, 0) == (0, 1)


def test_indirect_speech_gives_speaker_cue_and_complement():
    doc = _said_doc()
    index = ActorIndex("art")
    trump = index.add("person:trump", "Donald Trump", "person")
    index.mention(trump, 0, 5, "Trump")
    (q,), added = find_attributions(doc, index, "art")
    assert (q.speaker, q.speaker_span) == (trump, (0, 5))
    assert added.changes == ()                  # Trump was known: nothing added
    assert (q.cue, q.cue_lemma, q.cue_span) == ("said", "say", (6, 10))
    assert q.content == "that taxes will rise" and q.kind == "indirect" and not q.via


def test_outlet_told_is_an_intermediary():
    ctx = doc_context(_told_doc())
    assert via_heads(ctx, 2, (0, 10)) == [4]


def test_ministry_told_outlet_gives_description_speaker_and_via():
    doc = _told_doc()
    index = ActorIndex("art")
    (q,), added = find_attributions(doc, index, "art")
    assert doc.text[q.speaker_span[0]:q.speaker_span[1]] == "The ministry"
    assert [(a.id, a.name) for a in added.actors] == [(q.speaker, "ministry")]
    assert index.find(added.actors[0].key) is None     # the index given is not changed
    assert index.plus(added).get(q.speaker).name == "ministry"
    assert [v.text for v in q.via] == ["RIA Novosti"]
    assert q.content == "that talks would resume"


def test_expletive_it_names_no_source():
    doc = _doc([("It", 2, "nsubjpass", "PRON", "PRP", "it"), ("is", 2, "auxpass", "AUX", "VBZ", "be"),
                ("believed", 2, "ROOT", "VERB", "VBN", "believe"), ("that", 7, "mark", "SCONJ", "IN", "that"),
                ("the", 5, "det", "DET", "DT", "the"), ("vote", 7, "nsubj", "NOUN", "NN", "vote"),
                ("will", 7, "aux", "AUX", "MD", "will"), ("tighten", 2, "ccomp", "VERB", "VB", "tighten")])
    ctx = doc_context(doc)
    assert source_head(ctx, 2) is None


def test_authorless_documents_name_no_one_or_an_earlier_speaker():
    from parley.attribution.speakers import authorless_document, speaker_of
    # "according to reports ," / "according to the report by Tasnim" / "the statement said"
    reports = _doc([("according", 0, "ROOT", "VERB", "VBG", "accord"), ("to", 0, "prep", "ADP", "IN", "to"),
                    ("reports", 1, "pobj", "NOUN", "NNS", "report")])
    ctx = doc_context(reports)
    assert authorless_document(ctx, 2) == "none"
    by = _doc([("according", 0, "ROOT", "VERB", "VBG", "accord"), ("to", 0, "prep", "ADP", "IN", "to"),
               ("the", 3, "det", "DET", "DT", "the"), ("report", 1, "pobj", "NOUN", "NN", "report"),
               ("by", 3, "prep", "ADP", "IN", "by"), ("Tasnim", 4, "pobj", "PROPN", "NNP", "Tasnim")],
              ents=["O", "O", "O", "O", "O", "B-ORG"])
    ctx = doc_context(by)
    assert authorless_document(ctx, 3) is None
    assert speaker_of(ctx, 3, 6, 6) == 5
    the = _doc([("The", 1, "det", "DET", "DT", "the"), ("statement", 2, "nsubj", "NOUN", "NN", "statement"),
                ("said", 2, "ROOT", "VERB", "VBD", "say")])
    assert authorless_document(doc_context(the), 1) == "anaphor"
    turkish = _doc([("The", 2, "det", "DET", "DT", "the"), ("Turkish", 2, "amod", "ADJ", "JJ", "turkish"),
                    ("statement", 3, "nsubj", "NOUN", "NN", "statement"), ("said", 3, "ROOT", "VERB", "VBD", "say")],
                   ents=["O", "B-NORP", "O", "O"])
    assert authorless_document(doc_context(turkish), 2) is None
    minister = _doc([("The", 1, "det", "DET", "DT", "the"), ("minister", 2, "nsubj", "NOUN", "NN", "minister"),
                     ("said", 2, "ROOT", "VERB", "VBD", "say")])
    assert authorless_document(doc_context(minister), 1) is None


def test_a_quote_opened_by_a_mark_glued_to_the_word_before_is_no_quote():
    from parley.attribution.extract import _misopened
    # The "United States" is not ...: pairing from the wrong mark opens a quote at 'States" '
    doc = _doc([("The", 2, "det", "DET", "DT", "the"), ('"', 2, "punct", "PUNCT", "``", '"'),
                ("States", 2, "ROOT", "PROPN", "NNP", "States"), ('"', 2, "punct", "PUNCT", "''", '"'),
                ("is", 2, "dep", "AUX", "VBZ", "be")])
    doc = Doc(doc.vocab, words=[t.text for t in doc], spaces=[True, False, False, True, False],
              heads=[t.head.i for t in doc], deps=[t.dep_ for t in doc], pos=[t.pos_ for t in doc],
              tags=[t.tag_ for t in doc], lemmas=[t.lemma_ for t in doc])
    ctx = doc_context(doc)
    assert _misopened(ctx, 3)          # 'States" is': glued on the left, a space on the right
    assert not _misopened(ctx, 1)      # ' "States': a space before, a word after
