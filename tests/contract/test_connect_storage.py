"""The connect step's storage (migration 0005) behaves the same on every backend: one batch of
results written with connect_apply (twice: a batch is an upsert), read back by every connect read,
seen by the filters and listings, and forgotten by connect_reset."""

from __future__ import annotations

from typing import Any

import pytest

from zholdau.model import Article, Fact
from zholdau.store import Filters, Store, StoredArticle
from zholdau.store.base import ALL_ARTICLES, ConnectChanges


def stored(
    source: str, text: str, lang: str, published: str, assignments: list[dict[str, Any]]
) -> StoredArticle:
    art = Article(source=source, raw_text=text, text=text, lang=lang)
    art.meta["published"] = Fact(published)
    art.facts["primary_region"] = [Fact("KZ-19")]
    art.facts["assignments"] = [Fact(a) for a in assignments]
    rec = art.to_record()
    rec["primary_region"] = "KZ-19"
    return StoredArticle(rec, text)


SCHOOLS = {"issuer": "Амандык Баталов", "action": "построить две школы", "deadline": "2024-12-31"}
ROADS = {"issuer": "Амандык Баталов", "action": "отремонтировать дороги", "deadline": "2025-03-01"}
ARTICLES = [
    stored(
        "ru.txt",
        "Аким области Амандык Баталов поручил построить две школы до конца года.",
        "ru",
        "2024-09-10",
        [SCHOOLS, ROADS],
    ),
    stored("kk.txt", "Облыс әкімі Амандық Баталов екі мектеп салуды тапсырды.", "kk", "2024-09-11", []),
    stored("report.txt", "В области построены две школы, сообщили в акимате.", "ru", "2025-01-10", []),
]


@pytest.fixture
def connected(store: Store) -> tuple[Store, list[int], list[str]]:
    store.add_articles(ARTICLES)
    ids = [a.record["id"] for a in ARTICLES]
    rowids = [store.get(i).rowid for i in ids]  # type: ignore[union-attr]
    r1, r2, r3 = rowids
    changes = ConnectChanges(
        articles=[
            (r1, b"\x01\x00\x00\x00" * 4, 10, "ru", "2024-09-10", "2024-09-10 99:99", None, "ev-1", None),
            (r2, b"\x02\x00\x00\x00" * 4, 9, "kk", "2024-09-11", "2024-09-11 99:99", None, "ev-1", None),
        ],
        lsh=[(1234567890123, r1), (1234567890123, r2), (42, r2)],
        roots=[(r2, r1)],
        embeddings=[(r2, b"\x00\x3c\x00\x3c")],
        events=[
            (
                "ev-1",
                "KZ-19",
                "2024-09-10",
                "2024-09-11",
                {"title": "Совещание по школам", "members": 2},
                None,
            )
        ],
        members=[(r1, "ev-1", None, None), (r2, "ev-1", 0.82, "date, region, names")],
        assignments=[
            (r1, 0, "KZ-19", "2024-09-10", "2024-12-31", {"keys": ["школа"], "lang": "ru"}),
            (r1, 1, "KZ-19", "2024-09-10", "2025-03-01", {"keys": ["дорога"], "lang": "ru"}),
        ],
        reports=[(r3, "KZ-19", "2025-01-10", {"windows": [{"kind": "done", "keys": ["школа"]}]})],
        links=[(r1, 0, r3, "done", 0.91, "keys: школа", "В области построены две школы", "2025-01-10")],
        officials=[
            (
                r1,
                "амандык баталов",
                "Амандык Баталов",
                "аким",
                "аким области",
                "region",
                "KZ-19",
                "ru",
                "2024-09-10",
            ),
            (
                r2,
                "амандык баталов",
                "Амандық Баталов",
                "аким",
                "облыс әкімі",
                "region",
                "KZ-19",
                "kk",
                "2024-09-11",
            ),
        ],
        figures=[
            (r3, 0, "report", "school", None, 2.0, "две школы", None, None, "построены две школы"),
            (
                r1,
                0,
                "plan",
                "school",
                "schools",
                2.0,
                "две школы",
                "KZ-19",
                "2024-09-10",
                "построить две школы",
            ),
        ],
        fields={
            r2: {"duplicate_of": ids[0], "event_id": "ev-1"},
            r1: {"event_id": "ev-1", "assignments": [{**SCHOOLS, "status": "done"}, ROADS]},
        },
    )
    store.connect_apply(changes)
    store.connect_apply(changes)  # the same batch again changes nothing
    return store, rowids, ids


