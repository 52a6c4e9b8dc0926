"""The sample article's events (issue 5 acceptance), from `parley extract --published 2014-12-18`."""
from parley.contract import problems
from parley.events.lexicon import lexicon
from parley.plover import PLOVER_TYPES


def _actors(out: dict) -> dict[str, dict]:
    return {a["id"]: a for a in out["actors"]}


def _is(actor: dict, out: dict, *words: str) -> bool:
    """The actor is named by one of `words` (a word of its name or of one of its mentions,
    or its ISO3 country code)."""
    texts = [actor["name"]] + [out["text"][s:e] for s, e in actor["mentions"]]
    return any(w == actor.get("country") or any(w.lower() in t.lower() for t in texts) for w in words)


def _find(out: dict, type_: str, source: tuple[str, ...], target: tuple[str, ...] = ()) -> list[dict]:
    actors = _actors(out)
    return [e for e in out["events"] if e["type"] == type_
            and any(_is(actors[i], out, *source) for i in e["source"])
            and (not target or any(_is(actors[i], out, *target) for i in e["target"]))]


def test_sample_iran_accuses_the_united_states(sample_output):
    found = _find(sample_output, "ACCUSE", ("IRN", "Abdollahian"), ("USA",))
    assert found, sample_output["events"]
    assert {"Slams", "criticism"} & {e["trigger"] for e in found}


def test_sample_headline_is_parsed_in_sentence_case(sample_output):
    by_trigger = {e["trigger"]: e for e in sample_output["events"]}
    assert by_trigger["Slams"]["type"] == "ACCUSE" and by_trigger["Backs"]["type"] == "SUPPORT"


def test_sample_iran_supports_russias_push_for_talks(sample_output):
    found = _find(sample_output, "SUPPORT", ("IRN", "Abdollahian"), ("RUS",))
    assert len(found) >= 2, found       # "Backs Russia's Push", "in favor of Moscow's push", ...


def test_sample_amir_abdollahian_consults_bogdanov(sample_output):
    found = _find(sample_output, "CONSULT", ("Abdollahian",), ("Bogdanov",))
    assert [e["trigger"] for e in found] == ["consulted"]
    assert _find(sample_output, "CONSULT", ("Abdollahian",), ("RUS",))    # the visit to Moscow


def test_sample_russia_consults_the_un_envoy(sample_output):
    found = _find(sample_output, "CONSULT", ("RUS", "Lavrov"), ("Mistura",))
    assert [e["trigger"] for e in found] == ["discussed"]


def test_sample_snc_insists_and_rebels_reject_the_freeze_zone(sample_output):
    insist = _find(sample_output, "REQUEST", ("SNC", "Syrian National Coalition"))
    assert insist and insist[0]["trigger"] == "insisted"
    reject = _find(sample_output, "REJECT", ("rebel",))
    assert reject and reject[0]["trigger"] == "opposed"
    assert reject[0]["place"]["name"] == "Aleppo" and reject[0]["place"]["country"] == "SYR"


def test_sample_compound_actors(sample_output):
    assert _find(sample_output, "REJECT", ("RUS",)) and any(
        len(e["source"]) == 2 for e in _find(sample_output, "REJECT", ("IRN",)))


def test_sample_dates_resolve_against_publication(sample_output):
    dates = {d["text"]: d for d in sample_output["dates"]}
    assert dates["December 16"]["date"] == "2014-12-16"
    assert dates["February"]["date"] == "2014-02-01" and dates["February"]["precision"] == "month"
    text = sample_output["text"]
    february = [e for e in sample_output["events"] if e["date_span"]
                and text[e["date_span"][0]:e["date_span"][1]] == "February"]
    assert february and all(e["date"] == "2014-02-01" for e in february)
    assert all(e["date"].startswith("2014") for e in sample_output["events"])


def test_sample_events_in_quotes_carry_their_attribution(sample_output):
    atts = {q["id"]: q for q in sample_output["attributions"]}
    actors = _actors(sample_output)
    for e in sample_output["events"]:
        start = e["trigger_span"][0]
        inside = [q for q in atts.values() if q["content_span"][0] <= start < q["content_span"][1]]
        assert bool(e["attribution"]) == bool(inside), e
    quoted = [e for e in sample_output["events"] if e["trigger"] == "support" and e["attribution"]]
    speakers = {atts[e["attribution"]]["speaker"] for e in quoted}
    assert any(s and _is(actors[s], sample_output, "Abdollahian") for s in speakers)


def test_sample_events_are_fully_coded(sample_output):
    lex = lexicon()
    assert not problems(sample_output)
    text = sample_output["text"]
    for e in sample_output["events"]:
        assert e["type"] in PLOVER_TYPES
        assert text[e["trigger_span"][0]:e["trigger_span"][1]] == e["trigger"]
        assert e["cameo"] in lex.goldstein and e["intensity"] == lex.goldstein[e["cameo"]][0]
        assert e["quad"] and e["plover_score"] is not None and e["modality"]
        assert e["source"] or e["target"]
