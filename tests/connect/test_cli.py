"""`zholdau connect / events / assignments / officials / figures` on a small store."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from zholdau.cli import app
from zholdau.store import open_store

from .conftest import akimat_kk, akimat_ru, maslikhat, school_report

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "c.db")
    store = open_store(path)
    store.add_articles(
        [
            akimat_ru(),
            akimat_kk(),
            maslikhat(),
            school_report(),
            akimat_ru("copy.txt", "2024-09-12", "Перепечатка"),
        ]
    )
    store.close()
    return path


def call(*args: str, env: dict[str, str] | None = None) -> Any:
    result = runner.invoke(
        app, list(args), env={"ZHOLDAU_EMBEDDINGS": "off", "ZHOLDAU_TODAY": "2025-06-01", **(env or {})}
    )
    return result


def test_connect_then_the_listings(db: str) -> None:
    out = call("connect", "--json", "--db", db)
    assert out.exit_code == 0, out.output
    assert json.loads(out.output)["copies"] == 1
    events = json.loads(call("events", "--json", "--region", "KZ-59", "--db", db).output)
    assert sorted(len(e["items"]) for e in events) == [1, 1, 3]  # meeting (ru, kk, copy), maslikhat, report
    done = json.loads(call("assignments", "--status", "reported done", "--json", "--db", db).output)
    assert len(done) == 2 and all(r["followed_up_by"] for r in done)  # the copy's row is not listed
    people = json.loads(call("officials", "--name", "Қайрат Ермеков", "--json", "--db", db).output)
    assert people[0]["names"] == ["Кайрат Ермеков", "Қайрат Ермеков"]
    figures = json.loads(call("figures", "--json", "--db", db).output)
    assert any(f["measure"] == "seat" and f["reported"] for f in figures)
    table = call("events", "--db", db)
    assert table.exit_code == 0 and "(copy)" in table.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("assignments", "--status", "finished"), "--status must be"),
        (("assignments", "--sort", "oldest"), "--sort must be"),
        (("connect", "--embeddings", "maybe"), "embeddings"),
        (("events", "--since", "yesterday"), "--since must be a date"),
    ],
)
def test_bad_options_say_what_to_do(db: str, args: tuple[str, ...], message: str) -> None:
    out = call(*args, "--db", db)
    assert out.exit_code == 2 and message in out.output
