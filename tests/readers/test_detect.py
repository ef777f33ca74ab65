"""Sniffing, encoding detection, gzip and the rejection helper."""

from __future__ import annotations

import codecs
import gzip
import hashlib
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from zholdau.config import Settings
from zholdau.readers.detect import (
    Decoded,
    Undecodable,
    cyrillic_score,
    declared_charset,
    decode_text,
    gunzip,
    kind_from_name,
    rejection,
    sniff,
)

RU = (
    "Аким Костанайской области провёл встречу с жителями Аулиекольского района и разъяснил "
    "основные положения Послания Главы государства.\nПо его словам, в этом году в районе построят "
    "новую школу, отремонтируют сорок километров дорог и проведут водопровод в два села."
)
KK = (
    "Облыс әкімі аудан тұрғындарымен кездесіп, Мемлекет басшысының Жолдауындағы негізгі "
    "міндеттерді түсіндірді.\nБиыл ауданда жаңа мектеп салынып, қырық шақырым жол жөнделеді. "
    "Кездесуге қатысқан тұрғындар өз ұсыныстарын айтты."
)
RU_CAPS = "ПОСЛАНИЕ ГЛАВЫ ГОСУДАРСТВА ОБСУДИЛИ В АКИМАТЕ ОБЛАСТИ\n" + RU
BOM16LE, BOM16BE, BOM8 = codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF8


@pytest.mark.parametrize(
    ("text", "data", "encoding"),
    [
        (RU, RU.encode("utf-8"), "utf-8"),
        (KK, KK.encode("utf-8"), "utf-8"),
        (RU, BOM8 + RU.encode("utf-8"), "utf-8-sig"),
        (KK, BOM8 + KK.encode("utf-8"), "utf-8-sig"),
        (RU, RU.encode("cp1251"), "cp1251"),
        (RU_CAPS, RU_CAPS.encode("cp1251"), "cp1251"),
        (RU, RU.encode("koi8-r"), "koi8-r"),
        (RU_CAPS, RU_CAPS.encode("koi8-r"), "koi8-r"),
        (KK, KK.encode("kz1048"), "kz1048"),
        (RU, RU.encode("cp866"), "cp866"),
        (RU, BOM16LE + RU.encode("utf-16-le"), "utf-16-le"),
        (KK, BOM16LE + KK.encode("utf-16-le"), "utf-16-le"),
        (RU, BOM16BE + RU.encode("utf-16-be"), "utf-16-be"),
        (KK, BOM16BE + KK.encode("utf-16-be"), "utf-16-be"),
        (RU, codecs.BOM_UTF32_LE + RU.encode("utf-32-le"), "utf-32-le"),
        (RU, RU.encode("utf-16-le"), "utf-16-le"),
        (KK, KK.encode("utf-16-le"), "utf-16-le"),
        (RU, RU.encode("utf-16-be"), "utf-16-be"),
        (KK, KK.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encodings(text: str, data: bytes, encoding: str) -> None:
    decoded = decode_text(data)
    assert isinstance(decoded, Decoded)
    assert decoded.text.lstrip("\ufeff") == text
    assert decoded.encoding == encoding
    assert decoded.replaced == 0


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        # a file cut inside its last two-byte letter is still UTF-8
        (RU.encode("utf-8")[:-2], RU[:-2]),
        # one stray byte between two words becomes U+FFFD, the rest is kept
        (KK.encode("utf-8").replace(b" ", b" \xff", 1), None),
    ],
)
def test_damaged_utf8_is_kept(data: bytes, expected: str | None) -> None:
    decoded = decode_text(data)
    assert isinstance(decoded, Decoded)
    assert decoded.encoding == "utf-8"
    assert decoded.replaced == 1
    if expected is not None:
        assert decoded.text == expected


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (bytes(range(32)) * 20, "binary data, not text"),
        (b"\x00\x01\x02\x03\xfe\xfa" * 100 + b"abc", "binary data, not text"),
    ],
)
def test_binary_is_undecodable(data: bytes, message: str) -> None:
    decoded = decode_text(data)
    assert isinstance(decoded, Undecodable)
    assert message in decoded.message
    assert "% control bytes" in decoded.message


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        ("Der Präsident sprach über Straßen, Schulen und Wasserleitungen in den Dörfern.", "latin-1"),
        ("Le président a parlé des écoles, des routes et de l'eau dans les villages.", "cp1252"),
    ],
)
def test_latin_text_is_not_taken_for_cyrillic(text: str, codec: str) -> None:
    decoded = decode_text(text.encode(codec))
    assert not (isinstance(decoded, Decoded) and decoded.encoding in {"cp1251", "koi8-r", "kz1048", "cp866"})


@pytest.mark.parametrize("codec", ["koi8-r", "cp866", "cp1251"])
def test_right_code_page_scores_higher(codec: str) -> None:
    data = RU.encode(codec)
    right = cyrillic_score(data.decode(codec))
    for wrong in {"koi8-r", "cp866", "cp1251"} - {codec}:
        assert right > cyrillic_score(data.decode(wrong, errors="replace")) + 0.2


@pytest.mark.parametrize(
    ("html", "declared", "encoding"),
    [
        # the page says windows-1251 but the bytes are UTF-8: UTF-8 validity wins
        (f"<meta charset='windows-1251'><p>{RU}</p>".encode(), None, "utf-8"),
        # the page says UTF-8 but the bytes are cp1251
        (f'<meta charset="utf-8"><p>{RU}</p>'.encode("cp1251"), "utf-8", "cp1251"),
        # the server says iso-8859-1 (a common default) for a cp1251 page
        (f"<p>{RU}</p>".encode("cp1251"), "iso-8859-1", "cp1251"),
        # KOI8-R declared and true, with much markup around little text
        (
            ("<div class='x'><span>" * 30 + f"<p>{RU}</p>" + "</span></div>" * 30).encode("koi8-r"),
            "koi8-r",
            "koi8-r",
        ),
        # a declared Western charset that is true: Latin text stays Latin
        ("<p>Straße, Schüler, Größe und Übermut.</p>".encode("latin-1"), "latin-1", "iso8859-1"),
    ],
)
def test_declared_charset(html: bytes, declared: str | None, encoding: str) -> None:
    decoded = decode_text(html, declared or declared_charset(html), markup=True)
    assert isinstance(decoded, Decoded)
    assert decoded.encoding == encoding


