"""Finding the input files and sending each to its reader.

:func:`read_paths` walks files and directories (recursively, sorted, hidden entries skipped) and
:func:`read_bytes` decides which reader a byte string needs: known non-text formats are rejected
with a hint, gzip is opened (``.jsonl.gz``, ``.txt.gz``; a ``.warc.gz`` goes to the WARC reader
whole), and the rest is dispatched by :func:`~zholdau.readers.detect.sniff`. Whatever goes wrong
becomes a :class:`Rejection` and the next input is read.
"""

from __future__ import annotations

import hashlib
import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from zholdau.config import Settings
from zholdau.model import RawDocument, Rejection
from zholdau.readers.detect import (
    KINDS,
    READ_STAGE,
    describe_size,
    foreign_format,
    gunzip,
    is_gzip,
    is_warc,
    raw_pointer,
    rejection,
    sniff,
)
from zholdau.readers.html import read_html
from zholdau.readers.jsonl import read_jsonl
from zholdau.readers.txt import read_txt
from zholdau.readers.warc import read_warc

log = logging.getLogger(__name__)

Reader = Callable[[bytes, str, Settings], Iterator[RawDocument | Rejection]]
READERS: dict[str, Reader] = {"txt": read_txt, "jsonl": read_jsonl, "html": read_html, "warc": read_warc}

_HASH_CHUNK = 1 << 20


def _too_big(size: int, settings: Settings) -> str:
    return (
        f"file is {describe_size(size)} ({size} bytes), over the {describe_size(settings.max_file_bytes)} "
        "limit (ZHOLDAU_MAX_FILE_BYTES): split it, or raise the limit if the machine has the memory"
    )


def _name_of(source: str) -> str:
    """The file name in a source, for its extension: the path of a URL, the part before ``#``."""
    if "://" in source:
        return urlsplit(source).path
    return source.split("#", 1)[0]


def read_bytes(
    data: bytes, source: str, settings: Settings, kind: str | None = None
) -> Iterator[RawDocument | Rejection]:
    """The documents (and rejections) in ``data``, lazily; never raises on bad input.

    ``source`` names the input in every result (and its extension helps choose the reader);
    ``kind`` (``txt``, ``jsonl``, ``html``, ``warc``) skips the sniffing.
    """
    if kind is not None and kind not in KINDS:
        raise ValueError(f"unknown reader kind {kind!r}: use one of {', '.join(KINDS)}")
    return _read(data, source, _name_of(source), settings, kind)


def _read(
    data: bytes, source: str, name: str, settings: Settings, kind: str | None
) -> Iterator[RawDocument | Rejection]:
    if len(data) > settings.max_file_bytes:
        yield rejection(source, _too_big(len(data), settings), data, settings)
        return
    if not data:
        yield rejection(
            source,
            "empty file (0 bytes): nothing to ingest; remove it or check the export that produced it",
            data,
            settings,
        )
        return
    try:
        if is_gzip(data) and kind != "warc" and not is_warc(data):
            yield from _read_gzip(data, source, name, settings, kind)
            return
        if kind is None:
            problem = foreign_format(data)
            if problem is not None:
                yield rejection(source, f"this is {problem}", data, settings)
                return
            kind = sniff(data, name)
        yield from READERS[kind](data, source, settings)
    except Exception as exc:  # a reader bug must cost one input, not the run
        log.exception("reader failed on %s", source)
        yield rejection(
            source,
            f"the {kind or 'input'} reader failed ({type(exc).__name__}: {exc}): "
            "this is a bug in Zholdau Monitor; please report it with this file",
            data,
            settings,
        )


