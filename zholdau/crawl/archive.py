"""Raw responses kept as WARC (``zholdau crawl --warc DIR``), so a crawl can be re-read without
fetching: ``zholdau ingest DIR/*.warc.gz`` gives the same articles.

One gzipped WARC file per crawl, ``zholdau-<UTC time>-<pid>.warc.gz``: a ``warcinfo`` record, then a
``request`` and a ``response`` record for every HTTP response received whole (redirects, 304s and
errors too: the archive is what the sites answered). Bodies are stored decoded (httpx undoes gzip
and brotli), so ``Content-Encoding`` is dropped and ``Content-Length`` set to the stored size.
Each record is flushed when written: a crawl that is killed leaves a readable archive.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

_HOP_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection", "keep-alive"}


class WarcArchive:
    """Appends request/response pairs to one new ``.warc.gz`` file in ``folder``."""

    def __init__(self, folder: Path, software: str) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        self.path = folder / f"zholdau-{stamp}-{os.getpid()}.warc.gz"
        self._file = self.path.open("xb")
        self._writer = WARCWriter(self._file, gzip=True)
        self.records = 0
        info = self._writer.create_warcinfo_record(
            self.path.name, {"software": software, "format": "WARC/1.0"}
        )
        self._write(info)

    def _write(self, record: Any) -> None:
        self._writer.write_record(record)
        self._file.flush()

    def add(
        self, url: str, status: int, reason: str, request_headers: dict[str, str], headers: Any, body: bytes
    ) -> None:
        """Keep one exchange (called by the fetcher for every response it read whole)."""
        parts = urlsplit(url)
        target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        sent = list(request_headers.items())
        if not any(k.lower() == "host" for k, _ in sent):
            sent.insert(0, ("Host", parts.netloc))
        req = StatusAndHeaders(f"GET {target} HTTP/1.1", sent, is_http_request=True)
        request = self._writer.create_warc_record(url, "request", http_headers=req)
        kept = [(k, v) for k, v in headers.multi_items() if k.lower() not in _HOP_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} {reason or 'Unknown'}", kept, protocol="HTTP/1.1")
        response = self._writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), http_headers=http, length=len(body)
        )
        request.rec_headers.add_header(
            "WARC-Concurrent-To", response.rec_headers.get_header("WARC-Record-ID")
        )
        self._write(response)
        self._write(request)
        self.records += 2

    def close(self) -> None:
        self._file.close()
