"""Maps and the place filter: article places stored and read back, the article, actor and
dyad maps drawn from the shipped Natural Earth shapes (no script, names escaped), and the
place / country filter of search in the page and the API."""
from __future__ import annotations

import json
import re
import warnings
from dataclasses import replace
from urllib.parse import quote

import pytest

from parley import open_store, process
from parley.records import PlaceMention
from parley.web import create_app
from parley.web.mapdata import DATA, countries
from parley.web.maps import map_svg
from parley.web.views import MapPoint

SCRIPT = "<script>alert(1)</script>"
SYRIA = ("Syrian rebels attacked government positions in Aleppo on Monday, and the army shelled rebel "
         "districts of Homs. The United Nations condemned the fighting in Syria.")
FRANCE = "French police arrested three men in Marseille on Tuesday. Prosecutors in Paris said the men attacked a bank."


@pytest.fixture(scope="module")
def store_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("maps")
    src = folder / "in.jsonl"
    src.write_text("".join(json.dumps(o) + "\n" for o in (
        {"id": "syria", "text": SYRIA, "published": "2016-03-07"},
        {"id": "france", "text": FRANCE, "published": "2016-03-08"})))
    out = list(process([src]))
    syria = next(x for x in out if x.article.id == "syria")
    start = SYRIA.index("Homs")
    hostile = PlaceMention(text="Homs", span=(start, start + 4), name=SCRIPT, kind="city", country="SYR",
                           lat=34.73, lon=36.72, geonames_id="169577")
    out = [replace(x, places=tuple(p for p in x.places if p.span != hostile.span) + (hostile,))
           if x is syria else x for x in out]
    db = folder / "maps.db"
    with open_store(str(db)) as store:
        for x in out:
            assert store.put(x) == "stored"
    return str(db), out


@pytest.fixture(scope="module")
def client(store_db):
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from fastapi.testclient import TestClient
    with TestClient(create_app(store_db[0])) as c:
        yield c


def test_map_shapes_ship_in_the_package_small_and_sourced():
    assert DATA.stat().st_size < 1_000_000
    data = json.loads(DATA.read_text())
    assert "Natural Earth" in data["source"] and "public domain" in data["licence"]
    isos = {c["iso3"] for c in countries()}
    assert {"SYR", "FRA", "USA", "NOR", "CHN", "BRA"} <= isos and len(isos) > 170


def test_article_places_round_trip_through_the_store(store_db):
    db, out = store_db
    with open_store(db) as store:
        for x in out:
            back = store.extraction(x.article.id)
            assert sorted(back.places, key=lambda p: p.span) == sorted(x.places, key=lambda p: p.span)
            assert [(d.kind, d.value) for d in back.dates] == [(d.kind, d.value) for d in x.dates]
            assert back.durations == x.durations


def test_article_page_maps_its_places_escaped(client, store_db):
    _, out = store_db
    x = next(x for x in out if x.article.id == "syria")
    data = client.get("/api/articles/syria").json()
    expected = {(p.name, p.country) for p in x.places if p.kind not in ("country", "continent") and p.lat is not None}
    assert {(p["name"], p["country"]) for p in data["places"]} == expected
    assert set(data["countries"]) == {p.country for p in x.places if p.country} and "SYR" in data["countries"]
    html = client.get("/articles/syria").text
    svg = html[html.index('<svg class="plot map"'):]
    svg = svg[:svg.index("</svg>")]
    assert '<path class="land named" d="' in svg and "<title>Syria</title>" in svg
    assert SCRIPT not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in svg
    assert "<script" not in svg.lower() and "http" not in svg.replace("http://www.w3.org/2000/svg", "")


def test_search_place_and_country_filters(client, store_db):
    def ids(**params):
        r = client.get("/api/search?" + "&".join(f"{k}={quote(v)}" for k, v in params.items()))
        assert r.status_code == 200, r.text
        return {h["article"]["id"] for h in r.json()["results"]}
    assert ids(q="attacked") == {"syria", "france"}
    assert ids(q="attacked", place="aleppo") == {"syria"}
    assert ids(q="attacked", place="Marseille") == {"france"}
    assert ids(q="attacked", country="syr") == {"syria"}
    assert ids(q="attacked", country="FRA", place="Marseille") == {"france"}
    assert ids(q="attacked", country="FRA", place="Aleppo") == set()
    assert ids(q="attacked", place="Nowhereville") == set()
    bad = client.get("/api/search?q=attacked&country=Syria")
    assert bad.status_code in (400, 422) and "ISO 3166-1 alpha-3" in bad.text
    page = client.get("/search?q=attacked&place=Aleppo").text
    assert 'name="place" placeholder="Aleppo" value="Aleppo"' in page and "/articles/" in page


def test_actor_and_dyad_maps_count_event_places(client, store_db):
    _, out = store_db
    placed = [(e, x) for x in out for e in x.events if e.place is not None and e.place.lat is not None]
    assert placed, "the texts give their events places"
    e, x = placed[0]
    actor = next(a for a in x.actors if a.id in e.source + e.target)
    actors = client.get("/api/actors", params={"name": actor.name}).json()["actors"]
    key = actors[0]["actor"]["key"] if "actor" in actors[0] else actors[0]["key"]
    data = client.get(f"/api/actors/{quote(key, safe=':')}").json()
    names = {p["name"]: p["count"] for p in data["places"]}
    assert e.place.name in names and names[e.place.name] >= 1
    html = client.get(f"/actors/{quote(key, safe=':')}").text
    assert 'id="map"' in html and '<circle class="dot' in html
    both = [(e, x) for e, x in placed if e.source and e.target]
    if both:                                   # a dyad's map: the places of both directions
        e, x = both[0]
        name = {a.id: a.name for a in x.actors}
        keys = [client.get("/api/actors", params={"name": name[i[0]]}).json()["actors"][0] for i in (e.source, e.target)]
        keys = [k["actor"]["key"] if "actor" in k else k["key"] for k in keys]
        dyad = client.get("/api/dyad", params={"a": keys[0], "b": keys[1]}).json()
        assert e.place.name in {p["name"] for p in dyad["places"]}
        assert '<svg class="plot map"' in client.get("/dyad", params={"a": keys[0], "b": keys[1]}).text


def test_map_svg_zooms_to_its_places_and_escapes_names():
    svg = str(map_svg([MapPoint('Aleppo"><script>', "SYR", 36.2, 37.16, "city", 2)], "<t>", frozenset({"SYR"})))
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "<title>&lt;t&gt;</title>" in svg
    x, y, w, h = map(float, re.search(r'viewBox="([^"]+)"', svg).group(1).split())
    assert x < 37.16 < x + w and y < -36.2 < y + h and w < 90      # zoomed on Syria, not the world
    assert "<title>France</title>" not in svg                     # shapes outside the view are not sent
    world = str(map_svg([MapPoint("A", None, 60.0, -150.0), MapPoint("B", None, -40.0, 170.0)], "w"))
    assert "<title>France</title>" in world and "<title>Brazil</title>" in world
    assert "no places" in str(map_svg([], "nothing")) and "<path" not in str(map_svg([], "nothing"))
