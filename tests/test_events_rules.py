"""Event argument rules on Docs built by hand (words, heads, deps, pos), so they do not depend
on one parser's output: who acts (subject, passive agent, inherited subjects, possessors,
'by' agents), who is acted on (objects, passive subjects, prepositional objects, recipients
of giving), and which trigger line a word's arguments select."""
import spacy
from spacy.tokens import Doc

from parley.events.arguments import explicit_subject, noun_source, noun_targets, subject_of, verb_targets
from parley.events.lexicon import lexicon
from parley.events.triggers import find_matches

VOCAB = spacy.blank("en").vocab


def _doc(rows, ents=None):
    """rows: (word, head, dep, pos, tag, lemma); heads are absolute token indices."""
    words, heads, deps, pos, tags, lemmas = zip(*rows)
    return Doc(VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos),
               tags=list(tags), lemmas=list(lemmas), ents=ents)


def _texts(groups) -> list[list[str]]:
    return [[t.text for t in g] for g in groups]


def _active():
    """Russia attacked Ukraine ."""
    return _doc([("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"), ("attacked", 1, "ROOT", "VERB", "VBD", "attack"),
                 ("Ukraine", 1, "dobj", "PROPN", "NNP", "Ukraine"), (".", 1, "punct", "PUNCT", ".", ".")],
                ents=["B-GPE", "O", "B-GPE", "O"])


def _passive():
    """Ukraine was attacked by Russia ."""
    return _doc([("Ukraine", 2, "nsubjpass", "PROPN", "NNP", "Ukraine"), ("was", 2, "auxpass", "AUX", "VBD", "be"),
                 ("attacked", 2, "ROOT", "VERB", "VBN", "attack"), ("by", 2, "agent", "ADP", "IN", "by"),
                 ("Russia", 3, "pobj", "PROPN", "NNP", "Russia"), (".", 2, "punct", "PUNCT", ".", ".")],
                ents=["B-GPE", "O", "O", "O", "B-GPE", "O"])


def test_active_verb_subject_acts_on_its_object():
    doc = _active()
    assert _texts([subject_of(doc[1], lexicon())]) == [["Russia"]]
    assert _texts(verb_targets(doc[1])) == [["Ukraine"]]


def test_passive_agent_acts_on_the_passive_subject():
    doc = _passive()
    assert _texts([subject_of(doc[2], lexicon())]) == [["Russia"]]
    assert _texts(verb_targets(doc[2]))[0] == ["Ukraine"]


def test_passive_without_agent_has_no_actor_unless_stative():
    doc = _doc([("Police", 2, "nsubjpass", "NOUN", "NNS", "police"), ("were", 2, "auxpass", "AUX", "VBD", "be"),
                ("deployed", 2, "ROOT", "VERB", "VBN", "deploy"), (".", 2, "punct", "PUNCT", ".", ".")])
    assert subject_of(doc[2], lexicon()) == []                      # 'sanctions were tightened': no actor
    assert _texts([explicit_subject(doc[2], stative=True)]) == [["Police"]]
    assert _texts([subject_of(doc[2], lexicon(), stative=True)]) == [["Police"]]
    assert verb_targets(doc[2], stative=True) == []                 # the stative subject is no recipient


def test_coordinated_subjects_all_act():
    doc = _doc([("Russia", 3, "nsubj", "PROPN", "NNP", "Russia"), ("and", 0, "cc", "CCONJ", "CC", "and"),
                ("Iran", 0, "conj", "PROPN", "NNP", "Iran"), ("opposed", 3, "ROOT", "VERB", "VBD", "oppose"),
                ("the", 5, "det", "DET", "DT", "the"), ("plan", 3, "dobj", "NOUN", "NN", "plan"),
                (".", 3, "punct", "PUNCT", ".", ".")])
    assert _texts([subject_of(doc[3], lexicon())]) == [["Russia", "Iran"]]


def test_xcomp_inherits_the_subject_and_object_control_passes_the_object():
    plans = _doc([("Iran", 1, "nsubj", "PROPN", "NNP", "Iran"), ("plans", 1, "ROOT", "VERB", "VBZ", "plan"),
                  ("to", 3, "aux", "PART", "TO", "to"), ("impose", 1, "xcomp", "VERB", "VB", "impose"),
                  ("sanctions", 3, "dobj", "NOUN", "NNS", "sanction"), (".", 1, "punct", "PUNCT", ".", ".")])
    assert _texts([subject_of(plans[3], lexicon())]) == [["Iran"]]  # 'Iran plans to impose': Iran imposes
    urged = _doc([("The", 1, "det", "DET", "DT", "the"), ("UN", 2, "nsubj", "PROPN", "NNP", "UN"),
                  ("urged", 2, "ROOT", "VERB", "VBD", "urge"), ("Iran", 2, "dobj", "PROPN", "NNP", "Iran"),
                  ("to", 5, "aux", "PART", "TO", "to"), ("halt", 2, "xcomp", "VERB", "VB", "halt"),
                  ("enrichment", 5, "dobj", "NOUN", "NN", "enrichment"), (".", 2, "punct", "PUNCT", ".", ".")])
    assert _texts([subject_of(urged[2], lexicon())]) == [["UN"]]
    assert _texts([subject_of(urged[5], lexicon())]) == [["Iran"]]  # 'urged Iran to halt': Iran halts


