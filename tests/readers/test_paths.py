"""Walking paths, dispatching to readers, limits, and the never-raise property of ``read_bytes``."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zholdau.config import Settings
from zholdau.model import RawDocument, Rejection
from zholdau.readers import count_inputs, read_bytes, read_paths

SETTINGS = Settings()
RU = "В Кокшетау прошёл семинар по разъяснению Послания для работников образования."
KK = "Көкшетауда білім беру қызметкерлеріне арналған Жолдауды түсіндіру семинары өтті."
HTML = f"<!doctype html><html><head><title>Семинар</title></head><body><article><p>{RU}</p></article></body></html>"


def _jsonl(*texts: str) -> str:
    return "".join(json.dumps({"text": t}, ensure_ascii=False) + "\n" for t in texts)


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A small corpus tree with hidden files and directories; the tests run from its parent."""
    root = tmp_path / "corpus"
    files = {
        "b.txt": KK,
        "a.txt": RU,
        "sub/c.jsonl": _jsonl(RU, KK),
        "sub/deeper/d.html": HTML,
        ".hidden.txt": RU,
        ".git/config.txt": RU,
        "sub/.cache/e.txt": KK,
    }
    for rel, text in files.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return root


EXPECTED = ["a.txt", "b.txt", "sub/c.jsonl#L1", "sub/c.jsonl#L2", "sub/deeper/d.html"]


@pytest.mark.parametrize("given_as", ["corpus", "corpus/", "./corpus"])
def test_directory_is_walked_sorted_without_hidden_entries(corpus: Path, given_as: str) -> None:
    items = list(read_paths([given_as], SETTINGS))
    assert all(isinstance(i, RawDocument) for i in items)
    base = given_as.rstrip("/")
    assert [i.source for i in items] == [f"{base}/{rel}" for rel in EXPECTED]
    assert [i.kind for i in items if isinstance(i, RawDocument)] == ["txt", "txt", "jsonl", "jsonl", "html"]
    assert count_inputs([given_as]) == 4


def test_absolute_directory_and_single_files(corpus: Path) -> None:
    items = list(read_paths([corpus / "sub", "corpus/b.txt", Path("corpus/.hidden.txt")], SETTINGS))
    assert [i.source for i in items] == [
        f"{corpus}/sub/c.jsonl#L1",
        f"{corpus}/sub/c.jsonl#L2",
        f"{corpus}/sub/deeper/d.html",
        "corpus/b.txt",
        "corpus/.hidden.txt",  # a hidden file named explicitly is read
    ]
    assert count_inputs([corpus / "sub", "corpus/b.txt", "corpus/.hidden.txt"]) == 4


def test_missing_path_is_a_rejection_and_reading_goes_on(corpus: Path) -> None:
    items = list(read_paths(["corpus/nope.txt", "corpus/a.txt"], SETTINGS))
    missing, doc = items
    assert isinstance(missing, Rejection)
    assert missing.source == "corpus/nope.txt"
    assert missing.stage == "read"
    assert missing.message.startswith("path does not exist: corpus/nope.txt")
    assert missing.raw is None
    assert isinstance(doc, RawDocument)
    assert count_inputs(["corpus/nope.txt", "corpus/a.txt"]) == 1


def test_file_over_the_size_limit_is_not_read(corpus: Path) -> None:
    big = corpus / "big.txt"
    big.write_bytes(RU.encode() * 10)
    size = big.stat().st_size
    [rej] = list(read_paths([big], Settings(max_file_bytes=100)))
    assert isinstance(rej, Rejection)
    assert rej.raw is None
    assert rej.raw_pointer == f"{big} ({size} bytes, sha256 {hashlib.sha256(big.read_bytes()).hexdigest()})"
    assert rej.message.startswith(
        f"file is {size / 1000:.0f} KB ({size} bytes), over the 100 bytes limit (ZHOLDAU_MAX_FILE_BYTES)"
    )


