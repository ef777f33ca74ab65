"""Distributed ingest on a real local Dask cluster: the same store as one process (SQLite written by the
client, PostgreSQL written by the workers), big files cut into ranges that read like the whole file,
failed partitions turned into rejections and never half-written, and a bounded number in flight."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from zholdau.cli import app
from zholdau.config import Settings
from zholdau.distributed import (
    DISTRIBUTED_STAGE,
    Partition,
    Piece,
    ingest_distributed,
    plan_partitions,
    read_piece,
)
from zholdau.ingest import ingest_paths
from zholdau.model import RawDocument, Rejection
from zholdau.readers import read_paths
from zholdau.store import open_store
from zholdau.store.base import Store
from zholdau.synth import generate

BATCH = 5  # small partitions, so a few hundred articles make many of them and the feeds are cut


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    from distributed import Client

    from zholdau.distributed import local_cluster

    cluster = local_cluster(2)  # the cluster `zholdau ingest --workers 2` starts
    c = Client(cluster)
    yield c
    c.close()
    cluster.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    generate(70, out, seed=21, malformed_rate=0.06)
    root = out / "corpus"
    # an exact copy of one article: whichever run, the first in reading order is the one stored
    first = sorted((root / "txt" / "ru").rglob("*.txt"))[0]
    shutil.copy(first, root / "txt" / "zz_copy.txt")
    return root


def _records(store: Store) -> dict[str, dict[str, Any]]:
    out = {}
    for rec in store.iter_records():
        rec = json.loads(json.dumps(rec, default=str, sort_keys=True))
        for key in ("ingested_at", "run_id", "rowid"):
            rec.pop(key, None)
        out[rec["id"]] = rec
    return out


def _rejections(store: Store) -> list[tuple[str, str, str]]:
    return sorted((r["source"], r["stage"], r["message"]) for r in store.rejections(100_000))


@pytest.fixture(scope="module")
def single(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    db = str(tmp_path_factory.mktemp("single") / "one.db")
    store = open_store(db)
    report = ingest_paths(
        [str(corpus), str(corpus / "missing")],
        store,
        Settings.load(db=db, batch_size=BATCH, embeddings="off"),
    )
    result = {"counts": report.counts(), "records": _records(store), "rejections": _rejections(store)}
    store.close()
    result["search_keys"] = _search_keys(db)
    return result


def _search_keys(db: str) -> dict[str, tuple[str, str]]:
    """What SQLite's full-text index holds for each article id (computed by the workers or the writer)."""
    con = sqlite3.connect(db)
    try:
        rows = con.execute(
            "SELECT a.id, f.title, f.body FROM article_fts f JOIN articles a ON a.rowid = f.rowid"
        ).fetchall()
    finally:
        con.close()
    return {i: (t, b) for i, t, b in rows}


def test_local_workers_leave_out_the_dashboards_sampling(client: Any) -> None:
    """The workers of our local cluster run with WORKER_CONFIG (no stack sampling, slow ticks), and
    with every other Dask setting still there (a nested dict would have replaced them)."""

    def settings() -> tuple[Any, ...]:
        import dask

        get = dask.config.get
        return (
            get("distributed.worker.profile.enabled"),
            get("distributed.admin.tick.interval"),
            get("distributed.admin.event-loop"),
            get("distributed.worker.memory.target"),
        )

    for profile, tick, loop, target in client.run(settings).values():
        assert (profile, tick) == (False, "1s") and loop and target


def test_two_workers_store_what_one_process_stores(
    corpus: Path, single: dict[str, Any], client: Any, tmp_path: Path
) -> None:
    db = str(tmp_path / "two.db")
    store = open_store(db)
    report = ingest_distributed(
        [str(corpus), str(corpus / "missing")],
        store,
        Settings.load(db=db, batch_size=BATCH, embeddings="off"),
        client=client,
        timings=True,
    )
    assert report.counts() == single["counts"]
    assert report.duplicates >= 1 and report.rejected > 5
    assert _records(store) == single["records"]
    assert _rejections(store) == single["rejections"]
    keys = _search_keys(db)  # computed on the workers here
    assert keys == single["search_keys"] and len(keys) == report.ingested
    assert report.partitions >= 10 and len(report.by_worker) == 2
    assert set(report.stage_seconds) >= {"clean", "detect_language", "read_metadata"}
    assert store.runs()[0]["status"] == "done"
    store.close()


