"""Issue 4's acceptance on the sample article: one actor per real-world actor, with the
right country and sector; capitals acting are their governments."""
import pytest


def _actors_with(out, text):
    t = out["text"]
    return [a for a in out["actors"] if any(t[s:e] == text for s, e in a["mentions"])]


def _one(out, *texts):
    found = {a["id"]: a for text in texts for a in _actors_with(out, text)}
    assert len(found) == 1, f"{texts}: {[(a['name'], a['kind']) for a in found.values()]}"
    return next(iter(found.values()))


@pytest.mark.parametrize("texts, kind, country, sectors", [
    (("Hossein Amir-Abdollahian", "Abdollahian"), "person", "IRN", {"GOV"}),
    (("Sergei Lavrov", "Lavrov"), "person", "RUS", {"GOV"}),
    (("Mikhail Bogdanov",), "person", "RUS", {"GOV"}),
    (("Bashar al-Assad", "Assad"), "person", "SYR", {"GOV"}),
    (("Staffan de Mistura", "de Mistura"), "person", None, {"IGO"}),
    (("Free Syrian Army",), "group", "SYR", {"REB"}),
    (("Islamic State", "IS"), "group", None, {"REB"}),
    (("Syrian National Coalition", "SNC"), "group", "SYR", {"OPP"}),
])
def test_sample_actor_is_one_with_country_and_sector(sample_output, texts, kind, country, sectors):
    a = _one(sample_output, *texts)
    assert (a["kind"], a["country"]) == (kind, country) and a["sector"] in sectors, a


def test_sample_roles_from_titles_and_descriptions(sample_output):
    t = sample_output["text"]
    abd = _one(sample_output, "Hossein Amir-Abdollahian")
    assert abd["role"].lower() == "deputy foreign minister"
    texts = {t[s:e] for s, e in abd["mentions"]}
    assert "Iran's deputy foreign minister" in texts          # a description joins the person
    assert _one(sample_output, "Sergei Lavrov")["role"] == "Foreign Minister"
    assert _one(sample_output, "de Mistura")["role"].lower() == "special envoy"


@pytest.mark.parametrize("capital, country", [("Washington", "USA"), ("Tehran", "IRN"), ("Moscow", "RUS")])
def test_sample_capitals_acting_are_governments(sample_output, capital, country):
    gov = _one(sample_output, capital)
    assert (gov["kind"], gov["country"], gov["sector"]) == ("organization", country, "GOV"), gov


def test_sample_headline_garbage_is_no_actor(sample_output):
    names = {a["name"] for a in sample_output["actors"]}
    assert not any("Slams" in n or "Push For" in n for n in names), names


def test_sample_country_as_place_and_as_actor(sample_output):
    t = sample_output["text"]
    syria_place = [a for a in sample_output["actors"] if a["kind"] == "country" and a["country"] == "SYR"]
    assert len(syria_place) == 1
    assert any(t[s - 3:s] == "in " for s, e in syria_place[0]["mentions"])   # "in Syria"
    gov = _one(sample_output, "Damascus")
    assert gov["country"] == "SYR" and gov["sector"] == "GOV"
