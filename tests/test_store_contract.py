"""The store contract: every test runs on a SQLite file and on a real PostgreSQL server."""
from dataclasses import FrozenInstanceError, fields, replace

import pytest

import parley.store.base as store_base
from parley import open_store
from parley.contract import to_contract
from parley.errors import StoreError
from parley.records import Rejection
from parley.store import stories
from parley.store.migrations import MIGRATIONS
from parley.store.search import SearchHit
from parley.store.writer import Writer

LATEST = max(m.name for m in MIGRATIONS)


def test_store_contract_migrations_apply_once(store_url):
    with open_store(store_url) as store:
        assert store.schema_version == LATEST
        assert all(n == 0 for n in store.counts().values())
        assert store.migrate() == []
    with open_store(store_url) as store:
        assert store.migrate() == []
        names = [r["name"] for r in store.query("SELECT name FROM schema_migrations ORDER BY name")]
    assert names == sorted(m.name for m in MIGRATIONS)


def test_store_put_alone_stores_the_result_as_it_is(store_url, syndicated):
    """The registry join is the ingest step's (Writer), not the store's."""
    x = syndicated["sample-a"]
    with open_store(store_url) as store:
        assert store.put(x) == "stored"
        assert not store.query("SELECT 1 AS one FROM actors WHERE registry_id IS NOT NULL")
        assert not store.query("SELECT 1 AS one FROM registry")
        assert Writer(store).put(x) == "duplicate"          # an article stored: nothing joined
        assert not store.query("SELECT 1 AS one FROM registry")


def test_store_contract_put_is_idempotent_and_reads_back(store_url, syndicated):
    x = syndicated["sample-a"]
    with open_store(store_url) as store:
        writer = Writer(store)                  # the ingest step: registry join, then put
        assert writer.put(x) == "stored"
        counts = store.counts()
        assert writer.put(x) == "duplicate"
        assert store.counts() == counts
        back = store.extraction("sample-a")
    assert counts["articles"] == 1 and counts["events"] == len(x.events) > 0
    a, b = to_contract(x), to_contract(back)
    assert any(actor["registry_id"] for actor in b["actors"])   # stored actors join the registry
    for actor in a["actors"] + b["actors"]:
        actor.pop("registry_id")
    for key in ("text", "actors", "attributions", "events", "title", "published", "outlet", "url", "sentences"):
        assert a[key] == b[key], key


def test_store_contract_rejections_once_each(store_url):
    r = Rejection("bad", "in/bad.txt", "empty", "in/bad.txt is empty")
    with open_store(store_url) as store:
        assert store.put(r) == "rejected"
        assert store.put(r) == "rejected"
        assert store.put(Rejection("bad", "in/bad.txt", "binary", "looks binary")) == "rejected"
        assert sorted(x.reason for x in store.rejections()) == ["binary", "empty"]


def test_store_contract_failed_put_leaves_nothing(store_url, syndicated):
    x = syndicated["sample-a"]
    broken = replace(x, events=(x.events[0], x.events[0]))   # the same event row twice: the insert fails
    with open_store(store_url) as store:
        with pytest.raises(Exception):
            store.put(broken, input_key="input-1")
        assert store.counts()["articles"] == 0 and store.counts()["events"] == 0
        assert not store.input_done("input-1")
        assert store.query("SELECT COUNT(*) AS n FROM search_units")[0]["n"] == 0
        assert store.put(x, input_key="input-1") == "stored"
        assert store.input_done("input-1")
        assert store.counts()["ingest_inputs"] == 1


def test_store_contract_search_hits_carry_evidence(store_url, syndicated):
    with open_store(store_url) as store:
        for x in syndicated.values():
            store.put(x)
        texts = {x.article.uid: x.article.text for x in syndicated.values()}
        hits = store.search("Lavrov")
        assert hits and all(isinstance(h, SearchHit) for h in hits)
        for h in hits:
            s, e = h.sentence_span
            assert texts[h.article_uid][s:e] == h.sentence
            assert h.matches and all(texts[h.article_uid][a:b].lower() == "lavrov" for a, b in h.matches)
            assert "«Lavrov»" in h.snippet
        assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
        assert {h.source for h in store.search("Syria", limit=500)} == {"article", "attribution"}
        with pytest.raises(FrozenInstanceError):
            hits[0].score = 0  # type: ignore[misc]
    required = {"article_uid", "article_id", "title", "published", "outlet", "source", "attribution_id",
                "sentence", "sentence_span", "snippet", "score"}
    assert required <= {f.name for f in fields(SearchHit)}