def test_workers_write_postgresql_themselves_with_the_same_result(
    corpus: Path, single: dict[str, Any], client: Any, pg_url: str
) -> None:
    store = open_store(pg_url)
    report = ingest_distributed(
        [str(corpus), str(corpus / "missing")],
        store,
        Settings.load(db=pg_url, batch_size=BATCH, embeddings="off"),
        client=client,
    )
    assert report.counts() == single["counts"]
    assert _records(store) == single["records"]
    assert _rejections(store) == single["rejections"]
    store.close()


def test_a_failing_partition_is_retried_then_rejected_and_never_half_written(
    corpus: Path, client: Any, tmp_path: Path
) -> None:
    files = sorted((corpus / "txt" / "ru").rglob("*.txt"))[:3]
    good = [Piece(f"txt/{f.name}", str(f)) for f in files]
    gone = Piece("gone.jsonl", str(tmp_path / "gone.jsonl"), "jsonl", 0, 100, 1, 3, True, 100)
    plan = [Partition(0, (good[0],)), Partition(1, (good[1], gone)), Partition(2, (good[2],))]
    db = str(tmp_path / "f.db")
    store = open_store(db)
    report = ingest_distributed(
        [], store, Settings.load(db=db, connect="off"), client=client, partitions=plan, retries=1
    )
    assert report.failed_partitions == 1
    assert sorted(r["source"] for r in store.iter_records()) == sorted(
        ["txt/" + files[0].name, "txt/" + files[2].name]
    )
    rejected = {r["source"]: r for r in store.rejections()}
    assert set(rejected) == {"txt/" + files[1].name, "gone.jsonl#bytes=0-100"}
    assert all(
        r["stage"] == DISTRIBUTED_STAGE and "failed 2 times" in r["message"] for r in rejected.values()
    )
    assert store.runs()[0]["status"] == "done"
    store.close()


def test_no_more_partitions_in_flight_than_the_window(corpus: Path, client: Any, tmp_path: Path) -> None:
    settings_ = Settings.load(batch_size=10, connect="off")
    pulled = 0
    worst = 0

    def plan() -> Iterator[Partition]:
        nonlocal pulled
        for part in plan_partitions([str(corpus)], settings_):
            pulled += 1
            yield part

    written = 0

    def progress(files: int, items: int) -> None:
        nonlocal written, worst
        written += 1
        worst = max(worst, pulled - written)

    store = open_store(str(tmp_path / "w.db"))
    report = ingest_distributed(
        [], store, settings_, client=client, partitions=plan(), on_progress=progress, max_in_flight=3
    )
    assert report.partitions == written > 5
    assert worst <= 3
    store.close()


def test_ingest_command_runs_on_a_scheduler(
    monkeypatch: pytest.MonkeyPatch, corpus: Path, single: dict[str, Any], client: Any, tmp_path: Path
) -> None:
    monkeypatch.setenv("ZHOLDAU_CONNECT", "off")  # the connect step is tested above; keep this one quick
    db = tmp_path / "cli.db"
    address = client.scheduler.address
    result = CliRunner().invoke(
        app,
        ["ingest", str(corpus), "--db", str(db), "--scheduler", address, "-q", "--batch-size", str(BATCH)],
    )
    assert result.exit_code == 0, result.output
    store = open_store(str(db))
    assert store.count() == single["counts"]["ingested"]
    assert store.runs()[0]["settings"]["scheduler"] == address
    store.close()


# --------------------------------------------------------------------------------------------------
# Cutting big files: the pieces must read exactly like the whole file


def _read_whole(path: Path, s: Settings) -> list[tuple[Any, ...]]:
    return [_key(x) for x in read_paths([str(path)], s)]


def _read_cut(
    path: Path, s: Settings, max_items: int, max_bytes: int = 4_000_000
) -> tuple[int, list[tuple[Any, ...]]]:
    parts = list(plan_partitions([str(path)], s, max_items=max_items, max_bytes=max_bytes))
    assert sum(p.files for p in parts) == 1  # one file, however many pieces (the progress bar counts files)
    return len(parts), [_key(x) for p in parts for piece in p.pieces for x in read_piece(piece, s)]


def _key(x: RawDocument | Rejection) -> tuple[Any, ...]:
    if isinstance(x, Rejection):
        return ("rejection", x.source, x.stage, x.message)
    return ("doc", x.source, x.text, x.title, x.url, x.meta.get("warc_record"))


