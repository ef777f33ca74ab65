"""The follow-up candidate index (connect_anchors: SQLite migration 0005, PostgreSQL 0006) behaves the
same on every backend: which rowids ``connect_anchored`` finds, how ``rowids=`` narrows
``connect_assignments_in`` / ``connect_reports_in``, and what writing again, deleting an article and
``connect_reset`` do to the anchors."""

from __future__ import annotations

from typing import Any

import pytest

from zholdau.model import Article, Fact
from zholdau.store import Store, StoredArticle
from zholdau.store.base import ConnectChanges

# name → (region, published); the articles the anchors hang off
ARTICLES = {
    "a1": ("KZ-19", "2024-03-01"),  # two assignments: a school for 450 pupils, a task for Ермеков
    "a2": ("KZ-19", "2024-06-01"),  # 450 again, three months later
    "a3": ("KZ-59", "2024-03-01"),  # 450 in another region
    "r1": ("KZ-19", "2025-01-10"),  # a report naming both regions
}
ANCHORS = [
    ("a", "n:450", "KZ-19", "2024-03-01", "a1", 0),
    ("a", "m:school", "KZ-19", "2024-03-01", "a1", 0),
    ("a", "p:ермеков", "KZ-19", "2024-03-01", "a1", 1),
    ("a", "n:450", "KZ-19", "2024-06-01", "a2", 0),
    ("a", "n:450", "KZ-59", "2024-03-01", "a3", 0),
    ("r", "n:450", "KZ-19", "2025-01-10", "r1", -1),
    ("r", "m:school", "KZ-19", "2025-01-10", "r1", -1),
    ("r", "n:450", "KZ-59", "2025-01-10", "r1", -1),
]
YEAR_2024 = ("2024-01-01", "2024-12-31")
LATER = ("2024-06-02", "2027-12-31")
MANY_KEYS = [f"n:{n}" for n in range(1000, 1900)]  # more keys than one SQLite statement binds


def stored(name: str) -> StoredArticle:
    region, published = ARTICLES[name]
    text = f"Статья {name} о поручениях акима: школа на 450 мест."
    art = Article(source=f"{name}.txt", raw_text=text, text=text, lang="ru")
    art.meta["published"] = Fact(published)
    art.facts["primary_region"] = [Fact(region)]
    rec = art.to_record()
    rec["primary_region"] = region
    return StoredArticle(rec, text)


def changes(rowid: dict[str, int]) -> ConnectChanges:
    data = {"keys": ["школа"], "numbers": ["450"], "measures": ["school"], "names": [], "lang": "ru"}
    return ConnectChanges(
        assignments=[
            (rowid["a1"], 0, "KZ-19", "2024-03-01", "2024-12-31", data),
            (rowid["a1"], 1, "KZ-19", "2024-03-01", None, {**data, "names": ["ермеков"]}),
            (rowid["a2"], 0, "KZ-19", "2024-06-01", None, data),
            (rowid["a3"], 0, "KZ-59", "2024-03-01", None, data),
        ],
        reports=[
            (rowid["r1"], region, "2025-01-10", {"windows": [{"kind": "done", **data}]})
            for region in ("KZ-19", "KZ-59")
        ],
        anchors=[(side, key, region, pub, rowid[name], idx) for side, key, region, pub, name, idx in ANCHORS],
    )


@pytest.fixture
def anchored(store: Store) -> tuple[Store, dict[str, int]]:
    store.add_articles([stored(name) for name in ARTICLES])
    rowid = {}
    for name in ARTICLES:
        got = store.get(stored(name).record["id"])
        assert got is not None and got.rowid is not None
        rowid[name] = got.rowid
    store.connect_apply(changes(rowid))
    store.connect_apply(changes(rowid))  # the same batch again changes nothing
    return store, rowid


@pytest.mark.parametrize(
    ("side", "region", "keys", "window", "expected"),
    [
        ("a", "KZ-19", ["n:450"], YEAR_2024, {"a1", "a2"}),
        ("a", "KZ-19", ["n:450"], ("2024-01-01", "2024-05-31"), {"a1"}),
        ("a", "KZ-19", ["n:450"], ("2024-03-01", "2024-03-01"), {"a1"}),  # both ends inclusive
        ("a", "KZ-19", ["n:450"], ("2024-03-02", "2024-05-31"), set()),
        ("a", "KZ-19", ["p:ермеков"], YEAR_2024, {"a1"}),  # an anchor of the second assignment
        ("a", "KZ-19", ["m:school", "n:450", "n:450"], YEAR_2024, {"a1", "a2"}),  # each article once
        ("a", "KZ-59", ["n:450"], YEAR_2024, {"a3"}),  # another region
        ("a", "KZ-19", ["n:600", "p:баталов"], YEAR_2024, set()),  # nothing in common
        ("a", "KZ-19", [], YEAR_2024, set()),
        ("a", "KZ-19", [*MANY_KEYS, "n:450"], YEAR_2024, {"a1", "a2"}),
        ("a", "KZ-19", ["n:450"], LATER, set()),  # the report's anchors are on the other side
        ("r", "KZ-19", ["n:450"], LATER, {"r1"}),
        ("r", "KZ-59", ["n:450", "m:school"], LATER, {"r1"}),
        ("r", "KZ-59", ["m:school"], LATER, set()),  # its KZ-59 row has no school anchor
        ("r", "KZ-19", ["p:ермеков"], LATER, set()),
        ("r", "KZ-19", ["n:450"], YEAR_2024, set()),
    ],
)
def test_anchored_finds_the_rowids_sharing_a_key_in_the_block(
    anchored: tuple[Store, dict[str, int]],
    side: str,
    region: str,
    keys: list[str],
    window: tuple[str, str],
    expected: set[str],
) -> None:
    store, rowid = anchored
    assert store.connect_anchored(side, region, keys, *window) == {rowid[n] for n in expected}


