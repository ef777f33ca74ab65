"""What only the PostgreSQL store does: fuzzy names (pg_trgm), one store shared by threads, clear
errors for a server it cannot use, and databases with a C locale. The behaviour both stores share
is in tests/contract/."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import psycopg
import pytest

from tests.connect.conftest import akimat_kk, akimat_ru, school_report, stored
from tests.pg_server import PgServer
from zholdau.connect.runner import connect_store
from zholdau.errors import StoreError
from zholdau.model import Article, Fact
from zholdau.store import Store, StoredArticle, open_store
from zholdau.store.postgres import PostgresStore, redact, tsquery


def with_officials(source: str, text: str, *names: str) -> StoredArticle:
    art = Article(source=source, raw_text=text, text=text, lang="ru")
    art.facts["officials"] = [Fact({"name": n, "post": "аким", "level": "region"}) for n in names]
    return StoredArticle(art.to_record(), text)


NAMED = [
    with_officials("1.txt", "Аким области Амандык Баталов открыл школу.", "Амандык Баталов"),
    with_officials("2.txt", "Облыс әкімі Амандық Баталов мектеп ашты.", "Амандық Баталов"),
    with_officials("3.txt", "Аким района Нурлан Аскаров встретился с фермерами.", "Нурлан Аскаров"),
    with_officials("4.txt", "Заместитель акима Айгуль Сарсенова провела приём граждан.", "Айгуль Сарсенова"),
    with_officials("5.txt", "Как сообщил Баталов, работа продолжится.", "Баталов"),
]


@pytest.fixture
def pg(pg_url: str) -> Iterator[Store]:
    store = open_store(pg_url)
    store.add_articles(NAMED)
    yield store
    store.close()


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Батталов", {"Амандык Баталов", "Амандық Баталов", "Баталов"}),  # a misspelling
        ("Амандық Баталов", {"Амандық Баталов", "Амандык Баталов", "Баталов"}),  # kk and ru spelling, surname
        ("Сарсенова Айгүл", {"Айгуль Сарсенова"}),
        ("Аскаров", {"Нурлан Аскаров"}),
        ("Жумабаев", set()),
    ],
)
def test_similar_names_find_misspellings_and_other_spellings(
    pg: Store, query: str, expected: set[str]
) -> None:
    assert {r["name"] for r in pg.similar_names(query)} == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("амандық баталов", ["Амандық Баталов", "Амандык Баталов", "Баталов"]),
        ("баталов", ["Баталов", "Амандык Баталов", "Амандық Баталов"]),  # every word of two names matches too
    ],
)
def test_the_exact_spelling_comes_first(pg: Store, query: str, expected: list[str]) -> None:
    assert [r["name"] for r in pg.similar_names(query)][:3] == expected


def test_threads_sharing_one_store_never_lose_or_duplicate_articles(pg_url: str) -> None:
    store = open_store(pg_url)
    items = [
        with_officials(f"t{n}.txt", f"Совещание номер {n} по Посланию прошло в акимате.") for n in range(40)
    ]
    new: list[int] = []
    errors: list[BaseException] = []

    def write(offset: int) -> None:
        try:
            for start in range(0, 40, 8):
                batch = items[(start + offset) % 40 : (start + offset) % 40 + 8]
                new.append(store.add_articles(batch).new)
                store.search("послание", limit=5)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(k * 8,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert not any(t.is_alive() for t in threads), "writers are stuck"
    assert not errors and sum(new) == 40 and store.count() == 40
    store.close()


def test_a_database_with_the_c_locale_still_finds_names(pg_server: PgServer) -> None:
    # under LC_CTYPE=C pg_trgm sees no letters in Cyrillic: the contains-every-word match still works
    pg_server.admin("CREATE DATABASE c_locale TEMPLATE template0 LOCALE 'C'")
    try:
        store = open_store(pg_server.url("c_locale"))
        store.add_articles(NAMED)
        assert [r["name"] for r in store.similar_names("БАТАЛОВ амандык")] == ["Амандык Баталов"]
        assert {h.source for h in store.search("баталов")} == {"1.txt", "2.txt", "5.txt"}
        store.close()
    finally:
        pg_server.drop_database(pg_server.url("c_locale"))


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "postgresql://zholdau:s3cret@127.0.0.1:1/zholdau",
            "cannot connect to PostgreSQL at postgresql://zholdau:***@127.0.0.1:1/zholdau",
        ),
        ("postgres://nobody@127.0.0.1:1/x?connect_timeout=2", "is the server running"),
    ],
)
def test_a_server_it_cannot_reach_is_a_clear_error_without_the_password(url: str, message: str) -> None:
    with pytest.raises(StoreError, match="cannot connect") as err:
        open_store(url)
    assert message in str(err.value) and "s3cret" not in str(err.value)


def test_a_missing_database_is_a_clear_error(pg_server: PgServer) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        PostgresStore(pg_server.url("no_such_database"))


def test_runs_keep_no_database_password(pg_url: str) -> None:
    store = open_store(pg_url)
    store.start_run(["demo/corpus"], {"db": "postgresql://zholdau:s3cret@db.example.kz/zh", "workers": 2})
    assert store.runs()[0]["settings"] == {"db": "postgresql://zholdau:***@db.example.kz/zh", "workers": 2}
    store.close()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:p@db.example.kz:5433/zh", "postgresql://u:***@db.example.kz:5433/zh"),
        ("postgresql://u@db/zh?sslmode=require", "postgresql://u@db/zh?sslmode=require"),
        ("postgresql://:p@db/zh", "postgresql://:***@db/zh"),
    ],
)
def test_redact_hides_only_the_password(url: str, shown: str) -> None:
    assert redact(url) == shown


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", None),
        ("… — !", None),
        ("әкімі", ("(phraseto_tsquery('simple', %s))", ["әкім"])),  # Kazakh letters: the Kazakh key only
        (
            "Баталов 2024",
            (
                "(phraseto_tsquery('simple', %s) || phraseto_tsquery('simple', %s)) && "
                "(phraseto_tsquery('simple', %s))",
                ["батал", "баталов", "2024"],
            ),
        ),  # ru or kk key
    ],
)
def test_tsquery_has_one_alternative_per_key_and_word(
    query: str, expected: tuple[str, list[str]] | None
) -> None:
    assert tsquery(query) == expected


def test_missing_server_binaries_fail_and_say_what_to_run(monkeypatch: pytest.MonkeyPatch) -> None:
    import tests.pg_server as pg_server_module

    monkeypatch.setattr(pg_server_module, "find_bindir", lambda: None)
    with pytest.raises(pytest.fail.Exception, match="make system-postgres"):
        PgServer.start()


def _anchors(url: str) -> list[tuple[Any, ...]]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT x.side, x.key, x.region, x.published, a.id, x.idx FROM connect_anchors x "
            "JOIN articles a ON a.rowid = x.article_rowid ORDER BY 1, 2, 3, 4, 5, 6"
        ).fetchall()


def _nul_report() -> StoredArticle:
    # a NUL in the text reaches the report's window as a \u0000 escape in its JSON (which jsonb refuses)
    text = "В Петропавловске\x00 ввели в эксплуатацию школу на 450 мест по поручению акима области."
    return stored("nul.txt", text, published="2024-11-26", title="Школа на 450 мест")


@pytest.mark.parametrize(
    ("corpus", "sides"),
    [
        ([akimat_ru, akimat_kk, school_report], {"a", "r"}),
        ([akimat_ru, _nul_report], {"a", "r"}),
        ([school_report], {"r"}),
    ],
)
def test_a_database_connected_before_the_anchor_index_gets_its_anchors(
    pg_url: str, corpus: list[Callable[[], StoredArticle]], sides: set[str]
) -> None:
    store = open_store(pg_url)
    store.add_articles([make() for make in corpus])
    connect_store(store, date(2025, 6, 1), embeddings="off")
    store.close()
    written = _anchors(pg_url)  # what the connect step wrote
    assert {a[0] for a in written} == sides
    with psycopg.connect(pg_url, autocommit=True) as conn:  # as schema version 5 left the database
        conn.execute("DROP TABLE articles_recent")  # and its trigger: migration 7
        conn.execute("DROP FUNCTION zh_articles_recent_follow CASCADE")
        conn.execute("DROP TABLE connect_anchors")
        conn.execute("UPDATE schema_version SET version = 5")
    store = open_store(pg_url)  # migration 6 derives the anchors from the kept assignments and reports
    assert store.schema_version() == 8
    store.close()
    assert _anchors(pg_url) == written


def _window_article(n: int, text: str) -> StoredArticle:
    art = Article(source=f"share-{n}.txt", raw_text=text, text=text, lang="ru")
    art.meta["published"] = Fact(f"2024-01-{n % 28 + 1:02d}")
    return StoredArticle(art.to_record(), text)


def test_the_window_is_the_same_read_in_order_or_by_bitmap(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How the newest matches are found (rows in order, or the GIN bitmap: chosen by the statistics'
    share of the query's keys) never changes which they are."""
    import zholdau.store.postgres as postgres_module
    from zholdau.store import Filters
    from zholdau.store.postgres import key_groups

    monkeypatch.setattr(postgres_module, "RANK_WINDOW", 7)
    store = open_store(pg_url)
    assert isinstance(store, PostgresStore)
    # 300 articles: "орошение" in every third one, "дороги" in all, "мост" in one
    items = [
        _window_article(
            n,
            f"Номер {n}. Аким обсудил дороги{' и орошение полей' if n % 3 == 0 else ''}"
            f"{' и мост' if n == 150 else ''}.",
        )
        for n in range(300)
    ]
    store.add_articles(items)
    assert store._recent_share(key_groups("орошение")) is None  # no statistics yet: the bitmap is used
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ANALYZE articles_recent")
    store._key_shares = None  # read them again now
    share = store._recent_share(key_groups("орошение"))
    assert share is not None and abs(share - 1 / 3) < 0.05
    common = store._recent_share(key_groups("дороги"))
    assert common is not None and common > 0.9
    rare = store._recent_share(key_groups("мост"))
    assert rare is not None and rare < 0.05
    # "орошение полей": two words of a third of the articles each, always together. Independent words would
    # match a ninth of them; the estimate lies between that and the third they really match
    both = store._recent_share(key_groups("орошение полей"))
    assert both is not None and 0.15 < both < 0.25
    where, args = store._where(Filters())
    for word, expected in (("орошение", 7), ("дороги", 7), ("мост", 1)):
        tsq = tsquery(word)
        assert tsq is not None
        by_bitmap = store._best_of_window("articles_recent", tsq, where, args, "bitmap", 7, 7)
        in_order = store._best_of_window("articles_recent", tsq, where, args, "order", 7, 7)
        by_planner = store._best_of_window("articles_recent", tsq, where, args, None, 7, 7)
        assert by_bitmap == in_order == by_planner
        ranked, matched = by_bitmap
        assert matched == len(ranked) == expected
        assert [s for _, s in ranked] == sorted((s for _, s in ranked), reverse=True)
    newest = store.search("орошение", limit=10)
    assert {h.source for h in newest} == {f"share-{n}.txt" for n in range(279, 300) if n % 3 == 0}
    # psycopg prepares a statement run five times, and PostgreSQL then reuses its plan whatever SET LOCAL
    # says: a window statement planned for the bitmap would go on reading in order (or the other way
    # round). The window statement is never prepared.
    for _ in range(6):
        for word, scan in (("орошение", "bitmap"), ("дороги", "order")):
            tsq = tsquery(word)
            assert tsq is not None
            store._best_of_window("articles_recent", tsq, where, args, scan, 7, 7)
        store.search("орошение", limit=10)
    prepared = [r["statement"] for r in store._all("SELECT statement FROM pg_prepared_statements")]
    assert prepared and not [p for p in prepared if "ORDER BY a.rowid DESC LIMIT" in p]
    store.close()


