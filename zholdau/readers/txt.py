"""Plain-text reader: one file, one document, decoded with :func:`~zholdau.readers.detect.decode_text`.

The text is returned as decoded (the ``clean`` stage does the cleaning); only line endings are made
``\\n`` so that every later offset means the same thing whatever system wrote the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from zholdau.config import Settings
from zholdau.model import RawDocument, Rejection
from zholdau.readers.detect import Undecodable, decode_text, rejection


def normalise_newlines(text: str) -> str:
    """``\\r\\n`` (Windows) and a lone ``\\r`` (old Mac exports) become ``\\n``."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_txt(data: bytes, source: str, settings: Settings) -> Iterator[RawDocument | Rejection]:
    """Yield the one document a text file holds, or a rejection saying why there is none."""
    decoded = decode_text(data)
    if isinstance(decoded, Undecodable):
        yield rejection(source, decoded.message, data, settings)
        return
    text = normalise_newlines(decoded.text.lstrip("\ufeff"))
    if not text.strip():
        yield rejection(
            source,
            f"file holds only whitespace ({len(data)} bytes): nothing to ingest; "
            "remove it or check the export that produced it",
            data,
            settings,
        )
        return
    meta = {"replaced_bytes": decoded.replaced} if decoded.replaced else {}
    yield RawDocument(source=source, text=text, kind="txt", raw=data, encoding=decoded.encoding, meta=meta)
