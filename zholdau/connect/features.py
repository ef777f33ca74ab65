"""What the connect step reads from an export record, in language-neutral form.

Kazakh and Russian reports of one meeting share few words, but they share the facts: the same people
(names folded across the two spellings, "Нұрлан Бекбосынов" = "Нурлан Бекбосынов", cut to the surname
stem so "Бекбосыновым" and "Бекбосыновтың" meet), the same figures (value and unit), the same places
(knowledge-base ids), the same region, Address and dates. :class:`ArticleFacts` holds these for one
record; the matchers in ``dedup``, ``events`` and ``followup`` compare them.

The cue and measure lists live in ``lexicon.yaml`` beside this module (data, not code).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from zholdau.morph import letters

LEXICON_FILE = Path(__file__).resolve().parent / "lexicon.yaml"

_FOLD = letters.table(letters.KK_TO_RU, letters.RU_VARIANTS, letters.SIGNS)
_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
_CAPITALISED = re.compile(
    r"(?<![\w-])[А-ЯЁӘҒҚҢӨҰҮҺІ][а-яёәғқңөұүһі]{3,}(?:-[А-ЯЁӘҒҚҢӨҰҮҺІ]?[а-яёәғқңөұүһі]+)?"
)
# a surname cut after its -ов/-ев/-ин/-ын stem: the Russian and Kazakh case endings that follow differ
_SURNAME_STEM = re.compile(r"^(.{3,}?(?:ов|ев|ин|ын))")
_SENTENCE_END = re.compile(r"(?<=[.!?…»])\s+(?=[«\"“]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])|\n+")
_TIME_AFTER_DATE = re.compile(r"^[,\s]*(?:в\s+)?([01]?\d|2[0-3])[:.]([0-5]\d)\b")
_ISO_TIME = re.compile(r"T([01]\d|2[0-3]):([0-5]\d)")


def fold(text: str) -> str:
    """Case-folded text with Kazakh letters mapped to their Russian look-alikes (қ→к, ә→а, ...)."""
    return text.casefold().translate(_FOLD)


@functools.lru_cache(maxsize=512)
def _folded(text: str) -> str:
    # every cue list reads the same sentence: fold it once
    return fold(text)


def words(text: str) -> list[str]:
    """The folded words of a text."""
    return _WORD.findall(fold(text))


# --- the lexicon ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CueList:
    """Stems and stem phrases matched at word starts in folded text."""

    name: str
    pattern: re.Pattern[str] | None

    def find(self, text: str) -> list[re.Match[str]]:
        """Every match in ``text`` (folded inside)."""
        return list(self.pattern.finditer(_folded(text))) if self.pattern else []

    def count(self, text: str) -> int:
        return len(self.find(text))


def _cue_pattern(stems: Iterable[str]) -> re.Pattern[str] | None:
    alternatives = []
    for phrase in sorted({fold(s).strip() for s in stems if s and s.strip()}, key=len, reverse=True):
        # "жол=" is the whole word only ("жол", not "жолақты" = broadband)
        parts = [
            re.escape(p[:-1]) + r"(?![\w-])" if p.endswith("=") else re.escape(p) + r"[\w-]*"
            for p in phrase.split()
        ]
        alternatives.append(r"\s+".join(parts))
    if not alternatives:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + ")")


@dataclass(frozen=True)
class Lexicon:
    national_surnames: frozenset[str]
    followup: CueList
    done: CueList
    ongoing: CueList
    plan: CueList
    report: CueList
    measures: tuple[tuple[str, CueList], ...]
    generic_measures: frozenset[str] = frozenset()  # named in most reports: no evidence of one object

    def measure_of(self, text: str) -> str | None:
        """The measure key whose words occur earliest in ``text`` (``None`` when none does)."""
        best: tuple[int, str] | None = None
        for key, cues in self.measures:
            for m in cues.find(text):
                if best is None or m.start() < best[0]:
                    best = (m.start(), key)
                break
        return best[1] if best else None


def _both(data: Mapping[str, Any], name: str) -> list[str]:
    entry = data.get(name) or {}
    if not isinstance(entry, Mapping):
        raise ValueError(f"{LEXICON_FILE}: {name} must map ru/kk to lists of stems")
    return [str(s) for lang in ("ru", "kk") for s in (entry.get(lang) or [])]


@functools.cache
def lexicon(path: Path | None = None) -> Lexicon:
    """The connect lexicon (loaded once)."""
    src = path or LEXICON_FILE
    data = yaml.safe_load(src.read_text(encoding="utf-8")) or {}
    measures = data.get("measures") or {}
    if not isinstance(measures, Mapping):
        raise ValueError(f"{src}: measures must map a key to a list of stems")
    return Lexicon(
        national_surnames=frozenset(surname_key(s) for s in data.get("national_surnames") or []),
        followup=CueList("followup", _cue_pattern(_both(data, "followup_cues"))),
        done=CueList("done", _cue_pattern(_both(data, "done_cues"))),
        ongoing=CueList("ongoing", _cue_pattern(_both(data, "ongoing_cues"))),
        plan=CueList("plan", _cue_pattern(_both(data, "plan_cues"))),
        report=CueList("report", _cue_pattern(_both(data, "report_cues"))),
        measures=tuple((str(k), CueList(str(k), _cue_pattern(v or []))) for k, v in measures.items()),
        generic_measures=_generic(src, data, measures),
    )


def _generic(src: Path, data: Mapping[str, Any], measures: Mapping[str, Any]) -> frozenset[str]:
    generic = frozenset(str(k) for k in data.get("generic_measures") or [])
    unknown = generic - {str(k) for k in measures}
    if unknown:
        raise ValueError(f"{src}: generic_measures names unknown measures: {', '.join(sorted(unknown))}")
    return generic


# --- names, numbers, dates ------------------------------------------------------------------------------------


def surname_key(word: str) -> str:
    """A surname in any case of either language, as one key: "Бекбосыновтың" → "бекбосын"."""
    f = fold(word).strip()
    m = _SURNAME_STEM.match(f)
    return m.group(1) if m else f[:6]


def person_key(name: str) -> str:
    """A person's name folded across kk/ru spellings: "Амандық Баталов" → "амандык баталов"."""
    return " ".join(words(name))