def test_conjoined_verb_shares_the_subject_of_the_first():
    doc = _doc([("Iran", 1, "nsubj", "PROPN", "NNP", "Iran"), ("refused", 1, "ROOT", "VERB", "VBD", "refuse"),
                ("and", 1, "cc", "CCONJ", "CC", "and"), ("threatened", 1, "conj", "VERB", "VBD", "threaten"),
                ("Israel", 3, "dobj", "PROPN", "NNP", "Israel"), (".", 1, "punct", "PUNCT", ".", ".")])
    assert _texts([subject_of(doc[3], lexicon())]) == [["Iran"]]
    assert _texts(verb_targets(doc[3])) == [["Israel"]]


def test_giving_names_the_recipient_not_the_thing_given():
    doc = _doc([("The", 1, "det", "DET", "DT", "the"), ("EU", 2, "nsubj", "PROPN", "NNP", "EU"),
                ("donated", 2, "ROOT", "VERB", "VBD", "donate"), ("food", 2, "dobj", "NOUN", "NN", "food"),
                ("to", 2, "dative", "ADP", "IN", "to"), ("refugees", 4, "pobj", "NOUN", "NNS", "refugee"),
                (".", 2, "punct", "PUNCT", ".", ".")])
    given = _texts(verb_targets(doc[2], giving=True))
    assert ["refugees"] in given and all("food" not in g for g in given)
    assert _texts(verb_targets(doc[2]))[1:].count(["food"]) == 1    # not giving: the object is a recipient


def test_prepositional_object_is_a_recipient():
    doc = _doc([("Rebels", 1, "nsubj", "NOUN", "NNS", "rebel"), ("fought", 1, "ROOT", "VERB", "VBD", "fight"),
                ("against", 1, "prep", "ADP", "IN", "against"), ("the", 4, "det", "DET", "DT", "the"),
                ("army", 2, "pobj", "NOUN", "NN", "army"), (".", 1, "punct", "PUNCT", ".", ".")])
    assert _texts(verb_targets(doc[1])) == [["army"]]


def test_noun_possessor_acts_unless_the_noun_is_done_to_it():
    push = _doc([("Russia", 2, "poss", "PROPN", "NNP", "Russia"), ("'s", 0, "case", "PART", "POS", "'s"),
                 ("push", 2, "ROOT", "NOUN", "NN", "push"), ("for", 2, "prep", "ADP", "IN", "for"),
                 ("talks", 3, "pobj", "NOUN", "NNS", "talk")])
    assert _texts([noun_source(push[2], lexicon())]) == [["Russia"]]
    arrest = _doc([("Navalny", 2, "poss", "PROPN", "NNP", "Navalny"), ("'s", 0, "case", "PART", "POS", "'s"),
                   ("arrest", 2, "ROOT", "NOUN", "NN", "arrest")])
    assert noun_source(arrest[2], lexicon()) == []                 # the arrested, not the arrester
    assert _texts(noun_targets(arrest[2])) == [["Navalny"]]


def test_noun_by_agent_acts_and_its_on_phrase_is_the_target():
    doc = _doc([("attacks", 0, "ROOT", "NOUN", "NNS", "attack"), ("by", 0, "prep", "ADP", "IN", "by"),
                ("rebels", 1, "pobj", "NOUN", "NNS", "rebel"), ("on", 0, "prep", "ADP", "IN", "on"),
                ("the", 5, "det", "DET", "DT", "the"), ("town", 3, "pobj", "NOUN", "NN", "town")])
    assert _texts([noun_source(doc[0], lexicon())]) == [["rebels"]]
    assert _texts(noun_targets(doc[0])) == [["town"]]


def test_between_names_the_parties_of_talks_but_not_of_a_mediation():
    def between(noun, lemma_):
        return _doc([(noun, 0, "ROOT", "NOUN", "NNS", lemma_), ("between", 0, "prep", "ADP", "IN", "between"),
                     ("Israel", 1, "pobj", "PROPN", "NNP", "Israel"), ("and", 2, "cc", "CCONJ", "CC", "and"),
                     ("Hamas", 2, "conj", "PROPN", "NNP", "Hamas")])
    assert _texts([noun_source(between("talks", "talk")[0], lexicon())]) == [["Israel", "Hamas"]]
    assert noun_source(between("mediation", "mediation")[0], lexicon()) == []


