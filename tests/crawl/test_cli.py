"""`zholdau sources / crawl / watch` from the command line, against a generated site on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.crawl.conftest import test_sources
from tests.crawl.site import kk_site
from zholdau.cli import app

runner = CliRunner()


def env(sources_file: str) -> dict[str, str]:
    return {
        "ZHOLDAU_SOURCES_FILE": sources_file,
        "ZHOLDAU_CRAWL_DELAY": "0.05",
        "ZHOLDAU_CRAWL_CONTACT": "https://example.org/zholdau-tests",
    }


def test_sources_lists_the_registry_and_the_users_file(tmp_path: Path) -> None:
    with kk_site() as kk:
        path, _ = test_sources(tmp_path, kk=kk)
        result = runner.invoke(app, ["sources", "--json"], env=env(path))
        assert result.exit_code == 0, result.output
        ids = [s["id"] for s in json.loads(result.stdout)]
        assert "test-kk" in ids and "akimat-aktobe" in ids
        result = runner.invoke(app, ["sources", "--region", "KZ-15"], env=env(path))
        assert (
            result.exit_code == 0 and "akimat-aktobe" in result.stdout and "akimat-abay" not in result.stdout
        )


def test_crawl_then_crawl_again_then_watch(tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    with kk_site() as kk:
        path, _ = test_sources(tmp_path, kk=kk)
        first = runner.invoke(app, ["crawl", "test-kk", "--db", db, "--json"], env=env(path))
        assert first.exit_code == 0, first.output
        report = json.loads(first.stdout)
        assert report["articles"] == len(kk.expected_titles) and report["blocked"] == 2
        again = runner.invoke(app, ["crawl", "test-kk", "--db", db], env=env(path))
        assert again.exit_code == 0 and "Nothing new" in again.output
        watched = runner.invoke(
            app, ["watch", "test-kk", "--db", db, "--interval", "1s", "--rounds", "2", "-q"], env=env(path)
        )
        assert watched.exit_code == 0, watched.output
        assert watched.output.count("crawl run") == 2
    found = runner.invoke(app, ["search", "Жолдау", "--db", db, "--json"])
    assert len(json.loads(found.stdout)) == len(kk.expected_titles)


@pytest.mark.parametrize("args, message", [
    (["crawl", "no-such-source"], "not a registered source"),
    (["crawl", "akimat-aktobe", "--since", "12.09.2025"], "--since must be a date"),
    (["watch", "akimat-aktobe", "--interval", "15"], "use e.g. 30s, 15m"),
    (["crawl", "akimat-aktobe", "--delay", "-1"], "greater than or equal to 0"),
])  # fmt: skip
def test_bad_arguments_are_refused_with_a_message(tmp_path: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, [*args, "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert message in result.output