def text_surnames(text: str) -> set[str]:
    """Keys of the capitalised words of ``text`` that look like surnames (in any case ending)."""
    from zholdau.extractors.names import is_surname_like

    out = set()
    for m in _CAPITALISED.finditer(text):
        w = m.group(0)
        if is_surname_like(w):
            out.add(surname_key(w.split("-")[-1]))
    return out


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence (or line) of ``text``."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The sentence span around offset ``pos``."""
    for s, e in sentence_spans(text):
        if s <= pos < e:
            return s, e
    return max(0, pos - 100), min(len(text), pos + 100)


def parse_day(value: Any) -> date | None:
    try:
        return date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None


def published_time(rec: Mapping[str, Any]) -> str | None:
    """The publication time HH:MM when the record's evidence shows one (a container datetime, or a
    time written right after the date in the text), else ``None``."""
    ev = (rec.get("evidence") or {}).get("published") or []
    for e in ev if isinstance(ev, list) else []:
        if not isinstance(e, Mapping):
            continue
        m = _ISO_TIME.search(str(e.get("text") or ""))
        if m:
            return f"{int(m.group(1)):02d}:{m.group(2)}"
        if e.get("field", "text") == "text" and isinstance(e.get("end"), int) and e["end"] >= 0:
            m = _TIME_AFTER_DATE.match(str(rec.get("text") or "")[e["end"] : e["end"] + 12])
            if m:
                return f"{int(m.group(1)):02d}:{m.group(2)}"
    return None


def figure_key(fig: Mapping[str, Any]) -> tuple[float, str] | None:
    """(value, unit) of a figure worth comparing: small counts ("два", "3 села") are too common."""
    try:
        value = float(fig.get("value"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    unit = str(fig.get("unit") or "")
    if not unit or value <= 0 or (unit == "count" and value < 10):
        return None
    return (round(value, 4), unit)


def ids_in(values: Any, *keys: str) -> list[str]:
    out: list[str] = []
    for v in values or []:
        if isinstance(v, Mapping):
            v = next((v.get(k) for k in keys if v.get(k)), None)
        if v and str(v) not in out:
            out.append(str(v))
    return out


# --- one record -------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class ArticleFacts:
    """The facts of one record that connect compares (all language-neutral)."""

    id: str
    source: str
    lang: str | None
    published: date | None
    time: str | None
    region: str | None
    regions: frozenset[str]
    addresses: frozenset[str]
    chair: str | None  # surname key of the chair
    names: frozenset[str]  # surname keys of the people named (officials and surname-like words)
    figures: frozenset[tuple[float, str]]
    places: frozenset[str]
    title: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def order_key(self) -> tuple[str, str]:
        """Sort key of "earliest": the date, then the time when known (unknown times sort last)."""
        return (self.published.isoformat() if self.published else "9999-12-31", self.time or "99:99")


def facts_of(rec: Mapping[str, Any]) -> ArticleFacts:
    """The :class:`ArticleFacts` of an export record."""
    lex = lexicon()
    text = str(rec.get("text_cyrillic") or rec.get("text") or "")
    national = set(lex.national_surnames)
    names: set[str] = set()
    for o in rec.get("officials") or []:
        if isinstance(o, Mapping) and o.get("name"):
            key = surname_key(str(o["name"]).split()[-1])
            if o.get("level") == "national":
                national.add(key)
            else:
                names.add(key)
    names |= text_surnames(text)
    chair = rec.get("chair")
    regions = set(ids_in(rec.get("regions"), "code", "id", "value"))
    region = rec.get("primary_region") or None
    if region:
        regions.add(str(region))
    return ArticleFacts(
        id=str(rec.get("id")),
        source=str(rec.get("source") or ""),
        lang=rec.get("lang"),
        published=parse_day(rec.get("published")),
        time=published_time(rec),
        region=str(region) if region else None,
        regions=frozenset(regions),
        addresses=frozenset(ids_in(rec.get("addresses"), "id", "value")),
        chair=surname_key(str(chair).split()[-1]) if isinstance(chair, str) and chair.strip() else None,
        names=frozenset(names - national),
        figures=frozenset(
            k for f in rec.get("figures") or [] if isinstance(f, Mapping) for k in [figure_key(f)] if k
        ),
        places=frozenset(ids_in(rec.get("places"), "id")),
        title=rec.get("title"),
    )


def overlap(a: Sequence[Any] | frozenset[Any], b: Sequence[Any] | frozenset[Any]) -> int:
    return len(set(a) & set(b))
