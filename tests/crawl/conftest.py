"""Fixtures for the crawler tests: generated sites on 127.0.0.1, a sources file, test settings."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.crawl.site import NewsSite, sources_yaml
from zholdau.config import Settings
from zholdau.crawl.crawler import CrawlOptions, CrawlReport, crawl
from zholdau.crawl.fetch import FetchOptions
from zholdau.crawl.sources import Source, load_sources
from zholdau.store import Store, open_store

# polite but quick: 0.2 s between requests to a host (robots.txt may ask for more), 2 in flight,
# a 1 s timeout and a 300 kB page limit so the fault pages fail fast
DELAY = 0.2
HOST_CONCURRENCY = 2


def fetch_options(**changes: Any) -> FetchOptions:
    base = dict(
        delay=DELAY,
        concurrency=HOST_CONCURRENCY,
        timeout=1.0,
        max_bytes=300_000,
        retries=2,
        backoff=0.05,
        max_retry_after=5.0,
        contact="https://example.org/zholdau-tests",
    )
    base.update(changes)
    return FetchOptions(**base)  # type: ignore[arg-type]


def options(**changes: Any) -> CrawlOptions:
    fetch = changes.pop("fetch", None) or fetch_options()
    changes.setdefault("processes", True)  # as the CLI does: analysis off the event loop's process
    return CrawlOptions(fetch=fetch, **changes)


def test_sources(
    tmp: Path, ru: NewsSite | None = None, kk: NewsSite | None = None, faults: NewsSite | None = None
) -> tuple[str, list[Source]]:
    """Write a user sources file for the sites and load it; returns (path, the test sources)."""
    path = tmp / "sources.yaml"
    path.write_text(sources_yaml(ru, kk, faults), encoding="utf-8")
    return str(path), [s for s in load_sources(str(path)) if s.origin != "registry"]


test_sources.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test


def run_crawl(
    sources: list[Source], store: Store, settings: Settings, opts: CrawlOptions | None = None, **kw: Any
) -> CrawlReport:
    return asyncio.run(crawl(sources, store, settings, opts or options(), **kw))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(str(tmp_path / "crawl.db"))
    yield s
    s.close()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings.load(db=str(tmp_path / "crawl.db"))
