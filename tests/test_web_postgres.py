"""The web UI's SQL runs on PostgreSQL as on SQLite: the same records in both stores give the
same JSON on every page (search aside: the two rank with different full-text engines)."""
from __future__ import annotations

import warnings
from urllib.parse import quote

import pytest

from parley import open_store
from parley.store.writer import Writer
from parley.web import create_app

# A name key (kind:country:name) finds its actor whether or not the actor registry joined it.
ABDOLLAHIAN = quote("person:IRN:Hossein Amir-Abdollahian", safe=":")
PATHS = ("/api/", "/api/actors", "/api/actors?country=USA&limit=5", "/api/actors?name=abdollahian",
         f"/api/actors/{ABDOLLAHIAN}", "/api/articles/000_af679a3f55185a80",
         "/api/dyad?a=IRN&b=USA", "/api/dyad?a=USA&b=CHN", "/api/dyad?a=USA&b=CHN&types=ACCUSE&date_to=2019-11",
         "/api/network", "/api/network?level=country", "/api/network?date_from=2015",
         "/api/statements", "/api/statements?first_hand=true&kind=indirect",
         f"/api/statements?speaker={ABDOLLAHIAN}&date_from=2014-12-01&date_to=2014-12")


@pytest.fixture(scope="module")
def clients(web_db, postgres_admin_url):
    import pg
    from fastapi.testclient import TestClient
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    url = pg.create_database(postgres_admin_url)
    with open_store(web_db) as lite, open_store(url) as post:
        writer = Writer(post)          # the ingest step: actors join the registry as in web_db
        for x in lite.extractions():
            assert writer.put(x) == "stored"
    with TestClient(create_app(web_db)) as a, TestClient(create_app(url)) as b:
        yield a, b
    pg.drop_database(postgres_admin_url, url)


@pytest.mark.parametrize("path", PATHS)
def test_web_postgres_answers_as_sqlite(clients, path):
    lite, post = clients
    a, b = lite.get(path), post.get(path)
    assert a.status_code == b.status_code == 200, b.text[:500]
    assert a.json() == b.json()


def test_web_postgres_search_and_pages(clients):
    lite, post = clients
    for client in clients:
        hits = client.get("/api/search", params={"q": '"hasty measures"'}).json()["results"]
        assert any("hasty measures" in h["sentence"] for h in hits)
    for path in ("/", f"/actors/{ABDOLLAHIAN}", "/dyad?a=USA&b=CHN", "/network", "/statements",
                 "/search?q=Lavrov"):
        assert post.get(path).status_code == 200, path
