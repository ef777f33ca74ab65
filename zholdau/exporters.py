"""Export records as JSONL, CSV, Parquet or XLSX, streamed in chunks for any filter.

JSONL carries the whole record (with evidence); CSV, Parquet and XLSX carry the columns of
:data:`~zholdau.schema.CSV_FIELDS`. In CSV and XLSX, lists and objects are JSON text (XLSX joins
plain id lists with "; "); in Parquet the id lists (regions, addresses, topics, follows_up) are ``list<string>``
columns and the other structured fields JSON text.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import nullcontext
from typing import IO, Any

from zholdau.schema import CSV_FIELDS
from zholdau.store.base import Filters, Store

FORMATS = ("jsonl", "csv", "parquet", "xlsx")
MEDIA_TYPES = {
    "jsonl": "application/x-ndjson; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "parquet": "application/vnd.apache.parquet",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# list fields whose items are plain ids: a list<string> column in Parquet, "a; b" in XLSX
ID_LIST_FIELDS = frozenset({"regions", "addresses", "topics", "follows_up"})
XLSX_MAX_ROWS = 1_048_576  # Excel's limit, header included
XLSX_MAX_CELL = 32_767  # Excel's limit on the characters of one cell


def iter_export(store: Store, filters: Filters, query: str | None = None) -> Any:
    """Records matching the filters (and the query words when given), without evidence."""
    if query:
        ids = {h.id for h in store.search(query, filters, limit=1_000_000)}
        records = (r for r in store.iter_records(filters) if r["id"] in ids)
    else:
        records = store.iter_records(filters)
    yield from records


def csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def write_export(
    store: Store, fmt: str, output: str | None, filters: Filters, query: str | None = None
) -> int:
    """Write the matching records to ``output`` (stdout when ``None``) in ``fmt``; returns how many."""
    if fmt in ("parquet", "xlsx"):
        counter = _Counter(iter_export(store, filters, query))
        bctx = open(output, "wb") if output else nullcontext(sys.stdout.buffer)  # noqa: SIM115
        with bctx as bfh:
            for chunk in export_chunks(counter, fmt):
                bfh.write(chunk)
        return counter.n
    ctx = open(output, "w", encoding="utf-8", newline="") if output else nullcontext(sys.stdout)  # noqa: SIM115
    n = 0
    with ctx as fh:
        out: IO[str] = fh  # type: ignore[assignment]
        if fmt == "csv":
            writer = csv.writer(out)
            writer.writerow(CSV_FIELDS)
            for rec in iter_export(store, filters, query):
                writer.writerow([csv_value(rec.get(f)) for f in CSV_FIELDS])
                n += 1
        else:
            for rec in iter_export(store, filters, query):
                out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
    return n


class _Counter:
    """Counts the records that pass through (the export functions stream, they do not return a count)."""

    def __init__(self, records: Iterable[dict[str, Any]]) -> None:
        self.records = iter(records)
        self.n = 0

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for rec in self.records:
            self.n += 1
            yield rec


def export_chunks(records: Iterable[dict[str, Any]], fmt: str, rows_per_chunk: int = 500) -> Iterator[bytes]:
    """The export of ``records`` in ``fmt`` as a stream of byte chunks (memory stays flat).

    JSONL, CSV and Parquet chunks follow the records as they are read (a Parquet row group per
    chunk); XLSX is written to a temporary file first (the format is a zip archive) and then streamed.
    """
    if fmt == "jsonl":
        return _jsonl_chunks(records, rows_per_chunk)
    if fmt == "csv":
        return _csv_chunks(records, rows_per_chunk)
    if fmt == "parquet":
        return _parquet_chunks(records, rows_per_chunk)
    if fmt == "xlsx":
        return _xlsx_chunks(records)
    raise ValueError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")


def _batches(records: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for rec in records:
        batch.append(rec)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _jsonl_chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[bytes]:
    for batch in _batches(records, size):
        yield "".join(json.dumps(rec, ensure_ascii=False) + "\n" for rec in batch).encode("utf-8")


def _csv_chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[bytes]:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_FIELDS)
    for batch in _batches(records, size):
        for rec in batch:
            writer.writerow([csv_value(rec.get(f)) for f in CSV_FIELDS])
        yield buf.getvalue().encode("utf-8")
        buf.seek(0)
        buf.truncate()
    if buf.getvalue():
        yield buf.getvalue().encode("utf-8")


def _id_list(value: Any) -> list[str] | None:
    if value is None:
        return None
    items = value if isinstance(value, list) else [value]
    return [v if isinstance(v, str) else json.dumps(v, ensure_ascii=False) for v in items]


def _scalar(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def parquet_schema() -> Any:
    """The Arrow schema of the Parquet export: the CSV columns, id lists as ``list<string>``."""
    import pyarrow as pa

    return pa.schema([(f, pa.list_(pa.string()) if f in ID_LIST_FIELDS else pa.string()) for f in CSV_FIELDS])


class _Drain(io.RawIOBase):
    """A write-only file that hands over what was written since the last ``take``."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.pos = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data)
        self.parts.append(chunk)
        self.pos += len(chunk)
        return len(chunk)

    def tell(self) -> int:
        return self.pos

    def take(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        return out


def _parquet_chunks(records: Iterable[dict[str, Any]], size: int) -> Iterator[bytes]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema()
    sink = _Drain()
    writer = pq.ParquetWriter(sink, schema, compression="zstd")
    try:
        for batch in _batches(records, size):
            columns = {
                f: [(_id_list if f in ID_LIST_FIELDS else _scalar)(r.get(f)) for r in batch]
                for f in CSV_FIELDS
            }
            writer.write_table(pa.Table.from_pydict(columns, schema=schema))
            chunk = sink.take()
            if chunk:
                yield chunk
    finally:
        writer.close()
    yield sink.take()


def _xlsx_cell(field: str, value: Any) -> str | None:
    if value is None or value == []:
        return None
    if field in ID_LIST_FIELDS and isinstance(value, list) and all(isinstance(v, str) for v in value):
        text = "; ".join(value)
    else:
        text = _scalar(value) or ""
    # Excel refuses longer cells; say so in the cell rather than fail the whole export
    return (
        text
        if len(text) <= XLSX_MAX_CELL
        else text[: XLSX_MAX_CELL - 40] + " … [cut: over Excel's cell limit]"
    )


def _xlsx_chunks(records: Iterable[dict[str, Any]], chunk_bytes: int = 1 << 20) -> Iterator[bytes]:
    import xlsxwriter

    fd, path = tempfile.mkstemp(prefix="zholdau-export-", suffix=".xlsx")
    os.close(fd)
    try:
        # every value is written as a string: nothing an article says becomes a formula or a link
        book = xlsxwriter.Workbook(
            path,
            {
                "constant_memory": True,
                "strings_to_numbers": False,
                "strings_to_formulas": False,
                "strings_to_urls": False,
            },
        )
        sheet = book.add_worksheet("articles")
        bold = book.add_format({"bold": True})
        for col, f in enumerate(CSV_FIELDS):
            sheet.write_string(0, col, f, bold)
            sheet.set_column(col, col, 60 if f in ("title", "text") else 16)
        sheet.freeze_panes(1, 0)
        row = 0
        left_out = 0
        for rec in records:
            if row + 1 >= XLSX_MAX_ROWS:
                left_out += 1
                continue
            row += 1
            for col, f in enumerate(CSV_FIELDS):
                cell = _xlsx_cell(f, rec.get(f))
                if cell is not None:
                    sheet.write_string(row, col, cell)
        if left_out:
            note = book.add_worksheet("note")
            note.write_string(
                0,
                0,
                f"{left_out} more articles did not fit in Excel's row limit: "
                "export them as CSV, JSONL or Parquet, or narrow the filters",
            )
        book.close()
        with open(path, "rb") as fh:
            while chunk := fh.read(chunk_bytes):
                yield chunk
    finally:
        os.unlink(path)