def test_store_contract_search_language(store_url, syndicated):
    with open_store(store_url) as store:
        store.put(syndicated["sample-a"])
        stemmed = store.search("talk")
        assert any("talks" in h.sentence for h in stemmed)
        phrase = store.search('"peace talks"')
        assert phrase and all("peace talks" in h.sentence.lower() for h in phrase)
        either = store.search("Aleppo or Mistura")
        assert any("Aleppo" in h.sentence for h in either) and any("Mistura" in h.sentence for h in either)
        assert all("Aleppo" in h.sentence or "Mistura" in h.sentence for h in either)
        without = store.search("Lavrov -talks")
        assert without and not any("talk" in h.sentence.lower() for h in without)
        assert len(store.search("Lavrov", limit=2)) == 2
        assert store.search("Lavrov", limit=2, offset=1)[0] == store.search("Lavrov", limit=3)[1]
        assert store.search("zzzunknownword") == []
        with pytest.raises(StoreError, match="no word"):
            store.search(" - ")


def test_store_contract_search_filters(store_url, syndicated):
    with open_store(store_url) as store:
        for x in syndicated.values():
            store.put(x)
        direct = store.search("Moscow", kind="direct")
        assert direct and all(h.source == "attribution" and h.kind == "direct" for h in direct)
        by_actor = store.search("said", actor="Lavrov")
        assert by_actor
        for h in by_actor:
            assert (h.speaker and "Lavrov" in h.speaker) or h.source == "article"
        assert store.search("said", actor="Nobody Atall") == []
        x = syndicated["sample-a"]
        ev = next(e for e in x.events if e.type)
        word = x.article.text[ev.trigger_span[0]:ev.trigger_span[1]]
        typed = store.search(word, event_type=ev.type.lower())
        assert typed and all(any(e.type == ev.type and e.sentence_span[0] < h.sentence_span[1]
                                 and e.sentence_span[1] > h.sentence_span[0]
                                 for e in store.extraction(h.article_uid).events) for h in typed)
        assert {h.outlet for h in store.search("Clinton", outlet="outlet c")} == {"Outlet C"}
        assert {h.article_id for h in store.search("Lavrov", date_from="2014-12-19")} == {"sample-copy-b"}
        assert store.search("Lavrov", date_to="2014-12-17") == []
        with pytest.raises(StoreError, match="not a date"):
            store.search("Lavrov", date_from="yesterday")


def test_store_contract_stories_count_events_once(store_url, syndicated):
    a, b, d, c = (syndicated[k] for k in ("sample-a", "sample-copy-b", "sample-again-d", "distinct-c"))
    with open_store(store_url) as store:
        assert [store.put(x) for x in (a, b, d, c)] == ["stored", "stored", "duplicate", "stored"]
        assert store.put(d) == "duplicate"                       # the same report again adds nothing
        rows = store.query("SELECT article_uid, story_id FROM story_articles")
        story = {r["article_uid"]: r["story_id"] for r in rows}
        assert story[a.article.uid] == story[b.article.uid] != story[c.article.uid]
        (big,) = store.stories(min_reports=2)
        assert (big["articles"], big["reports"], big["outlets"]) == (2, 3, 3)
        reports = store.story_reports(big["id"])
        assert sorted(r["outlet"] for r in reports) == ["Outlet A", "Outlet B", "Outlet D"]
        counts = store.event_counts()
        events = list(store.story_events())
        per_report = list(store.story_events(per_report=True))
    def keys(x):
        return {k for _, k in stories.event_keys(x)}
    expected = len(keys(a) | keys(b)) + len(keys(c))
    assert sum(r["events"] for r in counts) == len(events) == expected
    assert len(per_report) == len(a.events) + len(b.events) + len(c.events)
    assert sum(r["reports"] for r in counts) == 2 * len(a.events) + len(b.events) + len(c.events)
    shared = [e for e in events if e.story_id == big["id"] and e.reports == 3]
    assert shared and all(len(e.outlets) == 3 for e in shared)
    assert all(e.sentence and e.sentence in (a.article.text + b.article.text + c.article.text) for e in events)
    types = sorted({e.type for e in events})
    only = list(store_events_of(store_url, types[:1]))
    assert only and {e.type for e in only} == set(types[:1])


