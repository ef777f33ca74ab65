"""Rich renderings for the terminal: an article with its evidence highlighted, the demo summary."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

_STYLES = [
    "black on yellow",
    "black on cyan",
    "black on green",
    "black on magenta",
    "white on blue",
    "black on bright_red",
    "black on bright_white",
]


def _evidence_spans(record: dict[str, Any]) -> list[tuple[str, str, int, int]]:
    """(field, rule, start, end) of every evidence span that points into the cleaned text."""
    out = []
    for fieldname, value in (record.get("evidence") or {}).items():
        items = value if isinstance(value, list) else [value]
        for item in items:
            evs = item if isinstance(item, list) else [item]
            for ev in evs:
                if isinstance(ev, dict) and ev.get("field", "text") == "text" and ev.get("start", -1) >= 0:
                    out.append((fieldname, ev["rule"], int(ev["start"]), int(ev["end"])))
    return out


def render_article(console: Console, record: dict[str, Any]) -> None:
    head = Table(show_header=False, box=None)
    for key in (
        "id",
        "source",
        "url",
        "title",
        "published",
        "lang",
        "script",
        "outlet",
        "author",
        "primary_region",
        "regions",
        "addresses",
        "chair",
        "topics",
        "duplicate_of",
        "event_id",
    ):
        value = record.get(key)
        if value not in (None, [], ""):
            head.add_row(f"[bold]{key}", str(value))
    console.print(head)
    spans = _evidence_spans(record)
    fields = sorted({f for f, *_ in spans})
    style_of = {f: _STYLES[i % len(_STYLES)] for i, f in enumerate(fields)}
    text = Text(record.get("text") or "")
    for f, _rule, s, e in spans:
        text.stylize(style_of[f], s, e)
    console.rule("text (highlighted: evidence)")
    console.print(text)
    if spans:
        console.rule("evidence")
        t = Table("field", "rule", "span", "text")
        body = record.get("text") or ""
        for f, rule, s, e in sorted(spans, key=lambda x: x[2]):
            t.add_row(Text(f, style=style_of[f]), rule, f"{s}-{e}", body[s:e][:80])
        console.print(t)
    meta_ev = [
        (k, ev)
        for k, v in (record.get("evidence") or {}).items()
        for ev in (v if isinstance(v, list) else [v])
        if isinstance(ev, dict) and ev.get("field") in {"meta", "raw"}
    ]
    if meta_ev:
        t = Table("field", "rule", "from", "value", title="metadata evidence")
        for k, ev in meta_ev:
            t.add_row(k, ev["rule"], ev["field"], str(ev["text"])[:80])
        console.print(t)
    for w in record.get("warnings") or []:
        console.print(f"[yellow]warning:[/] {w}")


def _region_labels() -> dict[str, str]:
    from zholdau.knowledge import load_knowledge

    return {r.code: r.name_en for r in load_knowledge().regions if r.period.valid_to is None}


def render_summary(console: Console, stats: dict[str, Any]) -> None:
    copies = f", {stats['copies']} syndicated copies not counted" if stats.get("copies") else ""
    console.print(
        f"[bold]{stats['articles']}[/] articles ({', '.join(f'{k}: {v}' for k, v in stats['by_lang'].items())}"
        f"{copies}), {stats['rejections']} rejections"
    )
    rows: dict[str, dict[str, int]] = {}
    addresses: set[str] = set()
    for cell in stats["region_address"]:
        rows.setdefault(cell["region"], {})[cell["address"]] = cell["articles"]
        addresses.add(cell["address"])
    cols = sorted(addresses)
    t = Table(title="articles per region and Address")
    t.add_column("region")
    for a in cols:
        t.add_column(a, justify="right")
    t.add_column("total", justify="right", style="bold")
    labels = _region_labels()
    for region in sorted(rows):
        cells = rows[region]
        label = f"{region} {labels.get(region, '')}".strip()
        t.add_row(label, *[str(cells.get(a, "")) for a in cols], str(sum(cells.values())))
    console.print(t)
