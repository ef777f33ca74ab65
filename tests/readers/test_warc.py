"""The WARC reader, on archives written with warcio's WARCWriter in a temporary directory."""

from __future__ import annotations

import gzip
import io
import logging
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from zholdau.config import Settings
from zholdau.model import RawDocument, Rejection
from zholdau.readers import read_bytes, read_paths

SETTINGS = Settings()

RU = (
    "В Уральске прошёл форум сельской молодёжи, посвящённый Посланию Президента. Участники "
    "обсудили программы поддержки молодых фермеров и льготное кредитование."
)
KK = (
    "Оралда Президент Жолдауына арналған ауыл жастарының форумы өтті. Қатысушылар жас "
    "фермерлерді қолдау бағдарламалары мен жеңілдетілген несие туралы пікір алмасты."
)


def html(title: str, text: str, charset: str | None = "utf-8") -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return f"<html><head>{meta}<title>{title}</title></head><body><article><p>{text}</p><p>{text}</p></article></body></html>"


@dataclass(frozen=True)
class Rec:
    kind: str  # response | resource | request | metadata
    uri: str
    body: bytes = b""
    status: str = "200 OK"
    content_type: str | None = "text/html; charset=utf-8"
    http_extra: tuple[tuple[str, str], ...] = ()


def write_warc(path: Path, records: list[Rec], gz: bool) -> Path:
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=gz)
        for r in records:
            if r.kind == "response":
                headers = [("Content-Type", r.content_type)] if r.content_type else []
                http = StatusAndHeaders(r.status, headers + list(r.http_extra), protocol="HTTP/1.1")
                rec = writer.create_warc_record(
                    r.uri, "response", payload=io.BytesIO(r.body), http_headers=http
                )
            elif r.kind == "request":
                http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "example.kz")], is_http_request=True)
                rec = writer.create_warc_record(r.uri, "request", payload=io.BytesIO(b""), http_headers=http)
            else:
                rec = writer.create_warc_record(
                    r.uri,
                    r.kind,
                    payload=io.BytesIO(r.body),
                    warc_content_type=r.content_type or "text/plain",
                )
            writer.write_record(rec)
    return path


GOOD = [
    Rec("request", "https://uralsk.example.kz/ru/1"),
    Rec("response", "https://uralsk.example.kz/ru/1", html("Форум молодёжи", RU).encode()),
    Rec(
        "metadata",
        "https://uralsk.example.kz/ru/1",
        b"fetch-time: 1s",
        content_type="application/warc-fields",
    ),
    Rec("response", "https://uralsk.example.kz/img/1.jpg", b"\xff\xd8\xff\xe0", content_type="image/jpeg"),
    Rec(
        "response", "https://uralsk.example.kz/kk/404", html("Табылмады", KK).encode(), status="404 Not Found"
    ),
    Rec("response", "https://uralsk.example.kz/old", b"", status="301 Moved Permanently"),
    Rec("response", "https://uralsk.example.kz/kk/2", html("Жастар форумы", KK).encode()),
]


