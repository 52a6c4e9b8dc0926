"""The sample article, end to end (issue 2's acceptance on real text)."""


def _actor(out, name):
    found = [a for a in out["actors"] if a["name"] == name]
    assert len(found) == 1, f"{name}: {[a['name'] for a in out['actors']]}"
    return found[0]


def test_sample_boilerplate_gone(sample_output):
    text = sample_output["text"]
    assert "Accessibility links" not in text and "Latest Posts" not in text
    assert "About This Blog" not in text and text.count("took \"hasty measures\" to form its") == 0


def test_sample_amir_abdollahian_is_one_iranian_person(sample_output):
    a = _actor(sample_output, "Hossein Amir-Abdollahian")
    assert a["kind"] == "person" and a["country"] == "IRN"
    texts = {sample_output["text"][s:e] for s, e in a["mentions"]}
    assert {"Hossein Amir-Abdollahian", "Abdollahian"} <= texts
    assert not [x for x in sample_output["actors"] if x["name"] == "Abdollahian"]


def test_sample_lavrov_is_one_russian_person(sample_output):
    a = _actor(sample_output, "Sergei Lavrov")
    assert a["kind"] == "person" and a["country"] == "RUS" and a["sector"] == "GOV"
    assert len(a["mentions"]) >= 6


def test_sample_quotes_have_speakers(sample_output):
    names = {a["id"]: a["name"] for a in sample_output["actors"]}
    speakers = {names.get(q["speaker"]) for q in sample_output["attributions"]}
    assert {"Hossein Amir-Abdollahian", "Sergei Lavrov"} <= speakers
    assert any(q["kind"] == "direct" for q in sample_output["attributions"])


def test_sample_has_events(sample_output):
    assert sample_output["events"]
    assert all(e["date"] for e in sample_output["events"])