def test_noun_without_its_own_actor_takes_the_subject_of_its_verb():
    doc = _doc([("Protesters", 1, "nsubj", "NOUN", "NNS", "protester"), ("staged", 1, "ROOT", "VERB", "VBD", "stage"),
                ("demonstrations", 1, "dobj", "NOUN", "NNS", "demonstration"), (".", 1, "punct", "PUNCT", ".", ".")])
    assert _texts([noun_source(doc[2], lexicon())]) == [["Protesters"]]
    assert noun_source(doc[2], lexicon(), fallback=False) == []


def test_the_object_selects_the_trigger_line():
    """'attacked Ukraine' is an assault; 'attacked the plan' is verbal criticism (obj=plan)."""
    lex = lexicon()
    (m,) = find_matches(list(_active()), lex)
    assert (m.type, m.entry.cameo) == ("ASSAULT", "190")
    plan = _doc([("Russia", 1, "nsubj", "PROPN", "NNP", "Russia"), ("attacked", 1, "ROOT", "VERB", "VBD", "attack"),
                 ("the", 3, "det", "DET", "DT", "the"), ("plan", 1, "dobj", "NOUN", "NN", "plan"),
                 (".", 1, "punct", "PUNCT", ".", ".")])
    (m,) = find_matches(list(plan), lex)
    assert (m.type, m.entry.mode) == ("ACCUSE", "disapprove")


def _svo(subj, verb, vlemma, det, obj, olemma, prep=None, pobj=None):
    """subj verb det obj [prep pobj] ."""
    rows = [(subj, 1, "nsubj", "PROPN", "NNP", subj), (verb, 1, "ROOT", "VERB", "VBD", vlemma),
            (det, 3, "det", "DET", "DT", det), (obj, 1, "dobj", "NOUN", "NN", olemma)]
    if prep:
        rows += [(prep, 1, "prep", "ADP", "IN", prep), (pobj, 4, "pobj", "PROPN", "NNP", pobj)]
    return _doc(rows + [(".", 1, "punct", "PUNCT", ".", ".")])


def _types(doc) -> list:
    return [m.type for m in find_matches(list(doc), lexicon())]


def test_what_is_released_signed_or_called_selects_no_act():
    """Releasing a statement, signing a bill and calling an election for a candidate are no
    PLOVER acts; releasing prisoners and calling for talks are."""
    assert _types(_svo("Facebook", "released", "release", "a", "statement", "statement")) == []
    assert _types(_svo("Iran", "released", "release", "the", "sailors", "sailor")) == ["RETREAT"]
    assert _types(_svo("Evers", "signed", "sign", "an", "order", "order")) == []
    assert _types(_svo("Iran", "signed", "sign", "the", "treaty", "treaty")) == ["SUPPORT"]
    assert _types(_svo("AP", "called", "call", "the", "election", "election", "for", "Biden")) == []
    called_for = _doc([("Iran", 1, "nsubj", "PROPN", "NNP", "Iran"), ("called", 1, "ROOT", "VERB", "VBD", "call"),
                       ("for", 1, "prep", "ADP", "IN", "for"), ("talks", 2, "pobj", "NOUN", "NNS", "talk"),
                       (".", 1, "punct", "PUNCT", ".", ".")])
    assert _types(called_for)[0] == "REQUEST"              # and "talks" is a CONSULT of its own


def _event(type_):
    from parley.records import Event
    return Event(id="e", type=type_, trigger="t", trigger_span=(0, 1),
                 sentence_span=(0, 1))


def test_an_instrument_is_no_doer_of_a_material_act():
    from parley.events.coder import _act_of_a_thing
    # the law allowed three days .
    law = _doc([("the", 1, "det", "DET", "DT", "the"), ("law", 2, "nsubj", "NOUN", "NN", "law"),
                ("allowed", 2, "ROOT", "VERB", "VBD", "allow"), ("three", 4, "nummod", "NUM", "CD", "three"),
                ("days", 2, "dobj", "NOUN", "NNS", "day"), (".", 2, "punct", "PUNCT", ".", ".")])
    assert _act_of_a_thing(_event("CONCEDE"), law[2], lexicon())
    assert not _act_of_a_thing(_event("ACCUSE"), law[2], lexicon())   # a speech act speaks for its authors
    # a licence allowing him
    lic = _doc([("a", 1, "det", "DET", "DT", "a"), ("licence", 1, "ROOT", "NOUN", "NN", "licence"),
                ("allowing", 1, "acl", "VERB", "VBG", "allow"), ("him", 2, "dobj", "PRON", "PRP", "he")])
    assert _act_of_a_thing(_event("CONCEDE"), lic[2], lexicon())
    # the government allowed three days .
    gov = _doc([("the", 1, "det", "DET", "DT", "the"), ("government", 2, "nsubj", "NOUN", "NN", "government"),
                ("allowed", 2, "ROOT", "VERB", "VBD", "allow"), ("three", 4, "nummod", "NUM", "CD", "three"),
                ("days", 2, "dobj", "NOUN", "NNS", "day"), (".", 2, "punct", "PUNCT", ".", ".")])
    assert not _act_of_a_thing(_event("CONCEDE"), gov[2], lexicon())


