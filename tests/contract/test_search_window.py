"""Search ranks a common word's matches among its newest RANK_WINDOW matches (store.base.RANK_WINDOW), on
every backend: the answer stays fast at a million articles, and filters reach the older ones."""

from __future__ import annotations

import pytest

import zholdau.store.postgres as postgres_module
import zholdau.store.sqlite as sqlite_module
from zholdau.model import Article, Fact
from zholdau.store import Filters, Store, StoredArticle


def article(n: int, published: str, text: str) -> StoredArticle:
    art = Article(source=f"window-{n}.txt", raw_text=text, text=text, lang="ru")
    art.meta["published"] = Fact(published)
    return StoredArticle(art.to_record(), text)


# stored in this order: the two oldest say "орошение" most often, so bm25 over all of them puts them first
ARTICLES = [
    article(0, "2021-05-01", "Орошение, орошение и ещё раз орошение: аким о поливных землях."),
    article(1, "2021-06-01", "Орошение полей и орошение садов обсудили на совещании."),
    article(2, "2024-05-01", "В районе обсудили орошение и дороги, а также школы и больницы."),
    article(3, "2024-06-01", "Говорили о школах, больницах, дорогах; упомянули и орошение."),
    article(4, "2024-07-01", "На встрече с жителями речь шла о ценах, дорогах и орошении."),
]


@pytest.mark.parametrize(
    ("window", "filters", "expected"),
    [
        # every match within the window: the best-ranked first, as bm25 says
        (10, Filters(), {"window-0.txt", "window-1.txt", "window-2.txt", "window-3.txt", "window-4.txt"}),
        # a window of 3: only the newest three matches are ranked
        (3, Filters(), {"window-2.txt", "window-3.txt", "window-4.txt"}),
        # a date filter reaches the older ones
        (3, Filters(until="2021-12-31"), {"window-0.txt", "window-1.txt"}),
    ],
)
def test_search_ranks_the_newest_matches_of_a_common_word(
    store: Store, window: int, filters: Filters, expected: set[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in (sqlite_module, postgres_module):
        monkeypatch.setattr(module, "RANK_WINDOW", window)
    store.add_articles(ARTICLES)
    hits = store.search("орошение", filters, limit=10)
    assert {h.source for h in hits} == expected
    if window >= len(ARTICLES):
        assert hits[0].source in {"window-0.txt", "window-1.txt"}
