"""Ingest as a whole: batches are committed as they go, a crash loses nothing committed, a re-run
finishes the job, and the pipeline never raises on arbitrary input."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zholdau.config import Settings
from zholdau.ingest import ingest_paths
from zholdau.model import Article, RawDocument, Rejection
from zholdau.pipeline import Pipeline
from zholdau.store import open_store

ROOT = Path(__file__).resolve().parent.parent


class Crash(RuntimeError):
    pass


def test_a_crash_mid_run_keeps_committed_batches_and_a_rerun_completes(tmp_path: Path) -> None:
    db = str(tmp_path / "crash.db")
    settings = Settings.load(db=db, batch_size=5)
    store = open_store(db)
    seen = 0

    def explode(item: Article | Rejection) -> None:
        nonlocal seen
        seen += 1
        if seen == 23:
            raise Crash("power cut")

    with pytest.raises(Crash):
        ingest_paths([str(ROOT / "demo" / "corpus")], store, settings, on_item=explode)
    committed = store.count()
    assert 0 < committed < 23  # whole batches of 5 were written before the crash
    assert store.runs()[0]["status"] == "failed"
    report = ingest_paths([str(ROOT / "demo" / "corpus")], store, settings)
    assert report.duplicates == committed
    total = store.count()
    again = ingest_paths([str(ROOT / "demo" / "corpus")], store, settings)
    assert (again.ingested, again.duplicates, store.count()) == (0, total, total)
    store.close()


news_words = st.sampled_from(
    [
        "Послание",
        "Главы",
        "государства",
        "аким",
        "области",
        "поручил",
        "до",
        "конца",
        "года",
        "12,4",
        "млрд",
        "тенге",
        "Жолдау",
        "облыс",
        "әкімі",
        "тапсырды",
        "жыл",
        "соңына",
        "дейін",
        "600",
        "орындық",
        "мектеп",
        "Павлодар",
        "Семей",
        "2021",
        "жылғы",
        "9",
        "қыркүйекте",
        "[:ru]",
        "[:kk]",
        "[:]",
        "date",
        "2025-09-10",
        "СЕМЕЙ.",
        "KAZINFORM",
        "–",
        "«»",
        "—",
        "\n",
        "Memleket",
        "basshysynyń",
        "ٴجولداۋ",
    ]
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(news_words, max_size=60).map(" ".join) | st.text(max_size=300))
def test_pipeline_never_raises_and_keeps_every_input(text: str) -> None:
    pipe = Pipeline(Settings.load())
    out = pipe.process(
        RawDocument(source="h.txt", text=text, kind="txt", raw=text.encode("utf-8", "replace"))
    )
    assert out, "every input comes out as an article or a rejection"
    for item in out:
        assert isinstance(item, Article | Rejection)
        if isinstance(item, Article):
            rec = item.to_record()
            for spans in rec["evidence"].values():
                for ev in (e for group in spans for e in (group if isinstance(group, list) else [group])):
                    if ev["field"] == "text" and ev["start"] >= 0:
                        assert rec["text"][ev["start"] : ev["end"]] == ev["text"]


@pytest.mark.parametrize(
    ("pieces", "chunk", "calls"),
    [
        # the chunks one call over every id makes, whatever pieces the ids come in
        ([["a", "b", "c"], ["d"], ["e", "f", "g"]], 3, [["a", "b", "c"], ["d", "e", "f"], ["g"]]),
        ([["a"], ["b"], ["c"]], 2, [["a", "b"], ["c"]]),
        # an id seen before is not handed on again
        ([["a", "b"], ["b", "c"], ["a", "d"]], 2, [["a", "b"], ["c", "d"]]),
        ([[], ["a"]], 5, [["a"]]),
        ([], 5, []),
    ],
)
def test_after_ingest_stream_hands_on_fixed_chunks_in_order(
    pieces: list[list[str]], chunk: int, calls: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    import zholdau.ingest as ingest_module

    seen: list[list[str]] = []
    monkeypatch.setattr(ingest_module, "after_ingest", lambda store, settings, ids: seen.append(list(ids)))
    stream = ingest_module.AfterIngestStream(None, Settings.load(), chunk)  # type: ignore[arg-type]
    for piece in pieces:
        stream.add(piece)
    stream.close()
    assert seen == calls


def test_a_report_keeps_the_first_rejections_and_the_store_keeps_them_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A million inputs with a few per cent broken must not hold every rejection (its raw bytes too)
    in memory until the end: the report keeps the first ones to show, the store every one."""
    import zholdau.ingest

    monkeypatch.setattr(zholdau.ingest, "KEEP_REJECTIONS", 3)
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(7):
        (inputs / f"junk{i}.txt").write_bytes(bytes(range(256)) * (i + 1))
    (inputs / "good.txt").write_text("Аким области провёл совещание по Посланию Главы государства.", "utf-8")
    store = open_store(str(tmp_path / "r.db"))
    report = ingest_paths([str(inputs)], store, Settings.load(db=str(tmp_path / "r.db")))
    assert (report.ingested, report.rejected, len(report.rejections)) == (1, 7, 3)
    assert len(store.rejections()) == 7
    store.close()
