"""Syndicated copies (``duplicate_of``, set by the connect step): by default search, listings and
counts show one article per text and each hit lists its copies; ``hide_copies=False`` shows every
copy. The same on every backend."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from zholdau.model import Article, Fact
from zholdau.store import Filters, Store, StoredArticle
from zholdau.store.base import ALL_ARTICLES

TEXT = "Аким области {} провёл совещание по реализации Послания: поручено построить три школы до конца года."


def article(
    source: str, author: str, published: str, outlet: str, region: str = "KZ-39", text: str = TEXT
) -> StoredArticle:
    text = text.format(author)
    art = Article(source=source, raw_text=text, text=text, lang="ru")
    art.meta["published"] = Fact(published)
    art.meta["outlet"] = Fact(outlet)
    art.facts["primary_region"] = [Fact(region)]
    art.facts["addresses"] = [Fact("2024-09-02")]
    rec = art.to_record()
    rec["primary_region"] = region
    rec["url"] = f"https://{source}.example.kz/"
    return StoredArticle(rec, text)


# an original and two later copies (a word changed, so three texts), and one other article
ORIGINAL = article("orig", "Кумар Аксакалов", "2024-09-10", "Казахстанская правда")
COPIES = [
    article("copy2", "К. Аксакалов", "2024-09-12", "Костанайские новости"),
    article("copy1", "Кумар Аксакалов.", "2024-09-11", "Наш Костанай"),
]
OTHER = article(
    "other",
    "",
    "2024-09-20",
    "Звезда Прииртышья",
    "KZ-55",
    "Разъяснительная работа по Посланию прошла в колледже.",
)


@pytest.fixture
def corpus(store: Store) -> Store:
    assert store.add_articles([ORIGINAL, *COPIES, OTHER]).new == 4
    for c in COPIES:
        store.set_field(c.record["id"], "duplicate_of", ORIGINAL.record["id"])
    return store


def ids(items: list[Any]) -> list[str]:
    return [h.id for h in items]


ORIG, COPY2, COPY1 = ORIGINAL.record["id"], COPIES[0].record["id"], COPIES[1].record["id"]

# what a reader sees on the original's hit: the copies, oldest first
LISTED = [
    {
        "id": COPY1,
        "source": "copy1",
        "outlet": "Наш Костанай",
        "url": "https://copy1.example.kz/",
        "published": "2024-09-11",
    },
    {
        "id": COPY2,
        "source": "copy2",
        "outlet": "Костанайские новости",
        "url": "https://copy2.example.kz/",
        "published": "2024-09-12",
    },
]

READS: list[tuple[str, Callable[[Store, Filters], Any], Any, Any]] = [
    # name, read(store, filters), by default (one per text), with hide_copies=False
    ("search hits", lambda s, f: sorted(ids(s.search("школы", f))), [ORIG], sorted([ORIG, COPY1, COPY2])),
    (
        "search copies",
        lambda s, f: [h.extra.get("copies") for h in s.search("школы", f)],
        [LISTED],
        [None] * 3,
    ),
    ("page newest", lambda s, f: ids(s.page(f, "школы").items), [ORIG], [COPY2, COPY1, ORIG]),
    (
        "page copies",
        lambda s, f: [h.extra.get("copies") for h in s.page(f, None).items],
        [[], LISTED],
        [None] * 4,
    ),
    (
        "page relevance",
        lambda s, f: [(h.id, h.extra.get("copies")) for h in s.page(f, "школы", "relevance").items][:1],
        [(ORIG, LISTED)],
        None,  # ranked by each backend in its own way: checked by the hits above
    ),
    ("total", lambda s, f: s.total(f, "школы"), 1, 3),
    ("total, counting stops past at_most", lambda s, f: s.total(f, "школы", at_most=1), 1, 2),
    ("total of a filter, counting stops past at_most", lambda s, f: s.total(f, None, at_most=2), 2, 3),
    ("count", lambda s, f: s.count(f), 2, 4),
    (
        "coverage",
        lambda s, f: s.coverage(f, ("region",)),
        [{"region": "KZ-39", "articles": 1}, {"region": "KZ-55", "articles": 1}],
        [{"region": "KZ-39", "articles": 3}, {"region": "KZ-55", "articles": 1}],
    ),
    (
        "heat map",
        lambda s, f: s.coverage(f, ("region", "address"), "школы"),
        [{"region": "KZ-39", "address": "2024-09-02", "articles": 1}],
        [{"region": "KZ-39", "address": "2024-09-02", "articles": 3}],
    ),
    (
        "timeline",
        lambda s, f: s.coverage(f, ("week",)),
        [{"week": "2024-09-09", "articles": 1}, {"week": "2024-09-16", "articles": 1}],
        [{"week": "2024-09-09", "articles": 3}, {"week": "2024-09-16", "articles": 1}],
    ),
    (
        "facets",
        lambda s, f: s.facets(f, None, ("outlet",))["outlet"],
        [("Звезда Прииртышья", 1), ("Казахстанская правда", 1)],
        [
            ("Звезда Прииртышья", 1),
            ("Казахстанская правда", 1),
            ("Костанайские новости", 1),
            ("Наш Костанай", 1),
        ],
    ),
    (
        "stats",
        lambda s, f: {
            k: v for k, v in s.stats(f.hide_copies).items() if k in ("articles", "copies", "by_region")
        },
        {"articles": 2, "copies": 2, "by_region": {"KZ-39": 1, "KZ-55": 1}},
        {"articles": 4, "copies": 2, "by_region": {"KZ-39": 3, "KZ-55": 1}},
    ),
]


@pytest.mark.parametrize(("name", "read", "one_per_text", "every_copy"), READS, ids=[r[0] for r in READS])
def test_one_article_per_text_by_default_every_copy_on_request(
    corpus: Store, name: str, read: Callable[[Store, Filters], Any], one_per_text: Any, every_copy: Any
) -> None:
    assert Filters().hide_copies is True
    assert read(corpus, Filters()) == one_per_text
    if every_copy is not None:
        assert read(corpus, ALL_ARTICLES) == every_copy


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        (
            lambda s: sorted(r["id"] for r in s.iter_records()),
            sorted([ORIG, COPY1, COPY2, OTHER.record["id"]]),
        ),
        (lambda s: s.count(), 4),
        (lambda s: sorted(r["id"] for r in s.iter_records(Filters(region="KZ-39"))), [ORIG]),
    ],
)
def test_record_reads_keep_every_copy_unless_told(
    corpus: Store, read: Callable[[Store], Any], expected: Any
) -> None:
    assert read(corpus) == expected


def test_the_reference_lists_the_same_copies(corpus: Store) -> None:
    mine = [(h.id, h.extra.get("copies")) for h in corpus.page(Filters(), None).items]
    assert mine == [(h.id, h.extra.get("copies")) for h in Store.page(corpus, Filters(), None).items]
