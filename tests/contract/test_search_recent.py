"""The index of the newest articles (migration 0007, store.base.RECENT_ROWS) changes how fast search ranks,
never what it finds: with the index cut down to two articles, search and the relevance listing give
the same window of newest matches as when it holds everything, on every backend."""

from __future__ import annotations

import sqlite3

import pytest

import zholdau.store.postgres as postgres_module
import zholdau.store.sqlite as sqlite_module
from tests.contract.test_search_window import ARTICLES
from zholdau.store import Filters, Store


def _rowids(store_url: str, sqlite_table: str, postgres_table: str) -> list[int]:
    """The rowids a table holds, read behind the store's back."""
    if store_url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store_url) as conn:
            return [r[0] for r in conn.execute(f"SELECT rowid FROM {postgres_table} ORDER BY rowid")]
    con = sqlite3.connect(store_url)
    try:
        return [r[0] for r in con.execute(f"SELECT rowid FROM {sqlite_table} ORDER BY rowid")]
    finally:
        con.close()


def recent_rowids(store_url: str) -> list[int]:
    return _rowids(store_url, "article_fts_recent", "articles_recent")


def all_rowids(store_url: str) -> list[int]:
    return _rowids(store_url, "articles", "articles")


@pytest.fixture
def small_recent(monkeypatch: pytest.MonkeyPatch) -> None:
    for module in (sqlite_module, postgres_module):
        monkeypatch.setattr(module, "RECENT_ROWS", 2)


def test_the_recent_index_keeps_the_newest_articles_as_they_arrive(
    store: Store, store_url: str, small_recent: None
) -> None:
    for art in ARTICLES:  # one write each: pruned as they come
        store.add_articles([art])
    rowids = all_rowids(store_url)
    recent = recent_rowids(store_url)
    assert len(rowids) == 5
    # a suffix of the articles, RECENT_ROWS to RECENT_ROWS * 5/4 (rounded) of them
    assert recent == rowids[-len(recent) :]
    assert 2 <= len(recent) <= 3
    # a deleted article leaves it too
    newest = store.search("дорогах", limit=1)[0]
    assert store.delete(newest.id)
    assert recent_rowids(store_url) == [r for r in recent if r in all_rowids(store_url)]


@pytest.mark.parametrize(
    ("window", "filters", "expected"),
    [
        # the window (2 newest matches) lies within the recent index
        (2, Filters(), ["window-3.txt", "window-4.txt"]),
        # a window of 3 reaches past the recent index: read from the whole index
        (3, Filters(), ["window-2.txt", "window-3.txt", "window-4.txt"]),
        # a filter that no recent article passes reaches the older ones
        (2, Filters(until="2021-12-31"), ["window-0.txt", "window-1.txt"]),
        # every match: bm25 puts the two that say it most first
        (10, Filters(), ["window-0.txt", "window-1.txt", "window-2.txt", "window-3.txt", "window-4.txt"]),
    ],
)
def test_search_finds_the_same_window_whatever_the_recent_index_holds(
    store: Store,
    small_recent: None,
    monkeypatch: pytest.MonkeyPatch,
    window: int,
    filters: Filters,
    expected: list[str],
) -> None:
    for module in (sqlite_module, postgres_module):
        monkeypatch.setattr(module, "RANK_WINDOW", window)
    for art in ARTICLES:
        store.add_articles([art])
    hits = store.search("орошение", filters, limit=10)
    assert sorted(h.source for h in hits) == expected
    listed = store.page(filters, "орошение", "relevance", None, 10).items
    assert [h.source for h in listed] == [h.source for h in hits]
    if window >= len(ARTICLES):
        assert {h.source for h in hits[:2]} == {"window-0.txt", "window-1.txt"}


def test_relevance_pages_walk_the_window(store: Store, small_recent: None) -> None:
    for art in ARTICLES:
        store.add_articles([art])
    first = store.page(Filters(), "орошение", "relevance", None, 2)
    assert len(first.items) == 2 and first.next_cursor
    second = store.page(Filters(), "орошение", "relevance", first.next_cursor, 2)
    third = store.page(Filters(), "орошение", "relevance", second.next_cursor, 2)
    sources = [h.source for p in (first, second, third) for h in p.items]
    assert sorted(sources) == sorted(a.record["source"] for a in ARTICLES)
    assert third.next_cursor is None


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # enough recent matches (MIN_RECENT_MATCHES): they are the window, though fewer than RANK_WINDOW
        (Filters(), ["window-3.txt", "window-4.txt"]),
        # none among the recent articles: the window reaches back
        (Filters(until="2021-12-31"), ["window-0.txt", "window-1.txt"]),
    ],
)
def test_enough_recent_matches_make_the_window(
    store: Store, small_recent: None, monkeypatch: pytest.MonkeyPatch, filters: Filters, expected: list[str]
) -> None:
    for module in (sqlite_module, postgres_module):
        monkeypatch.setattr(module, "RANK_WINDOW", 4)
        monkeypatch.setattr(module, "MIN_RECENT_MATCHES", 2)
    for art in ARTICLES:
        store.add_articles([art])
    assert sorted(h.source for h in store.search("орошение", filters, limit=10)) == expected
    listed = store.page(filters, "орошение", "relevance", None, 10).items
    assert sorted(h.source for h in listed) == expected
