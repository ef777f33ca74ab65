"""Several processes writing into one store at once never lose or duplicate an article or a rejection,
and several processes opening a new store at once migrate it once (each test runs on both backends).

Every worker ingests the whole corpus in its own shuffled order and in small batches (a batch may
repeat an article), so the batches of different workers overlap in every possible way.
"""

from __future__ import annotations

import multiprocessing as mp
import random
import traceback
from collections import Counter
from typing import Any

import pytest

from zholdau.model import Article, Fact, Rejection
from zholdau.store import Filters, StoredArticle, open_store

WORKERS = 4
ARTICLES = 48
BATCH = 24
REGIONS = ["KZ-10", "KZ-19", "KZ-55", "KZ-63"]
ADDRESSES = ["2022-03-16", "2023-09-01", "2024-09-02"]
PLACES = ["Талдыкорган", "Павлодар", "Семей", "Конаев", "Экибастуз", "Жаркент"]


def corpus() -> list[StoredArticle]:
    """Distinct articles (each text names its own number, so each has its own id)."""
    items = []
    for n in range(ARTICLES):
        text = (
            f"В городе {PLACES[n % len(PLACES)]} прошло совещание номер {n} по реализации Послания "
            f"Главы государства. Обсудили ремонт {n + 3} школ."
        )
        art = Article(source=f"w{n}.txt", raw_text=text, text=text, lang="ru")
        art.facts["primary_region"] = [Fact(REGIONS[n % len(REGIONS)])]
        art.facts["addresses"] = [Fact(ADDRESSES[n % len(ADDRESSES)])]
        art.facts["officials"] = [Fact({"name": f"Ерлан Сапаров{n % 3}", "post": "аким", "level": "city"})]
        rec = art.to_record()
        rec["primary_region"] = REGIONS[n % len(REGIONS)]
        items.append(StoredArticle(rec, text, text.encode()))
    return items


REJECTIONS = [
    Rejection(f"broken{n}.jsonl#L{n}", "read", "not JSON: fix the line or remove it", raw=b"{oops")
    for n in range(12)
]


def _worker(url: str, seed: int, barrier: Any, results: Any) -> None:
    try:
        items = corpus()
        order = list(range(ARTICLES))
        rng = random.Random(seed)
        rng.shuffle(order)
        # a few repeats inside the batches, as when one input holds the same article twice
        order += rng.sample(range(ARTICLES), 5)
        rejections = REJECTIONS[:]
        rng.shuffle(rejections)
        barrier.wait(timeout=60)
        store = open_store(url)
        new_ids: list[str] = []
        duplicates = new_rejections = sent_rejections = 0
        for n, start in enumerate(range(0, len(order), BATCH)):
            batch = [items[i] for i in order[start : start + BATCH]]
            res = store.add_articles(batch)
            # the ids this worker stored: the batch less the ones reported as duplicates
            new_ids += (Counter(it.record["id"] for it in batch) - Counter(res.duplicate_ids)).elements()
            duplicates += res.duplicates
            some = rejections[n % 3 * 4 : n % 3 * 4 + 4]
            new_rejections += store.add_rejections(some)
            sent_rejections += len(some)
        store.close()
        results.put(("ok", new_ids, duplicates, new_rejections, sent_rejections))
    except BaseException:
        results.put(("error", traceback.format_exc()))


def _opener(url: str, barrier: Any, results: Any) -> None:
    try:
        barrier.wait(timeout=60)
        store = open_store(url)
        results.put(("ok", store.schema_version()))
        store.close()
    except BaseException:
        results.put(("error", traceback.format_exc()))


def _run(target: Any, args_of: Any, n: int) -> list[tuple[Any, ...]]:
    ctx = mp.get_context("fork")  # the children need nothing from the parent but the code
    barrier, results = ctx.Barrier(n), ctx.Queue()
    procs = [ctx.Process(target=target, args=(*args_of(i), barrier, results)) for i in range(n)]
    for p in procs:
        p.start()
    out = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    errors = [r[1] for r in out if r[0] == "error"]
    assert not errors, errors[0]
    return out


def test_processes_ingesting_overlapping_batches_store_every_article_once(store_url: str) -> None:
    open_store(store_url).close()  # migrated (the next test races the migration itself)
    out = _run(_worker, lambda i: (store_url, i), WORKERS)
    new_ids = [rid for r in out for rid in r[1]]
    all_ids = {it.record["id"] for it in corpus()}
    assert sorted(new_ids) == sorted(all_ids)  # each stored by exactly one worker
    assert sum(r[2] for r in out) == WORKERS * (ARTICLES + 5) - ARTICLES
    assert sum(r[3] for r in out) == len(REJECTIONS)
    store = open_store(store_url)
    try:
        assert store.count() == ARTICLES
        assert {r["id"] for r in store.iter_records()} == all_ids
        assert sum(store.stats()["by_address"].values()) == ARTICLES
        assert store.count(Filters(official="ерлан сапаров1")) == ARTICLES // 3
        assert len(store.search("совещание", limit=1000)) == ARTICLES
        rows = store.rejections()
        assert len(rows) == len(REJECTIONS)
        assert sum(r["times_seen"] for r in rows) == sum(r[4] for r in out)
    finally:
        store.close()


@pytest.fixture
def fresh_url(request: pytest.FixtureRequest, store_url: str) -> str:
    """A store URL nobody has opened yet: a new file, or a whole new PostgreSQL database."""
    if store_url.startswith("postgresql://"):
        return str(request.getfixturevalue("pg_database_url"))
    return store_url


def test_processes_opening_a_new_store_at_once_migrate_it_once(fresh_url: str) -> None:
    out = _run(_opener, lambda i: (fresh_url,), WORKERS)
    versions = {r[1] for r in out}
    store = open_store(fresh_url)
    try:
        assert versions == {store.schema_version()} and store.schema_version() >= 1
        assert store.count() == 0
    finally:
        store.close()
