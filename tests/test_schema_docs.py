"""docs/schema.md and zholdau/schema.py must describe the same export fields."""

from __future__ import annotations

import re
from pathlib import Path

from zholdau.schema import CSV_FIELDS, EXPORT_FIELDS

DOC = Path(__file__).resolve().parent.parent / "docs" / "schema.md"


def documented_fields() -> list[str]:
    return re.findall(r"^\| `([a-z_]+)` \|", DOC.read_text(encoding="utf-8"), flags=re.MULTILINE)


def test_every_field_is_documented_and_nothing_else() -> None:
    assert documented_fields() == list(EXPORT_FIELDS)


def test_csv_fields_are_export_fields() -> None:
    assert set(CSV_FIELDS) <= set(EXPORT_FIELDS)


def test_record_fields_are_documented() -> None:
    from zholdau.model import Article

    art = Article(source="a.txt", raw_text="Текст", text="Текст")
    rec = art.to_record()
    assert set(rec) <= set(EXPORT_FIELDS), set(rec) - set(EXPORT_FIELDS)