# rowids=: the names of the articles asked for (None: no filter), how many unknown rowids come before
# them (more than one SQLite statement binds), and the rows expected as (name, idx)
ASSIGNMENTS_IN: list[tuple[str, tuple[str, ...] | None, int, list[tuple[str, int]]]] = [
    ("KZ-19", None, 0, [("a1", 0), ("a1", 1), ("a2", 0)]),
    ("KZ-19", ("a2",), 0, [("a2", 0)]),
    ("KZ-19", ("a2", "a1", "a1"), 0, [("a1", 0), ("a1", 1), ("a2", 0)]),  # rowid order, each once
    ("KZ-19", (), 0, []),  # no candidates: no rows, not every row
    ("KZ-19", ("a3", "r1"), 0, []),  # the filter narrows the block, it does not widen it
    ("KZ-19", ("a2",), 2000, [("a2", 0)]),
    ("KZ-19", ("a1", "a2"), 2000, [("a1", 0), ("a1", 1), ("a2", 0)]),
    ("KZ-59", ("a1", "a3"), 0, [("a3", 0)]),
]


@pytest.mark.parametrize(("region", "names", "unknown", "expected"), ASSIGNMENTS_IN)
def test_assignments_in_only_the_rowids_given(
    anchored: tuple[Store, dict[str, int]],
    region: str,
    names: tuple[str, ...] | None,
    unknown: int,
    expected: list[tuple[str, int]],
) -> None:
    store, rowid = anchored
    name_of = {r: n for n, r in rowid.items()}
    rowids = None if names is None else [*range(-unknown, 0), *(rowid[n] for n in names)]
    rows = store.connect_assignments_in(region, *YEAR_2024, rowids=rowids)
    assert [(name_of[r["rowid"]], r["idx"]) for r in rows] == expected
    assert all(r["data"]["numbers"] == ["450"] for r in rows)


@pytest.mark.parametrize(
    ("region", "names", "unknown", "expected"),
    [
        ("KZ-19", None, 0, ["r1"]),
        ("KZ-19", ("r1",), 0, ["r1"]),
        ("KZ-59", ("r1", "a3"), 0, ["r1"]),
        ("KZ-19", ("a1", "a2"), 0, []),
        ("KZ-19", (), 0, []),
        ("KZ-19", ("r1",), 2000, ["r1"]),
    ],
)
def test_reports_in_only_the_rowids_given(
    anchored: tuple[Store, dict[str, int]],
    region: str,
    names: tuple[str, ...] | None,
    unknown: int,
    expected: list[str],
) -> None:
    store, rowid = anchored
    name_of = {r: n for n, r in rowid.items()}
    rowids = None if names is None else [*range(-unknown, 0), *(rowid[n] for n in names)]
    rows = store.connect_reports_in(region, *LATER, rowids=rowids)
    assert [(name_of[r["rowid"]], r["region"]) for r in rows] == [(n, region) for n in expected]


def _delete_a2(store: Store, rowid: dict[str, int]) -> None:
    assert store.delete(stored("a2").record["id"])


def _write_a2_again(store: Store, rowid: dict[str, int]) -> None:
    # a later batch with more anchors for a2 adds them; the ones kept stay
    store.connect_apply(ConnectChanges(anchors=[("a", "n:600", "KZ-19", "2024-06-01", rowid["a2"], 0)]))


WHAT_HAPPENS: list[tuple[str, Any, dict[str, set[str]]]] = [
    ("nothing", lambda store, rowid: None, {"n:450": {"a1", "a2"}, "n:600": set(), "r": {"r1"}}),
    ("another batch", _write_a2_again, {"n:450": {"a1", "a2"}, "n:600": {"a2"}, "r": {"r1"}}),
    ("delete", _delete_a2, {"n:450": {"a1"}, "n:600": set(), "r": {"r1"}}),
    ("reset", lambda store, rowid: store.connect_reset(), {"n:450": set(), "n:600": set(), "r": set()}),
]


@pytest.mark.parametrize(("what", "do", "expected"), WHAT_HAPPENS, ids=[w[0] for w in WHAT_HAPPENS])
def test_anchors_follow_writes_deletes_and_reset(
    anchored: tuple[Store, dict[str, int]], what: str, do: Any, expected: dict[str, set[str]]
) -> None:
    store, rowid = anchored
    do(store, rowid)
    got = {key: store.connect_anchored("a", "KZ-19", [key], *YEAR_2024) for key in ("n:450", "n:600")}
    got["r"] = store.connect_anchored("r", "KZ-19", ["n:450"], *LATER)
    assert got == {k: {rowid[n] for n in names} for k, names in expected.items()}
