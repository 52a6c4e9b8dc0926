"""Stored text is shown as text: markup in articles, titles, names and quotes never runs."""
from __future__ import annotations

import json
import warnings
from dataclasses import replace
from urllib.parse import quote

import pytest

from parley import open_store, process
from parley.records import Actor, Attribution, Event, Mention
from parley.web import create_app

SCRIPT = "<script>alert(1)</script>"
TEXT = (f"Officials in Paris said on Monday that {SCRIPT} had been posted on the ministry's site. "
        "\"We condemn the attack,\" the French foreign minister told reporters.\n\n"
        "The government of France accused Russia of the hack.")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A store whose article, title, actor, quote and event all carry markup."""
    folder = tmp_path_factory.mktemp("escape")
    src = folder / "hostile.jsonl"
    src.write_text(json.dumps({"id": "hostile", "text": TEXT, "published": "2020-01-02",
                               "title": f"Breaking {SCRIPT} <b>news</b>", "outlet": "<i>Outlet</i>"}) + "\n")
    (x,) = list(process([src]))
    start = TEXT.index(SCRIPT)
    evil = Actor(id="a_evil", name="<img src=x onerror=alert(2)>", kind="person", country="FRA",
                 mentions=(Mention(start, start + len(SCRIPT), SCRIPT),))
    q = Attribution(id="q_evil", kind="direct", content=SCRIPT, content_span=(start, start + len(SCRIPT)),
                    speaker="a_evil", speaker_span=(start, start + 8), cue="<u>said</u>")
    e = Event(id="e_evil", type="ACCUSE", trigger=SCRIPT, trigger_span=(start, start + len(SCRIPT)),
              sentence_span=(0, TEXT.index(". ") + 1), source=("a_evil",),
              target=tuple(a.id for a in x.actors[:1]))
    x = replace(x, actors=x.actors + (evil,), attributions=x.attributions + (q,), events=x.events + (e,))
    db = folder / "hostile.db"
    with open_store(str(db)) as store:
        assert store.put(x) == "stored"
    warnings.filterwarnings("ignore", category=DeprecationWarning)
    from fastapi.testclient import TestClient
    with TestClient(create_app(str(db))) as client:
        yield client


EVIL_KEY = quote("person:FRA:<img src=x onerror=alert(2)>", safe=":")


@pytest.mark.parametrize("path", ["/", "/articles/hostile", "/statements", f"/actors/{EVIL_KEY}",
                                  "/actors", "/network", f"/dyad?a=FRA&b={EVIL_KEY}",
                                  f"/dyad?a={EVIL_KEY}&b=FRA"])
def test_web_markup_in_the_store_shows_as_text(hostile, path):
    r = hostile.get(path)
    assert r.status_code == 200, r.text[:500]
    html = r.text
    for raw in (SCRIPT, "<b>news</b>", "<i>Outlet</i>", "<img src=x", "<u>said</u>"):
        assert raw not in html, f"{raw} reached {path} unescaped"
    assert "&lt;script&gt;" in html or "&lt;img src=x" in html


def test_web_article_text_keeps_the_script_as_visible_text(hostile):
    html = hostile.get("/articles/hostile").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Breaking &lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;news&lt;/b&gt;" in html
    data = hostile.get("/api/articles/hostile").json()
    assert SCRIPT in data["text"] and data["article"]["title"].startswith("Breaking <script>")
