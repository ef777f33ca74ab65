"""WARC reader: every HTML page in a web archive (``.warc`` or ``.warc.gz``) is one document.

Articles are ``response`` records with HTTP status 200 and an HTML content type, and ``resource``
records of type ``text/html``; all other records (requests, metadata, redirects, 404s, images) are
skipped without a rejection and counted in a debug log. The page body is decoded with the HTTP
charset, then the page's own ``<meta charset>``, then detection, and read by the HTML reader; the
document's URL is the record's ``WARC-Target-URI``.

A truncated or corrupt archive yields the records read before the damage and one rejection for the
rest, so a half-downloaded crawl is not lost.
"""

from __future__ import annotations

import contextlib
import io
import logging
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from zholdau.config import Settings
from zholdau.model import RawDocument, Rejection
from zholdau.readers.detect import (
    charset_from_content_type,
    gunzip,
    is_gzip,
    kind_from_content,
    rejection,
)
from zholdau.readers.html import extract_html

log = logging.getLogger(__name__)

HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(slots=True)
class _Scan:
    """What one pass over an archive found besides the pages."""

    records: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    damaged_at: int | None = None  # offset of the first record that could not be read whole
    truncated: bool = False
    error: str | None = None
    non_chunked_gzip: bool = False


@dataclass(frozen=True, slots=True)
class _Page:
    uri: str | None
    body: bytes
    charset: str | None


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


def _skip_reason(record: Any) -> tuple[str | None, str | None]:
    """``(reason to skip, content type)``: reason is None for records that hold an article."""
    rec_type = record.rec_type
    if rec_type == "response":
        http = record.http_headers
        if http is None:
            return "response without HTTP headers", None
        status = http.get_statuscode()
        content_type = http.get_header("Content-Type")
        if status != "200":
            return f"response {status}", content_type
        media = _media_type(content_type)
        if media and media not in HTML_TYPES:
            return f"response {media}", content_type
        return None, content_type
    if rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type")
        media = _media_type(content_type)
        if media and media not in HTML_TYPES:
            return f"resource {media}", content_type
        return None, content_type
    return str(rec_type), None


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """warcio prints warnings about damaged records to stderr; we report them as rejections instead."""
    captured = io.StringIO()
    with contextlib.redirect_stderr(captured):
        yield
    if captured.getvalue().strip():
        log.debug("warcio: %s", captured.getvalue().strip())


def _first_line(exc: BaseException) -> str:
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _scan(data: bytes, scan: _Scan, skip: int) -> Iterator[_Page]:
    """Yield the HTML pages of an archive, recording in ``scan`` what else happened.

    The first ``skip`` records are passed over (used when re-reading a gzip file that was not
    compressed record by record).
    """
    it = ArchiveIterator(io.BytesIO(data))
    records = iter(it)
    while True:
        offset = int(getattr(it, "offset", 0) or 0)
        try:
            with _quiet():
                record = next(records)
                offset = int(it.offset)  # where this record starts (get_record_offset() would consume it)
                reason, content_type = _skip_reason(record)
                body = b""
                if reason is None and scan.records >= skip:
                    body = record.content_stream().read()
                # Read what is left of the record: a record cut short leaves its length unfilled.
                while record.raw_stream.read(65536):
                    pass
                unfilled = getattr(record.raw_stream, "limit", 0)
        except StopIteration:
            # warcio ends quietly when the rest of the file is not a record (a cut gzip member).
            end = int(getattr(it, "offset", 0) or 0)
            if data[end:].strip(b"\r\n\x00 "):
                scan.damaged_at, scan.error = end, "unreadable data after the last record"
            return
        except ArchiveLoadFailed as exc:
            scan.damaged_at, scan.error = max(offset, int(getattr(it, "offset", 0) or 0)), _first_line(exc)
            scan.non_chunked_gzip = "non-chunked gzip" in str(exc)
            return
        except Exception as exc:  # warcio raises many types on damaged input; all mean "stop here"
            scan.damaged_at = max(offset, int(getattr(it, "offset", 0) or 0))
            scan.error = f"{type(exc).__name__}: {_first_line(exc)}"
            return
        if unfilled:
            scan.damaged_at, scan.truncated = offset, True
            return
        if record.rec_type is None:
            scan.damaged_at, scan.error = offset, "a record without a WARC type"
            return
        scan.records += 1
        if scan.records <= skip:
            continue
        uri = record.rec_headers.get_header("WARC-Target-URI")
        if reason is None and content_type is None and kind_from_content(body) != "html":
            reason = f"{record.rec_type} without a content type"
        if reason is not None:
            scan.skipped[reason] += 1
            continue
        yield _Page(uri, body, charset_from_content_type(content_type))


def _is_cut_short(rest: bytes, size: int) -> bool:
    """True when the unreadable rest of an archive is one record cut off by the end of the file."""
    if is_gzip(rest):
        return gunzip(rest, size * 20)[1] == "truncated"
    head = rest.lstrip(b"\r\n")
    starts_record = head.startswith(b"WARC/") or b"WARC/".startswith(head[:5])
    return starts_record and b"\nWARC/" not in head[5:]


def _damage_message(archive: bytes, scan: _Scan, size: int) -> str:
    at = scan.damaged_at or 0
    after = f"after {scan.records} record{'s' if scan.records != 1 else ''}"
    if scan.truncated or _is_cut_short(archive[at:], size):
        return (
            f"WARC file is truncated at byte {size} ({after}): the records before were read; "
            "re-download the file"
        )
    return (
        f"WARC file is damaged at byte {at} ({after}; {scan.error}): the records before were read "
        "and the rest skipped; re-download the file or check it with `warcio check`"
    )


def read_warc(data: bytes, source: str, settings: Settings) -> Iterator[RawDocument | Rejection]:
    """Yield a document (or rejection) per HTML page of a WARC file, then one rejection for any damage."""
    scan = _Scan()
    produced = 0
    for page in _scan(data, scan, 0):
        produced += 1
        yield _page_document(page, source, scan.records, settings)
    archive = data
    if scan.non_chunked_gzip:
        # A WARC gzipped as one stream, not record by record: decompress it and read on.
        archive, _ = gunzip(data, settings.max_file_bytes * 20)
        done, scan = scan.records, _Scan()
        for page in _scan(archive, scan, done):
            produced += 1
            yield _page_document(page, source, scan.records, settings)
    if scan.skipped:
        log.debug(
            "%s: skipped %d WARC records (%s)",
            source,
            sum(scan.skipped.values()),
            ", ".join(f"{n} {why}" for why, n in scan.skipped.most_common()),
        )
    if scan.damaged_at is not None:
        message = _damage_message(archive, scan, len(data))
        yield rejection(source, message, archive[scan.damaged_at :], settings)
    elif produced == 0:
        counts = ", ".join(f"{n} {why}" for why, n in scan.skipped.most_common()) or "no records"
        yield rejection(
            source,
            f"WARC file has no HTML pages ({counts}): nothing to ingest; "
            "was the crawl limited to the right pages?",
            data,
            settings,
        )


def _page_document(page: _Page, source: str, number: int, settings: Settings) -> RawDocument | Rejection:
    where = f"{source}#{page.uri}" if page.uri else f"{source}#record{number}"
    result = extract_html(page.body, where, settings, url=page.uri, http_charset=page.charset, kind="warc")
    if isinstance(result, RawDocument):
        result.meta["warc_record"] = number
    return result
