"""docs/schema.md and zholdau/schema.py must describe the same export fields, and a real connected
record (the demo corpus through the pipeline and the connect step) must have no other."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from zholdau.schema import ASSIGNMENT_FIELDS, CSV_FIELDS, EXPORT_FIELDS

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "schema.md"
TABLES = [("The export record", EXPORT_FIELDS), ("Assignments", ASSIGNMENT_FIELDS)]


def section(title: str) -> str:
    """The text under one heading of docs/schema.md, up to the next heading."""
    parts = re.split(r"^#+ (.+)$", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return dict(zip(parts[1::2], parts[2::2], strict=True))[title]


@pytest.mark.parametrize(("title", "fields"), TABLES, ids=[t for t, _ in TABLES])
def test_every_field_is_documented_and_nothing_else(title: str, fields: dict[str, Any]) -> None:
    assert re.findall(r"^\| `([a-z_]+)` \|", section(title), flags=re.MULTILINE) == list(fields)


@pytest.mark.parametrize(("title", "fields"), TABLES, ids=[t for t, _ in TABLES])
def test_each_row_says_what_the_code_says(title: str, fields: dict[str, tuple[str, str, str]]) -> None:
    text = section(title)
    for name, (typ, by, meaning) in fields.items():
        assert f"| `{name}` | {typ} | {by} | {meaning} |" in text, name


def test_csv_fields_are_export_fields() -> None:
    assert set(CSV_FIELDS) <= set(EXPORT_FIELDS)


def test_the_documented_statuses_are_the_linkers() -> None:
    from zholdau.connect.followup import STATUSES

    assert ASSIGNMENT_FIELDS["status"][0].split("|") == [*STATUSES, "absent"]


def test_record_fields_are_documented() -> None:
    from zholdau.model import Article

    art = Article(source="a.txt", raw_text="Текст", text="Текст")
    rec = art.to_record()
    assert set(rec) <= set(EXPORT_FIELDS), set(rec) - set(EXPORT_FIELDS)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """The demo corpus's records after ingest (the connect step included), by id."""
    from zholdau.config import Settings
    from zholdau.ingest import ingest_paths
    from zholdau.store import open_store

    db = str(tmp_path_factory.mktemp("schema") / "demo.db")
    store = open_store(db)
    ingest_paths([str(ROOT / "demo" / "corpus")], store, Settings.load(db=db))
    records = {r["id"]: r for r in store.iter_records()}
    store.close()
    return records


def test_a_connected_record_has_only_documented_fields(demo: dict[str, dict[str, Any]]) -> None:
    for rec in demo.values():
        assert set(rec) <= set(EXPORT_FIELDS), (rec["id"], set(rec) - set(EXPORT_FIELDS))
        for a in rec.get("assignments") or []:
            assert set(a) <= set(ASSIGNMENT_FIELDS), (rec["id"], set(a) - set(ASSIGNMENT_FIELDS))


def _published(demo: dict[str, dict[str, Any]], article_id: str) -> str:
    return str(demo[article_id].get("published") or "")


# each connect field: where it is (the record or its assignments), and what a value must be
CONNECT_FIELDS: list[tuple[str, str, Callable[[dict[str, dict[str, Any]], dict[str, Any], Any], bool]]] = [
    # the earliest copy: an original stored here, published no later
    (
        "duplicate_of",
        "record",
        lambda d, rec, v: (
            v in d and "duplicate_of" not in d[v] and _published(d, v) <= _published(d, rec["id"])
        ),
    ),
    ("event_id", "record", lambda d, rec, v: isinstance(v, str) and v.startswith("E-")),
    # sorted ids of earlier articles with assignments
    (
        "follows_up",
        "record",
        lambda d, rec, v: (
            v == sorted(v)
            and len(v) > 0
            and all(d[i].get("assignments") and _published(d, i) < _published(d, rec["id"]) for i in v)
        ),
    ),
    ("status", "assignment", lambda d, rec, v: v in ("assigned", "in_progress", "done", "overdue")),
    # ids of later articles, oldest first
    (
        "followed_up_by",
        "assignment",
        lambda d, rec, v: (
            len(v) > 0
            and [_published(d, i) for i in v] == sorted(_published(d, i) for i in v)
            and all(_published(d, i) > _published(d, rec["id"]) for i in v)
        ),
    ),
]


@pytest.mark.parametrize(("name", "where", "valid"), CONNECT_FIELDS, ids=[c[0] for c in CONNECT_FIELDS])
def test_the_connect_fields_are_in_the_export_as_documented(
    demo: dict[str, dict[str, Any]],
    name: str,
    where: str,
    valid: Callable[[dict[str, dict[str, Any]], dict[str, Any], Any], bool],
) -> None:
    fields = EXPORT_FIELDS if where == "record" else ASSIGNMENT_FIELDS
    assert fields[name][1] == "connect" and fields[name][0].endswith("|absent")
    values = []
    for rec in demo.values():
        holders = (
            [rec] if where == "record" else [a for a in rec.get("assignments") or [] if isinstance(a, dict)]
        )
        values += [(rec, h[name]) for h in holders if name in h]
    assert values, f"the demo should have some {name}"
    bad = [(rec["id"], v) for rec, v in values if not valid(demo, rec, v)]
    assert not bad
