"""Export records as JSONL or CSV (Parquet and XLSX come with the API issue)."""

from __future__ import annotations

import csv
import json
import sys
from contextlib import nullcontext
from typing import IO, Any

from zholdau.schema import CSV_FIELDS
from zholdau.store.base import Filters, Store


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


def write_export(store: Store, fmt: str, output: str | None, filters: Filters, query: str | None = None) -> int:
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
