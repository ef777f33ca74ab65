"""The sources registry: the shipped file is valid, a user's file adds and replaces entries, and a bad
entry is refused with a message naming the file, the entry and the problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from zholdau.config import Settings
from zholdau.crawl.sources import adhoc_source, load_sources, resolve
from zholdau.errors import ConfigError


def test_the_registry_covers_every_region_with_an_akimat_and_is_marked_unverified() -> None:
    sources = load_sources()
    akimats = {s.home_region for s in sources if s.id.startswith("akimat-")}
    assert len(akimats) == 20
    assert len({s.id for s in sources}) == len(sources)
    assert all(not s.verified and s.note for s in sources)  # nothing was checked against the live sites
    gov = next(s for s in sources if s.id == "akimat-aktobe")
    assert gov.wants("https://www.gov.kz/memleket/entities/aktobe/press/news/details/949164?lang=ru")
    assert not gov.wants("https://www.gov.kz/memleket/entities/kostanay/press/news/details/1")


def write(tmp_path: Path, body: str) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(body, encoding="utf-8")
    return str(path)


def test_a_user_file_adds_a_site_and_replaces_a_registry_entry(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """sites:
  - id: my-paper
    name: Менің газетім
    site: https://menin-gazet.kz/
    home_region: kz-15
    languages: [kk]
    feeds: [https://menin-gazet.kz/rss]
  - id: kazinform
    name: Kazinform (regions only)
    site: https://www.inform.kz/
    languages: [ru]
    article_patterns: ['/ru/regions/']
    verified: true
""",
    )
    by_id = {s.id: s for s in load_sources(path)}
    assert by_id["my-paper"].home_region == "KZ-15" and by_id["my-paper"].feeds == (
        "https://menin-gazet.kz/rss",
    )
    assert by_id["kazinform"].verified and by_id["kazinform"].origin == path
    assert Settings.load(sources_file=path).sources_file == path


@pytest.mark.parametrize("entry, problem", [
    ("  - {id: Bad Id, site: https://a.kz/, languages: [kk]}", "lower-case slug"),
    ("  - {id: a, site: ftp://a.kz/, languages: [kk]}", "'site' must be"),
    ("  - {id: a, site: https://a.kz/, languages: [de]}", "'languages'"),
    ("  - {id: a, site: https://a.kz/, languages: [kk], home_region: KZ-99}", "KZ-99"),
    ("  - {id: a, site: https://a.kz/, languages: [kk], article_patterns: ['(']}", "regular expression"),
    ("  - {id: a, site: https://a.kz/, languages: [kk], feeds: [not a url]}", "'feeds'"),
    ("  - {id: a, site: https://a.kz/, languages: [kk], homepage: x}", "unknown field"),
    ("  - {id: a, site: https://a.kz/, languages: [kk], verified: maybe}", "'verified'"),
    ("  - {id: a, site: https://a.kz/, languages: [kk]}\n  - {id: a, site: https://b.kz/, languages: [kk]}", "twice"),
])  # fmt: skip
def test_bad_entries_are_refused_with_the_reason(tmp_path: Path, entry: str, problem: str) -> None:
    path = write(tmp_path, "sites:\n" + entry + "\n")
    with pytest.raises(ConfigError, match=r"mine\.yaml") as err:
        load_sources(path)
    assert problem in str(err.value)


@pytest.mark.parametrize(
    "body, problem", [("sites: {}\n", "list of sites"), ("sites: [\n", "not valid YAML")]
)
def test_a_broken_file_is_refused(tmp_path: Path, body: str, problem: str) -> None:
    with pytest.raises(ConfigError, match=problem):
        load_sources(write(tmp_path, body))


def test_a_missing_file_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="ZHOLDAU_SOURCES_FILE"):
        load_sources(str(tmp_path / "nope.yaml"))


@pytest.mark.parametrize("name, site, entries", [
    ("https://ortalyk.kz/", "https://ortalyk.kz/", ()),
    ("https://ortalyk.kz/rss.xml?utm_source=x", "https://ortalyk.kz/", ("https://ortalyk.kz/rss.xml",)),
    ("http://127.0.0.1:8001/sitemap.xml", "http://127.0.0.1:8001/", ("http://127.0.0.1:8001/sitemap.xml",)),
])  # fmt: skip
def test_urls_on_the_command_line_are_sources(name: str, site: str, entries: tuple[str, ...]) -> None:
    (source,) = resolve([name], load_sources())
    assert (source.site, source.entries, source.origin) == (site, entries, "command line")
    assert source.wants(site + "news/1") and not source.wants("https://inform.kz/news/1")
    assert adhoc_source(name) == source


def test_an_unknown_name_suggests_the_closest_ids() -> None:
    with pytest.raises(ConfigError, match="did you mean akimat-aktobe"):
        resolve(["akimat-aktobee"], load_sources())
