"""The web fixes of issue 17 in a real browser (Debian's Chromium through Playwright), over a
store of the bundled demo corpus: counts that match the evidence below them, one name and one
country per actor on every page, no stray marks, a readable network, generic descriptions out
of rankings unless asked, and a favicon."""
from __future__ import annotations

import re

import pytest
from webserver import CHROMIUM, CHROMIUM_ARGS, require_chromium, serving
from conftest import ROOT

GENERIC = ("people", "government", "party", "officials", "protesters")


@pytest.fixture(scope="module")
def base_url(demo_db):
    with serving(str(demo_db)) as url:
        yield url


@pytest.fixture(scope="module")
def page(base_url):
    require_chromium()
    from playwright.sync_api import sync_playwright
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        pg = browser.new_page(viewport={"width": 1400, "height": 900}, base_url=base_url)
        pg.set_default_timeout(30_000)
        errors: list[str] = []
        pg.on("pageerror", lambda exc: errors.append(str(exc)))
        yield pg
        browser.close()
        assert not errors, f"JavaScript errors: {errors}"


def _count_label(text: str) -> int:
    m = re.search(r"(\d+) (events?)\b", text)
    assert m, text
    n, word = int(m.group(1)), m.group(2)
    assert word == ("event" if n == 1 else "events"), f"plural wrong in {text!r}"
    return n


def test_firstrun_dyad_counts_match_the_evidence_undated_included(page):
    page.goto("/dyad?a=FRA&b=DEU")
    for direction in page.locator("section.direction").all():
        shown = _count_label(direction.locator("h2 .meta").inner_text())
        rows = direction.locator("ul.evidence-list li.event").count()
        assert shown == rows, f"{shown} counted above {rows} evidence rows"
    total = sum(_count_label(d.locator("h2 .meta").inner_text()) for d in page.locator("section.direction").all())
    assert total >= 2, "the undated report's events are counted"
    assert "undated" in page.locator("section.direction").first.inner_text()
    # the busiest dyads of the overview too
    page.goto("/")
    for item in page.locator("section", has_text="Busiest dyads").locator("ol li").all()[:5]:
        _count_label(item.inner_text())


def test_firstrun_actor_name_and_country_match_the_list(page):
    page.goto("/actors?limit=25")
    rows = page.locator("table.counts tbody tr").all()
    listed = [(r.locator("a.actor-link").get_attribute("href"), r.locator("a.actor-link").inner_text(),
               r.locator("td").nth(2).inner_text().strip()) for r in rows]
    assert len(listed) >= 20
    with_country = 0
    for href, name, country in listed:
        page.goto(href)
        assert page.locator("h1").inner_text() == name
        facts = page.locator("dl.facts dd").nth(1).inner_text()
        if country:
            with_country += 1
            assert facts.startswith(country), f"{name}: list says {country!r}, actor page {facts!r}"
        else:
            assert facts.strip() == "–"
    assert with_country >= 5


def test_firstrun_article_sidebar_names_are_the_actor_pages_and_no_stray_marks(page):
    page.goto("/articles/wikinews-robert-mugabe-dies-2019")
    side = page.locator("#actors")
    assert "¶" not in side.inner_text()
    links = side.locator("a.actor-link").all()[:12]
    pairs = [(a.inner_text(), a.get_attribute("href")) for a in links]
    mentions = side.locator("a.jump").first
    assert re.fullmatch(r"\d+ mentions?", mentions.inner_text())
    mentions.click()
    assert page.locator("#text .sent.flash").count() == 1
    for name, href in pairs:
        page.goto(href)
        assert page.locator("h1").inner_text() == name
    # the registry's canonical name, not the article's short form
    page.goto("/articles/wikinews-trump-tax-records-ruling-2019")
    names = page.locator("#actors a.actor-link").all_inner_texts()
    assert "Donald Trump" in names and "Trump" not in names


def test_firstrun_generic_descriptions_out_by_default_with_a_toggle(page):
    page.goto("/")
    top = page.locator("section", has_text="Most reported actors").locator("ol a.actor-link").all_inner_texts()
    assert len(top) >= 10 and not set(top) & set(GENERIC)
    page.locator("a.generic-toggle").click()
    page.wait_for_url(re.compile(r"generic=1"))
    # generic descriptions now carry their article's country ("people" of Belarus, of Serbia...),
    # so none need rank among the most reported; the actors table below shows them back
    assert page.locator("a.generic-toggle").inner_text().startswith("hide generic")
    page.locator("a.generic-toggle").click()
    page.wait_for_url(lambda url: "generic=1" not in url)
    assert page.locator("section", has_text="Most reported actors").locator("ol a.actor-link").all_inner_texts() == top
    page.goto("/actors")
    assert "people" not in page.locator("table.counts").locator("a.actor-link").all_inner_texts()
    page.check("form.filters input[name=generic]")
    page.locator("form.filters button").click()
    page.wait_for_url(re.compile(r"generic=1"))
    assert "people" in page.locator("table.counts").locator("a.actor-link").all_inner_texts()


def _label_boxes(page) -> list[dict]:
    return page.eval_on_selector_all("svg.network g.node text",
                                     "els => els.map(e => { const b = e.getBBox(); "
                                     "return {x: b.x, y: b.y, w: b.width, h: b.height, t: e.textContent}; })")


def test_firstrun_network_labels_do_not_overlap(page):
    page.goto("/network")
    nodes = page.locator("svg.network g.node").count()
    assert 2 <= nodes <= 40, "fewer nodes by default"
    names = [n.lower() for n in page.locator("svg.network g.node circle title").all_text_contents()]
    assert not any(n.split(":")[0] in GENERIC for n in names), "no generic descriptions by default"
    for url in ("/network", "/network?limit=60&generic=1"):
        page.goto(url)
        boxes = _label_boxes(page)
        assert len(boxes) >= min(10, page.locator("svg.network g.node").count())
        for i, a in enumerate(boxes):
            for b in boxes[i + 1:]:
                overlap = (a["x"] < b["x"] + b["w"] and b["x"] < a["x"] + a["w"]
                           and a["y"] < b["y"] + b["h"] and b["y"] < a["y"] + a["h"])
                assert not overlap, f"labels {a['t']!r} and {b['t']!r} overlap on {url}"
    (ROOT / "test-artifacts" / "web").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ROOT / "test-artifacts" / "web" / "network-60.png"))


def test_firstrun_favicon(page):
    page.goto("/")
    href = page.locator("link[rel=icon]").get_attribute("href")
    icon = page.request.get(href)
    assert icon.status == 200 and "svg" in icon.headers["content-type"]
    assert page.request.get("/favicon.ico").status == 200

