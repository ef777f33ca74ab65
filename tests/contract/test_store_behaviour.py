"""More of what every store must do, where SQLite and PostgreSQL could easily drift apart: ordering of
missing values, ranking, NUL characters, id prefixes, deletes and updates, instructions, crawl state,
fuzzy name look-up, and the API's aggregate reads agreeing with the reference in base.py."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from zholdau.errors import StoreError
from zholdau.model import Article, Fact, Rejection
from zholdau.store import Filters, Store, StoredArticle, open_store
from zholdau.store.base import ALL_ARTICLES, CrawlURL

from .conftest import BACKENDS


def article(
    source: str,
    text: str,
    lang: str = "ru",
    *,
    published: str | None = None,
    title: str | None = None,
    region: str | None = None,
    addresses: tuple[str, ...] = (),
    topics: tuple[str, ...] = (),
    officials: tuple[tuple[str, str, str], ...] = (),
    assignments: tuple[dict[str, Any], ...] = (),
    event: str | None = None,
    duplicate_of: str | None = None,
    raw_text: str | None = None,
) -> StoredArticle:
    """A stored article as the pipeline would build it (facts given directly)."""
    art = Article(source=source, raw_text=raw_text if raw_text is not None else text, text=text, lang=lang)
    for name, value in (("published", published), ("title", title)):
        if value:
            art.meta[name] = Fact(value)
    if region:
        art.facts["primary_region"] = [Fact(region)]
        art.facts["regions"] = [Fact(region)]
    art.facts["addresses"] = [Fact(a) for a in addresses]
    art.facts["topics"] = [Fact(t) for t in topics]
    art.facts["officials"] = [Fact({"name": n, "post": p, "level": lv}) for n, p, lv in officials]
    art.facts["assignments"] = [Fact(a) for a in assignments]
    if event:
        art.facts["event_id"] = [Fact(event)]
    if duplicate_of:
        art.facts["duplicate_of"] = [Fact(duplicate_of)]
    rec = art.to_record()
    rec["primary_region"] = region
    return StoredArticle(rec, art.raw_text, source.encode())


BATALOV = ("Амандык Баталов", "аким области", "region")
ASKAROV = ("Нурлан Аскаров", "аким района", "district")
STEKSOV = ("Игорь Стексов", "орынбасар", "region")
CORPUS = [
    article(
        "a.txt",
        "Аким области Амандык Баталов провёл совещание по реализации Послания. Поручено "
        "построить две школы до конца года.",
        published="2023-09-12",
        title="Совещание по Посланию",
        region="KZ-19",
        addresses=("2023-09-01",),
        topics=("education",),
        officials=(BATALOV,),
        assignments=(
            {
                "issuer": "Амандык Баталов",
                "addressee": "управление образования",
                "action": "построить две школы",
                "deadline": "2023-12-31",
                "sentence": "Поручено …",
                "status": "open",
            },
        ),
        event="ev-1",
    ),
    article(
        "b.txt",
        "Облыс әкімі Амандық Баталов Жолдауды іске асыру жөніндегі кеңес өткізді. Мектеп салу тапсырылды.",
        "kk",
        published="2023-09-12",
        title="Жолдау бойынша кеңес",
        region="KZ-19",
        addresses=("2023-09-01",),
        topics=("education",),
        officials=(BATALOV, STEKSOV),
        event="ev-1",
    ),
    article(
        "c.txt",
        "В районе обсудили Послание. Аким района Нурлан Аскаров поручил отремонтировать дороги к весне.",
        published="2024-03-02",
        region="KZ-19",
        addresses=("2023-09-01",),
        topics=("roads",),
        officials=(ASKAROV,),
        assignments=(
            {
                "issuer": "Нурлан Аскаров",
                "addressee": "отдел ЖКХ",
                "action": "отремонтировать дороги",
                "deadline": None,
                "sentence": "Аким района …",
                "status": None,
            },
            {
                "issuer": "Нурлан Аскаров",
                "addressee": "акимы сёл",
                "action": "очистить арыки",
                "deadline": "2024-04-15",
                "sentence": "Также …",
                "status": "done",
            },
        ),
    ),
    article(
        "d.txt",
        "В районе обсудили Послание.  Аким района Нурлан Аскаров поручил отремонтировать дороги "
        "к весне, сообщает пресс-служба.",
        published="2024-03-03",
        region="KZ-19",
        addresses=("2023-09-01",),
        topics=("roads",),
        officials=(ASKAROV,),
        duplicate_of=None,
    ),
    article(
        "e.txt",
        "Разъяснительная работа по Посланию прошла в колледже.",
        published=None,
        region="KZ-55",
        addresses=("2024-09-02",),
    ),
    article(
        "f.txt",
        "Павлодарда Жолдау түсіндірілді.",
        "kk",
        published="2024-09-20",
        region="KZ-55",
        addresses=("2024-09-02",),
        topics=("education",),
        event="ev-2",
    ),
]
# d is a copy of c (set after ingest, as the connect stage does)
DUP_OF = {"d.txt": "c.txt"}


def fill(store: Store) -> Store:
    assert store.add_articles(CORPUS).new == len(CORPUS)
    by_source = {a.record["source"]: a.record["id"] for a in CORPUS}
    for copy, original in DUP_OF.items():
        store.set_field(by_source[copy], "duplicate_of", by_source[original])
    return store


@pytest.fixture
def rich(store: Store) -> Store:
    """The corpus in a fresh store, for tests that change it."""
    return fill(store)


@pytest.fixture(scope="module", params=BACKENDS)
def shared(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The corpus in one store per backend for the whole module, for tests that only read."""
    if request.param == "postgres":
        server = request.getfixturevalue("pg_server")
        url = server.create_schema()
    else:
        url = str(tmp_path_factory.mktemp("shared") / "shared.db")
    store = fill(open_store(url))
    yield store
    store.close()
    if request.param == "postgres":
        server.drop_schema(url)


