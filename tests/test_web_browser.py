"""The web UI in a real browser: Debian's Chromium, driven by Playwright (no browser download),
against `parley serve`'s app on 127.0.0.1 over a store ingested from real texts.

The path an analyst takes: search -> article -> actor -> dyad -> network. Screenshots are
saved to test-artifacts/web/ (ignored by git; CI keeps them as artifacts).
"""
from __future__ import annotations

import re

import pytest
from webserver import CHROMIUM, CHROMIUM_ARGS, require_chromium, serving
from conftest import ROOT, SAMPLE_ID

ARTIFACTS = ROOT / "test-artifacts" / "web"
SAMPLE_TITLE = "Iran Slams U.S. Fight Against IS, Backs Russia's Push For Syria Talks"


@pytest.fixture(scope="module")
def base_url(web_db):
    with serving(web_db) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url):
    require_chromium()
    from playwright.sync_api import sync_playwright
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 900}, base_url=base_url)
        pg.set_default_timeout(20_000)
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        yield pg
        browser.close()
        assert not errors, f"JavaScript errors: {errors}"


def _in_viewport(page, selector: str) -> bool:
    return page.eval_on_selector(selector, """el => { const r = el.getBoundingClientRect();
        return r.bottom > 0 && r.top < window.innerHeight; }""")


def _shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def test_web_browser_search_to_article(page):
    page.goto("/")
    assert page.locator("h1").inner_text() == "What the store holds"
    page.fill("header input[name=q]", '"hasty measures"')
    page.press("header input[name=q]", "Enter")
    page.wait_for_url(re.compile(r"/search\?q="))
    hits = page.locator("li.hit")
    assert hits.count() >= 1
    assert "hasty" in hits.first.locator("mark.hit").first.inner_text().lower()
    _shot(page, "search")
    hits.first.locator("a.article-link").click()
    page.wait_for_url(re.compile(r"/articles/[0-9a-f]+#s\d+"))
    assert page.locator("h1").inner_text() == SAMPLE_TITLE
    assert page.locator("#text .sent.flash").count() == 1 and _in_viewport(page, "#text .sent.flash")
    assert "hasty measures" in page.locator("#text .sent.flash").inner_text()


def test_web_browser_article_highlights_and_record_links(page):
    page.goto(f"/articles/{SAMPLE_ID}")
    text = page.locator("#text")
    for selector, at_least in (("a.m-actor", 20), (".m-content", 5), (".m-cue", 5), (".m-speaker", 5),
                               ("mark.m-trigger", 5)):
        assert text.locator(selector).count() >= at_least, selector
    amir = text.locator("a.m-actor[title^='Hossein Amir-Abdollahian']")
    assert amir.count() >= 3
    _shot(page, "article")
    # a record far down the side list: its sentence scrolls into view and flashes
    record = page.locator("#statements a.jump").last
    href = record.get_attribute("href")
    record.click()
    sentence = page.locator(f"#text .sent[id='{href[1:]}']")
    assert "flash" in sentence.get_attribute("class") and _in_viewport(page, f"#text .sent[id='{href[1:]}']")
    assert page.locator("#text .flash-mark").count() >= 1
    _shot(page, "article-record")
    amir.first.click()
    page.wait_for_url(re.compile(r"/actors/"))
    assert page.locator("h1").inner_text() == "Hossein Amir-Abdollahian"


def test_web_browser_actor_page(page):
    page.goto(f"/articles/{SAMPLE_ID}")
    page.locator("#text a.m-actor[title^='Hossein Amir-Abdollahian']").first.click()
    page.wait_for_url(re.compile(r"/actors/"))
    assert page.locator("h1").inner_text() == "Hossein Amir-Abdollahian"
    facts = page.locator("dl.facts").inner_text()
    assert "person" in facts and "Iran (IRN)" in facts and "deputy foreign minister" in facts.lower()
    assert "Abdollahian" in facts and "GOV" in facts
    assert page.locator("svg.plot.timeline").is_visible()
    said = page.locator("section h2", has_text="Statements by")
    assert int(said.locator(".meta").inner_text()) >= 3
    _shot(page, "actor")
    # the actor's country against the United States, both ways
    page.goto("/dyad?a=IRN&b=USA")
    assert page.locator("h1").inner_text() == "Iran ⇄ United States"
    plots = page.locator("svg.plot.timeline")
    assert plots.count() == 2 and plots.first.is_visible()
    for direction in page.locator("section.direction").all():
        shown = int(re.search(r"(\d+) events", direction.locator("h2").inner_text()).group(1))
        assert direction.locator("ul.evidence-list li.event").count() == min(shown, 50)
    _shot(page, "dyad-iran-usa")


def test_web_browser_busiest_dyad_and_network(page):
    page.goto("/")
    page.locator("section", has_text="Busiest dyads").locator("ol a").first.click()
    page.wait_for_url(re.compile(r"/dyad\?a="))
    forward = page.locator("section.direction").first
    assert forward.locator("svg.plot.timeline rect.bar").count() >= 1
    assert forward.locator("ul.evidence-list li.event .sentence").first.inner_text()
    _shot(page, "dyad-busiest")
    page.locator("header nav a", has_text="Network").click()
    page.wait_for_url(re.compile(r"/network"))
    svg = page.locator("svg.network")
    assert svg.locator("g.node").count() >= 2 and svg.locator("path.edge").count() >= 1
    page.select_option("select[name=level]", "country")
    page.locator("form.filters button").click()
    page.wait_for_url(re.compile(r"level=country"))
    assert page.locator("svg.network g.node").count() >= 2
    _shot(page, "network")
    export = page.locator("a.export", has_text="GraphML").get_attribute("href")
    body = page.request.get(export).text()
    assert "<graphml" in body and "level=country" in export