def test_connect_reads(connected: tuple[Store, list[int], list[str]]) -> None:
    store, (r1, r2, r3), ids = connected
    assert [r for r, _ in store.connect_pending()] == [r3]
    assert [r for r, _ in store.connect_pending([ids[2], ids[0]])] == [r3]
    assert store.connect_records([r3])[r3]["text"] == ARTICLES[2].record["text"]
    full = store.connect_records([r1, r3])
    part = store.connect_records([r1, r3], ["lang", "assignments", "follows_up"])
    assert part == {
        r: {k: full[r][k] for k in ("lang", "assignments", "follows_up") if k in full[r]} for r in (r1, r3)
    }
    assert part[r1]["lang"] == "ru" and part[r1]["assignments"][0]["status"] == "done"
    assert store.connect_records([r1, r3], ["no_such_field"]) == {r1: {}, r3: {}}
    assert sorted(store.lsh_candidates([1234567890123, 7])) == [r1, r2]
    rows = store.connect_articles([r1, r2])
    assert rows[r2]["root_rowid"] == r1 and rows[r2]["embedding"] == b"\x00\x3c\x00\x3c"
    assert (
        rows[r1]["signature"] == b"\x01\x00\x00\x00" * 4
        and rows[r1]["id"] == ids[0]
        and rows[r1]["rowid"] == r1
    )
    assert store.connect_copies([r1, r3]) == {r1: [r2]}
    (event,) = store.connect_events_in("KZ-19", "2024-09-01", "2024-09-30")
    assert (
        event["data"] == {"title": "Совещание по школам", "members": 2} and event["last_day"] == "2024-09-11"
    )
    assert store.connect_events_in("KZ-19", "2024-10-01", "2024-12-31") == []
    assert [(m["rowid"], m["lang"]) for m in store.connect_event_members("ev-1")] == [(r1, "ru"), (r2, "kk")]
    assert [
        (a["idx"], a["data"]["keys"])
        for a in store.connect_assignments_in("KZ-19", "2024-01-01", "2024-12-31")
    ] == [(0, ["школа"]), (1, ["дорога"])]
    assert [r["rowid"] for r in store.connect_reports_in("KZ-19", "2025-01-01", "2025-12-31")] == [r3]
    (link,) = store.connect_links(article_rowids=[r1], report_rowids=[r3])
    assert (link["article_id"], link["report_id"], link["kind"], link["article_event"]) == (
        ids[0],
        ids[2],
        "done",
        "ev-1",
    )
    (brief,) = store.connect_links(report_rowids=[r3], brief=True)
    assert brief == {k: v for k, v in link.items() if k not in {"reasons", "evidence"}}
    assert link["evidence"] == "В области построены две школы" and "evidence" not in brief
    assert store.connect_due("2025-06-01") == [r1]  # the roads are overdue, the schools done
    assert store.connect_due("2024-06-01") == []


