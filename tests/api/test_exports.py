"""`zholdau export --format` in the four formats, and the streamed writers on awkward records."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from zholdau.cli import app
from zholdau.exporters import FORMATS, XLSX_MAX_CELL, export_chunks
from zholdau.schema import CSV_FIELDS

from .live import demo_db


@pytest.mark.parametrize("fmt", FORMATS)
def test_cli_exports_every_format(tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"kk.{fmt}"
    result = CliRunner().invoke(
        app, ["export", "--format", fmt, "--lang", "kk", "-o", str(out), "--db", demo_db()]
    )
    assert result.exit_code == 0, result.output
    n = int(result.output.split("exported ")[1].split()[0])
    data = out.read_bytes()
    if fmt == "parquet":
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert table.num_rows == n and table.column_names == CSV_FIELDS
        assert set(table.column("lang").to_pylist()) == {"kk"}
    elif fmt == "xlsx":
        sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
        assert sheet.count("<row ") == n + 1
    elif fmt == "jsonl":
        assert len(data.decode().splitlines()) == n
    else:
        assert data.decode().splitlines()[0].split(",")[:3] == CSV_FIELDS[:3]
    assert n > 5


def test_cli_refuses_an_unknown_format() -> None:
    result = CliRunner().invoke(app, ["export", "--format", "pdf", "--db", demo_db()])
    assert result.exit_code == 2
    assert "parquet or xlsx" in result.output


AWKWARD = [
    {
        "id": "a" * 16,
        "title": '=HYPERLINK("http://evil")',
        "regions": ["KZ-55", {"code": "KZ-10"}],
        "text": "x" * 40000,
        "officials": [{"name": "Айгүл Сәрсенова", "post": None}],
        "published": None,
    },
    {"id": "b" * 16, "title": None, "regions": None, "addresses": "2021-09-01", "figures": [], "text": ""},
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_writers_survive_awkward_records(fmt: str) -> None:
    data = b"".join(export_chunks(iter(AWKWARD), fmt, rows_per_chunk=1))
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = pq.read_table(pa.BufferReader(data)).to_pylist()
        assert rows[0]["regions"] == ["KZ-55", json.dumps({"code": "KZ-10"})] and rows[1]["regions"] is None
        assert rows[1]["addresses"] == ["2021-09-01"]
    elif fmt == "xlsx":
        book = zipfile.ZipFile(io.BytesIO(data))
        strings = (
            book.read("xl/sharedStrings.xml").decode() if "xl/sharedStrings.xml" in book.namelist() else ""
        )
        sheet = book.read("xl/worksheets/sheet1.xml").decode() + strings
        assert "<f>" not in sheet  # a title starting with "=" stays text, not a formula
        assert "over Excel's cell limit" in sheet and len("x" * XLSX_MAX_CELL) < 40000
    elif fmt == "jsonl":
        assert [json.loads(line)["id"] for line in data.decode().splitlines()] == ["a" * 16, "b" * 16]
    else:
        assert data.decode().count("\n") == 3


def test_empty_exports_are_valid_files() -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    assert pq.read_table(pa.BufferReader(b"".join(export_chunks(iter([]), "parquet")))).num_rows == 0
    assert zipfile.ZipFile(io.BytesIO(b"".join(export_chunks(iter([]), "xlsx")))).testzip() is None
    assert b"".join(export_chunks(iter([]), "jsonl")) == b""
    with pytest.raises(ValueError, match="unknown export format"):
        list(export_chunks(iter([]), "pdf"))


@pytest.mark.parametrize(
    ("field", "parse"),
    [
        ("duplicate_of", lambda cell: cell),
        ("event_id", lambda cell: cell),
        ("follows_up", lambda cell: json.loads(cell) if cell else None),
    ],
)
def test_tables_carry_the_connect_fields_as_the_jsonl_does(
    tmp_path: Path, field: str, parse: Callable[[str], Any]
) -> None:
    import csv

    import pyarrow.parquet as pq

    out = {fmt: tmp_path / f"all.{fmt}" for fmt in ("jsonl", "csv", "parquet")}
    for fmt, path in out.items():
        assert (
            CliRunner().invoke(app, ["export", "-f", fmt, "-o", str(path), "--db", demo_db()]).exit_code == 0
        )
    whole = {
        r["id"]: r.get(field) for r in map(json.loads, out["jsonl"].read_text(encoding="utf-8").splitlines())
    }
    with out["csv"].open(encoding="utf-8", newline="") as fh:
        csv_values = {r["id"]: parse(r[field]) or None for r in csv.DictReader(fh)}
    table = pq.read_table(out["parquet"]).to_pydict()
    parquet_values = dict(zip(table["id"], table[field], strict=True))
    assert any(whole.values())
    assert csv_values == parquet_values == whole
