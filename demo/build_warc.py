"""Pack the demo pages under ``demo/warc_src/`` into WARC files for the demo corpus.

Writes two files:

* ``demo/corpus/warc/crawl.warc.gz`` — a ``warcinfo`` record, ``request`` + ``response`` pairs for the
  four article pages, a PNG image response and a 404 response (the reader must skip the last two);
* ``demo/corpus/broken/truncated.warc.gz`` — a valid gzipped WARC cut in the middle of its
  ``response`` record, which the reader must turn into a rejection.

Record ids and dates are derived from the pages, so running the script twice gives identical bytes.
Run it from anywhere: ``python demo/build_warc.py``.
"""

from __future__ import annotations

import struct
import uuid
import zlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from warcio.recordbuilder import RecordBuilder
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DEMO = Path(__file__).resolve().parent
SRC = DEMO / "warc_src"
CRAWL_OUT = DEMO / "corpus" / "warc" / "crawl.warc.gz"
TRUNCATED_OUT = DEMO / "corpus" / "broken" / "truncated.warc.gz"

# A fixed namespace keeps record ids stable between runs.
_ID_NAMESPACE = uuid.UUID("6f1d2c3e-5a4b-4c8d-9e0f-1a2b3c4d5e6f")


@dataclass(frozen=True)
class Capture:
    """One fetched URL: what the crawler asked for and what came back."""

    uri: str
    date: str  # WARC-Date, UTC
    status: str  # "200 OK", "404 Not Found"
    content_type: str
    body: bytes


def _record_id(uri: str, kind: str) -> str:
    return f"<urn:uuid:{uuid.uuid5(_ID_NAMESPACE, kind + ' ' + uri)}>"


def _tiny_png() -> bytes:
    """A valid 1x1 grey PNG, built by hand so the script needs no image library."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00\x80")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _html(name: str) -> bytes:
    return (SRC / name).read_bytes()


def crawl_captures() -> list[Capture]:
    """The captures of the demo crawl, in crawl order."""
    html = "text/html; charset=utf-8"
    return [
        Capture(
            "https://aimaq-news.kz/ru/news/11520-deputaty-almaty-obsudili-poslanie-prezidenta",
            "2019-09-05T08:02:11Z",
            "200 OK",
            html,
            _html("almaty_2019_09_05.html"),
        ),
        Capture(
            "https://aimaq-news.kz/static/img/logo.png",
            "2019-09-05T08:02:12Z",
            "200 OK",
            "image/png",
            _tiny_png(),
        ),
        Capture(
            "https://aimaq-news.kz/ru/news/20459-akim-zko-postavil-zadachi-po-realizatsii-poslaniya",
            "2021-09-10T11:05:40Z",
            "200 OK",
            html,
            _html("uralsk_2021_09_10.html"),
        ),
        Capture(
            "https://aimaq-news.kz/ru/news/20460-stranitsa-udalena",
            "2021-09-10T11:05:43Z",
            "404 Not Found",
            html,
            "<!DOCTYPE html><html><head><meta charset='utf-8'><title>404</title></head>"
            "<body><h1>Страница не найдена</h1><p>Запрошенная страница удалена или перемещена.</p>"
            "</body></html>".encode(),
        ),
        Capture(
            "https://aimaq-news.kz/ru/news/27302-zhitelyam-rayona-saryarka-razyasnili-poslanie",
            "2023-09-05T13:20:02Z",
            "200 OK",
            html,
            _html("astana_2023_09_05.html"),
        ),
        Capture(
            "https://aimaq-news.kz/ru/news/31877-v-kostanayskoy-oblasti-obsudili-poslanie-2025",
            "2025-09-10T07:31:55Z",
            "200 OK",
            html,
            _html("kostanay_2025_09_10.html"),
        ),
    ]


def _warcinfo(writer: RecordBuilder, filename: str, date: str) -> ArcWarcRecord:
    fields = (
        b"software: zholdau demo/build_warc.py\r\n"
        b"format: WARC File Format 1.0\r\n"
        b"description: Demo crawl of a fictional regional news site for Zholdau Monitor\r\n"
        b"robots: obey\r\n"
    )
    return writer.create_warc_record(
        "",
        "warcinfo",
        payload=BytesIO(fields),
        length=len(fields),
        warc_headers_dict={
            "WARC-Record-ID": _record_id(filename, "warcinfo"),
            "WARC-Date": date,
            "WARC-Filename": filename,
        },
    )


def _write_capture(writer: WARCWriter, cap: Capture) -> None:
    """Write the request, then the response, linked by WARC-Concurrent-To."""
    path = "/" + cap.uri.split("/", 3)[3]
    host = cap.uri.split("/")[2]
    req_headers = StatusAndHeaders(
        f"GET {path} HTTP/1.1",
        [("Host", host), ("User-Agent", "zholdau-demo/0.1"), ("Accept", "text/html,*/*")],
        is_http_request=True,
    )
    resp_id = _record_id(cap.uri, "response")
    request = writer.create_warc_record(
        cap.uri,
        "request",
        warc_headers_dict={
            "WARC-Record-ID": _record_id(cap.uri, "request"),
            "WARC-Date": cap.date,
            "WARC-Concurrent-To": resp_id,
        },
        http_headers=req_headers,
    )
    resp_headers = StatusAndHeaders(
        cap.status,
        [("Content-Type", cap.content_type), ("Content-Length", str(len(cap.body)))],
        protocol="HTTP/1.1",
    )
    response = writer.create_warc_record(
        cap.uri,
        "response",
        payload=BytesIO(cap.body),
        length=len(cap.body),
        warc_headers_dict={"WARC-Record-ID": resp_id, "WARC-Date": cap.date},
        http_headers=resp_headers,
    )
    writer.write_record(request)
    writer.write_record(response)


def build_crawl(out: Path = CRAWL_OUT) -> Path:
    """Write the demo crawl WARC and return its path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(_warcinfo(writer, out.name, "2025-09-10T07:30:00Z"))
        for cap in crawl_captures():
            _write_capture(writer, cap)
    return out


def build_truncated(out: Path = TRUNCATED_OUT) -> Path:
    """Write a WARC whose last gzip member (the response) is cut in half."""
    cap = Capture(
        "https://aimaq-news.kz/ru/news/29114-v-ekibastuze-obsudili-poslanie",
        "2024-09-06T05:12:00Z",
        "200 OK",
        "text/html; charset=utf-8",
        _html("truncated_ekibastuz_2024_09_06.html"),
    )
    buf = BytesIO()
    writer = WARCWriter(buf, gzip=True)
    writer.write_record(_warcinfo(writer, out.name, "2024-09-06T05:11:00Z"))
    before_response = buf.tell()
    _write_capture(writer, cap)
    data = buf.getvalue()
    # The request member is short; the cut lands well inside the response member.
    cut = before_response + (len(data) - before_response) * 2 // 3
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data[:cut])
    return out


def main() -> None:
    """Build both WARC files and say where they went."""
    for path in (build_crawl(), build_truncated()):
        print(f"wrote {path.relative_to(DEMO.parent)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
