"""The synthetic corpus: Kazakh and Russian morphology of the slots, determinism, and a gold that says
exactly what the text says (checked against the text itself and against the real readers)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from zholdau.cli import app
from zholdau.config import Settings
from zholdau.evaluation import evaluate, load_gold
from zholdau.knowledge import load_knowledge
from zholdau.model import Rejection
from zholdau.synth import generate, kk_case, ru_given_name, ru_place_forms, ru_surname


@pytest.mark.parametrize(
    ("word", "case", "possessive", "expected"),
    [
        ("Павлодар", "loc", False, "Павлодарда"),
        ("Шымкент", "loc", False, "Шымкентте"),
        ("Шымкент", "gen", False, "Шымкенттің"),
        ("Семей", "gen", False, "Семейдің"),
        ("Семей", "loc", False, "Семейде"),
        ("Ақтау", "dat", False, "Ақтауға"),
        ("Ақтөбе", "gen", False, "Ақтөбенің"),
        ("Түркістан", "gen", False, "Түркістанның"),
        ("Екібастұз", "loc", False, "Екібастұзда"),
        ("Қонаев", "loc", False, "Қонаевта"),
        ("қыркүйек", "dat", False, "қыркүйекке"),
        ("желтоқсан", "dat", False, "желтоқсанға"),
        ("ауыл", "acc", False, "ауылды"),
        ("мектеп", "acc", False, "мектепті"),
        ("отбасы", "acc", False, "отбасыны"),
        ("орын", "adj", False, "орындық"),
        ("қосу", "acc", False, "қосуды"),
        ("әзірлеу", "acc", False, "әзірлеуді"),
        ("Павлодар облысы", "loc", True, "Павлодар облысында"),
        ("Аягөз ауданы", "gen", True, "Аягөз ауданының"),
        ("облыс әкімі", "dat", True, "облыс әкіміне"),
        ("басқармасы", "dat", True, "басқармасына"),
    ],
)
def test_kazakh_case_suffixes(word: str, case: str, possessive: bool, expected: str) -> None:
    assert kk_case(word, case, possessive=possessive) == expected


@pytest.mark.parametrize(
    ("given", "surname", "gender", "case", "expected"),
    [
        ("Нурлан", "Бекбосынов", "m", "gen", "Нурлана Бекбосынова"),
        ("Нурлан", "Бекбосынов", "m", "ins", "Нурланом Бекбосыновым"),
        ("Сергей", "Петров", "m", "dat", "Сергею Петрову"),
        ("Дмитрий", "Мамин", "m", "gen", "Дмитрия Мамина"),
        ("Игорь", "Калиев", "m", "ins", "Игорем Калиевым"),
        ("Динара", "Жумабаев", "f", "gen", "Динары Жумабаевой"),
        ("Ольга", "Кравченко", "f", "gen", "Ольги Кравченко"),
        ("Алия", "Омаров", "f", "ins", "Алией Омаровой"),
        ("Наталья", "Шайхин", "f", "dat", "Наталье Шайхиной"),
        ("Айгерим", "Садыков", "f", "acc", "Айгерим Садыкову"),
        ("Асхат", "Уали", "m", "gen", "Асхата Уали"),
    ],
)
def test_russian_name_declension(given: str, surname: str, gender: str, case: str, expected: str) -> None:
    assert f"{ru_given_name(given, gender)[case]} {ru_surname(surname, gender)[case]}" == expected


@pytest.mark.parametrize(
    ("name", "kind", "case", "expected"),
    [
        ("Павлодар", "city", "loc", "Павлодаре"),
        ("Семей", "city", "gen", "Семея"),
        ("Караганда", "city", "gen", "Караганды"),
        ("Шемонаиха", "city", "gen", "Шемонаихи"),
        ("Актобе", "city", "loc", "Актобе"),
        ("Усть-Каменогорск", "city", "gen", "Усть-Каменогорска"),
        ("Аягозский район", "district", "loc", "Аягозском районе"),
        ("район Нура", "district", "gen", "района Нура"),
        ("Павлодарская область", "region", "loc", "Павлодарской области"),
        ("Северо-Казахстанская область", "region", "gen", "Северо-Казахстанской области"),
        ("область Абай", "region", "loc", "области Абай"),
        ("Астана", "capital", "loc", "Астане"),
    ],
)
def test_russian_place_declension(name: str, kind: str, case: str, expected: str) -> None:
    forms = ru_place_forms(name, kind)
    assert forms is not None and forms[case] == expected


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != "manifest.json"
    }


def test_same_seed_same_bytes_whatever_the_workers(tmp_path: Path) -> None:
    a = generate(130, tmp_path / "a", seed=11, malformed_rate=0.05, workers=1, shard_size=50)
    b = generate(130, tmp_path / "b", seed=11, malformed_rate=0.05, workers=2, shard_size=50)
    c = generate(130, tmp_path / "c", seed=12, malformed_rate=0.05, workers=1, shard_size=50)
    assert a.articles == b.articles == c.articles == 130
    assert _files(tmp_path / "a") == _files(tmp_path / "b")
    assert _files(tmp_path / "a") != _files(tmp_path / "c")


def _article_text(corpus: Path, source: str) -> str:
    """The raw text of a gold row's article as its file holds it."""
    path, _, frag = source.partition("#")
    raw = (corpus / path).read_bytes().decode("utf-8")
    if frag.startswith("L"):
        rec = json.loads(raw.split("\n")[int(frag[1:]) - 1])
        return f"{rec['title']}\n{rec['text']}"
    return raw.replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth")
    generate(1200, out, seed=5, malformed_rate=0.02)
    return out