def test_a_participle_naming_people_reports_no_act():
    from parley.events.coder import _participle_as_name
    # the judge ordered the accused held .
    doc = _doc([("the", 1, "det", "DET", "DT", "the"), ("judge", 2, "nsubj", "NOUN", "NN", "judge"),
                ("ordered", 2, "ROOT", "VERB", "VBD", "order"), ("the", 4, "det", "DET", "DT", "the"),
                ("accused", 5, "nsubj", "VERB", "VBN", "accuse"), ("held", 2, "ccomp", "VERB", "VBN", "hold")])
    assert _participle_as_name(doc[4])
    # the pledged delegates ; the delegates pledged support
    adj = _doc([("the", 2, "det", "DET", "DT", "the"), ("pledged", 2, "amod", "VERB", "VBN", "pledge"),
                ("delegates", 2, "ROOT", "NOUN", "NNS", "delegate")])
    assert _participle_as_name(adj[1])
    verb = _doc([("the", 1, "det", "DET", "DT", "the"), ("delegates", 2, "nsubj", "NOUN", "NNS", "delegate"),
                 ("pledged", 2, "ROOT", "VERB", "VBD", "pledge"), ("support", 2, "dobj", "NOUN", "NN", "support")])
    assert not _participle_as_name(verb[2])



def _claimed(type_, text, trigger, claim_id="q1"):
    from parley.records import Event
    k = text.index(trigger)
    return Event(id="e", type=type_, trigger=trigger, trigger_span=(k, k + len(trigger)),
                 sentence_span=(0, len(text)), attribution=claim_id)


def _claim(kind, text, content, claim_id="q1"):
    from parley.records import Attribution
    k = text.index(content)
    return {claim_id: Attribution(id=claim_id, kind=kind, content=content, content_span=(k, k + len(content)))}


def test_direct_speech_is_read_from_the_claiming_attribution_not_the_paragraph():
    from parley.events.coder import _material_in_direct_speech as in_quote
    # a direct quote: the material act inside its marks is rhetoric; a speech act stays
    text = 'The minister said: "The army attacked the rebels."'
    claims = _claim("direct", text, '"The army attacked the rebels."')
    assert in_quote(_claimed("ASSAULT", text, "attacked"), claims, text)
    assert not in_quote(_claimed("ACCUSE", text, "attacked"), claims, text)
    # the same words reported in indirect speech after a stray mark earlier in the paragraph
    # (a 12" gun, an unclosed quote): no quote marks around the act itself
    text = 'Troops fired a 12" gun. The minister said the army attacked the rebels.'
    claims = _claim("indirect", text, "the army attacked the rebels")
    assert not in_quote(_claimed("ASSAULT", text, "attacked"), claims, text)
    # a mixed quote: only the words between its marks are direct speech
    text = 'He said the army "attacked the rebels" before police arrested the leaders.'
    claims = _claim("mixed", text, 'the army "attacked the rebels" before police arrested the leaders')
    assert in_quote(_claimed("ASSAULT", text, "attacked"), claims, text)
    assert not in_quote(_claimed("COERCE", text, "arrested"), claims, text)
    # a quote split around its cue: the cue's own clause is the outlet's report
    text = '"We will go on," the minister said after police arrested the leaders, "and win."'
    claims = _claim("direct", text, text)
    assert not in_quote(_claimed("COERCE", text, "arrested"), claims, text)
    # a direct quote whose content is given without its marks
    text = 'The minister said: "The army attacked the rebels."'
    claims = _claim("direct", text, "The army attacked the rebels.")
    assert in_quote(_claimed("ASSAULT", text, "attacked"), claims, text)
    # no claim, or a claim that is not the article's: the outlet reports it
    assert not in_quote(_claimed("ASSAULT", text, "attacked", claim_id=None), claims, text)
    assert not in_quote(_claimed("ASSAULT", text, "attacked", claim_id="q2"), claims, text)