def store_events_of(url, types):
    with open_store(url) as store:
        yield from store.story_events(types=types)


def test_store_contract_attributions_once_per_story(store_url, syndicated):
    a, b = syndicated["sample-a"], syndicated["sample-copy-b"]
    with open_store(store_url) as store:
        store.put(a)
        store.put(b)
        counted = sum(r["attributions"] for r in store.attribution_counts())
        rows = list(store.story_attributions())
    def keys(x):
        return {k for _, k in stories.attribution_keys(x)}
    assert counted == len(rows) == len(keys(a) | keys(b)) < len(a.attributions) + len(b.attributions)


def test_store_contract_upgrade_backfills(store_url, syndicated, monkeypatch):
    """A store written before search and stories existed gets them when a newer Parley opens it."""
    x = syndicated["sample-a"]
    monkeypatch.setattr(store_base, "MIGRATIONS", tuple(m for m in MIGRATIONS if not m.name.startswith("02")))
    with open_store(store_url) as old:
        old._begin()
        old._put_extraction(x, x.actors)
        old.conn.commit()
    monkeypatch.setattr(store_base, "MIGRATIONS", MIGRATIONS)
    with open_store(store_url) as store:
        assert store.schema_version == LATEST
        assert store.search("Lavrov")
        assert store.counts()["reports"] == 1 and store.counts()["stories"] == 1
        assert sum(r["events"] for r in store.event_counts()) == len({k for _, k in stories.event_keys(x)})


def test_store_contract_spans_not_copies_upgrade(store_url, syndicated, monkeypatch):
    """Migrations 1810-1812 (issue 18): a store written with copies of its spans (search
    units' text, mentions' text, quotes' content) reads back, searches and checks the same once
    they are dropped, keeps no copy, and stores and finds new articles afterwards."""
    from parley.store import check, rows
    from parley.store.search import units_keep_text
    x, y = syndicated["sample-a"], syndicated["distinct-c"]
    new = ("1810", "1811", "1812")
    monkeypatch.setattr(store_base, "MIGRATIONS", tuple(m for m in MIGRATIONS if m.name[:4] not in new))
    monkeypatch.setattr(rows, "_copy", lambda value, text, start, end: value)   # as Parley wrote before 1811
    with open_store(store_url) as old:
        old.put(x)
        assert units_keep_text(old)
        assert old.query("SELECT COUNT(*) AS n FROM mentions WHERE text IS NULL")[0]["n"] == 0
        before = (to_contract(old.extraction("sample-a")), old.search("Lavrov"), old.search('"foreign minister"'),
                  list(old.story_attributions()))
    monkeypatch.undo()
    with open_store(store_url) as store:
        assert store.schema_version == LATEST
        assert not units_keep_text(store)
        after = (to_contract(store.extraction("sample-a")), store.search("Lavrov"), store.search('"foreign minister"'),
                 list(store.story_attributions()))
        assert after == before and before[1]
        assert store.query("SELECT COUNT(*) AS n FROM mentions WHERE text IS NOT NULL")[0]["n"] == 0
        assert store.query("SELECT COUNT(*) AS n FROM attributions WHERE content IS NOT NULL")[0]["n"] == 0
        if store.dialect == "sqlite":      # 1812: keys stored once
            assert all("WITHOUT ROWID" in r["sql"] for r in store.query(
                "SELECT sql FROM sqlite_master WHERE name IN ('mentions', 'agg_actor_months', 'agg_actor_groups')"))
        assert all(not problems for problems in check.run_checks(store).values()), check.run_checks(store)
        assert store.put(y) == "stored"
        back = to_contract(store.extraction("distinct-c"))
        word = y.attributions[0].content.split()[-1].strip('.,"”')
        assert any(h.article_id == "distinct-c" for h in store.search(word, limit=200))
        assert all(not problems for problems in check.run_checks(store).values()), check.run_checks(store)
    mine = to_contract(y)
    for key in ("text", "attributions", "events", "sentences"):
        assert back[key] == mine[key], key
    assert [[m for m in a["mentions"]] for a in back["actors"]] == [[m for m in a["mentions"]] for a in mine["actors"]]
