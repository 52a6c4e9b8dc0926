"""The web UI's JSON API and pages through the ASGI test client, over a store made by
`parley ingest` of the sample and six real benchmark pages. Expected figures are computed
independently from the stored records (Store.extractions), not from the web code."""
from __future__ import annotations

import io
import warnings
from collections import Counter
from urllib.parse import quote

import networkx as nx
import pytest
from fastapi.responses import HTMLResponse
from conftest import SAMPLE_ID

from parley import open_store
from parley.web import create_app
from parley.web.selectors import key_of



@pytest.fixture(scope="module")
def client(web_db):
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from fastapi.testclient import TestClient
    with TestClient(create_app(web_db)) as c:
        yield c


@pytest.fixture(scope="module")
def records(web_db):
    with open_store(web_db) as store:
        return list(store.extractions())


@pytest.fixture(scope="module")
def amir(records) -> str:
    """The key of Hossein Amir-Abdollahian, as the sample's records give it."""
    x = next(r for r in records if r.article.id == SAMPLE_ID)
    return key_of(next(a for a in x.actors if a.name == "Hossein Amir-Abdollahian"))


def _asserted(e) -> bool:
    return not e.negated and not e.hypothetical


def country_dyads(records) -> Counter:
    """(source country, target country) -> asserted events, from the records themselves."""
    out: Counter = Counter()
    for x in records:
        country = {a.id: a.country for a in x.actors}
        for e in filter(_asserted, x.events):
            pairs = {(country.get(s), country.get(t)) for s in e.source for t in e.target}
            out.update(p for p in pairs if p[0] and p[1] and p[0] != p[1])
    return out


def test_web_every_page_has_its_json_twin_in_the_schema(client):
    schema = client.get("/openapi.json").json()
    html = [r.path for r in client.app.routes if getattr(r, "response_class", None) is HTMLResponse]
    assert {"/", "/search", "/articles/{key}", "/actors", "/actors/{key}", "/dyad", "/network",
            "/statements"} <= {p.replace(":path", "") for p in html}
    for path in html:
        twin = "/api" + path.replace(":path", "")
        assert twin in schema["paths"], f"{path} has no JSON twin {twin} in /openapi.json"
        assert "200" in schema["paths"][twin]["get"]["responses"]


def test_web_home_counts_match_the_store(client, web_db):
    data = client.get("/api/").json()
    with open_store(web_db) as store:
        assert data["counts"] == {k: v for k, v in store.counts().items() if k in data["counts"]}
    assert {"articles", "attributions", "events"} <= set(data["counts"])
    assert data["first_published"] == "2014-12-18"
    assert data["top_actors"] and data["recent_articles"]
    page = client.get("/")
    assert page.status_code == 200 and "What the store holds" in page.text


def test_web_article_marks_every_record(client, records, amir):
    x = next(r for r in records if r.article.id == SAMPLE_ID)
    data = client.get(f"/api/articles/{SAMPLE_ID}").json()
    assert data["article"]["title"] == x.article.title and data["article"]["published"] == "2014-12-18"
    kinds = Counter(m["kind"] for m in data["marks"])
    assert kinds["actor"] == sum(len(a.mentions) for a in x.actors)
    assert kinds["content"] == len(x.attributions) and kinds["trigger"] == len(x.events)
    assert kinds["speaker"] > 0 and kinds["cue"] > 0
    for m in data["marks"]:
        assert 0 <= m["start"] < m["end"] <= len(data["text"])
    assert amir in {a["ref"]["key"] for a in data["actors"]}
    html = client.get(f"/articles/{SAMPLE_ID}").text
    assert html.count('class="m-trigger') >= len(x.events)
    assert f'href="/actors/{quote(amir, safe=":")}"' in html
    for s in data["statements"]:
        assert f'id="s{s["sentence_start"]}"' in html  # the record's link has a target
        assert s["content"] in data["text"]


def test_web_actor_joins_articles_and_lists_statements(client, records, amir):
    data = client.get(f"/api/actors/{quote(amir)}").json()
    assert data["actor"]["name"] == "Hossein Amir-Abdollahian" and data["actor"]["kind"] == "person"
    assert data["actor"]["country"] == "IRN" and data["country_name"] == "Iran"
    assert "Abdollahian" in data["aliases"]
    assert any("minister" in r["role"].lower() for r in data["roles"])
    said = [q for x in records for q in x.attributions
            if q.speaker and key_of(next(a for a in x.actors if a.id == q.speaker)) == amir]
    assert data["statements_by_total"] == len(said) > 0
    assert all(s["speaker"]["key"] == amir for s in data["statements_by"])
    assert all(p["period"].startswith("2014") for p in data["timeline"])
    html = client.get(f"/actors/{quote(amir)}").text
    assert "Hossein Amir-Abdollahian" in html and '<svg class="plot timeline"' in html


def test_web_country_network_equals_the_records(client, records):
    expected = country_dyads(records)
    data = client.get("/api/network", params={"level": "country", "limit": 300}).json()
    got = Counter({(e["source"], e["target"]): e["events"] for e in data["edges"]})
    assert got == expected and expected, "the network's edges differ from the stored events"
    for n in data["nodes"]:
        assert 0 <= n["x"] <= 960 and 0 <= n["y"] <= 640


