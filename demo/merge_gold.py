"""Merge the gold part files (gold_*.jsonl, written per language/feature) into demo/gold.jsonl, sorted by source.

Run after editing a part: `python demo/merge_gold.py`. A test checks gold.jsonl is up to date.
"""

from __future__ import annotations

import json
from pathlib import Path

HERE = Path(__file__).resolve().parent


def merged() -> str:
    rows = []
    for part in sorted(HERE.glob("gold_*.jsonl")):
        for line in part.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rows.append(json.loads(line))
    rows.sort(key=lambda r: r["source"])
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)


if __name__ == "__main__":
    (HERE / "gold.jsonl").write_text(merged(), encoding="utf-8")
    print(f"wrote {HERE / 'gold.jsonl'}")