@pytest.mark.parametrize(
    ("head", "charset"),
    [
        (b'<html><head><meta charset="windows-1251">', "windows-1251"),
        (b"<meta http-equiv='Content-Type' content='text/html; charset=KOI8-R'>", "KOI8-R"),
        (b"<META CHARSET=utf-8>", "utf-8"),
        (b"<html><head><title>no charset</title>", None),
    ],
)
def test_declared_charset_in_meta(head: bytes, charset: str | None) -> None:
    assert declared_charset(head) == charset


@given(st.text(alphabet=st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=200))
@settings(max_examples=200, deadline=None)
def test_utf8_text_round_trips(text: str) -> None:
    decoded = decode_text(text.encode("utf-8"))
    assert isinstance(decoded, Decoded)
    assert decoded.text == text


# --------------------------------------------------------------------------------------------------
# Sniffing


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("corpus/2024/article.txt", "txt"),
        ("notes.TEXT", "txt"),
        ("README.md", "txt"),
        ("export.jsonl", "jsonl"),
        ("export.ndjson", "jsonl"),
        ("export.jsonl.gz", "jsonl"),
        ("page.html", "html"),
        ("PAGE.HTM", "html"),
        ("crawl.warc", "warc"),
        ("crawl.warc.gz", "warc"),
        ("table.csv", None),
        ("archive.gz", None),
        ("no_extension", None),
    ],
)
def test_kind_from_name(name: str, kind: str | None) -> None:
    assert kind_from_name(name) == kind


def _warc_bytes(gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://example.kz/news/1", "response", payload=io.BytesIO(b"<html></html>"), http_headers=headers
    )
    writer.write_record(record)
    return buf.getvalue()


HTML_PAGE = f"<!DOCTYPE html><html><head><title>Жолдау</title></head><body><p>{KK}</p></body></html>"
JSON_LINE = '{"text": "Аким разъяснил Послание.", "url": "https://example.kz/1"}\n'


@pytest.mark.parametrize(
    ("name", "data", "kind"),
    [
        ("article.txt", RU.encode(), "txt"),
        ("article.txt", HTML_PAGE.encode(), "html"),  # the extension lies
        ("article.txt", JSON_LINE.encode() * 2, "jsonl"),
        ("article.txt", _warc_bytes(gz=True), "warc"),
        ("export.jsonl", RU.encode(), "txt"),  # no object on the first line: plain text
        ("export.jsonl", HTML_PAGE.encode(), "html"),
        ("export.jsonl", b"\n\n" + JSON_LINE.encode(), "jsonl"),
        ("export.jsonl", b'{"text": "half a line', "jsonl"),  # broken JSON is still JSONL, to be rejected
        ("page.html", KK.encode(), "txt"),  # no markup at all
        ("page.html", f"<div><p>{RU}</p></div>".encode(), "html"),
        ("page.html", BOM16LE + HTML_PAGE.encode("utf-16-le"), "html"),
        ("crawl.warc", RU.encode(), "txt"),
        ("crawl.warc.gz", _warc_bytes(gz=True), "warc"),
        ("download", _warc_bytes(gz=False), "warc"),
        ("download", HTML_PAGE.encode(), "html"),
        ("download", f"\n  <div class='news'><p>{RU}</p></div>".encode(), "html"),
        ("download", JSON_LINE.encode(), "jsonl"),
        ("download", KK.encode(), "txt"),
        ("download", b"<?xml version='1.0'?>\n<!DOCTYPE html><html><body></body></html>", "html"),
    ],
)
def test_sniff(name: str, data: bytes, kind: str) -> None:
    assert sniff(data, name) == kind


# --------------------------------------------------------------------------------------------------
# gzip and rejections


@pytest.mark.parametrize(
    ("data", "limit", "expected", "problem"),
    [
        (gzip.compress(b"first article"), 1000, b"first article", None),
        (gzip.compress(b"one ") + gzip.compress(b"two"), 1000, b"one two", None),  # multi-member
        (gzip.compress(b"padded") + b"\x00" * 16, 1000, b"padded", None),
        (gzip.compress(b"x" * 5000)[:-12], 10_000, None, "truncated"),
        (gzip.compress(b"x" * 5000), 100, b"x" * 100, "over"),
    ],
)
def test_gunzip(data: bytes, limit: int, expected: bytes | None, problem: str | None) -> None:
    out, found = gunzip(data, limit)
    assert found == problem
    if expected is not None:
        assert out == expected


@pytest.mark.parametrize(
    ("size", "keep", "kept"),
    [(10, 100, True), (100, 100, True), (101, 100, False)],
)
def test_rejection_keeps_raw_or_pointer(size: int, keep: int, kept: bool) -> None:
    data = b"z" * size
    rej = rejection("corpus/a.txt", "why", data, Settings(max_raw_keep=keep))
    assert rej.stage == "read"
    if kept:
        assert rej.raw == data and rej.raw_pointer is None
    else:
        assert rej.raw is None
        assert rej.raw_pointer == f"corpus/a.txt ({size} bytes, sha256 {hashlib.sha256(data).hexdigest()})"
