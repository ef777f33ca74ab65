"""What the templates draw, computed from records and counts: highlights, heat levels, timeline bars."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from markupsafe import Markup, escape

# the colour a highlighted span takes is that of the first of its fields in this order
FIELD_ORDER = (
    "assignments",
    "chair",
    "officials",
    "figures",
    "addresses",
    "instructions",
    "primary_region",
    "regions",
    "places",
    "topics",
)
HEAT_LEVELS = 5


@dataclass(frozen=True, slots=True)
class Span:
    """One piece of evidence in the cleaned text."""

    field: str
    rule: str
    start: int
    end: int


@dataclass(slots=True)
class Segment:
    """A run of text and the evidence covering all of it (none for plain text)."""

    text: str
    marks: list[tuple[str, str]] = field(default_factory=list)  # (field, rule)

    @property
    def fields(self) -> list[str]:
        return sorted({f for f, _ in self.marks}, key=field_rank)


def field_rank(name: str) -> tuple[int, str]:
    return (FIELD_ORDER.index(name) if name in FIELD_ORDER else len(FIELD_ORDER), name)


def evidence_spans(record: dict[str, Any]) -> list[Span]:
    """Every evidence item of the record that points into the cleaned text."""
    out = []
    for name, value in (record.get("evidence") or {}).items():
        for item in value if isinstance(value, list) else [value]:
            for ev in item if isinstance(item, list) else [item]:
                if not isinstance(ev, dict) or ev.get("field", "text") != "text":
                    continue
                try:
                    start, end = int(ev.get("start", -1)), int(ev.get("end", -1))
                except (TypeError, ValueError):
                    continue
                if 0 <= start < end:
                    out.append(Span(name, str(ev.get("rule") or "?"), start, end))
    return out


def metadata_evidence(record: dict[str, Any]) -> list[dict[str, Any]]:
    """Evidence read from the container or the removed lines (``field`` meta / raw), for a table."""
    out = []
    for name, value in (record.get("evidence") or {}).items():
        for item in value if isinstance(value, list) else [value]:
            for ev in item if isinstance(item, list) else [item]:
                if isinstance(ev, dict) and ev.get("field") in ("meta", "raw"):
                    out.append(
                        {
                            "name": name,
                            "rule": ev.get("rule"),
                            "from": ev.get("field"),
                            "text": str(ev.get("text", ""))[:200],
                        }
                    )
    return out


def segments(text: str, spans: list[Span]) -> list[Segment]:
    """Cut ``text`` where any span starts or ends; each piece lists the evidence covering it."""
    n = len(text)
    spans = [Span(s.field, s.rule, min(s.start, n), min(s.end, n)) for s in spans]
    spans = [s for s in spans if s.start < s.end]
    cuts = sorted({0, n, *(s.start for s in spans), *(s.end for s in spans)})
    out: list[Segment] = []
    for a, b in itertools.pairwise(cuts):
        marks: list[tuple[str, str]] = []
        for s in spans:
            if s.start <= a and s.end >= b and (s.field, s.rule) not in marks:
                marks.append((s.field, s.rule))
        if out and out[-1].marks == marks:
            out[-1].text += text[a:b]
        else:
            out.append(Segment(text[a:b], marks))
    return out


def heat(n: int, top: int) -> int:
    """0 for nothing, else 1..HEAT_LEVELS on a log scale relative to the largest count shown."""
    if n <= 0 or top <= 0:
        return 0
    return max(1, min(HEAT_LEVELS, math.ceil(HEAT_LEVELS * math.log1p(n) / math.log1p(top))))


def marked(snippet: str) -> Markup:
    """A store snippet (plain text with ``<mark>`` around matches) as safe HTML."""
    out = []
    for i, part in enumerate(snippet.split("<mark>")):
        if i == 0:
            out.append(str(escape(part)))
            continue
        hit, _, rest = part.partition("</mark>")
        out.append(f"<mark>{escape(hit)}</mark>{escape(rest)}")
    return Markup("".join(out))


@dataclass(frozen=True, slots=True)
class Bar:
    label: str  # YYYY-MM-DD (week's Monday) or YYYY-MM
    n: int
    x: float
    width: float
    height: float


def _next(label: str, unit: str) -> str:
    if unit == "week":
        return (date.fromisoformat(label) + timedelta(days=7)).isoformat()
    y, m = int(label[:4]), int(label[5:7])
    return f"{y + (m == 12)}-{m % 12 + 1:02d}"


def timeline_bars(
    counts: dict[str, int], unit: str, width: float = 960.0, height: float = 120.0, max_bins: int = 2000
) -> list[Bar]:
    """One bar per week (or month) from the first to the last with articles, empty ones included."""
    labels = sorted(k for k in counts if k)
    if not labels:
        return []
    bins = [labels[0]]
    while bins[-1] < labels[-1] and len(bins) < max_bins:
        bins.append(_next(bins[-1], unit))
    top = max(counts.values())
    w = width / len(bins)
    return [
        Bar(b, counts.get(b, 0), i * w, max(w * 0.85, 0.5), height * counts.get(b, 0) / top)
        for i, b in enumerate(bins)
    ]


def year_ticks(bars: list[Bar], min_gap: float = 34.0) -> list[tuple[float, str]]:
    """(x, year) where each year's first bar starts, for the timeline axis (labels never overlap)."""
    out: list[tuple[float, str]] = []
    last = None
    for b in bars:
        if b.label[:4] != last:
            last = b.label[:4]
            if not out or b.x - out[-1][0] >= min_gap:
                out.append((b.x, last))
    return out
