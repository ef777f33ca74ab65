"""The JSON Lines reader: one document or rejection per line, bad lines cost only themselves."""

from __future__ import annotations

import codecs
import gzip
import json

import pytest

from zholdau.config import Settings
from zholdau.model import RawDocument, Rejection
from zholdau.readers import read_bytes

SETTINGS = Settings()
SOURCE = "export/kazinform.jsonl"

GOOD = {
    "text": "Ақтөбе облысында Жолдауды жүзеге асыру жөніндегі жұмыс тобының отырысы өтті.",
    "url": "https://example.kz/kk/news/101",
    "title": "Жұмыс тобы отырыс өткізді",
    "published": "2024-09-05 14:20",
    "outlet": "Ақтөбе уақыты",
    "author": "Нұрлан Сейітов",
    "section": "Аймақ",
    "views": 312,
}
RU_RECORD = {"text": "В Актобе прошло заседание рабочей группы по реализации Послания.", "title": "Заседание"}


def _line(obj: object) -> bytes:
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def _read(data: bytes, source: str = SOURCE) -> list[RawDocument | Rejection]:
    return list(read_bytes(data, source, SETTINGS))


def test_good_record_fills_the_fields_and_keeps_the_rest_in_meta() -> None:
    [doc] = _read(_line(GOOD) + b"\n")
    assert isinstance(doc, RawDocument)
    assert doc.source == f"{SOURCE}#L1"
    assert doc.kind == "jsonl"
    assert doc.text == GOOD["text"]
    assert (doc.url, doc.title, doc.published, doc.outlet, doc.author) == (
        GOOD["url"],
        GOOD["title"],
        GOOD["published"],
        GOOD["outlet"],
        GOOD["author"],
    )
    assert doc.meta == {"section": "Аймақ", "views": 312}
    assert doc.raw == _line(GOOD)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (
            b'{"text": "\xd0\x90\xd0\xba\xd0\xb8\xd0\xbc" "title": "x"}',
            "line 2 is not valid JSON (Expecting ',' delimiter at column 17): fix the line or remove it; "
            "the other lines were read",
        ),
        (b'{"text": "half a line', "line 2 is not valid JSON (Unterminated string starting at column 10)"),
        (
            _line({"title": "Тақырып", "url": "https://example.kz/2"}),
            "record has no 'text' field (keys: title, url)",
        ),
        (_line({}), "record has no 'text' field (keys: none)"),
        (_line({"text": 2024}), "field 'text' is a number, not a string"),
        (_line({"text": ["бір", "екі"]}), "field 'text' is an array, not a string"),
        (_line({"text": None}), "field 'text' is null, not a string"),
        (_line({"text": {"ru": "Послание"}}), "field 'text' is an object, not a string"),
        (_line({"text": "   \n "}), "field 'text' is empty"),
        (_line(["text", "Послание"]), "line 2 is an array, not a JSON object"),
        (b'"just a string"', "line 2 is a string, not a JSON object"),
        (b"\xff\xfe broken bytes", "line 2 is not valid UTF-8 (byte 0xff at byte 1)"),
        (b'{"text": "\xd0\x90\xd0"}', "line 2 is not valid UTF-8"),
    ],
)
def test_bad_line_is_rejected_and_the_others_are_read(line: bytes, message: str) -> None:
    data = _line(GOOD) + b"\n" + line + b"\n" + _line(RU_RECORD) + b"\n"
    first, bad, last = _read(data)
    assert isinstance(first, RawDocument) and first.source == f"{SOURCE}#L1"
    assert isinstance(last, RawDocument) and last.source == f"{SOURCE}#L3"
    assert isinstance(bad, Rejection)
    assert bad.source == f"{SOURCE}#L2"
    assert bad.stage == "read"
    assert message in bad.message
    assert bad.raw == line


@pytest.mark.parametrize(
    ("field", "value", "warning"),
    [
        ("published", 1725540000, "field 'published' is a number, not a string: kept in meta"),
        (
            "author",
            ["Айгүл Әбенова", "Дмитрий Ким"],
            "field 'author' is an array, not a string: kept in meta",
        ),
        ("url", {"href": "https://example.kz"}, "field 'url' is an object, not a string: kept in meta"),
    ],
)
def test_non_string_known_field_goes_to_meta(field: str, value: object, warning: str) -> None:
    [doc] = _read(_line({"text": "Жолдау талқыланды.", field: value}))
    assert isinstance(doc, RawDocument)
    assert getattr(doc, field) is None
    assert doc.meta[field] == value
    assert doc.meta["reader_warnings"] == [warning]


@pytest.mark.parametrize(
    ("data", "sources"),
    [
        (b"\n" + _line(GOOD) + b"\n\n  \n" + _line(RU_RECORD), ["#L2", "#L5"]),
        (_line(GOOD) + b"\r\n" + _line(RU_RECORD) + b"\r\n", ["#L1", "#L2"]),
        (codecs.BOM_UTF8 + _line(GOOD) + b"\n", ["#L1"]),
        (
            codecs.BOM_UTF16_LE + (json.dumps(GOOD) + "\n" + json.dumps(RU_RECORD)).encode("utf-16-le"),
            ["#L1", "#L2"],
        ),
    ],
)
def test_blank_lines_skipped_and_numbering_kept(data: bytes, sources: list[str]) -> None:
    items = _read(data)
    assert all(isinstance(i, RawDocument) for i in items)
    assert [i.source for i in items] == [SOURCE + s for s in sources]


def test_only_blank_lines_is_one_rejection() -> None:
    [rej] = _read(b"\n\n   \n\r\n", "export/empty.jsonl")
    assert isinstance(rej, Rejection)
    assert rej.source == "export/empty.jsonl"
    assert "JSONL file has no records (only blank lines)" in rej.message


def test_gzipped_jsonl() -> None:
    data = gzip.compress(_line(GOOD) + b"\n" + _line(RU_RECORD) + b"\n")
    items = _read(data, "export/dump.jsonl.gz")
    assert [i.source for i in items] == ["export/dump.jsonl.gz#L1", "export/dump.jsonl.gz#L2"]
    assert all(isinstance(i, RawDocument) for i in items)


def test_truncated_gzip_keeps_the_lines_before() -> None:
    lines = [_line({"text": f"Ауданда {n} отбасы жаңа үйге көшті.", "n": n}) for n in range(200)]
    full = gzip.compress(b"\n".join(lines))
    items = _read(full[: len(full) - 40], "export/dump.jsonl.gz")
    docs = [i for i in items if isinstance(i, RawDocument)]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert docs, "lines before the cut are read"
    assert any("gzip file is truncated" in r.message for r in rejections)


def test_lone_surrogate_escape_is_replaced() -> None:
    [doc] = _read(b'{"text": "Aqtobe \\ud800 news", "title": "\\udfff"}')
    assert isinstance(doc, RawDocument)
    assert doc.text == "Aqtobe \ufffd news"
    assert doc.title == "\ufffd"
    doc.text.encode("utf-8")  # storable