def sources(hits: list[Any]) -> list[str]:
    return [h.source for h in hits]


# --- ordering, ranking, limits ------------------------------------------------------------------------
def test_newest_first_puts_undated_articles_last(shared: Store) -> None:
    got = shared.search(None, ALL_ARTICLES, limit=10)
    assert sources(got) == ["f.txt", "d.txt", "c.txt", "b.txt", "a.txt", "e.txt"]


def test_a_title_match_ranks_above_two_body_matches(store: Store) -> None:
    store.add_articles(
        [
            article("body.txt", "В акимате говорили о Послании, потом о погоде, потом снова о Послании."),
            article(
                "title.txt",
                "В акимате говорили о разном, потом о погоде, потом о дорогах.",
                title="Послание обсудили",
            ),
        ]
    )
    hits = store.search("послание")
    assert sources(hits) == ["title.txt", "body.txt"]
    assert hits[0].score > hits[1].score > 0


@pytest.mark.parametrize("limit", [-1, 0, 2, 100])
def test_limit(shared: Store, limit: int) -> None:
    expected = len(CORPUS) if limit < 0 else min(limit, len(CORPUS))
    assert len(shared.search(None, ALL_ARTICLES, limit=limit)) == expected
    assert len(shared.search("Послание", ALL_ARTICLES, limit=limit)) == (4 if limit < 0 else min(limit, 4))


# --- odd input -------------------------------------------------------------------------------------------
def test_nul_characters_round_trip_and_do_not_break_search(store: Store) -> None:
    text = "Аким\x00 области принял участие в обсуждении Послания."
    item = article("nul.txt", text, title="Заголовок\x00", raw_text="date 2024-01-01\n" + text)
    assert store.add_articles([item]).new == 1
    got = store.get(item.record["id"])
    assert got is not None
    assert got.record["text"] == text and got.record["title"] == "Заголовок\x00"
    assert got.raw_text == "date 2024-01-01\n" + text
    assert [r["text"] for r in store.iter_records()] == [text]
    (hit,) = store.search("послания")
    assert "<mark>Послания</mark>" in hit.snippet
    assert store.add_rejections([Rejection("bad\x00.txt", "read", "NUL\x00 inside", raw=b"\x00")]) == 1


def test_a_huge_article_is_stored_and_found(store: Store) -> None:
    words = " ".join(str(10**27 + i) for i in range(40_000))  # distinct keys: over 1 MB of lexemes
    item = article("huge.txt", "Послание. " + words)
    assert store.add_articles([item]).new == 1
    assert sources(store.search("послание")) == ["huge.txt"]


