"""Search at scale (issue 18) and its one query value (issue 12): `SearchQuery` is what the
store, the CLI and the web read; a common word is ranked among its newest matches; date and
outlet filters applied as unit sets give the hits the plain join gives."""
from __future__ import annotations

from parley import open_store
from parley.store import search as S
from parley.store.search import SearchQuery


def test_a_search_query_is_the_text_and_its_filters(web_db):
    with open_store(web_db) as store:
        q = SearchQuery("Iran", limit=5)
        assert store.search(q) == store.search("Iran", limit=5) and store.search(q)
        assert store.search(q.page(3, 1)) == store.search("Iran", limit=3, offset=1)
        assert store.search(q, kind="direct") == store.search(SearchQuery("Iran", kind="direct", limit=5))


def test_a_common_word_is_ranked_among_its_newest_matches(web_db, monkeypatch):
    monkeypatch.setattr(S, "RANKED", 1)
    with open_store(web_db) as store:
        units = store.query("SELECT u.article_uid AS a, u.sent_start AS s, u.sent_end AS e, u.source AS src "
                            "FROM search_fts JOIN search_units u ON u.id = search_fts.rowid "
                            "WHERE search_fts MATCH ? ORDER BY u.id DESC", ['"said"'])
        assert len(units) > 40
        window = S._window(1, 0)
        newest = {(r["a"], r["s"], r["e"]) for r in units[:window]}
        hits = store.search(SearchQuery("said", limit=1))
        assert hits and {(h.article_uid, *h.sentence_span) for h in hits} <= newest
        monkeypatch.setattr(S, "RANKED", 5000)
        best = store.search(SearchQuery("said", limit=1))
        assert best[0].score >= hits[0].score


def test_date_and_outlet_filters_as_unit_sets_give_the_joined_hits(web_db, monkeypatch):
    with open_store(web_db) as store:
        outlet = store.query("SELECT outlet, COUNT(*) AS n FROM articles WHERE outlet IS NOT NULL "
                             "GROUP BY outlet ORDER BY n DESC, outlet LIMIT 1")[0]["outlet"]
        last = store.query("SELECT MAX(published) AS p FROM articles")[0]["p"][:10]
        queries = [SearchQuery("said", date_from=last, limit=100),
                   SearchQuery("said", date_to="2014-12-18", limit=100),
                   SearchQuery("said", outlet=outlet.upper(), limit=100),
                   SearchQuery("said", outlet=outlet, date_from="2014-01-01", kind="direct", limit=100)]
        as_sets = [store.search(q) for q in queries]
        monkeypatch.setattr(S, "ARTICLE_UNITS", -1)          # never: the filters join each match's article
        joined = [store.search(q) for q in queries]
    assert as_sets == joined and all(as_sets[:3])


def test_a_selective_filter_ranks_the_units_it_keeps_as_the_filtered_statement(web_db):
    """Fewer than RANKED matches pass the filters: they are ranked by their ids, the filters
    not tested twice; the ranking equals the one statement with the filters in it."""
    queries = [SearchQuery("said", kind="direct", limit=30), SearchQuery("said", event_type="ACCUSE", limit=30),
               SearchQuery("minister", kind="indirect", limit=10, offset=5)]
    with open_store(web_db) as store:
        for q in queries:
            match = S.fts5_query(S.parse_query(q.text))
            where, params = q.filters()
            window = S._window(q.limit, q.offset)
            exact = store.query(
                "SELECT u.id AS unit, -bm25(search_fts) AS score, highlight(search_fts, 0, ?, ?) AS marked "
                f"{S._FTS_FROM}{where} ORDER BY score DESC, a.published, u.article_uid, u.start_char LIMIT ?",
                [S.MARK_START, S.MARK_END, match, *params, window])
            assert S._rank_sqlite(store, match, q, window) == exact
        assert any(store.search(q) for q in queries[:2])
