"""The connect step gives the same follow-up links and assignment statuses on every backend, whatever
the ingest order: the candidates come from the store's anchor index (a number, surname or measure in
common), so a report that shares none with an assignment is not linked to it on either store, even
when it retells the assignment (a store reading every assignment of the region would link it, and
only when the report came first)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.connect.conftest import akimat_kk, akimat_ru, maslikhat, school_report, stored
from zholdau.connect import runner
from zholdau.connect.runner import connect_store
from zholdau.store import Store, StoredArticle, open_store

TODAY = date(2025, 6, 1)
TOURISM = {
    "issuer": "Кайрат Ермеков",
    "addressee": "управление туризма",
    "action": "разработать комплексный план развития туризма и привлечения инвесторов в регион",
    "deadline": "2025-12-31",
    "sentence": "Аким поручил управлению туризма разработать комплексный план развития туризма и "
    "привлечения инвесторов в регион.",
}
TOURISM_REPORT = (
    "По поручению акима области{who} управление туризма разработало комплексный план развития туризма и "
    "привлечения инвесторов. План утвержден на заседании акимата."
)


def tourism_plan() -> StoredArticle:
    text = "Аким области Кайрат Ермеков поручил управлению туризма разработать комплексный план развития "
    text += "туризма и привлечения инвесторов в регион."
    return stored("plan.txt", text, published="2024-09-20", title="Туризм", assignments=(TOURISM,))


def tourism_report_named() -> StoredArticle:
    # words in common with the plan and the akim's surname: the surname is the anchor
    text = TOURISM_REPORT.format(who=" Кайрата Ермекова")
    return stored("tourism.txt", text, published="2024-12-10", title="План туризма")


def tourism_recap() -> StoredArticle:
    # retells the plan (same deadline, most of its words) without a number, surname or measure: no anchor
    sentence = (
        "Напомним, ранее аким области поручил управлению туризма до конца 2025 года разработать комплексный "
        "план развития туризма и привлечения инвесторов в регион."
    )
    text = sentence + " Сегодня проект плана представлен общественности, работа продолжается."
    retold = {**TOURISM, "issuer": "аким области", "sentence": sentence}
    return stored("recap.txt", text, published="2024-12-10", title="План туризма", assignments=(retold,))


def reprint() -> StoredArticle:
    return akimat_ru("copy.txt", "2024-09-12", "Перепечатка")


Steps = list[list[Callable[[], StoredArticle]]]
Link = tuple[str, int, str, str]
SCHOOL_LINKS = {("kk.txt", 0, "report.txt", "done"), ("ru.txt", 0, "report.txt", "done")}
SCHOOL_STATUSES = {"ru.txt": [("done", ["report.txt"])], "kk.txt": [("done", ["report.txt"])]}
# scenario → one connect run per step (the articles of a step are ingested together); the links as
# (assignment's article, index, report, kind); the (status, followed_up_by) of the assignments of
# these articles; the follows_up of these reports
SCENARIOS: list[tuple[str, Steps, set[Link], dict[str, list[Any]], dict[str, list[str]]]] = [
    (
        "school, assignments first",
        [[akimat_ru], [akimat_kk], [school_report]],
        SCHOOL_LINKS,
        SCHOOL_STATUSES,
        {"report.txt": ["ru.txt"]},
    ),
    (
        "school, report first",
        [[school_report], [akimat_kk], [akimat_ru]],
        SCHOOL_LINKS,
        SCHOOL_STATUSES,
        {"report.txt": ["ru.txt"]},
    ),
    (
        "school, one batch with a reprint",
        [[akimat_ru, akimat_kk, maslikhat, school_report, reprint]],
        SCHOOL_LINKS,
        {**SCHOOL_STATUSES, "copy.txt": [("done", ["report.txt"])]},
        {"report.txt": ["ru.txt"], "maslikhat.txt": []},
    ),
    (
        "tourism, plan first, a retelling without an anchor",
        [[tourism_plan], [tourism_recap]],
        set(),
        {"plan.txt": [("assigned", [])]},
        {"recap.txt": []},
    ),
    (
        "tourism, report first, a retelling without an anchor",
        [[tourism_recap], [tourism_plan]],
        set(),
        {"plan.txt": [("assigned", [])]},
        {"recap.txt": []},
    ),
    (
        "tourism, plan first, the surname in common",
        [[tourism_plan], [tourism_report_named]],
        {("plan.txt", 0, "tourism.txt", "in_progress")},
        {"plan.txt": [("in_progress", ["tourism.txt"])]},
        {"tourism.txt": ["plan.txt"]},
    ),
    (
        "tourism, report first, the surname in common",
        [[tourism_report_named], [tourism_plan]],
        {("plan.txt", 0, "tourism.txt", "in_progress")},
        {"plan.txt": [("in_progress", ["tourism.txt"])]},
        {"tourism.txt": ["plan.txt"]},
    ),
]


def connect_in_steps(store: Store, steps: Steps) -> dict[str, Any]:
    """Ingest and connect the steps one by one; the links and records, by source file name."""
    for step in steps:
        items = [make() for make in step]
        store.add_articles(items)
        connect_store(store, TODAY, [i.record["id"] for i in items], embeddings="off")
    records = list(store.iter_records())
    source = {r["id"]: r["source"] for r in records}
    rowids = [got.rowid for got in map(store.get, source) if got is not None and got.rowid is not None]
    links = sorted(
        (
            source[lk["article_id"]],
            lk["idx"],
            source[lk["report_id"]],
            lk["kind"],
            lk["score"],
            lk["reasons"],
            lk["evidence"],
            lk["report_published"],
        )
        for lk in store.connect_links(article_rowids=rowids)
    )
    return {
        "links": links,
        "statuses": {
            r["source"]: [
                (a.get("status"), [source[x] for x in a.get("followed_up_by") or []])
                for a in r.get("assignments") or []
            ]
            for r in records
        },
        "follows_up": {r["source"]: [source[x] for x in r.get("follows_up") or []] for r in records},
        "links_of_records": {
            r["source"]: (r.get("duplicate_of") and source[r["duplicate_of"]], r.get("event_id"))
            for r in records
        },
    }


@pytest.mark.parametrize(
    "records_at_once", [runner.RECORDS_AT_ONCE, 1], ids=["records-in-chunks", "one-by-one"]
)
@pytest.mark.parametrize(
    ("scenario", "steps", "links", "statuses", "follows_up"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_connect_links_and_statuses(
    store: Store,
    monkeypatch: pytest.MonkeyPatch,
    records_at_once: int,
    scenario: str,
    steps: Steps,
    links: set[Link],
    statuses: dict[str, list[Any]],
    follows_up: dict[str, list[str]],
) -> None:
    """``one-by-one``: the statuses are set from records and anchored rows read one at a time (a big
    store reads them a chunk at a time), the same results."""
    monkeypatch.setattr(runner, "RECORDS_AT_ONCE", records_at_once)
    got = connect_in_steps(store, steps)
    assert {lk[:4] for lk in got["links"]} == links
    assert {k: got["statuses"][k] for k in statuses} == statuses
    assert {k: got["follows_up"][k] for k in follows_up} == follows_up


@pytest.mark.parametrize("steps", [s[1] for s in SCENARIOS], ids=[s[0] for s in SCENARIOS])
def test_postgresql_connects_like_sqlite(tmp_path: Path, pg_url: str, steps: Steps) -> None:
    """Everything the step writes, scores, reasons and evidence included, compared directly."""
    results = []
    for url in (str(tmp_path / "connect.db"), pg_url):
        store = open_store(url)
        try:
            results.append(connect_in_steps(store, steps))
        finally:
            store.close()
    sqlite, postgres = results
    assert postgres == sqlite