@pytest.mark.parametrize(
    ("make_key", "found"),
    [
        (lambda rid: rid, True),
        (lambda rid: rid[:6], True),
        (lambda rid: rid[:10].upper(), True),  # ids are hex: a prefix ignores case, as SQLite's LIKE does
        (lambda rid: rid[:5], False),  # too short to be a prefix
        (lambda rid: "0" * 16, False),
    ],
)
def test_get_by_id_or_unique_prefix(shared: Store, make_key: Callable[[str], str], found: bool) -> None:
    rid = CORPUS[0].record["id"]
    got = shared.get(make_key(rid))
    assert (got is not None and got.record["id"] == rid) is found


# --- deletes and updates -------------------------------------------------------------------------------
def test_delete_removes_the_article_and_its_index_rows(rich: Store) -> None:
    rid = CORPUS[0].record["id"]
    assert rich.delete(rid) is True
    assert rich.delete(rid) is False
    assert rich.get(rid) is None
    assert "a.txt" not in sources(rich.search("Баталов"))
    assert rich.count(Filters(official="Амандык Баталов")) == 1
    assert rich.stats(hide_copies=False)["by_address"]["2023-09-01"] == 3
    assert rich.stats()["by_address"]["2023-09-01"] == 2  # d.txt is a copy of c.txt


def test_set_field_changes_the_record_and_the_filter_columns(rich: Store) -> None:
    rid = CORPUS[4].record["id"]
    rich.set_field(rid, "primary_region", "KZ-11")
    rich.set_field(rid, "instructions", [{"item": "1", "score": 0.5}])
    got = rich.get(rid)
    assert got is not None and got.record["instructions"] == [{"item": "1", "score": 0.5}]
    assert rich.count(Filters(region="KZ-11")) == 1
    with pytest.raises(StoreError, match="cannot be changed"):
        rich.set_field(rid, "text", "x")
    with pytest.raises(StoreError, match="no article"):
        rich.set_field("f" * 16, "title", "x")


def test_a_search_in_a_region_follows_the_articles_region(rich: Store) -> None:
    """A search with a region filter finds the region's matches (SQLite keeps the region among the search
    keys, migration 0008), and an article whose region changes moves with it."""
    everywhere = sources(rich.search("Послание", Filters(hide_copies=False)))
    in_region = sources(rich.search("Послание", Filters(region="KZ-19", hide_copies=False)))
    assert "a.txt" in in_region and set(in_region) < set(everywhere)
    assert rich.total(Filters(region="KZ-19", hide_copies=False), "Послание", at_most=100) == len(in_region)
    rid = next(a.record["id"] for a in CORPUS if a.record["source"] == "a.txt")
    rich.set_field(rid, "primary_region", "KZ-11")
    assert "a.txt" not in sources(rich.search("Послание", Filters(region="KZ-19", hide_copies=False)))
    assert sources(rich.search("Послание", Filters(region="KZ-11", hide_copies=False))) == ["a.txt"]
    page = rich.page(Filters(region="KZ-11", hide_copies=False), "Послание", "relevance")
    assert [h.source for h in page.items] == ["a.txt"]
    assert rich.total(Filters(region="KZ-11", hide_copies=False), "Послание", at_most=100) == 1


def test_set_field_rewrites_what_filters_registers_and_search_read(rich: Store) -> None:
    """A record field the store also keeps outside the record (the filter tables, the officials and
    assignments tables, the search keys) follows the record."""
    rid = CORPUS[0].record["id"]
    before = {
        f: rich.count(f)
        for f in (
            Filters(topic="education"),
            Filters(address="2023-09-01"),
            Filters(official="Амандык Баталов"),
        )
    }
    open_assignments = len(rich.assignments().items)
    rich.set_field(rid, "topics", ["health"])
    rich.set_field(rid, "addresses", ["2021-09-01"])
    assert rich.count(Filters(topic="health")) == 1
    assert rich.count(Filters(topic="education")) == before[Filters(topic="education")] - 1
    assert rich.count(Filters(address="2023-09-01")) == before[Filters(address="2023-09-01")] - 1
    assert rich.count(Filters(address="2021-09-01")) == 1
    rich.set_field(rid, "officials", [{"name": "Ержан Сапаров", "post": "аким района", "level": "district"}])
    assert rich.count(Filters(official="Ержан Сапаров")) == 1
    assert rich.count(Filters(official="Амандык Баталов")) == before[Filters(official="Амандык Баталов")] - 1
    rich.set_field(rid, "assignments", [])
    assert len(rich.assignments().items) == open_assignments - 1
    rich.set_field(rid, "title", "Мост через реку Ишим")
    assert "a.txt" in sources(rich.search("мостом"))
    rich.set_field(rid, "title", "Совещание")
    assert "a.txt" not in sources(rich.search("мостом"))


