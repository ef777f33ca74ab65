"""What is in a byte string: which reader it needs (sniffing) and which text encoding it uses.

Sniffing trusts the content over the file name when the two disagree (a ``.txt`` that starts with
``<!doctype html`` is HTML). Encoding detection tries, in order: a byte-order mark, strict UTF-8, the
single-byte Cyrillic code pages (cp1251, KOI8-R, KZ-1048, cp866, chosen by a letter-frequency score),
UTF-16 without a BOM, UTF-8 with a few broken bytes, and finally charset-normalizer. Every candidate
must also look like text (few control characters), so a wrong guess falls through to the next one.

The module also builds the :class:`Rejection` rows every reader emits, so that the "keep the raw
bytes, or a pointer above ``max_raw_keep``" rule lives in one place.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import math
import re
import zlib
from collections import Counter
from dataclasses import dataclass

from zholdau.config import Settings
from zholdau.model import Rejection

READ_STAGE = "read"
KINDS = ("txt", "jsonl", "html", "warc")

# Longest suffixes first: ".warc.gz" must win over ".gz".
_EXTENSIONS: tuple[tuple[str, str], ...] = (
    (".warc.gz", "warc"),
    (".warc", "warc"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".html", "html"),
    (".htm", "html"),
    (".xhtml", "html"),
    (".shtml", "html"),
    (".txt", "txt"),
    (".text", "txt"),
    (".md", "txt"),
)

GZIP_MAGIC = b"\x1f\x8b"

# Files people drop into a corpus folder by mistake; each gets a message that says what to do.
_FOREIGN_FORMATS: tuple[tuple[bytes, str], ...] = (  # (magic as a regex, what it is and what to do)
    (
        rb"%PDF-",
        "a PDF document, not text: extract its text first (e.g. `pdftotext file.pdf`) and ingest the .txt",
    ),
    (
        rb"PK\x03\x04",
        "a ZIP archive (a .docx/.xlsx document or a zip of files): unpack it, or save the document as .txt",
    ),
    (rb"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc/.xls): save it as .txt"),
    (rb"\{\\rtf", "an RTF document: save it as plain text (.txt, UTF-8)"),
    (rb"\x89PNG\r\n\x1a\n", "a PNG image, not text: is this the right file?"),
    (rb"\xff\xd8\xff", "a JPEG image, not text: is this the right file?"),
    (rb"GIF8[79]a", "a GIF image, not text: is this the right file?"),
    (rb"Rar!\x1a\x07", "a RAR archive: unpack it and ingest the files inside"),
    (rb"7z\xbc\xaf\x27\x1c", "a 7-Zip archive: unpack it and ingest the files inside"),
    (rb"BZh[1-9]1AY&SY", "a bzip2-compressed file: decompress it (`bunzip2`) and ingest the result"),
    (rb"\xfd7zXZ\x00", "an xz-compressed file: decompress it (`unxz`) and ingest the result"),
)

_HTML_START = re.compile(rb"^(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.DOTALL)
_HTML_TAGS = re.compile(rb"<(?:head|body|div|p|meta|title|article|section|span|table|br)[\s>/]")
_JSON_KEY_START = re.compile(rb'\{\s*"[^"\n]{1,100}"\s*:')
_ANY_MARKUP = re.compile(rb"<[a-z!/][^<>]{0,200}>")


# --------------------------------------------------------------------------------------------------
# Rejections


def describe_size(n: int) -> str:
    """A size for people: ``"73 MB"``, ``"512 KB"``, ``"17 bytes"`` (decimal units, like the limit)."""
    if n >= 1_000_000:
        return f"{n / 1_000_000:.0f} MB" if n >= 10_000_000 else f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.0f} KB"
    return f"{n} bytes"


def raw_pointer(name: str, size: int, sha256: str) -> str:
    """How a rejection names bytes too big to keep: ``"path (N bytes, sha256 …)"``."""
    return f"{name} ({size} bytes, sha256 {sha256})"


def rejection(source: str, message: str, data: bytes | None, settings: Settings) -> Rejection:
    """A read-stage rejection that keeps ``data`` when it fits in ``max_raw_keep``, else a pointer."""
    if data is None:
        return Rejection(source, READ_STAGE, message)
    if len(data) <= settings.max_raw_keep:
        return Rejection(source, READ_STAGE, message, raw=data)
    pointer = raw_pointer(source, len(data), hashlib.sha256(data).hexdigest())
    return Rejection(source, READ_STAGE, message, raw=None, raw_pointer=pointer)


# --------------------------------------------------------------------------------------------------
# Sniffing


def kind_from_name(name: str) -> str | None:
    """The reader a file name asks for (``.jsonl.gz`` → ``jsonl``), or None for unknown extensions."""
    lower = name.lower()
    if lower.endswith(".gz") and not lower.endswith(".warc.gz"):
        lower = lower[:-3]
    for suffix, kind in _EXTENSIONS:
        if lower.endswith(suffix):
            return kind
    return None


def foreign_format(data: bytes) -> str | None:
    """A message when ``data`` is a known non-text format (PDF, ZIP, images, ...), else None."""
    for magic, message in _FOREIGN_FORMATS:
        if re.match(magic, data[:16]):
            return message
    return None


def is_gzip(data: bytes) -> bool:
    return data.startswith(GZIP_MAGIC)


def is_warc(data: bytes) -> bool:
    """True for an uncompressed WARC, or a gzip stream whose first member starts a WARC record."""
    if data.startswith(b"WARC/"):
        return True
    if not is_gzip(data):
        return False
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[:65536], 16)
    except zlib.error:
        return False
    return head.startswith(b"WARC/")


def _head_text(data: bytes, size: int = 8192) -> bytes:
    """The start of ``data`` as lower-case ASCII-compatible bytes, undoing UTF-16/32 and BOMs."""
    head = data[: size * 4]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            text = head[len(bom) :].decode(codec, errors="ignore")
            return text.encode("utf-8", errors="ignore")[:size].lower()
    utf16 = _utf16_order(head)
    if utf16 is not None:
        return head.decode(utf16, errors="ignore").encode("utf-8", errors="ignore")[:size].lower()
    return head[:size].lower()


def _first_line(head: bytes) -> bytes:
    for line in head.split(b"\n"):
        if line.strip():
            return line.strip()
    return b""


def _looks_like_json_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def kind_from_content(data: bytes) -> str | None:
    """The reader the bytes themselves ask for, or None when they carry no strong signal (plain text)."""
    if is_warc(data):
        return "warc"
    head = _head_text(data).lstrip()
    if _HTML_START.match(head):
        return "html"
    first = _first_line(_head_text(data, 1 << 20))
    if first.startswith(b"{") and (_JSON_KEY_START.match(first) or _looks_like_json_object(first)):
        return "jsonl"
    return None


def sniff(data: bytes, name: str = "") -> str:
    """The reader for ``data`` (one of :data:`KINDS`): the content decides when the name lies.

    A WARC, an HTML document start or a JSON object on the first line win over the extension;
    an ``.html`` file without any markup, or a ``.jsonl`` file whose first line is not an object,
    is read as plain text.
    """
    by_name = kind_from_name(name)
    by_content = kind_from_content(data)
    if by_content is not None:
        return by_content
    if by_name == "html":
        head = _head_text(data, 65536)
        return "html" if _ANY_MARKUP.search(head) else "txt"
    if by_name == "jsonl":
        first = _first_line(_head_text(data))
        return "jsonl" if first.startswith(b"{") or not first else "txt"
    if by_name is None:
        head = _head_text(data).lstrip()
        if head.startswith(b"<") and _HTML_TAGS.search(head):
            return "html"
    return "txt"


def gunzip(data: bytes, limit: int) -> tuple[bytes, str | None]:
    """Decompress a (possibly multi-member) gzip stream, never past ``limit`` bytes.

    Returns the bytes decompressed and a problem (None when all went well): a truncated or corrupt
    stream keeps what came out before the damage, so the reader can still use it.
    """
    out: list[bytes] = []
    total = 0
    rest = data
    while rest:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            while rest:
                chunk = d.decompress(rest, limit + 1 - total)
                total += len(chunk)
                out.append(chunk)
                if total > limit:
                    return b"".join(out)[:limit], "over"
                rest = d.unconsumed_tail
                if d.eof:
                    break
        except zlib.error as exc:
            return b"".join(out), f"corrupt ({exc})"
        if not d.eof:
            return b"".join(out), "truncated"
        rest = d.unused_data
        # Some tools pad gzip files with zero bytes after the last member.
        if not rest.strip(b"\x00"):
            break
    return b"".join(out), None


# --------------------------------------------------------------------------------------------------
# Encoding detection


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text decoded from bytes, the encoding that worked, and how many bytes had to be replaced."""

    text: str
    encoding: str
    replaced: int = 0


