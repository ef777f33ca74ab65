"""The connect step over a real SQLite store: incremental runs, any ingest order, recompute."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from zholdau.connect import dedup
from zholdau.connect.runner import connect_store
from zholdau.store import Filters, Store, StoredArticle, open_store

from .conftest import BODY_RU, akimat_kk, akimat_ru, maslikhat, school_report

TODAY = date(2025, 6, 1)


@pytest.fixture
def store(tmp_path: Any) -> Iterator[Store]:
    s = open_store(str(tmp_path / "c.db"))
    yield s
    s.close()


def add(store: Store, *items: StoredArticle) -> list[str]:
    store.add_articles(list(items))
    return [i.record["id"] for i in items]


def rec(store: Store, article_id: str) -> dict[str, Any]:
    got = store.get(article_id)
    assert got is not None
    return got.record


def run(store: Store, ids: list[str] | None = None, today: date = TODAY) -> Any:
    return connect_store(store, today, ids, embeddings="off")


def test_a_copy_ingested_later_finds_its_original(store: Store) -> None:
    (orig,) = add(store, akimat_ru())
    run(store, [orig])
    (copy,) = add(
        store,
        akimat_ru(
            "copy.txt",
            "2024-09-11",
            "Школа на 450 мест будет сдана до декабря",
            BODY_RU.replace("подчеркнул", "заявил") + "\nИрина Ким, sko-news.kz",
        ),
    )
    report = run(store, [copy])
    assert report.copies == 1 and report.articles == 1  # only the new article was read
    assert rec(store, copy)["duplicate_of"] == orig
    assert rec(store, copy)["event_id"] == rec(store, orig)["event_id"] is not None
    assert "duplicate_of" not in rec(store, orig)


def test_an_earlier_copy_becomes_the_original(store: Store) -> None:
    (late,) = add(store, akimat_ru("late.txt", "2024-09-11", "Заголовок сайта-перепечатки"))
    run(store)
    early, same_day = add(
        store,
        akimat_ru("early.txt", "2024-09-10", time="09:30"),
        akimat_ru("same_day.txt", "2024-09-10", "Третий заголовок", time="18:00"),
    )
    run(store)
    assert "duplicate_of" not in rec(store, early)
    assert rec(store, late)["duplicate_of"] == rec(store, same_day)["duplicate_of"] == early


def test_kazakh_and_russian_reports_share_an_event_and_another_meeting_does_not(store: Store) -> None:
    ru, masl = add(store, akimat_ru(), maslikhat())
    run(store)
    (kk,) = add(store, akimat_kk())
    run(store, [kk])
    assert rec(store, kk)["event_id"] == rec(store, ru)["event_id"]
    assert rec(store, masl)["event_id"] not in (None, rec(store, ru)["event_id"])
    (ev,) = [e for e in store.events() if e["event_id"] == rec(store, ru)["event_id"]]
    assert ev["langs"] == ["kk", "ru"] and ev["articles"] == 2


@pytest.mark.parametrize("report_first", [False, True])
def test_a_report_follows_up_whatever_the_ingest_order(store: Store, report_first: bool) -> None:
    items = [school_report(), akimat_ru(), akimat_kk()]
    if report_first:
        items.reverse()
    ids = {}
    for item in items:  # one run per article: the order the crawler found them in
        (ids[item.record["source"]],) = add(store, item)
        run(store, [ids[item.record["source"]]])
    report = rec(store, ids["report.txt"])
    assert report["follows_up"] == [ids["ru.txt"]]  # the same language's version of the meeting
    for source in ("ru.txt", "kk.txt"):
        (a,) = rec(store, ids[source])["assignments"]
        assert a["status"] == "done" and a["followed_up_by"] == [ids["report.txt"]]
    rows = store.assignments(Filters(), status="done").items
    assert {r["article_id"] for r in rows} == {ids["ru.txt"], ids["kk.txt"]}


def test_overdue_when_the_deadline_passes_without_a_report(store: Store) -> None:
    (ru,) = add(store, akimat_ru())
    run(store, today=date(2024, 10, 1))
    assert rec(store, ru)["assignments"][0]["status"] == "assigned"
    run(store, [], today=date(2025, 1, 10))  # nothing new: the sweep alone
    assert rec(store, ru)["assignments"][0]["status"] == "overdue"
    assert [r["article_id"] for r in store.assignments(Filters(), status="overdue").items] == [ru]


def test_recompute_gives_the_same_record(store: Store) -> None:
    ids = add(
        store,
        akimat_ru(),
        akimat_kk(),
        maslikhat(),
        school_report(),
        akimat_ru("copy.txt", "2024-09-12", "Перепечатка"),
    )
    run(store)
    before = {
        i: {k: rec(store, i).get(k) for k in ("duplicate_of", "event_id", "follows_up", "assignments")}
        for i in ids
    }
    report = connect_store(store, TODAY, recompute=True, embeddings="off")
    assert report.articles == len(ids)
    after = {
        i: {k: rec(store, i).get(k) for k in ("duplicate_of", "event_id", "follows_up", "assignments")}
        for i in ids
    }
    assert after == before


def test_search_hides_copies_and_lists_them(store: Store) -> None:
    orig, copy = add(store, akimat_ru(), akimat_ru("copy.txt", "2024-09-12", "Перепечатка"))
    run(store)
    assert {h.id for h in store.search("школа", Filters(hide_copies=False))} == {orig, copy}
    hits = store.search("школа")  # by default one hit per text, its copies listed on it
    assert [(h.id, [c["id"] for c in h.extra["copies"]]) for h in hits] == [(orig, [copy])]
    assert store.count(Filters()) == store.total() == 1


def test_officials_register_merges_spellings(store: Store) -> None:
    add(store, akimat_ru(), akimat_kk(), school_report())
    run(store)
    rows = {(r["person"], r["post_key"]): r for r in store.officials_register()}
    row = rows[("каират ермеков", "region_akim")]
    assert row["names"] == ["Кайрат Ермеков", "Қайрат Ермеков"]
    assert (row["first_seen"], row["last_seen"], row["articles"], row["region"]) == (
        "2024-09-10",
        "2024-11-25",
        3,
        "KZ-59",
    )


def test_deleting_an_article_removes_its_connect_rows(store: Store) -> None:
    (ru,) = add(store, akimat_ru())
    run(store)
    keys = dedup.band_keys(dedup.signature(rec(store, ru)["text"]))
    assert store.lsh_candidates(keys) and store.connect_articles([1])
    assert store.delete(ru)
    assert store.connect_articles([1]) == {} and store.lsh_candidates(keys) == []


def _older_meeting(body_extra: str) -> StoredArticle:
    """The previous year's akimat meeting, with another school assignment (other words, no number)."""
    sentence = "Кайрат Ермеков поручил управлению строительства начать строительство школы в Петропавловске."
    from .conftest import stored

    return stored(
        "old.txt",
        "Заседание акимата по Посланию прошлого года провел аким области Кайрат Ермеков. "
        + body_extra
        + sentence,
        published="2023-09-12",
        addresses=(),
        officials=({"name": "Кайрат Ермеков", "post": "аким области", "level": "region"},),
        chair="Кайрат Ермеков",
        assignments=(
            {
                "issuer": "Кайрат Ермеков",
                "addressee": "управление строительства",
                "action": "начать строительство школы в Петропавловске",
                "deadline": None,
                "sentence": sentence,
            },
        ),
        places=("petropavl",),
    )


@pytest.mark.parametrize("old_first", [True, False])
def test_a_report_follows_up_one_meeting_only(store: Store, old_first: bool) -> None:
    items = [_older_meeting("Обсудили дороги и больницы. "), akimat_ru(), school_report()]
    if not old_first:
        items = [items[1], items[2], items[0]]
    ids = {}
    for item in items:
        (ids[item.record["source"]],) = add(store, item)
        run(store, [ids[item.record["source"]]])
    assert rec(store, ids["report.txt"])["follows_up"] == [ids["ru.txt"]]
    (old,) = rec(store, ids["old.txt"])["assignments"]
    assert "followed_up_by" not in old
    (new,) = rec(store, ids["ru.txt"])["assignments"]
    assert new["followed_up_by"] == [ids["report.txt"]]