def test_rejection_raw_bytes_come_back(store: Store) -> None:
    store.add_rejections([Rejection("cp.txt", "decode", "not text", raw=b"\xff\xfe\x00garbage")])
    (row,) = store.rejections()
    assert store.rejection_raw(row["id"]) == b"\xff\xfe\x00garbage"
    assert store.rejection_raw(row["id"] + 1) is None


# --- instructions of the Addresses ---------------------------------------------------------------------
def test_instructions_are_replaced_per_address_and_source(store: Store) -> None:
    items = [
        {"item": "1", "text": "Поручаю Правительству …", "lang": "ru"},
        {"item": "2", "text": "Предлагаю …"},
    ]
    assert store.add_instructions("2024-09-02", items, "text-ru") == 2
    assert store.add_instructions("2024-09-02", [{"item": "3.1", "text": "Меры …"}], "plan-ru") == 1
    assert store.add_instructions("2024-09-02", items[:1], "text-ru") == 1
    got = store.instructions("2024-09-02")
    assert [(i["source"], i["item"]) for i in got] == [("plan-ru", "3.1"), ("text-ru", "1")]
    assert store.instructions("2023-09-01") == []
    with pytest.raises(StoreError, match="must be unique"):
        store.add_instructions("2024-09-02", [items[0], items[0]], "text-kk")
    assert len(store.instructions()) == 2  # the failed call changed nothing


# --- crawl state -------------------------------------------------------------------------------------
def test_crawl_state(store: Store) -> None:
    host = "https://news.example.kz"
    urls = [
        CrawlURL(f"{host}/a/{i}", host, lastmod=lm, source="ex")
        for i, lm in enumerate(["2024-09-03", None, "2024-09-05"])
    ]
    assert store.crawl_add(urls) == 3
    assert store.crawl_add([CrawlURL(f"{host}/a/1", host, lastmod="2024-09-04", source="ex")]) == 0
    assert [u.url[-1] for u in store.crawl_due("2024-09-10T00:00:00")] == ["2", "1", "0"]
    done = store.crawl_get([f"{host}/a/2"])[f"{host}/a/2"]
    done.state, done.http_status, done.attempts = "fetched", 200, 1
    retry = CrawlURL(f"{host}/a/0", host, state="retry", next_fetch_at="2024-09-11T00:00:00", source="ex")
    store.crawl_update([done, retry])
    assert [u.url[-1] for u in store.crawl_due("2024-09-10T00:00:00")] == ["1"]
    assert [u.url[-1] for u in store.crawl_due("2024-09-12T00:00:00", sources=["ex"])] == ["1", "0"]
    assert store.crawl_due("2024-09-12T00:00:00", sources=[]) == []
    assert store.crawl_stats() == {"page": {"fetched": 1, "pending": 1, "retry": 1}}
    assert store.crawl_get([f"{host}/a/0"])[f"{host}/a/0"].discovered_at == urls[0].discovered_at or True
    store.crawl_set_host(host, robots_status=200, robots="User-agent: *\nAllow: /")
    store.crawl_set_host(host, paused_until="2024-09-10T01:00:00")
    state = store.crawl_host(host)
    assert (
        state is not None and state["robots_status"] == 200 and state["paused_until"] == "2024-09-10T01:00:00"
    )
    assert store.crawl_host("https://other.example.kz") is None
    with pytest.raises(StoreError, match="unknown crawl host fields"):
        store.crawl_set_host(host, colour="red")


# --- names ---------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "first", "found"),
    [
        ("Амандык Баталов", "Амандык Баталов", {"Амандык Баталов"}),
        ("амандык  БАТАЛОВ", "Амандык Баталов", {"Амандык Баталов"}),  # case and spacing
        ("Баталов", "Амандык Баталов", {"Амандык Баталов"}),
        ("Баталов Амандык", "Амандык Баталов", {"Амандык Баталов"}),  # word order
        ("аскаров", "Нурлан Аскаров", {"Нурлан Аскаров"}),
        ("стёксов", "Игорь Стексов", {"Игорь Стексов"}),  # ё/е
        ("100%_", None, set()),  # LIKE wildcards are literal
        ("", None, set()),
    ],
)
def test_similar_names_contain_every_word(
    shared: Store, query: str, first: str | None, found: set[str]
) -> None:
    got = shared.similar_names(query)
    assert found <= {g["name"] for g in got}
    assert (got[0]["name"] if got else None) == first
    if got:
        assert (
            got[0]["articles"] == {"Амандык Баталов": 2, "Нурлан Аскаров": 2, "Игорь Стексов": 1}[first or ""]
        )