@pytest.mark.parametrize(
    ("size", "limit", "words"),
    [
        (73_400_000, 50_000_000, "file is 73 MB (73400000 bytes), over the 50 MB limit"),
        (2_500, 1_000, "file is 2 KB (2500 bytes), over the 1 KB limit"),
    ],
)
def test_size_message(size: int, limit: int, words: str) -> None:
    # read_bytes checks the size before anything else; a zero-filled buffer is cheap enough
    [rej] = list(read_bytes(bytes(size), "dump.txt", Settings(max_file_bytes=limit, max_raw_keep=10)))
    assert isinstance(rej, Rejection)
    assert rej.message.startswith(words)
    assert rej.raw is None and rej.raw_pointer is not None


def test_gzip_bomb_stops_at_the_limit() -> None:
    data = gzip.compress(b"a" * 2_000_000)
    [rej] = list(read_bytes(data, "bomb.txt.gz", Settings(max_file_bytes=100_000)))
    assert isinstance(rej, Rejection)
    assert rej.message.startswith("decompressed file is over the 100 KB limit")


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("notes.txt", HTML.encode(), "html"),
        ("export.txt", _jsonl(RU, KK).encode(), "jsonl"),
        ("page.html", KK.encode(), "txt"),
        ("article.txt.gz", gzip.compress(KK.encode()), "txt"),
        ("download.bin", HTML.encode("cp1251"), "html"),
        ("noextension", RU.encode("koi8-r"), "txt"),
    ],
)
def test_wrong_or_missing_extension_is_sniffed(corpus: Path, name: str, content: bytes, kind: str) -> None:
    (corpus / name).write_bytes(content)
    items = list(read_paths([corpus / name], SETTINGS))
    assert items and all(isinstance(i, RawDocument) and i.kind == kind for i in items)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_skipped_not_opened(corpus: Path) -> None:
    os.mkfifo(corpus / "pipe.txt")
    [rej] = list(read_paths([corpus / "pipe.txt"], SETTINGS))
    assert isinstance(rej, Rejection)
    assert "not a regular file" in rej.message


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file_is_a_rejection(corpus: Path) -> None:
    locked = corpus / "locked.txt"
    locked.write_text(RU, encoding="utf-8")
    locked.chmod(0)
    try:
        [rej] = list(read_paths([locked], SETTINGS))
    finally:
        locked.chmod(0o644)
    assert isinstance(rej, Rejection)
    assert rej.message.startswith("cannot read the file (Permission denied)")


def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown reader kind 'pdf'"):
        read_bytes(b"x", "a.pdf", SETTINGS, kind="pdf")


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("https://example.kz/news/2024/09/article.html?id=5#top", "html"),
        ("https://example.kz/export.jsonl", "jsonl"),
        ("mail-attachment", "txt"),
    ],
)
def test_source_urls_are_dispatched_by_their_path(source: str, kind: str) -> None:
    data = {"html": HTML.encode(), "jsonl": _jsonl(RU).encode(), "txt": RU.encode()}[kind]
    items = list(read_bytes(data, source, SETTINGS))
    assert [i.kind for i in items if isinstance(i, RawDocument)] == [kind]


PREFIXES = [
    b"",
    b"\x1f\x8b",
    b"WARC/1.0\r\n",
    b"<!doctype html><html>",
    b'{"text": ',
    b"\xff\xfe",
    b"\xef\xbb\xbf",
]
NAMES = ["a.txt", "a.jsonl", "a.jsonl.gz", "a.html", "a.warc", "a.warc.gz", "unknown"]


@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=600), name=st.sampled_from(NAMES))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_read_bytes_never_raises_and_always_yields(prefix: bytes, body: bytes, name: str) -> None:
    items = list(read_bytes(prefix + body, name, Settings(max_file_bytes=10_000, max_raw_keep=300)))
    assert items, "every input gives at least one document or rejection"
    for item in items:
        assert isinstance(item, RawDocument | Rejection)
        if isinstance(item, RawDocument):
            assert item.text.strip()
            item.text.encode("utf-8")  # storable
        else:
            assert item.stage == "read" and item.message
            assert item.raw is not None or item.raw_pointer is not None