def test_a_narrow_filter_keeps_a_common_word_off_the_reading_in_order(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "дороги" is in every article, but only one in ten is in KZ-33: reading rows in order until 7 of
    those match would go through most of the table, so the window is found by the indexes."""
    import zholdau.store.postgres as postgres_module
    from zholdau.store import Filters

    monkeypatch.setattr(postgres_module, "RANK_WINDOW", 7)
    store = open_store(pg_url)
    assert isinstance(store, PostgresStore)
    items = []
    for n in range(300):
        item = _window_article(n, f"Номер {n}. Аким обсудил дороги.")
        item.record["primary_region"] = "KZ-33" if n % 10 == 0 else "KZ-55"
        items.append(item)
    store.add_articles(items)
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("ANALYZE articles_recent")
    where, args = store._where(Filters(region="KZ-33"))
    assert 0.05 < store._recent_passing(where, args) < 0.2
    scans: list[str | None] = []
    best_of_window = store._best_of_window

    def spy(table: str, tsq: Any, where: str, args: Any, scan: str | None, size: int, top: int) -> Any:
        scans.append(scan)
        return best_of_window(table, tsq, where, args, scan, size, top)

    monkeypatch.setattr(store, "_best_of_window", spy)
    hits = store.search("дороги", Filters(region="KZ-33"), limit=3)
    # the window is the newest 7 of the region (230..290); equal ranks list the older first
    assert [h.source for h in hits] == ["share-230.txt", "share-240.txt", "share-250.txt"]
    assert scans == [None]  # the planner's choice, which weighs the region's index
    scans.clear()
    assert len(store.search("дороги", limit=3)) == 3
    assert scans == ["order"]  # without the filter, the common word is read in order
    store.close()