def _read_gzip(
    data: bytes, source: str, name: str, settings: Settings, kind: str | None
) -> Iterator[RawDocument | Rejection]:
    inner, problem = gunzip(data, settings.max_file_bytes)
    inner_name = name[:-3] if name.lower().endswith(".gz") else name
    if problem == "over":
        limit = describe_size(settings.max_file_bytes)
        message = (
            f"decompressed file is over the {limit} limit (ZHOLDAU_MAX_FILE_BYTES): "
            "decompress and split it, or raise the limit"
        )
        yield rejection(source, message, data, settings)
        return
    if inner:
        # Nested gzip is not unpacked again: one level is what exports produce.
        if is_gzip(inner) and not is_warc(inner):
            yield rejection(
                source, "gzip inside gzip: decompress the file and ingest the result", data, settings
            )
            return
        yield from _read(inner, source, inner_name, settings, kind)
    if problem is not None:
        yield rejection(
            source,
            f"gzip file is {problem} after {len(inner)} decompressed bytes: what came before was read; "
            "re-download the file",
            data,
            settings,
        )
    elif not inner:
        yield rejection(
            source, "gzip file holds nothing (0 bytes once decompressed): nothing to ingest", data, settings
        )


# --------------------------------------------------------------------------------------------------
# Walking the paths the user gave


@dataclass(frozen=True, slots=True)
class _Input:
    """A file to read (``path``), or a path we cannot read (``path`` is None, ``problem`` says why)."""

    source: str
    path: Path | None
    problem: str | None = None


def _given(path: str | Path) -> str:
    return str(path).replace(os.sep, "/") if os.sep != "/" else str(path)


def _hidden(name: str) -> bool:
    return name.startswith(".")


def _inputs(paths: Iterable[str | Path]) -> Iterator[_Input]:
    for given in paths:
        path = Path(given)
        shown = _given(given)
        if path.is_dir():
            base = shown.rstrip("/") or "/"
            errors: list[OSError] = []
            for root, dirs, files in os.walk(path, onerror=errors.append):
                dirs[:] = sorted(d for d in dirs if not _hidden(d))
                rel_root = Path(root).relative_to(path).as_posix()
                for name in sorted(f for f in files if not _hidden(f)):
                    rel = name if rel_root == "." else f"{rel_root}/{name}"
                    yield _Input(f"{base.rstrip('/')}/{rel}", Path(root) / name)
            for error in errors:
                where = _given(error.filename) if error.filename else shown
                reason = error.strerror or str(error)
                yield _Input(where, None, f"cannot list the directory ({reason}): check its permissions")
        elif path.exists() or path.is_symlink():
            yield _Input(shown, path)
        else:
            problem = f"path does not exist: {shown}; check the spelling, or the directory you run from"
            yield _Input(shown, None, problem)


def count_inputs(paths: Iterable[str | Path]) -> int:
    """How many files :func:`read_paths` will open for these paths (for a progress bar)."""
    return sum(1 for item in _inputs(paths) if item.path is not None)


def _sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(_HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _read_file(path: Path, source: str, settings: Settings) -> Iterator[RawDocument | Rejection]:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            yield Rejection(source, READ_STAGE, "not a regular file (a pipe, socket or device): skipped")
            return
        if info.st_size > settings.max_file_bytes:
            # Never load an oversized file: keep a pointer (size and hash, read in chunks) instead.
            pointer = raw_pointer(source, info.st_size, _sha256_of(path))
            yield Rejection(
                source, READ_STAGE, _too_big(info.st_size, settings), raw=None, raw_pointer=pointer
            )
            return
        with path.open("rb") as f:
            data = f.read(settings.max_file_bytes + 1)  # the file may have grown since stat()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        yield Rejection(source, READ_STAGE, f"cannot read the file ({reason}): check its permissions")
        return
    yield from _read(data, source, source, settings, None)


def read_paths(paths: Iterable[str | Path], settings: Settings) -> Iterator[RawDocument | Rejection]:
    """Yield the documents and rejections of every file under ``paths``, in a stable order.

    A directory is read recursively in sorted order, skipping hidden files and directories; a
    missing path gives a rejection. Each result's ``source`` is the path as given joined with the
    file's relative path (forward slashes), plus ``#L<n>`` or ``#<url>`` for sub-documents.
    """
    for item in _inputs(paths):
        if item.path is None:
            yield Rejection(item.source, READ_STAGE, item.problem or "cannot read this path")
            continue
        yield from _read_file(item.path, item.source, settings)
