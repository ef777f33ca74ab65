"""The CLI contract, end to end on the demo corpus (other tools and tests rely on it)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zholdau.cli import app

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "demo" / "corpus"
runner = CliRunner()


def zh(*args: str) -> tuple[int, str]:
    res = runner.invoke(app, list(args), catch_exceptions=False)
    return res.exit_code, res.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "demo.db")
    code, _ = zh("ingest", str(CORPUS), "--db", path, "--quiet")
    assert code == 0
    return path


def test_second_ingest_adds_nothing_and_says_so(db: str) -> None:
    before = json.loads(zh("stats", "--json", "--db", db)[1])
    res = runner.invoke(app, ["ingest", str(CORPUS), "--db", db, "--quiet"])
    assert res.exit_code == 0
    assert "Nothing new" in res.output
    after = json.loads(zh("stats", "--json", "--db", db)[1])
    assert after["articles"] == before["articles"] and after["rejections"] == before["rejections"]
    runs = json.loads(zh("runs", "--json", "--db", db)[1])
    assert [r["ingested"] for r in runs][:2] == [0, before["articles"] + before["copies"]]


def test_broken_inputs_become_rejections_and_nothing_else_does(db: str) -> None:
    expected = json.loads((ROOT / "demo" / "rejections_expected.json").read_text(encoding="utf-8"))
    rows = json.loads(zh("rejections", "--json", "--db", db)[1])
    got = {(Path(r["source"]).name, r["stage"]) for r in rows}
    assert got == {(Path(e["source"]).name, e["stage"]) for e in expected}
    assert all(r["message"] for r in rows)
    assert all(r["raw_size"] is not None or r["raw_pointer"] for r in rows)


def test_ingesting_only_broken_files_fails(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "junk.txt").write_bytes(bytes(range(256)) * 8)
    res = runner.invoke(app, ["ingest", str(inputs), "--db", str(tmp_path / "x.db"), "--quiet"])
    assert res.exit_code == 1
    rows = json.loads(zh("rejections", "--json", "--db", str(tmp_path / "x.db"))[1])
    assert {Path(r["source"]).name for r in rows} == {"empty.txt", "junk.txt"}


def test_ingest_counts_the_rejections_it_does_not_list(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zholdau.ingest

    monkeypatch.setattr(zholdau.ingest, "KEEP_REJECTIONS", 5)  # the report keeps 5 of the 30
    inputs = tmp_path / "in"
    inputs.mkdir()
    for i in range(30):
        (inputs / f"empty{i:02d}.txt").write_bytes(b"")
    (inputs / "good.txt").write_text("Аким области провёл совещание по Посланию Главы государства.", "utf-8")
    res = runner.invoke(app, ["ingest", str(inputs), "--db", str(tmp_path / "x.db"), "--quiet"])
    assert res.exit_code == 0
    listed = re.findall(r"^  rejected ", res.output, flags=re.M)
    assert len(listed) == 5 and "… and 25 more: see `zholdau rejections`" in res.output


def test_search_json_has_the_contract_fields(db: str) -> None:
    code, out = zh("search", "Послание", "--json", "--limit", "5", "--db", db)
    hits = json.loads(out)
    assert code == 0 and 0 < len(hits) <= 5
    for h in hits:
        assert {"id", "source", "title", "published", "lang", "primary_region", "snippet"} <= set(h)
        assert "<mark>" in h["snippet"]


@pytest.mark.parametrize(
    ("args", "check"),
    [
        (["--lang", "kk"], lambda h: h["lang"] == "kk"),
        (["--lang", "ru"], lambda h: h["lang"] == "ru"),
        (["--region", "KZ-55"], lambda h: h["primary_region"] == "KZ-55"),
        (["--since", "2023-01-01"], lambda h: h["published"] >= "2023-01-01"),
        (["--until", "2018-12-31"], lambda h: h["published"] <= "2018-12-31"),
    ],
)
def test_search_filters(db: str, args: list[str], check: object) -> None:
    hits = json.loads(zh("search", "", *args, "--json", "--limit", "200", "--db", db)[1])
    assert hits and all(check(h) for h in hits)  # type: ignore[operator]


def test_search_address_filter(db: str) -> None:
    hits = json.loads(zh("search", "", "--address", "2021-09-01", "--json", "--limit", "200", "--db", db)[1])
    assert hits
    for h in hits:
        rec = json.loads(zh("show", h["id"], "--json", "--db", db)[1])
        assert "2021-09-01" in rec["addresses"]


def test_bad_filter_values_are_refused_with_a_message(db: str) -> None:
    res = runner.invoke(app, ["search", "x", "--since", "yesterday", "--db", db])
    assert res.exit_code == 2 and "YYYY-MM-DD" in res.output


def test_show_prints_the_record_with_raw_text_and_evidence(db: str) -> None:
    hit = json.loads(zh("search", "Бекбосынов", "--json", "--limit", "1", "--db", db)[1])[0]
    rec = json.loads(zh("show", hit["id"], "--json", "--db", db)[1])
    assert rec["raw_text"] and rec["text"] and rec["evidence"]
    code, out = zh("show", hit["id"], "--db", db)
    assert code == 0 and "evidence" in out
    assert runner.invoke(app, ["show", "ffffffffffffffff", "--db", db]).exit_code == 1


def test_export_jsonl_and_csv(db: str, tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    assert zh("export", "--format", "jsonl", "-o", str(out), "--db", db)[0] == 0
    recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    stats = json.loads(zh("stats", "--json", "--db", db)[1])
    assert len(recs) == stats["articles"] + stats["copies"]  # every article: the copies too
    assert sum(1 for r in recs if r.get("duplicate_of")) == stats["copies"] > 0
    required = {
        "id",
        "source",
        "url",
        "outlet",
        "author",
        "title",
        "published",
        "lang",
        "text",
        "addresses",
        "primary_region",
        "regions",
        "places",
        "topics",
        "figures",
    }
    assert all(required <= set(r) for r in recs)
    _, text = zh("export", "--format", "csv", "--lang", "kk", "--db", db)
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and all(r["lang"] == "kk" for r in rows)


@pytest.mark.parametrize(
    ("args", "copies_included"),
    [
        (["search", "", "--json", "--limit", "10000"], False),
        (["search", "", "--json", "--limit", "10000", "--hide-copies"], False),
        (["search", "", "--json", "--limit", "10000", "--with-copies"], True),
        (["export", "--format", "jsonl"], True),
        (["export", "--format", "jsonl", "--with-copies"], True),
        (["export", "--format", "jsonl", "--hide-copies"], False),
    ],
)
def test_search_shows_one_article_per_text_and_export_keeps_every_copy(
    db: str, args: list[str], copies_included: bool
) -> None:
    every = json.loads(zh("stats", "--json", "--with-copies", "--db", db)[1])
    assert every["articles"] == json.loads(zh("stats", "--json", "--db", db)[1])["articles"] + every["copies"]
    dump = [json.loads(line) for line in zh("export", "--db", db)[1].splitlines()]
    copies = {r["id"] for r in dump if r.get("duplicate_of")}
    code, out = zh(*args, "--db", db)
    rows = json.loads(out) if args[0] == "search" else [json.loads(line) for line in out.splitlines()]
    assert code == 0 and copies
    assert len(rows) == every["articles"] - (0 if copies_included else len(copies))
    assert bool(copies & {r["id"] for r in rows}) is copies_included
    if args[0] == "search" and not copies_included:  # each copy is listed on its original
        assert sorted(c["id"] for r in rows for c in r["copies"]) == sorted(copies)


def test_search_text_names_the_outlets_that_also_published(db: str) -> None:
    code, out = zh("search", "", "--limit", "10000", "--db", db)
    assert code == 0 and "also published by: " in out
    assert "also published by" not in zh("search", "", "--limit", "10000", "--with-copies", "--db", db)[1]


def test_pipeline_lists_the_stages_in_order() -> None:
    code, out = zh("pipeline")
    assert code == 0
    positions = [
        out.index(name)
        for name in ("clean", "detect_language", "read_metadata", "link_addresses", "find_regions")
    ]
    assert positions == sorted(positions)


def test_settings_never_show_a_database_password(monkeypatch: pytest.MonkeyPatch) -> None:
    from zholdau.config import Settings

    monkeypatch.setenv("ZHOLDAU_DB", "postgresql://analyst:s3cret@db.example.kz:5432/zholdau")
    shown = dict(Settings.load().describe())
    assert shown["db"] == "postgresql://analyst:***@db.example.kz:5432/zholdau"
    assert "s3cret" not in str(Settings.load().describe())
