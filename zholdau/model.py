"""The types every part of Zholdau Monitor shares.

A reader turns bytes into :class:`RawDocument` objects (or :class:`Rejection` rows); the pipeline
turns each raw document into one or more :class:`Article` objects; every extracted value carries
:class:`Evidence` (the rule that produced it and the span of text it came from).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a value was extracted: the rule name and the character span it matched.

    ``start``/``end`` are offsets into :attr:`Article.text` (the cleaned text) unless ``field`` names
    another text (``"raw"`` for the raw input, ``"meta"`` for reader metadata such as a JSONL field
    or an HTML ``<meta>`` tag, where the span is meaningless and set to -1).
    """

    rule: str
    start: int
    end: int
    text: str
    field: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Evidence:
        return cls(d["rule"], int(d["start"]), int(d["end"]), d["text"], d.get("field", "text"))


@dataclass(slots=True)
class Fact:
    """One extracted value with its evidence (several rules may support one value)."""

    value: Any
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "evidence": [e.to_dict() for e in self.evidence]}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Fact:
        return cls(d["value"], [Evidence.from_dict(e) for e in d.get("evidence", [])])


@dataclass(slots=True)
class RawDocument:
    """What a reader produces: decoded text plus whatever metadata the container carried.

    ``source`` names where the document came from in a way the user can find again: a file path,
    ``path#L12`` for line 12 of a JSONL file, ``path#<uri>`` for a WARC record, or a URL.
    """

    source: str
    text: str
    kind: str  # txt | jsonl | html | warc
    raw: bytes = b""
    encoding: str = "utf-8"
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as given by the container (JSONL field, HTML meta), unparsed
    outlet: str | None = None
    author: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Rejection:
    """An input that could not be turned into an article, kept so nothing disappears."""

    source: str
    stage: str
    message: str
    raw: bytes | None = None
    raw_pointer: str | None = None  # when the bytes are too big to keep: "path (size bytes, sha256 …)"
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


_WS = re.compile(r"\s+")

# extracted fields that hold one value (the others are lists)
SCALAR_FACTS = frozenset({"primary_region", "chair", "duplicate_of", "event_id"})


def normalise_for_identity(text: str) -> str:
    """The form of a text whose hash identifies an article: NFC, case-folded, ё→е, spaces collapsed."""
    t = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return _WS.sub(" ", t).strip()


def article_id(text: str) -> str:
    """Stable identifier of an article: 16 hex digits of the SHA-256 of its normalised text."""
    return hashlib.sha256(normalise_for_identity(text).encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class Article:
    """One article in one language, as it moves through the pipeline stages."""

    source: str
    raw_text: str  # the decoded input before cleaning, always kept
    kind: str = "txt"
    text: str = ""  # the cleaned text; evidence spans point here
    url: str | None = None
    raw_meta: dict[str, Any] = field(default_factory=dict)  # container metadata (from RawDocument)
    raw_bytes: bytes = b""  # the input bytes when they differ from raw_text (HTML page, WARC payload, cp1251)
    lang: str | None = None  # kk | ru | mixed | other
    script: str | None = None  # cyrl | latn | arab
    text_cyrillic: str | None = None  # Cyrillic transliteration when script != cyrl
    text_cyrillic_map: list[int] | None = None  # index in ``text`` of every char of ``text_cyrillic``
    paragraphs: list[dict[str, Any]] = field(default_factory=list)  # [{start, end, lang}]
    # Single-valued metadata with evidence: title, published, outlet, author, dateline_city
    meta: dict[str, Fact] = field(default_factory=dict)
    # Candidates noted by earlier stages for later ones (e.g. the date prefix line)
    candidates: dict[str, list[Fact]] = field(default_factory=dict)
    # Extracted domain facts (addresses, regions, officials, ...): field name → list of facts
    facts: dict[str, list[Fact]] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    reject: str | None = None  # set by a stage when the article must become a rejection

    @property
    def id(self) -> str:
        return article_id(self.text or self.raw_text)

    def get(self, name: str) -> Any:
        f = self.meta.get(name)
        return f.value if f is not None else None

    def set_meta(self, name: str, value: Any, evidence: Evidence) -> None:
        self.meta[name] = Fact(value, [evidence])

    def add_candidate(self, name: str, value: Any, evidence: Evidence) -> None:
        self.candidates.setdefault(name, []).append(Fact(value, [evidence]))

    def warn(self, message: str) -> None:
        self.warnings.append(message)

    @property
    def analysis_text(self) -> str:
        """The text extractors read: the Cyrillic transliteration for Latin/Arabic-script Kazakh."""
        return self.text_cyrillic or self.text

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of :attr:`analysis_text` back to :attr:`text` (identity for Cyrillic text)."""
        m = self.text_cyrillic_map
        if not m:
            return start, end
        s = m[min(max(start, 0), len(m) - 1)]
        e = m[min(max(end, 0), len(m) - 1)]
        return s, max(e, s)

    def evidence(self, rule: str, start: int, end: int) -> Evidence:
        """Evidence for a span found in :attr:`analysis_text`, pointing into :attr:`text`."""
        s, e = self.source_span(start, end)
        return Evidence(rule, s, e, self.text[s:e])

    def to_record(self) -> dict[str, Any]:
        """The export record (see docs/schema.md); evidence is kept under ``evidence``."""
        rec: dict[str, Any] = {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "outlet": self.get("outlet"),
            "author": self.get("author"),
            "title": self.get("title"),
            "published": self.get("published"),
            "lang": self.lang,
            "script": self.script,
            "text": self.text,
        }
        if self.text_cyrillic:
            rec["text_cyrillic"] = self.text_cyrillic
        rec["paragraphs"] = list(self.paragraphs)
        if "dateline_city" in self.meta:
            rec["dateline_city"] = self.get("dateline_city")
        for name, facts in self.facts.items():
            if name in SCALAR_FACTS:
                rec[name] = facts[0].value if facts else None
            else:
                rec[name] = [f.value for f in facts]
        rec["warnings"] = list(self.warnings)
        rec["evidence"] = {
            **{k: [e.to_dict() for e in f.evidence] for k, f in self.meta.items()},
            **{k: [[e.to_dict() for e in f.evidence] for f in facts] for k, facts in self.facts.items()},
        }
        return rec
