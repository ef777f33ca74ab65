"""Names of regions, Addresses and topics in the interface language, from the knowledge base."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from zholdau.knowledge import Knowledge, load_knowledge

TILES_FILE = Path(__file__).resolve().parent / "tiles.json"


@functools.cache
def tiles() -> dict[str, Any]:
    """The tile-map layout: ``{"rows", "columns", "tiles": {code: [row, column]}}`` (1-based)."""
    data: dict[str, Any] = json.loads(TILES_FILE.read_text(encoding="utf-8"))
    return data


def current_regions(kb: Knowledge, on: date | None = None) -> list[Any]:
    """The regions in force on ``on`` (today), in map order (north-west first)."""
    layout = tiles()["tiles"]
    regions = kb.regions_valid_on(on or date.today())
    return sorted(regions, key=lambda r: (*layout.get(r.code, [99, 99]), r.code))


@dataclass(frozen=True)
class Labels:
    """Look-ups for one interface language; unknown codes are shown as they are."""

    kb: Knowledge
    ui: str

    def region(self, code: str | None) -> str:
        if not code:
            return ""
        entries = [r for r in self.kb.regions if r.code == code]
        if not entries:
            return code
        entry = next((r for r in entries if r.period.valid_to is None), entries[-1])
        return str(getattr(entry, f"name_{self.ui}", None) or entry.name_ru)

    def address(self, address_id: str | None) -> str:
        if not address_id:
            return ""
        try:
            a = self.kb.address(address_id)
        except KeyError:
            return address_id
        return str({"kk": a.title_kk, "en": a.title_en}.get(self.ui) or a.title_ru)

    def address_short(self, address_id: str | None) -> str:
        """How a column header names an Address: its delivery date."""
        return address_id or ""

    def topic(self, code: str | None) -> str:
        if not code:
            return ""
        try:
            t = self.kb.topic(code)
        except KeyError:
            return code
        return str(getattr(t, f"label_{self.ui}", None) or t.label_ru)


@functools.cache
def labels(ui: str) -> Labels:
    """The labels of one interface language (the knowledge base is loaded once)."""
    return Labels(load_knowledge(), ui)