def test_web_dyad_counts_both_directions(client, records):
    dyads = country_dyads(records)
    (a, b), n = dyads.most_common(1)[0]
    data = client.get("/api/dyad", params={"a": a, "b": b}).json()
    assert data["forward"]["total"] == n and data["backward"]["total"] == dyads[(b, a)]
    assert sum(p["cooperation"] + p["conflict"] + p["other"] for p in data["forward"]["timeline"]) == n
    for e in data["forward"]["events"]:
        assert any(s["country"] == a for s in e["sources"]) and any(t["country"] == b for t in e["targets"])
        assert e["sentence"] and e["trigger"]
    html = client.get("/dyad", params={"a": a, "b": b}).text
    assert html.count('<rect class="bar') >= 1 and "Evidence" in html
    iran = client.get("/api/dyad", params={"a": "IRN", "b": "USA"}).json()
    assert iran["a"]["label"] == "Iran" and iran["b"]["label"] == "United States"
    assert iran["forward"]["total"] == dyads[("IRN", "USA")]


def test_web_dyad_filters_by_type_and_date(client, records):
    (a, b), _ = country_dyads(records).most_common(1)[0]
    everything = client.get("/api/dyad", params={"a": a, "b": b}).json()["forward"]
    some_type = everything["by_type"][0]["label"]
    only = client.get("/api/dyad", params={"a": a, "b": b, "types": some_type}).json()["forward"]
    assert only["total"] == everything["by_type"][0]["n"]
    none = client.get("/api/dyad", params={"a": a, "b": b, "date_to": "2000"}).json()["forward"]
    assert none["total"] == 0 and none["timeline"] == []


def test_web_network_exports_graphml_and_gexf(client):
    data = client.get("/api/network").json()
    assert data["nodes"] and data["edges"]
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        r = client.get("/api/network/export", params={"format": fmt})
        assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
        g = read(io.BytesIO(r.content))
        assert g.number_of_nodes() == len(data["nodes"]) and g.number_of_edges() == len(data["edges"])
    html = client.get("/network").text
    assert html.count('<path class="edge') == len(data["edges"])


def test_web_statements_filters(client, records, amir):
    all_q = [q for x in records for q in x.attributions]
    data = client.get("/api/statements", params={"limit": 500}).json()
    assert data["total"] == len(all_q)
    first = client.get("/api/statements", params={"first_hand": "true", "limit": 500}).json()
    assert first["total"] == sum(1 for q in all_q if not q.via) and all(not s["via"] for s in first["statements"])
    direct = client.get("/api/statements", params={"kind": "direct", "limit": 500}).json()
    assert direct["total"] == sum(1 for q in all_q if q.kind == "direct")
    by = client.get("/api/statements", params={"speaker": amir}).json()
    assert by["speaker"]["name"] == "Hossein Amir-Abdollahian" and by["total"] > 0
    lavrov = client.get("/api/statements", params={"who": "lavrov", "limit": 500}).json()
    assert lavrov["total"] == sum(1 for x in records for q in x.attributions if q.speaker and "lavrov" in
                                  next(a.name for a in x.actors if a.id == q.speaker).lower()) > 0
    page = client.get("/statements", params={"kind": "", "date_from": "", "first_hand": "true"})
    assert page.status_code == 200 and "first-hand only" in page.text


def test_web_actors_list_filters(client, amir):
    data = client.get("/api/actors", params={"country": "IRN"}).json()
    assert data["total"] >= 2 and all(a["actor"]["country"] == "IRN" for a in data["actors"])
    named = client.get("/api/actors", params={"name": "abdollahian"}).json()
    assert amir in {a["actor"]["key"] for a in named["actors"]}


def test_web_errors_say_what_to_do(client):
    r = client.get("/api/actors/person:XXX:Nobody At All")
    assert r.status_code == 404 and "Actors page" in r.json()["detail"]
    assert client.get("/api/actors/nonsense").status_code == 400
    assert client.get("/api/dyad", params={"a": "IRN", "b": "USA", "date_from": "2014-1"}).status_code == 422
    bad = client.get("/dyad", params={"a": "IRN", "b": "USA", "date_to": "2014-13"})
    assert bad.status_code == 422 and "YYYY-MM-DD" in bad.text and "<html" in bad.text
    page = client.get("/articles/no-such-article")
    assert page.status_code == 404 and "no article" in page.text and "<html" in page.text


def test_web_store_is_read_only(client):
    store = client.app.state.pool.get()
    with pytest.raises(Exception):
        store.execute("DELETE FROM articles")


def test_web_serve_refuses_a_missing_store(tmp_path):
    from click.testing import CliRunner

    from parley.cli import cli
    r = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "nothing.db")])
    assert r.exit_code != 0 and "parley ingest" in r.output
    assert not (tmp_path / "nothing.db").exists()
    assert "Example: parley serve" in CliRunner().invoke(cli, ["serve", "--help"]).output
