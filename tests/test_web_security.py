"""A hostile web against the UI: unsafe URLs, framing, sniffing, DNS rebinding, open servers."""
from __future__ import annotations

import json
import warnings

import pytest
from click.testing import CliRunner

from parley import open_store, process
from parley.cli import cli
from parley.web import create_app
from parley.web.security import CSP, safe_url

TEXT = "The government of France accused Russia of the hack on Monday, officials in Paris said.\n"
BAD_URLS = ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
            "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "//evil.example/x",
            "/relative/path", "http:///nohost"]


@pytest.fixture(scope="module")
def store_with_urls(tmp_path_factory):
    folder = tmp_path_factory.mktemp("security")
    src = folder / "urls.jsonl"
    lines = [{"id": f"u{n}", "text": f"Report {n}. {TEXT}", "url": url, "published": "2020-01-02"}
             for n, url in enumerate(BAD_URLS + ["https://news.example.org/story?id=1"])]
    src.write_text("".join(json.dumps(x) + "\n" for x in lines))
    db = folder / "urls.db"
    with open_store(str(db)) as store:
        for x in process([src]):
            store.put(x)
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    return str(db)


@pytest.fixture(scope="module")
def client(store_with_urls):
    from fastapi.testclient import TestClient
    with TestClient(create_app(store_with_urls)) as c:
        yield c


@pytest.mark.parametrize("url", BAD_URLS)
def test_unsafe_urls_are_not_links(url):
    assert safe_url(url) is None


def test_http_and_https_urls_stay_links():
    assert safe_url("https://news.example.org/a?b=1") == "https://news.example.org/a?b=1"
    assert safe_url("http://example.com/") == "http://example.com/"


@pytest.mark.parametrize("n", range(len(BAD_URLS)))
def test_article_page_writes_no_unsafe_href(client, n):
    html = client.get(f"/articles/u{n}").text
    assert 'href="javascript' not in html.lower() and "href=\"data:" not in html.lower()
    assert 'href="vbscript' not in html.lower() and 'href="//evil' not in html


def test_article_page_links_a_safe_source(client):
    html = client.get(f"/articles/u{len(BAD_URLS)}").text
    assert 'href="https://news.example.org/story?id=1"' in html


@pytest.mark.parametrize("path", ["/", "/api/search?q=France", "/articles/u0", "/nonexistent", "/static/parley.js"])
def test_every_response_carries_the_security_headers(client, path):
    r = client.get(path)
    assert r.headers["content-security-policy"] == CSP
    assert "script-src 'self'" in CSP and "unsafe-inline" not in CSP and "frame-ancestors 'none'" in CSP
    assert r.headers["x-content-type-options"] == "nosniff"


def test_pages_hold_no_inline_script(client):
    for path in ("/", "/articles/u0", "/actors", "/network", "/statements", "/search?q=France"):
        html = client.get(path).text.lower()
        assert "<script>" not in html and " onclick=" not in html and " onload=" not in html


def test_a_foreign_host_header_is_refused(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200


def test_a_token_is_required_when_set(store_with_urls):
    from fastapi.testclient import TestClient
    with TestClient(create_app(store_with_urls, allowed_hosts=None, token="s3cret")) as c:
        assert c.get("/api/search?q=France").status_code == 401
        assert c.get("/api/search?q=France", headers={"authorization": "Bearer wrong"}).status_code == 401
        assert c.get("/api/search?q=France", headers={"authorization": "Bearer s3cret"}).status_code == 200
        r = c.get("/?token=s3cret", follow_redirects=False)
        assert r.status_code == 303 and "parley_token=s3cret" in r.headers["set-cookie"]
        c.cookies.set("parley_token", "s3cret")
        assert c.get("/").status_code == 200


def test_serve_refuses_a_network_address_without_a_token(store_with_urls, monkeypatch):
    monkeypatch.delenv("PARLEY_TOKEN", raising=False)
    r = CliRunner().invoke(cli, ["serve", "--db", store_with_urls, "--host", "0.0.0.0"])
    assert r.exit_code != 0 and "[P406]" in r.output and "--token" in r.output