def test_connect_results_reach_records_filters_and_registers(
    connected: tuple[Store, list[int], list[str]],
) -> None:
    store, _, ids = connected
    got = store.get(ids[1])
    assert got is not None and got.record["duplicate_of"] == ids[0]
    assert store.count(Filters(hide_copies=True)) == 2
    (hit,) = store.search("школы", Filters(hide_copies=True, lang="ru", until="2024-12-31"))
    assert [c["id"] for c in hit.extra["copies"]] == [ids[1]]
    assert [h.id for h in store.page(Filters(hide_copies=True)).items] == [ids[2], ids[0]]
    assert [h.id for h in store.related(ids[0])["duplicates"]] == [ids[1]]
    assert [[i["id"] for i in e["items"]] for e in store.events(ALL_ARTICLES)] == [[ids[0], ids[1]]]
    assert [[i["id"] for i in e["items"]] for e in store.events()] == [[ids[0]]]
    assert [a["status"] for a in store.assignments(Filters(), status="done").items] == ["done"]
    (person,) = store.officials_register(ALL_ARTICLES)  # the kk article is a copy in this fixture
    assert person["names"] == ["Амандык Баталов", "Амандық Баталов"] and person["langs"] == ["kk", "ru"]
    assert (person["articles"], person["first_seen"], person["last_seen"]) == (2, "2024-09-10", "2024-09-11")
    assert [(f["article_id"], f["kind"]) for f in store.figure_facts()] == [
        (ids[2], "report"),
        (ids[0], "plan"),
    ]
    assert [f["kind"] for f in store.figure_facts(Filters(lang="ru", since="2024-10-01"))] == ["report"]


def test_connect_reset_forgets_everything(connected: tuple[Store, list[int], list[str]]) -> None:
    store, rowids, ids = connected
    store.connect_reset()
    assert [r for r, _ in store.connect_pending()] == rowids
    assert store.lsh_candidates([1234567890123]) == [] and store.officials_register() == []
    assert store.count(Filters(hide_copies=True)) == 3
    rec = store.get(ids[0]).record  # type: ignore[union-attr]
    assert "event_id" not in rec and all("status" not in a for a in rec["assignments"])
    assert store.assignments(Filters(), status="done").items == []
    assert store.related(ids[0]) == {"duplicates": [], "same_event": []}


def test_a_batch_naming_a_row_twice_keeps_the_last(store: Store) -> None:
    """As SQLite's INSERT OR REPLACE row after row: the later row of the same key wins, whatever the
    backend does to write a batch at once; a row already stored is replaced, a duplicate key ignored."""
    store.add_articles(ARTICLES)
    r1, r2, r3 = [store.get(a.record["id"]).rowid for a in ARTICLES]  # type: ignore[union-attr]
    store.connect_apply(
        ConnectChanges(
            events=[("ev-1", "KZ-19", "2024-09-10", "2024-09-10", {"title": "старое"}, None)],
            members=[(r1, "ev-1", 0.5, "first")],
            lsh=[(7, r1)],
            links=[(r1, 0, r3, "progress", 0.5, "first", "", "2025-01-10")],
        )
    )
    store.connect_apply(
        ConnectChanges(
            events=[
                ("ev-1", "KZ-19", "2024-09-10", "2024-09-11", {"title": "среднее"}, None),
                ("ev-1", "KZ-19", "2024-09-10", "2024-09-12", {"title": "новое\x00"}, None),
            ],
            members=[(r1, "ev-1", 0.6, "second"), (r2, "ev-1", 0.7, "x"), (r1, "ev-1", 0.9, "third")],
            lsh=[(7, r1), (7, r1), (8, r2)],
            links=[
                (r1, 0, r3, "done", 0.7, "second", "", "2025-01-10"),
                (r1, 0, r3, "done", 0.9, "third", "", "2025-01-10"),
            ],
        )
    )
    (event,) = store.connect_events_in("KZ-19", "2024-09-01", "2024-09-30")
    assert (event["last_day"], event["data"]["title"].rstrip("\x00\ufffd")) == ("2024-09-12", "новое")
    assert [(m["rowid"]) for m in store.connect_event_members("ev-1")] == [r1, r2]
    assert sorted(store.lsh_candidates([7, 8])) == [r1, r2]
    (link,) = store.connect_links(article_rowids=[r1])
    assert (link["kind"], link["score"], link["reasons"]) == ("done", 0.9, "third")
