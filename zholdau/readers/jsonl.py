"""JSON Lines reader: one JSON object per line, each an independent document.

A record needs ``text`` (a non-empty string); ``url``, ``title``, ``published``, ``outlet`` and
``author`` are read when they are strings, and every other key goes to :attr:`RawDocument.meta`.
A bad line becomes a rejection named ``path#L<line>`` and the other lines are still read.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any

from zholdau.config import Settings
from zholdau.model import RawDocument, Rejection
from zholdau.readers.detect import Decoded, decode_text, rejection

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]", re.IGNORECASE)
KNOWN_FIELDS = ("url", "title", "published", "outlet", "author")
_UTF16_OR_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _without_surrogates(value: Any) -> Any:
    """JSON may escape lone UTF-16 surrogates (``"\\ud800"``), which no UTF-8 store can hold."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {_without_surrogates(k): _without_surrogates(v) for k, v in value.items()}
    return value


def json_type(value: Any) -> str:
    """How a JSON value is called in messages: ``"a number"``, ``"null"``, ``"an array"``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def _lines(data: bytes) -> Iterator[tuple[int, bytes, str | None]]:
    """Yield ``(line number, raw bytes, text or None)``; text is None when the line is not UTF-8.

    Files in UTF-16/32 are decoded whole (they cannot be split on the ``\\n`` byte); all others are
    decoded line by line so one bad line costs only itself.
    """
    if data.startswith(_UTF16_OR_32_BOMS):
        decoded = decode_text(data)
        if isinstance(decoded, Decoded):
            for n, line in enumerate(decoded.text.lstrip("\ufeff").split("\n"), start=1):
                yield n, line.encode("utf-8"), line
            return
    for n, raw in enumerate(data.split(b"\n"), start=1):
        if n == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            yield n, raw, raw.decode("utf-8")
        except UnicodeDecodeError:
            yield n, raw, None


def _utf8_problem(n: int, raw: bytes) -> str:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return (
            f"line {n} is not valid UTF-8 (byte 0x{raw[exc.start]:02x} at byte {exc.start + 1}): "
            "re-save the file as UTF-8; the other lines were read"
        )
    return f"line {n} is not valid UTF-8: re-save the file as UTF-8; the other lines were read"


def record_to_document(record: dict[str, Any], source: str, raw: bytes) -> RawDocument | str:
    """One parsed JSON object → a document, or the message saying why it cannot be one."""
    if "text" not in record:
        keys = ", ".join(list(record)[:12]) or "none"
        return f"record has no 'text' field (keys: {keys}): put the article text in a 'text' field"
    text = record["text"]
    if not isinstance(text, str):
        return f"field 'text' is {json_type(text)}, not a string: put the article text in 'text' as a string"
    if not text.strip():
        return "field 'text' is empty: nothing to ingest; fill it or remove the line"
    fields: dict[str, str | None] = dict.fromkeys(KNOWN_FIELDS)
    meta: dict[str, Any] = {}
    warnings: list[str] = []
    for key, value in record.items():
        if key == "text":
            continue
        if key in fields and value is None:
            continue
        if key in fields and isinstance(value, str):
            fields[key] = value.strip() or None
        elif key in fields:
            # Keep the odd value (a Unix timestamp, a list of authors) where later stages can see it.
            meta[key] = value
            warnings.append(f"field '{key}' is {json_type(value)}, not a string: kept in meta")
        else:
            meta[key] = value
    if warnings:
        meta["reader_warnings"] = warnings
    return RawDocument(
        source=source,
        text=text.replace("\r\n", "\n").replace("\r", "\n"),
        kind="jsonl",
        raw=raw,
        encoding="utf-8",
        meta=meta,
        **fields,
    )


def read_jsonl(data: bytes, source: str, settings: Settings) -> Iterator[RawDocument | Rejection]:
    """Yield one document or rejection per non-blank line of a JSON Lines file."""
    seen = 0
    for n, raw, line in _lines(data):
        raw = raw.rstrip(b"\r")
        where = f"{source}#L{n}"
        if line is None:
            seen += 1
            yield rejection(where, _utf8_problem(n, raw), raw, settings)
            continue
        if not line.strip():
            continue
        seen += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield rejection(
                where,
                f"line {n} is not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno}): "
                "fix the line or remove it; the other lines were read",
                raw,
                settings,
            )
            continue
        except RecursionError:
            yield rejection(where, f"line {n} nests JSON too deeply to read: fix the line", raw, settings)
            continue
        if _SURROGATE_ESCAPE.search(line):
            record = _without_surrogates(record)
        if not isinstance(record, dict):
            yield rejection(
                where,
                f"line {n} is {json_type(record)}, not a JSON object: each line must be one object "
                "with a 'text' field",
                raw,
                settings,
            )
            continue
        result = record_to_document(record, where, raw)
        if isinstance(result, str):
            yield rejection(where, result, raw, settings)
        else:
            yield result
    if seen == 0:
        yield rejection(
            source,
            "JSONL file has no records (only blank lines): nothing to ingest; check the export",
            data,
            settings,
        )
