"""The plain-text reader, through ``read_bytes`` as the pipeline calls it."""

from __future__ import annotations

import bz2
import codecs

import pytest

from zholdau.config import Settings
from zholdau.model import RawDocument, Rejection
from zholdau.readers import read_bytes

RU = (
    "Шымкент. В городском акимате состоялось расширенное совещание по реализации Послания "
    "Президента народу Казахстана.\r\nАким города поручил до конца года сдать в эксплуатацию "
    "две поликлиники и пять детских садов."
)
KK = (
    "Түркістан облысында Жолдауды түсіндіру мақсатында ақпараттық топ жұмыс істеді.\r\n"
    "Топ мүшелері ауыл тұрғындарымен кездесіп, әлеуметтік бағдарламалар туралы айтып берді."
)
SETTINGS = Settings()


def _one(
    data: bytes, name: str = "corpus/article.txt", settings: Settings = SETTINGS
) -> RawDocument | Rejection:
    items = list(read_bytes(data, name, settings))
    assert len(items) == 1
    return items[0]


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (RU, RU.encode("utf-8"), "utf-8"),
        (KK, KK.encode("utf-8"), "utf-8"),
        (RU, codecs.BOM_UTF8 + RU.encode("utf-8"), "utf-8-sig"),
        (RU, RU.encode("cp1251"), "cp1251"),
        (RU, RU.encode("koi8-r"), "koi8-r"),
        (KK, KK.encode("kz1048"), "kz1048"),
        (RU, codecs.BOM_UTF16_LE + RU.encode("utf-16-le"), "utf-16-le"),
        (KK, codecs.BOM_UTF16_BE + KK.encode("utf-16-be"), "utf-16-be"),
        (KK, KK.encode("utf-16-le"), "utf-16-le"),
    ],
)
def test_text_file_decodes(text: str, data: bytes, encoding: str) -> None:
    doc = _one(data)
    assert isinstance(doc, RawDocument)
    assert doc.kind == "txt"
    assert doc.source == "corpus/article.txt"
    assert doc.encoding == encoding
    assert doc.text == text.replace("\r\n", "\n")  # only line endings change; no BOM left
    assert doc.raw == data


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"first line\r\nsecond line\r\n", "first line\nsecond line\n"),
        (b"old mac\rexport\r", "old mac\nexport\n"),
        (b"  leading and trailing spaces stay  \n\n", "  leading and trailing spaces stay  \n\n"),
    ],
)
def test_text_is_not_cleaned_but_newlines_are_unified(data: bytes, expected: str) -> None:
    doc = _one(data)
    assert isinstance(doc, RawDocument)
    assert doc.text == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty file (0 bytes): nothing to ingest; remove it or check the export that produced it"),
        (b" \n\t\r\n  ", "file holds only whitespace (7 bytes)"),
        (codecs.BOM_UTF16_LE + " \n ".encode("utf-16-le"), "file holds only whitespace"),
        (codecs.BOM_UTF8, "file holds only whitespace"),
        (bytes(range(256)) * 4, "binary data, not text ("),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "this is a PNG image, not text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "this is a PDF document, not text"),
        (b"PK\x03\x04\x14\x00\x06\x00", "this is a ZIP archive"),
        (bz2.compress(KK.encode()), "this is a bzip2-compressed file: decompress it (`bunzip2`)"),
        (b"{\\rtf1\\ansi\\deff0 {\\fonttbl}", "this is an RTF document"),
    ],
)
def test_unreadable_text_is_rejected(data: bytes, message: str) -> None:
    rej = _one(data)
    assert isinstance(rej, Rejection)
    assert rej.stage == "read"
    assert rej.source == "corpus/article.txt"
    assert message in rej.message
    assert rej.raw == data


def test_binary_message_gives_the_share_of_control_bytes() -> None:
    rej = _one(b"\x00\x01\x02\x03" * 30 + b"text" * 10)
    assert isinstance(rej, Rejection)
    assert rej.message == "binary data, not text (75% control bytes): is this the right file?"


def test_big_rejected_bytes_become_a_pointer() -> None:
    data = bytes(range(32)) * 50
    rej = _one(data, settings=Settings(max_raw_keep=100))
    assert isinstance(rej, Rejection)
    assert rej.raw is None
    assert rej.raw_pointer is not None and rej.raw_pointer.startswith(
        "corpus/article.txt (1600 bytes, sha256 "
    )


def test_bytes_replaced_in_damaged_utf8_are_counted() -> None:
    data = KK.encode("utf-8").replace(b" ", b" \xff", 1)
    doc = _one(data)
    assert isinstance(doc, RawDocument)
    assert doc.meta == {"replaced_bytes": 1}
    assert "\ufffd" in doc.text
