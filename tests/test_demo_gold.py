"""Extraction quality on the demo gold: `make test` fails if any field falls below its floor.

The floors are what the extractors reach today (rounded down); raise them when the extractors improve.
The demo corpus is written by us; real held-out articles are scored separately (`zholdau eval`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from zholdau.config import Settings
from zholdau.evaluation import EvalReport, evaluate, load_gold
from zholdau.ingest import ingest_paths
from zholdau.store import open_store

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "demo" / "gold.jsonl"

# field → minimum F1 on the demo gold
FLOORS = {
    "lang": 1.0,
    "script": 1.0,
    "title": 0.98,
    "published": 0.98,
    "outlet": 0.95,
    "author": 0.95,
    "addresses": 0.98,
    "primary_region": 0.98,
    "regions": 0.95,
    "places": 0.92,
    "officials": 0.95,
    "chair": 0.95,
    "assignments": 0.92,
    "figures": 0.97,
    "topics": 0.72,
}


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> EvalReport:
    db = str(tmp_path_factory.mktemp("gold") / "gold.db")
    settings = Settings.load(db=db)
    store = open_store(db)
    ingest_paths([str(ROOT / "demo" / "corpus")], store, settings)
    rep = evaluate(load_gold(GOLD), store.iter_records())
    store.close()
    return rep


def test_gold_covers_the_corpus(report: EvalReport) -> None:
    assert report.gold_total >= 80
    assert report.unmatched_gold == []


@pytest.mark.parametrize("field", list(FLOORS))
def test_field_is_above_its_floor(report: EvalReport, field: str) -> None:
    score = report.field(field)
    assert score.f1 >= FLOORS[field], (
        f"{field}: F1 {score.f1:.3f} < floor {FLOORS[field]} (P {score.precision:.3f}, R {score.recall:.3f}); "
        "misses:\n" + "\n".join(score.misses[:15])
    )


def test_gold_file_is_the_merge_of_its_parts() -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("merge_gold", ROOT / "demo" / "merge_gold.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    assert GOLD.read_text(encoding="utf-8") == mod.merged(), "run `python demo/merge_gold.py`"
