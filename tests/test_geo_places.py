"""Article-level places: recognition, resolution with the article's context, roles, events."""
from parley.records import Article

PUBLISHED = "2014-12-18"


def run(pipeline, text, published=PUBLISHED):
    (result,) = list(pipeline.run_articles([Article(id="t", text=text, source="t", published=published)]))
    return result


def test_places_are_resolved_in_context(pipeline):
    ex = run(pipeline, "GAINESVILLE, Ga. (AP) - Police in Gainesville arrested two men on Friday. "
                       "Hall County deputies helped.")
    places = {p.text: p for p in ex.places}
    assert places["GAINESVILLE"].source == "dateline"
    assert places["Gainesville"].country == "USA" and places["Gainesville"].admin1 == "Georgia"
    assert places["Ga."].kind == "admin1"
    assert abs(places["Gainesville"].lat - 34.3) < 0.3


def test_country_region_and_city_kinds_and_roles(pipeline):
    ex = run(pipeline, "Moscow said on Tuesday that clashes in Syria had spread. "
                       "Russian troops stayed in Aleppo, and the Middle East watched.")
    places = {p.text: p for p in ex.places}
    assert places["Syria"].kind == "country" and places["Syria"].country == "SYR" and places["Syria"].role == "place"
    assert places["Moscow"].role == "actor"
    assert places["Russian"].country == "RUS" and places["Russian"].role == "modifier"
    assert places["Aleppo"].kind == "city"
    assert places["Middle East"].kind == "region"


def test_event_takes_the_most_specific_place_of_its_clause(pipeline):
    ex = run(pipeline, "Rebels attacked Aleppo, Syria on Wednesday.")
    (e,) = [e for e in ex.events if e.type == "ASSAULT"]
    assert e.place.name == "Aleppo" and e.place.kind == "city" and e.place.country == "SYR"


def test_event_takes_the_country_when_no_town_is_named(pipeline):
    ex = run(pipeline, "Government forces attacked rebels in Syria on Wednesday.")
    (e,) = [e for e in ex.events if e.type == "ASSAULT"]
    assert e.place.country == "SYR" and e.place.kind == "country"


def test_places_in_the_contract(pipeline):
    from parley.contract import problems, to_contract
    obj = to_contract(run(pipeline, "Rebels attacked Aleppo on Wednesday."))
    assert not problems(obj)
    (p,) = obj["places"]
    assert p["name"] == "Aleppo" and p["country"] == "SYR" and p["geonames_id"] == "170063" and p["kind"] == "city"


def test_proximity_to_the_other_places_of_the_article():
    from parley.geo.gazetteer import load_gazetteer
    from parley.geo.resolve import Context
    gaz = load_gazetteer()
    paris = [r for r in gaz.lookup("Paris") if gaz.kind(r) == "city"]
    henry = [r for r in gaz.lookup("Henry County") if gaz.kind(r) == "admin2"]
    tn = next(r for r in paris if gaz.admin1[r] == "Tennessee")
    fr = next(r for r in paris if gaz.countries[r] == "FRA")
    context = Context(gaz, [paris, henry], None)      # first pass: every option of both names
    assert context.proximity(tn, paris) > 0.6 > 0.1 > context.proximity(fr, paris)
    alone = Context(gaz, [paris], None)               # a name's own options never count
    assert alone.proximity(tn, paris) == 0.0


def test_a_small_town_near_the_articles_other_places_and_america(pipeline):
    ex = run(pipeline, "A Paris man was arrested Sunday in Henry County, Tenn., deputies said. "
                       "He had lived in Puryear. America watched.")
    places = {p.text: p for p in ex.places}
    assert places["Paris"].country == "USA" and places["Paris"].admin1 == "Tennessee"
    assert places["America"].kind == "country" and places["America"].country == "USA"