@dataclass(frozen=True, slots=True)
class Undecodable:
    """Bytes that are not text in any encoding we trust; ``message`` says what to do."""

    message: str


# UTF-32 before UTF-16: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_NAMES = {"utf-8": "utf-8-sig", "utf-16-le": "utf-16-le", "utf-16-be": "utf-16-be"}

# Legacy code pages Kazakh and Russian texts arrive in; the score below chooses between them.
CYRILLIC_SINGLE_BYTE = ("cp1251", "koi8_r", "kz1048", "cp866")
_CYRILLIC_ALIASES = {
    "cp1251": "cp1251",
    "windows-1251": "cp1251",
    "windows_1251": "cp1251",
    "koi8-r": "koi8_r",
    "koi8_r": "koi8_r",
    "kz1048": "kz1048",
    "kz_1048": "kz1048",
    "rk1048": "kz1048",
    "strk1048_2002": "kz1048",
    "cp866": "cp866",
    "ibm866": "cp866",
}

# Letter frequencies (per cent) of Russian news prose, with the Kazakh-only letters at the rates
# they have in Kazakh prose; a right decoding correlates with this profile, a wrong one does not.
_LETTER_PROFILE = {
    "о": 10.97, "е": 8.45, "а": 8.01, "и": 7.35, "н": 6.70, "т": 6.26, "с": 5.47, "р": 4.73,
    "в": 4.54, "л": 4.40, "к": 3.49, "м": 3.21, "д": 2.98, "п": 2.81, "у": 2.62, "я": 2.01,
    "ы": 1.90, "ь": 1.74, "г": 1.70, "з": 1.65, "б": 1.59, "ч": 1.44, "й": 1.21, "х": 0.97,
    "ж": 0.94, "ш": 0.73, "ю": 0.64, "ц": 0.48, "щ": 0.36, "э": 0.32, "ф": 0.26, "ъ": 0.04,
    "ё": 0.04, "і": 2.5, "қ": 2.0, "ғ": 1.0, "ң": 1.0, "ұ": 1.0, "ү": 1.0, "ә": 1.5,
    "ө": 0.8, "һ": 0.02,
}  # fmt: skip
_PROFILE_NORM = math.sqrt(sum(v * v for v in _LETTER_PROFILE.values()))
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
# Characters a text in these languages uses; box drawing, CJK, etc. mean a wrong decoding.
_EXPECTED_CHAR = re.compile(r"[\t\n\r\x20-\x7e\u00a0-\u00ff\u0400-\u04ff\u2010-\u2030\u2116\u20ac\u20b8]")
_CORPUS_CHAR = re.compile(
    r"[\s\x20-\x7e\u00a0-\u024f\u0400-\u04ff\u0600-\u06ff\u2010-\u2030\u2116\u20ac\u20b8]"
)
_SCRIPT_STYLE = re.compile(r"<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_TYPOGRAPHY = frozenset("«»„“”‘’–—…№•·°±§€₸\u00a0\u00ad")

_SAMPLE = 200_000  # characters scored; enough to decide, cheap on big files


def control_ratio(data: bytes) -> float:
    """Share of bytes that are control codes other than tab, newline, carriage return, form feed."""
    if not data:
        return 0.0
    sample = data[:_SAMPLE]
    ctrl = sum(1 for b in sample if b < 0x20 and b not in (9, 10, 12, 13)) + sample.count(0x7F)
    return ctrl / len(sample)


def _text_control_count(text: str) -> int:
    return sum(1 for c in text if (c < " " and c not in "\t\n\r\x0b\x0c") or "\x7f" <= c <= "\x9f")


def looks_like_text(text: str) -> bool:
    """True when decoded text has few control characters (a wrong decoding is full of them)."""
    sample = text[:_SAMPLE]
    if not sample:
        return True
    ctrl = _text_control_count(sample)
    return ctrl <= 1 or ctrl / len(sample) <= 0.01


def cyrillic_score(text: str) -> float:
    """How much ``text`` looks like correctly decoded Kazakh or Russian prose (about 0..1.25).

    The cosine between the case-folded letter frequencies and :data:`_LETTER_PROFILE`, plus a bonus for
    lower-case letters (a wrong code page swaps or scrambles case), minus a penalty for symbols that
    are not typography (a wrong code page turns letters into box drawing and accented Latin).
    """
    sample = text[:_SAMPLE]
    letters = [c for c in sample if _CYRILLIC.match(c)]
    if not letters:
        return 0.0
    counts = Counter(c.lower() for c in letters)
    dot = sum(n * _LETTER_PROFILE.get(c, 0.0) for c, n in counts.items())
    norm = math.sqrt(sum(n * n for n in counts.values()))
    cosine = dot / (norm * _PROFILE_NORM)
    lower = sum(1 for c in letters if c.islower()) / len(letters)
    odd = sum(1 for c in sample if c >= "\x80" and not _CYRILLIC.match(c) and c not in _TYPOGRAPHY)
    odd_ratio = odd / (len(letters) + odd)
    return cosine + 0.25 * lower - odd_ratio


def _cyrillic_share(text: str) -> float:
    sample = text[:_SAMPLE]
    letters = sum(1 for c in sample if c.isalpha())
    return sum(1 for c in sample if _CYRILLIC.match(c)) / letters if letters else 0.0


def strip_markup(text: str) -> str:
    """Text of an HTML document without scripts, styles and tags: what its letters are scored on."""
    return _TAG.sub(" ", _SCRIPT_STYLE.sub(" ", text))


def _decode_single_byte(data: bytes, prefer: str | None, markup: bool) -> Decoded | None:
    """The best single-byte Cyrillic decoding by :func:`cyrillic_score`, or None if none is convincing."""
    best: tuple[float, str, str] | None = None
    for codec in CYRILLIC_SINGLE_BYTE:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not looks_like_text(text):
            continue
        scored = strip_markup(text[: _SAMPLE * 4]) if markup else text
        score = cyrillic_score(scored) + (0.05 if codec == prefer else 0.0)
        if best is None or score > best[0]:
            best = (score, codec, scored)
    if best is None:
        return None
    score, codec, scored = best
    # Both thresholds keep Latin-1 text (a few accented letters among ASCII) out of this branch.
    if score < 0.6 or _cyrillic_share(scored) < 0.3:
        return None
    return Decoded(data.decode(codec), codec.replace("_", "-"))


def _utf16_order(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when the bytes look like BOM-less UTF-16 of Latin/Cyrillic text, else None.

    Such text has one byte of each pair drawn from a handful of values (00 for ASCII, 04 for Cyrillic).
    """
    sample = data[: min(len(data), _SAMPLE) // 2 * 2]
    if len(sample) < 4:
        return None
    for codec, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        common = Counter(high).most_common(3)
        if sum(n for _, n in common) < 0.9 * len(high) or common[0][0] not in (0, 4):
            continue
        text = sample.decode(codec, errors="replace")
        expected = len(_EXPECTED_CHAR.findall(text))
        if expected >= 0.95 * len(text) and looks_like_text(text):
            return codec
    return None


def _normalise_codec(name: str) -> str | None:
    """Python's name for a declared charset, or None when Python has no such text encoding."""
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    return info.name if getattr(info, "_is_text_encoding", True) else None


def decode_text(data: bytes, declared: str | None = None, *, markup: bool = False) -> Decoded | Undecodable:
    """Decode bytes of Kazakh or Russian text, guessing the encoding (see the module docstring).

    ``declared`` is a charset the container claims (HTTP header, HTML ``<meta>``); it is trusted only
    after strict UTF-8 and the Cyrillic code pages, among which it only breaks near-ties. ``markup``
    says the bytes are HTML, so letters are counted outside tags and scripts.
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            body = data[len(bom) :]
            if codec.startswith("utf-16") and len(body) % 2:
                body = body[:-1]  # a file cut in the middle of the last character
            text = body.decode(codec, errors="replace")
            bad = text.count("\ufffd")
            if bad <= max(1, len(text) // 1000) and looks_like_text(text):
                return Decoded(text, _BOM_NAMES.get(codec, codec), bad)
            break

    try:
        text = data.decode("utf-8")
        if looks_like_text(text):
            return Decoded(text, "utf-8")
    except UnicodeDecodeError as exc:
        # A file cut inside its last character is still UTF-8.
        if exc.reason == "unexpected end of data" and exc.end == len(data) and exc.start >= len(data) - 3:
            text = data[: exc.start].decode("utf-8", errors="replace")
            if "\ufffd" not in text and looks_like_text(text):
                return Decoded(text, "utf-8", 1)

    claimed = _normalise_codec(declared) if declared else None
    family = _CYRILLIC_ALIASES.get(claimed or "")
    # The Cyrillic code pages come before a declared charset: pages that say iso-8859-1 or
    # windows-1252 while holding cp1251 are common, and the score does not accept Latin text.
    single = _decode_single_byte(data, family, markup)
    if single is not None:
        return single

    if claimed and not family and claimed not in ("utf-8", "ascii"):
        try:
            text = data.decode(claimed)
            if looks_like_text(text):
                return Decoded(text, claimed)
        except (UnicodeDecodeError, LookupError, ValueError):  # not a text codec, or wrong bytes
            pass

    order = _utf16_order(data)
    if order is not None:
        body = data[: len(data) // 2 * 2]
        text = body.decode(order, errors="replace")
        bad = text.count("\ufffd")
        if bad <= max(1, len(text) // 1000):
            return Decoded(text, order, bad)

    # UTF-8 with a few broken bytes (a bad copy, a truncated multi-byte character in the middle).
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    if bad <= max(1, len(text) // 2000) and looks_like_text(text):
        return Decoded(text, "utf-8", bad)

    ratio = control_ratio(data)
    if ratio >= 0.05:
        return Undecodable(f"binary data, not text ({ratio:.0%} control bytes): is this the right file?")

    guess = _charset_normalizer(data)
    if guess is not None:
        return guess
    return Undecodable(
        "undecodable text: not UTF-8, UTF-16, cp1251, KOI8-R or KZ-1048, and no other encoding "
        "fits; re-save the file as UTF-8"
    )


def _charset_normalizer(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes  # imported late: slow to import, rarely needed

    try:
        best = from_bytes(data).best()
    except Exception:  # a detector bug must not stop the run; we reject the file instead
        return None
    if best is None or best.encoding is None:
        return None
    text = str(best)
    if "\ufffd" in text or not looks_like_text(text):
        return None
    # Our corpus is Kazakh (Cyrillic, Latin or Arabic script) and Russian: a guess that yields CJK or
    # other scripts is a wrong guess on bytes that are not text at all.
    sample = text[:_SAMPLE]
    if len(_CORPUS_CHAR.findall(sample)) < 0.9 * len(sample):
        return None
    return Decoded(text, best.encoding)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML document declares in its first bytes (``<meta charset>`` or http-equiv)."""
    m = re.search(rb"<meta[^>]{0,300}?charset\s*=\s*[\"']?\s*([A-Za-z0-9._:-]+)", data[:8192], re.IGNORECASE)
    return m.group(1).decode("ascii") if m else None


def charset_from_content_type(value: str | None) -> str | None:
    """``"text/html; charset=windows-1251"`` → ``"windows-1251"``."""
    if not value:
        return None
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", value, re.IGNORECASE)
    return m.group(1) if m else None
