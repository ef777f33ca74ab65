"""What every store must do: each test runs on SQLite and on PostgreSQL (see conftest.py)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from zholdau.errors import StoreError
from zholdau.model import Article, Fact, Rejection
from zholdau.store import Filters, Store, StoredArticle, open_store


def make(
    source: str,
    text: str,
    lang: str,
    published: str | None = None,
    region: str | None = None,
    addresses: list[str] | None = None,
    title: str | None = None,
) -> StoredArticle:
    art = Article(source=source, raw_text=" date X\n" + text, text=text, lang=lang)
    if published:
        art.meta["published"] = Fact(published)
    if title:
        art.meta["title"] = Fact(title)
    if region:
        art.facts["primary_region"] = [Fact(region)]
        art.facts["regions"] = [Fact(region)]
    if addresses:
        art.facts["addresses"] = [Fact(a) for a in addresses]
    rec: dict[str, Any] = art.to_record()
    rec["primary_region"] = region
    return StoredArticle(rec, art.raw_text, b"raw bytes of " + source.encode())


CORPUS = [
    make(
        "ru1.txt",
        "Под председательством акима области Амандыка Баталова прошло совещание по Посланию. "
        "Аким поручил Баталовым ... ничего",
        "ru",
        "2021-09-10",
        "KZ-19",
        ["2021-09-01"],
        "Совещание по Посланию",
    ),
    make(
        "kk1.txt",
        "Облыс әкімі Амандық Баталовтың төрағалығымен Мемлекет басшысының Жолдауын талқылау жиыны өтті.",
        "kk",
        "2021-09-11",
        "KZ-19",
        ["2021-09-01"],
        "Жолдау талқыланды",
    ),
    make(
        "ru2.txt",
        "В Павлодаре обсудили Послание Главы государства. Ёлка во дворе акимата.",
        "ru",
        "2023-09-05",
        "KZ-55",
        ["2023-09-01"],
        "Павлодар обсудил Послание",
    ),
    make(
        "kk2.txt",
        "Павлодар облысында жолдауды түсіндіру жұмыстары жүргізілді. Жолдауында айтылған міндеттер.",
        "kk",
        "2025-09-12",
        "KZ-55",
        ["2025-09-08"],
    ),
    make("ru3.txt", "Ремонт дороги в селе завершён раньше срока.", "ru", None, "KZ-15"),
]


@pytest.fixture
def filled(store: Store) -> Store:
    res = store.add_articles(CORPUS, None)
    assert res.new == len(CORPUS)
    return store


def ids(hits: list[Any]) -> set[str]:
    return {h.source for h in hits}


def test_schema_is_migrated_and_reopening_keeps_it(store_url: str) -> None:
    s = open_store(store_url)
    v = s.schema_version()
    assert v >= 1
    s.close()
    s2 = open_store(store_url)
    assert s2.schema_version() == v
    s2.close()


def test_newer_schema_is_refused(store_url: str, raw_sql: Callable[[str, str], None]) -> None:
    open_store(store_url).close()
    raw_sql(store_url, "UPDATE schema_version SET version = 999")
    with pytest.raises(StoreError, match="newer than this program"):
        open_store(store_url)


def test_adding_the_same_article_twice_stores_it_once(store: Store) -> None:
    assert store.add_articles(CORPUS[:2]).new == 2
    again = store.add_articles(CORPUS)
    assert (again.new, again.duplicates) == (3, 2)
    assert store.count() == 5


def test_duplicates_inside_one_batch(store: Store) -> None:
    res = store.add_articles([CORPUS[0], CORPUS[0]])
    assert (res.new, res.duplicates) == (1, 1)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Баталов", {"ru1.txt", "kk1.txt"}),  # Баталова / Баталовым (ru), Баталовтың (kk)
        ("жолдау", {"kk1.txt", "kk2.txt"}),  # Жолдауын, жолдауды, Жолдауында
        ("послание", {"ru1.txt", "ru2.txt"}),  # Посланию, Послание
        ("ПОСЛАНИЯ", {"ru1.txt", "ru2.txt"}),
        ("елка", {"ru2.txt"}),  # ё/е
        ("ёлка", {"ru2.txt"}),
        ("председательство", {"ru1.txt"}),
        ("төрағалығы", {"kk1.txt"}),
        ("дорога ремонт", {"ru3.txt"}),
        ("дорога Послание", set()),  # every word must match
        ("несуществующееслово", set()),
    ],
)
def test_search_finds_inflected_forms_in_both_languages(
    filled: Store, query: str, expected: set[str]
) -> None:
    assert ids(filled.search(query, limit=50)) == expected


def test_search_snippets_highlight_the_matching_forms(filled: Store) -> None:
    (hit,) = filled.search("Баталов", Filters(lang="kk"))
    assert "<mark>Баталовтың</mark>" in hit.snippet
    assert (
        hit.title == "Жолдау талқыланды" and hit.published == "2021-09-11" and hit.primary_region == "KZ-19"
    )


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(region="KZ-55"), {"ru2.txt", "kk2.txt"}),
        (Filters(lang="ru"), {"ru1.txt", "ru2.txt", "ru3.txt"}),
        (Filters(since="2023-01-01"), {"ru2.txt", "kk2.txt"}),
        (Filters(until="2021-09-10"), {"ru1.txt"}),
        (Filters(address="2021-09-01"), {"ru1.txt", "kk1.txt"}),
        (Filters(address="2021-09-01", lang="kk"), {"kk1.txt"}),
        (Filters(region="KZ-99"), set()),
    ],
)
def test_filters(filled: Store, filters: Filters, expected: set[str]) -> None:
    assert ids(filled.search(None, filters, limit=50)) == expected
    assert filled.count(filters) == len(expected)
    assert {r["source"] for r in filled.iter_records(filters)} == expected


def test_search_without_query_is_newest_first(filled: Store) -> None:
    published = [h.published for h in filled.search(None, limit=10)]
    dated = [p for p in published if p]
    assert dated == sorted(dated, reverse=True)


def test_get_returns_the_record_raw_text_and_raw_bytes(filled: Store) -> None:
    rid = CORPUS[1].record["id"]
    got = filled.get(rid)
    assert got is not None
    assert got.record["text"] == CORPUS[1].record["text"]
    assert got.raw_text.startswith(" date X")
    assert got.raw == b"raw bytes of kk1.txt"
    assert filled.get(rid[:8]) is not None  # unique prefix
    assert filled.get("0000000000000000") is None


def test_iter_records_round_trips_every_field(filled: Store) -> None:
    by_source = {r["source"]: r for r in filled.iter_records()}
    for item in CORPUS:
        assert by_source[item.record["source"]] == item.record


def test_rejections_are_kept_once_with_raw_bytes(store: Store) -> None:
    rej = [
        Rejection("junk.txt", "read", "binary data", raw=b"\x00\x01\x02"),
        Rejection("big.txt", "read", "too big", raw=None, raw_pointer="big.txt (9 bytes, sha256 abc)"),
    ]
    assert store.add_rejections(rej) == 2
    assert store.add_rejections(rej) == 0  # seen again: updated, not duplicated
    rows = {r["source"]: r for r in store.rejections()}
    assert rows["junk.txt"]["raw_size"] == 3 and rows["junk.txt"]["times_seen"] == 2
    assert rows["big.txt"]["raw_pointer"].startswith("big.txt")


def test_runs_are_recorded(store: Store) -> None:
    run = store.start_run(["demo/corpus"], {"db": "x"})
    store.add_articles(CORPUS[:1], run)
    store.finish_run(run, {"ingested": 1, "duplicates": 0, "rejected": 0})
    (row,) = store.runs()
    assert row["id"] == run and row["status"] == "done" and row["ingested"] == 1
    assert row["inputs"] == ["demo/corpus"]


def test_stats_count_by_language_region_and_address(filled: Store) -> None:
    s = filled.stats()
    assert s["articles"] == 5
    assert s["by_lang"] == {"ru": 3, "kk": 2}
    assert s["by_region"]["KZ-55"] == 2
    assert s["by_address"] == {"2021-09-01": 2, "2023-09-01": 1, "2025-09-08": 1}
