"""A colon after a short speaker lead is a cue candidate (colon.py): transcripts, headlines."""
import pytest

from parley import Settings
from parley.attribution import colon
from parley.attribution.context import doc_context
from parley.attribution.features import cue_features, is_candidate, units_of
from parley.attribution.speakers import source_head
from parley.nlp import load_nlp

TEXT = ("The interview went on.\n\nPENCE: Well, look, Mark Cuban has been out there saying tough "
        "stuff.\n\nHere is the list: eggs, milk and bread.\n\nAt 7 p.m. the polls close.")


@pytest.fixture(scope="module")
def ctx():
    return doc_context(load_nlp(Settings.load().spacy_model)(TEXT))


def _colons(ctx):
    return [i for i, w in enumerate(ctx.words) if w == ":"]


def test_a_colon_after_a_short_nominal_lead_is_a_candidate(ctx):
    pence, listing = _colons(ctx)
    assert colon.is_colon_cue(ctx, pence) and is_candidate(ctx, pence, frozenset())
    assert not colon.is_colon_cue(ctx, listing)          # the lead has a verb ("is")
    assert not is_candidate(ctx, listing, frozenset())


def test_a_colon_cue_takes_the_rest_of_its_paragraph_and_the_lead_as_source(ctx):
    pence = _colons(ctx)[0]
    units = units_of(ctx, pence)
    assert units[0].kind == "colon"
    text = ctx.text[ctx.idx[units[0].start]:ctx.idx[units[0].end - 1] + len(ctx.words[units[0].end - 1])]
    assert text.strip() == "Well, look, Mark Cuban has been out there saying tough stuff."
    assert ctx.words[source_head(ctx, pence)] == "PENCE"
    assert "colon|caps=True" in cue_features(ctx, pence, frozenset())