def test_the_gold_says_what_the_text_says(corpus: Path) -> None:
    rows = load_gold(corpus / "gold.jsonl")
    assert len(rows) == 1200
    for row in rows:
        text = _article_text(corpus / "corpus", row["source"])
        assert row["title"] in text
        assert "{" not in text and "}" not in text, "an unfilled slot"
        for fig in row["figures"]:
            assert fig["text"] in text, (row["source"], fig)
        for a in row["assignments"]:
            assert a["sentence"] in text, (row["source"], a["sentence"])
            assert a["deadline"] is None or a["deadline"] >= row["published"][:4]
        if row["chair"]:
            assert row["chair"] in {o["name"] for o in row["officials"]}


def test_the_gold_is_valid_on_each_articles_date(corpus: Path) -> None:
    kb = load_knowledge()
    rows = load_gold(corpus / "gold.jsonl")
    address_ids = {a.id for a in kb.addresses}
    for row in rows:
        on = date.fromisoformat(row["published"])
        kb.region(row["primary_region"], on)  # raises when the code was not in force that day
        for place in row["places"]:
            kb.region(place["region"], on)
        for a in row["addresses"]:
            assert a in address_ids and a <= row["published"]
        assert 1 <= len(row["topics"]) <= 4


def test_the_corpus_has_every_kind_of_article(corpus: Path) -> None:
    rows = load_gold(corpus / "gold.jsonl")
    by_source = {r["source"]: r for r in rows}
    manifest: dict[str, Any] = json.loads((corpus / "manifest.json").read_text())
    assert {r["lang"] for r in rows} == {"kk", "ru"}
    assert {Path(r["source"].split("#")[0]).suffix for r in rows} == {".txt", ".jsonl", ".html"}
    assert len({r["primary_region"] for r in rows}) == 20
    assert len({a for r in rows for a in r["addresses"]}) >= 15
    copies = [r for r in rows if r["duplicate_of"]]
    assert copies and all(by_source[r["duplicate_of"]]["published"] <= r["published"] for r in copies)
    follow = [r for r in rows if r["follows_up"]]
    assert follow and all(f in by_source for r in follow for f in r["follows_up"])
    events: dict[str, set[str]] = {}
    for r in rows:
        if r["event"]:
            events.setdefault(r["event"], set()).add(r["lang"])
    assert any(langs == {"kk", "ru"} for langs in events.values()), "kk/ru pairs of one meeting"
    assert any(r["source"].endswith("#kk") for r in rows), "qTranslate files with both languages"
    assert [r for r in rows if not r["addresses"]], "articles that are not about an Address"
    assert any(a["deadline"] is None for r in rows for a in r["assignments"])
    assert manifest["articles"] == 1200 and manifest["expected_rejections"] > 0
    assert set(manifest["malformed"]) == {"empty", "junk", "foreign", "jsonl_broken", "jsonl_no_text"}


def test_the_readers_agree_with_the_gold(corpus: Path) -> None:
    """Run the real readers and pipeline on the HTML pages: the container fields must match the gold."""
    from zholdau.pipeline import Pipeline
    from zholdau.readers import read_paths

    s = Settings.load()
    records = [
        {**a.to_record(), "source": a.source.split("/corpus/", 1)[1]}
        for a in Pipeline(s).run(read_paths([str(corpus / "corpus" / "html")], s))
        if not isinstance(a, Rejection)
    ]
    rows = [r for r in load_gold(corpus / "gold.jsonl") if r["source"].startswith("html/")]
    fields = ["lang", "title", "published", "outlet", "author", "primary_region"]
    result = evaluate(rows, records, fields)
    assert len(records) == len(rows) == result.matched > 100
    for f in result.fields:
        assert f.f1 >= 0.97, (f.name, f.misses[:3])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(min_value=0, max_value=10**9))
def test_any_seed_gives_a_consistent_corpus(seed: int, tmp_path_factory: pytest.TempPathFactory) -> None:
    out = tmp_path_factory.mktemp("seed")
    report = generate(12, out, seed=seed, malformed_rate=0.1, workers=1)
    rows = load_gold(out / "gold.jsonl")
    assert report.articles == len(rows) == 12
    assert len({r["source"] for r in rows}) == 12
    for row in rows:
        text = _article_text(out / "corpus", row["source"])
        assert all(f["text"] in text for f in row["figures"])


def test_synth_command(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "c"
    result = runner.invoke(app, ["synth", "--n", "25", "-o", str(out), "--seed", "3", "-q"])
    assert result.exit_code == 0, result.output
    assert len(load_gold(out / "gold.jsonl")) == 25
    again = runner.invoke(app, ["synth", "--n", "25", "-o", str(out)])
    assert again.exit_code == 2 and "not empty" in again.output
