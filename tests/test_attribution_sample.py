"""The sample article: every statement by Amir-Abdollahian and by Lavrov is theirs, and the
Russian media chain is in `via` (issue 3's acceptance on real text)."""
import pytest

ABDOLLAHIAN = [
    "not serious about fighting terrorism",
    "overall policy of Tehran and Moscow",
    "had taken \"hasty measures\" to form an anti-IS coalition",
    "The contradictory behavior of the U.S.",
    "he had consulted with his counterpart",
    "In this context, we support Moscow's idea",
    "Tehran was in support of",
]
LAVROV = [
    "a major stumbling block at Geneva-2",
    "\"deeply involved\" in preparations",
    "We have promoted the idea that before the start of Geneva-3",
    "participants could not agree whether the agenda",
    "convince opposition groups to come together",
]


def _actor_id(out, name):
    return next(a["id"] for a in out["actors"] if a["name"] == name)


def _holding(out, snippet):
    found = [q for q in out["attributions"] if snippet in q["content"]]
    assert found, f"no attribution holds {snippet!r}"
    return found


@pytest.mark.parametrize("snippet", ABDOLLAHIAN)
def test_sample_abdollahian_statements_are_his(sample_output, snippet):
    aid = _actor_id(sample_output, "Hossein Amir-Abdollahian")
    assert {q["speaker"] for q in _holding(sample_output, snippet)} == {aid}


@pytest.mark.parametrize("snippet", LAVROV)
def test_sample_lavrov_statements_are_his(sample_output, snippet):
    aid = _actor_id(sample_output, "Sergei Lavrov")
    assert {q["speaker"] for q in _holding(sample_output, snippet)} == {aid}


def test_sample_russian_media_chain_in_via(sample_output):
    text = sample_output["text"]
    first = _holding(sample_output, "not serious about fighting terrorism")[0]
    assert [v["text"] for v in first["via"]] == ["Russian media reports"]
    second = _holding(sample_output, "hasty measures\" to form an anti-IS")[0]
    assert [v["text"] for v in second["via"]] == ["Komsomolskaya pravda"]
    for v in first["via"] + second["via"]:
        assert text[v["span"][0]:v["span"][1]] == v["text"]


def test_sample_description_speaker_is_the_minister(sample_output):
    """"Iran's deputy foreign minister has said" names Amir-Abdollahian before his name."""
    q = _holding(sample_output, "not serious about fighting terrorism")[0]
    s, e = q["speaker_span"]
    assert sample_output["text"][s:e] == "Iran's deputy foreign minister"
    assert q["cue_lemma"] == "say" and q["kind"] == "mixed"


def test_sample_spans_index_the_text(sample_output):
    text = sample_output["text"]
    for q in sample_output["attributions"]:
        s, e = q["content_span"]
        assert text[s:e] == q["content"]
        if q["cue_span"]:
            assert text[q["cue_span"][0]:q["cue_span"][1]] == q["cue"]
        assert (q["speaker"] is None) == (q["speaker_span"] is None)
