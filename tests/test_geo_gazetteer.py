"""The packaged gazetteer and the toponym ranker's weights."""
from parley.geo.gazetteer import load_gazetteer
from parley.geo.ranker import load
from parley.geo.resolve import FEATURES


def _kinds(name):
    g = load_gazetteer()
    return [(g.kind(i), g.countries[i]) for i in g.lookup(name)]


def test_countries_regions_and_small_towns():
    assert ("country", "GEO") in _kinds("Georgia") and ("admin1", "USA") in _kinds("Georgia")
    assert ("city", "SYR") in _kinds("aleppo")
    assert ("admin2", "USA") in _kinds("Rapides Parish")
    g = load_gazetteer()
    small = [i for i in g.lookup("Cottonport") if g.countries[i] == "USA"]
    assert small and g.population[small[0]] < 15_000          # towns far below 15,000 people


def test_abbreviations_and_regions():
    g = load_gazetteer()
    (ga,) = g.lookup("Ga.")
    assert g.kind(ga) == "admin1" and g.names[ga] == "Georgia" and g.countries[ga] == "USA"
    assert ("region", None) in _kinds("Middle East")


def test_points_are_plausible():
    g = load_gazetteer()
    usa = g.country_row["USA"]
    assert 37 < g.lat[usa] < 41 and -100 < g.lon[usa] < -96
    damascus = next(i for i in g.lookup("Damascus") if g.countries[i] == "SYR")
    assert damascus in g.capitals and abs(g.lat[damascus] - 33.5) < 0.2


def test_ranker_weights_match_the_features():
    assert len(load()) == len(FEATURES)