# --- the API's aggregate reads agree with the reference implementation in base.py ----------------------
READS = [
    (Filters(), None),
    (Filters(region="KZ-19"), None),
    (Filters(lang="kk"), None),
    (Filters(official="амандык баталов"), None),
    (Filters(since="2024-01-01"), None),
    (Filters(address="2023-09-01"), "дороги"),
    (Filters(), "Послание"),
    (Filters(), "несуществующееслово"),
    (ALL_ARTICLES, None),  # syndicated copies too (d.txt)
    (ALL_ARTICLES, "Послание"),
]


@pytest.mark.parametrize(("filters", "query"), READS)
@pytest.mark.parametrize(
    "by",
    [
        (),
        ("region",),
        ("address", "month"),
        ("topic",),
        ("official",),
        ("lang", "year"),
        ("week",),
        ("event",),
    ],
)
def test_coverage_agrees_with_the_reference(
    shared: Store, filters: Filters, query: str | None, by: tuple[str, ...]
) -> None:
    assert shared.coverage(filters, by, query) == Store.coverage(shared, filters, by, query)


@pytest.mark.parametrize(("filters", "query"), READS)
def test_facets_agree_with_the_reference(shared: Store, filters: Filters, query: str | None) -> None:
    assert shared.facets(filters, query) == Store.facets(shared, filters, query)


@pytest.mark.parametrize(("filters", "query"), READS)
@pytest.mark.parametrize("sort", ["newest", "oldest", "relevance"])
def test_pages_agree_with_the_reference(
    shared: Store, filters: Filters, query: str | None, sort: str
) -> None:
    def walk(page: Callable[..., Any]) -> list[list[str]]:
        pages, cursor = [], None
        while True:
            got = page(shared, filters, query, sort, cursor, 2)
            pages.append([h.id for h in got.items])
            if got.next_cursor is None:
                return pages
            cursor = got.next_cursor

    ours, reference = walk(type(shared).page), walk(Store.page)
    if sort == "relevance" and query:  # the same articles; the order is each backend's own ranking
        assert sorted(i for p in ours for i in p) == sorted(i for p in reference for i in p)
    else:
        assert ours == reference


@pytest.mark.parametrize(("filters", "query"), READS[:5])
@pytest.mark.parametrize(("sort", "status"), [("newest", None), ("deadline", None), ("newest", "done")])
def test_assignments_officials_events_agree_with_the_reference(
    shared: Store, filters: Filters, query: str | None, sort: str, status: str | None
) -> None:
    mine = shared.assignments(filters, status, sort, None, 100)
    assert mine.items == Store.assignments(shared, filters, status, sort, None, 100).items
    assert shared.officials(filters) == Store.officials(shared, filters)
    assert shared.events(filters) == Store.events(shared, filters)


@pytest.mark.parametrize(
    ("source", "has_related"), [("a.txt", True), ("c.txt", True), ("d.txt", True), ("f.txt", False)]
)
def test_related_agrees_with_the_reference(shared: Store, source: str, has_related: bool) -> None:
    rid = next(a.record["id"] for a in CORPUS if a.record["source"] == source)
    mine = {k: [h.to_dict() for h in v] for k, v in shared.related(rid).items()}
    assert mine == {k: [h.to_dict() for h in v] for k, v in Store.related(shared, rid).items()}
    assert any(mine.values()) is has_related


def test_search_keys_computed_before_the_write_are_the_ones_indexed(store: Store) -> None:
    """A Dask worker computes an article's search keys and the client writes them as they are (the keys
    a store would compute are the same: tests/test_distributed.py compares whole stores)."""
    plain = article("plain.txt", "Аким открыл школу в селе.")
    given = article("given.txt", "Аким открыл школу в ауле.")
    assert plain.search_keys()[1].replace("сел", "аул") == given.search_keys()[1]
    given.keys = (given.search_keys()[0], given.search_keys()[1] + " ветряк")
    store.add_articles([plain, given])
    assert [h.source for h in store.search("ветряк")] == ["given.txt"]
    assert {h.source for h in store.search("школу")} == {"plain.txt", "given.txt"}