JSONL_CASES = {
    "records": [json.dumps({"text": f"Мәтін {i}", "title": f"T{i}"}, ensure_ascii=False) for i in range(11)],
    "blank and odd lines": [
        "",
        json.dumps({"text": "бір"}),
        "   ",
        "\u00a0",
        json.dumps({"text": "екі"}),
        "",
        "{broken",
        json.dumps({"text": ""}),
        json.dumps({"title": "no text"}),
        json.dumps({"text": "үш"}),
        "[1, 2]",
        json.dumps({"text": "төрт"}),
    ],
    "crlf endings": [json.dumps({"text": f"строка {i}"}) + "\r" for i in range(7)],
    "bom first": [
        "\ufeff" + json.dumps({"text": "бірінші"}),
        *[json.dumps({"text": f"x{i}"}) for i in range(6)],
    ],
    "blank tail": [json.dumps({"text": f"t{i}"}) for i in range(5)] + ["", "", "  "],
}


@pytest.mark.parametrize("case", sorted(JSONL_CASES))
def test_a_big_jsonl_file_is_cut_into_line_ranges_that_read_like_the_whole(case: str, tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_bytes("\n".join(JSONL_CASES[case]).encode("utf-8"))
    s = Settings.load()
    n, cut = _read_cut(path, s, max_items=2)
    assert n > 1
    assert cut == _read_whole(path, s)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf16.jsonl", "\n".join(json.dumps({"text": f"мәтін {i}"}) for i in range(9)).encode("utf-16")),
        ("packed.jsonl.gz", gzip.compress(b"\n".join(b'{"text": "a%d"}' % i for i in range(9)))),
        ("small.jsonl", b'{"text": "one"}\n{"text": "two"}\n'),
        ("notes.txt", b"\n".join(b'{"text": "a%d"}' % i for i in range(9))),
    ],
)
def test_files_that_cannot_be_cut_stay_whole(name: str, data: bytes, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    s = Settings.load()
    parts = list(plan_partitions([str(path)], s, max_items=3))
    assert [p.kind for part in parts for p in part.pieces] == ["file"]


json_lines = st.one_of(
    st.builds(lambda t: json.dumps({"text": t}, ensure_ascii=False), st.text(max_size=30)),
    st.sampled_from(["", " ", "{", '{"title": "x"}', "null", "\u2028", '{"text": "\\ud800"}']),
    st.text(max_size=20).filter(lambda t: "\n" not in t and "\r" not in t),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(lines=st.lists(json_lines, min_size=1, max_size=25), cut=st.integers(min_value=1, max_value=6))
def test_any_jsonl_file_reads_the_same_cut_or_whole(lines: list[str], cut: int, tmp_path: Path) -> None:
    path = tmp_path / "any.jsonl"
    path.write_bytes(("{" + '"text": "first"}\n' + "\n".join(lines)).encode("utf-8", "surrogatepass"))
    s = Settings.load()
    assert _read_cut(path, s, max_items=cut)[1] == _read_whole(path, s)


def _warc(pages: int, extra: bool = True) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=True)
    w.write_record(w.create_warcinfo_record("crawl.warc.gz", {"software": "zholdau tests"}))
    for i in range(pages):
        body = (
            f"<html><head><title>Жаңалық {i}</title></head><body><article><h1>Жаңалық {i}</h1>"
            f"<p>Облыс әкімі жиында {i} мәселені талқылады. Жолдауды іске асыру жоспары бекітілді, "
            f"барлық басқармаларға нақты тапсырмалар берілді.</p></article></body></html>"
        ).encode()
        uri = f"https://news.example.kz/kk/{i}"
        w.write_record(w.create_warc_record(uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        w.write_record(w.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers))
        if extra and i % 4 == 0:
            nf = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(uri + "/gone", "response", payload=io.BytesIO(b"no"), http_headers=nf)
            )
            img = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(
                    uri + ".png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=img
                )
            )
    return buf.getvalue()


def test_a_big_warc_is_cut_at_record_boundaries_and_reads_like_the_whole(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc(14))
    s = Settings.load()
    n, cut = _read_cut(path, s, max_items=4, max_bytes=3000)
    assert n >= 3
    assert cut == _read_whole(path, s)


def test_a_damaged_warc_is_left_whole_for_the_reader_to_report(tmp_path: Path) -> None:
    data = _warc(14)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: data.find(b"\x1f\x8b", len(data) // 2) + 60])  # inside a record
    s = Settings.load()
    parts = list(plan_partitions([str(path)], s, max_items=4, max_bytes=3000))
    assert [p.kind for part in parts for p in part.pieces] == ["file"]