@pytest.mark.parametrize("gz", [True, False])
def test_html_responses_become_documents(tmp_path: Path, gz: bool, caplog: pytest.LogCaptureFixture) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"), GOOD, gz)
    with caplog.at_level(logging.DEBUG, logger="zholdau.readers.warc"):
        items = list(read_paths([path], SETTINGS))
    assert all(isinstance(i, RawDocument) for i in items)
    assert [i.source for i in items] == [
        f"{path}#https://uralsk.example.kz/ru/1",
        f"{path}#https://uralsk.example.kz/kk/2",
    ]
    first, second = items
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.kind == "warc"
    assert first.url == "https://uralsk.example.kz/ru/1"
    assert first.title == "Форум молодёжи"
    assert RU in first.text
    assert KK in second.text
    assert "skipped 5 WARC records" in caplog.text


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        # charset only in the HTTP header
        (
            [
                Rec(
                    "response",
                    "https://e.kz/a",
                    html("Форум", RU, None).encode("cp1251"),
                    content_type="text/html; charset=windows-1251",
                )
            ],
            RU,
        ),
        # charset only in the page
        (
            [
                Rec(
                    "response",
                    "https://e.kz/a",
                    html("Форум", RU, "koi8-r").encode("koi8-r"),
                    content_type="text/html",
                )
            ],
            RU,
        ),
        # no charset anywhere: detection
        (
            [
                Rec(
                    "response",
                    "https://e.kz/a",
                    html("Форум", RU, None).encode("cp1251"),
                    content_type="text/html",
                )
            ],
            RU,
        ),
        # gzip content-encoding on the body
        (
            [
                Rec(
                    "response",
                    "https://e.kz/a",
                    gzip.compress(html("Форум", KK).encode()),
                    http_extra=(("Content-Encoding", "gzip"),),
                )
            ],
            KK,
        ),
        # XHTML and a resource record
        (
            [
                Rec(
                    "response",
                    "https://e.kz/a",
                    html("Форум", KK).encode(),
                    content_type="application/xhtml+xml",
                )
            ],
            KK,
        ),
        (
            [
                Rec(
                    "resource",
                    "file:///saved/page.html",
                    html("Форум", KK).encode(),
                    content_type="text/html",
                )
            ],
            KK,
        ),
        # a response without Content-Type whose body is HTML
        ([Rec("response", "https://e.kz/a", html("Форум", RU).encode(), content_type=None)], RU),
    ],
)
def test_page_bodies_are_decoded(tmp_path: Path, records: list[Rec], expected: str) -> None:
    data = write_warc(tmp_path / "a.warc.gz", records, gz=True).read_bytes()
    [doc] = list(read_bytes(data, "a.warc.gz", SETTINGS))
    assert isinstance(doc, RawDocument)
    assert expected in doc.text


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("cut_in_record", [2, 3])
def test_truncated_archive_keeps_the_records_before(tmp_path: Path, gz: bool, cut_in_record: int) -> None:
    records = [Rec("response", f"https://e.kz/{n}", html(f"Жаңалық {n}", KK).encode()) for n in range(4)]
    data = write_warc(tmp_path / "a.warc", records, gz).read_bytes()
    # cut in the middle of record number `cut_in_record` (0-based): sizes are equal, so this is exact
    size = len(data) // 4
    cut = size * cut_in_record + size // 2
    items = list(read_bytes(data[:cut], "crawl.warc.gz", SETTINGS))
    *docs, last = items
    assert [d.source for d in docs] == [f"crawl.warc.gz#https://e.kz/{n}" for n in range(cut_in_record)]
    assert isinstance(last, Rejection)
    assert last.source == "crawl.warc.gz"
    s = "s" if cut_in_record != 1 else ""
    assert last.message == (
        f"WARC file is truncated at byte {cut} (after {cut_in_record} record{s}): the records before were "
        "read; re-download the file"
    )
    assert last.raw is not None and data[:cut].endswith(last.raw)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"WARC/1.0\r\nthis is not a header\r\n\r\n" + b"junk" * 50, "WARC file is"),
        (
            b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999999\r\n\r\nshort",
            "WARC file is truncated at byte",
        ),
    ],
)
def test_corrupt_archive_is_one_rejection(data: bytes, message: str) -> None:
    items = list(read_bytes(data, "bad.warc", SETTINGS))
    assert len(items) == 1
    assert isinstance(items[0], Rejection)
    assert items[0].message.startswith(message)


def test_archive_without_pages_says_what_it_holds(tmp_path: Path) -> None:
    records = [GOOD[0], GOOD[3], GOOD[4]]
    data = write_warc(tmp_path / "a.warc.gz", records, gz=True).read_bytes()
    [rej] = list(read_bytes(data, "crawl.warc.gz", SETTINGS))
    assert isinstance(rej, Rejection)
    assert rej.message.startswith(
        "WARC file has no HTML pages (1 request, 1 response image/jpeg, 1 response 404)"
    )


def test_page_without_text_is_rejected_with_its_uri(tmp_path: Path) -> None:
    records = [
        Rec("response", "https://e.kz/index", b"<html><body><a href='/1'>1</a></body></html>"),
        Rec("response", "https://e.kz/1", html("Форум", RU).encode()),
    ]
    data = write_warc(tmp_path / "a.warc.gz", records, gz=True).read_bytes()
    rej, doc = list(read_bytes(data, "c.warc.gz", SETTINGS))
    assert isinstance(rej, Rejection) and rej.source == "c.warc.gz#https://e.kz/index"
    assert "no main text" in rej.message
    assert isinstance(doc, RawDocument) and doc.source == "c.warc.gz#https://e.kz/1"


def test_warc_gzipped_as_one_stream(tmp_path: Path) -> None:
    records = [Rec("response", f"https://e.kz/{n}", html(f"Жаңалық {n}", KK).encode()) for n in range(3)]
    plain = write_warc(tmp_path / "a.warc", records, gz=False).read_bytes()
    items = list(read_bytes(gzip.compress(plain), "whole.warc.gz", SETTINGS))
    assert [i.source for i in items] == [f"whole.warc.gz#https://e.kz/{n}" for n in range(3)]
    assert all(isinstance(i, RawDocument) for i in items)
