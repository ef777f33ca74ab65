"""The crawler end to end against generated sites on 127.0.0.1: it collects exactly the allowed
articles, honours robots.txt and the rate limits (measured at the server), survives every fault page
(each becomes a rejection with a clear message), and a second crawl fetches no page again."""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from tests.crawl.conftest import DELAY, HOST_CONCURRENCY, options, run_crawl, test_sources
from tests.crawl.site import (
    FAULTS,
    NEWEST,
    NewsSite,
    fault_site,
    kk_site,
    ru_site,
)
from zholdau.config import Settings
from zholdau.crawl.crawler import CrawlReport
from zholdau.crawl.watch import watch
from zholdau.ingest import ingest_paths
from zholdau.store import ALL_ARTICLES, Store, open_store

TOLERANCE = 0.05  # seconds: scheduling jitter of the server processes measuring arrival times
PAGE_PREFIXES = ("/news/", "/print/", "/private/", "/kk/", "/files/", "/tag/")


@dataclass
class Crawled:
    sites: dict[str, NewsSite]
    store: Store
    first: CrawlReport
    second: CrawlReport
    between: float  # time.monotonic() between the two crawls


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    tmp = tmp_path_factory.mktemp("crawl")
    with ru_site() as ru, kk_site() as kk, fault_site() as faults:
        _, sources = test_sources(tmp, ru, kk, faults)
        settings = Settings.load(db=str(tmp / "crawl.db"))
        store = open_store(settings.db)
        sites = {"ru": ru, "kk": kk, "faults": faults}
        first = run_crawl(sources, store, settings)
        between = time.monotonic()
        second = run_crawl(sources, store, settings)
        yield Crawled(sites, store, first, second, between)
        store.close()


def titles(store: Store) -> Counter[str]:
    """The titles of every stored article (syndicated copies too)."""
    return Counter(h.title or "" for h in store.search(None, ALL_ARTICLES, limit=1000))


def page_hits(site: NewsSite, after: float = 0.0) -> list[str]:
    return [h.path for h in site.hits if h.at > after and h.path.startswith(PAGE_PREFIXES)]


def test_collects_exactly_the_allowed_articles_once(crawled: Crawled) -> None:
    expected = set().union(*(s.expected_titles for s in crawled.sites.values()))
    got = titles(crawled.store)
    assert set(got) == expected
    assert max(got.values()) == 1  # the print copy, the moved URL and the feed's variants are one article
    assert crawled.first.articles == len(expected)


@pytest.mark.parametrize("site", ["ru", "kk", "faults"])
def test_no_request_touches_a_path_robots_txt_disallows(crawled: Crawled, site: str) -> None:
    s = crawled.sites[site]
    assert all(not h.path.startswith(s.disallowed) for h in s.hits)


def test_the_disallowed_pages_are_rejections_saying_robots(crawled: Crawled) -> None:
    blocked = [r for r in crawled.first.rejections if "robots.txt" in r.message]
    assert {r.source.split("/", 3)[3] for r in blocked} == {
        "private/story-99",
        "kk/archive/story-20",
        "kk/archive/story-21",
    }
    assert crawled.first.blocked == 3


@pytest.mark.parametrize("site, min_gap", [("ru", DELAY), ("kk", 0.3), ("faults", DELAY)])
def test_requests_to_one_host_are_spaced_by_the_delay_or_crawl_delay(
    crawled: Crawled, site: str, min_gap: float
) -> None:
    hits = [h for h in crawled.sites[site].hits if h.at < crawled.between]
    times = sorted(h.at for h in hits)
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert len(gaps) >= 5
    assert min(gaps) >= min_gap - TOLERANCE, sorted(gaps)[:3]


@pytest.mark.parametrize("site", ["ru", "kk", "faults"])
def test_no_more_requests_in_flight_to_one_host_than_the_cap(crawled: Crawled, site: str) -> None:
    assert 1 <= crawled.sites[site].max_active <= HOST_CONCURRENCY


def test_every_request_names_the_project_and_a_contact(crawled: Crawled) -> None:
    agents = {h.user_agent for s in crawled.sites.values() for h in s.hits}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("ZholdauMonitor/") and "+https://example.org/zholdau-tests" in agent


@pytest.mark.parametrize("path, fragment", sorted(FAULTS.items()))
def test_each_fault_page_becomes_a_rejection_with_a_clear_message(
    crawled: Crawled, path: str, fragment: str
) -> None:
    url = crawled.sites["faults"].url(path)
    messages = [r.message for r in crawled.first.rejections if r.source == url]
    assert len(messages) == 1, [r.source for r in crawled.first.rejections]
    assert fragment in messages[0]
    stored = {r["source"]: r for r in crawled.store.rejections()}
    assert stored[url]["stage"] in ("crawl", "read")  # fetching, or the HTML reader on what was fetched


def test_a_429_is_retried_after_the_retry_after_it_asked_for(crawled: Crawled) -> None:
    busy = [h for h in crawled.sites["faults"].hits if h.path == "/news/story-51"]
    assert [h.status for h in busy] == [429, 200]
    assert busy[1].at - busy[0].at >= 1.0 - TOLERANCE


def test_a_503_and_a_slow_page_still_give_their_articles(crawled: Crawled) -> None:
    flaky = [h.status for h in crawled.sites["faults"].hits if h.path == "/news/story-52"]
    assert flaky == [503, 200]
    slow = [h.status for h in crawled.sites["faults"].hits if h.path == "/news/story-50"]
    assert slow == [200]


def test_a_500_is_tried_the_number_of_retries_and_scheduled_for_a_later_crawl(crawled: Crawled) -> None:
    tries = [h.status for h in crawled.sites["faults"].hits if h.path == "/news/broken"]
    assert tries == [500, 500, 500]  # 1 + retries=2
    state = crawled.store.crawl_get([crawled.sites["faults"].url("/news/broken")])
    row = next(iter(state.values()))
    assert row.state == "retry" and row.next_fetch_at is not None


def test_url_variants_of_one_article_are_fetched_once(crawled: Crawled) -> None:
    # the feed lists story-0 with utm_* parameters and a fragment, with a trailing slash, and with
    # dot segments and an upper-case scheme; the news sitemap lists it plainly
    fetched = [p for p in page_hits(crawled.sites["ru"]) if p.rstrip("/") == "/news/story-0"]
    assert len(fetched) == 1


def test_a_print_copy_with_a_canonical_link_is_an_alias_not_a_second_article(crawled: Crawled) -> None:
    ru = crawled.sites["ru"]
    rows = crawled.store.crawl_get([ru.url("/print/story-1"), ru.url("/news/story-1")])
    states = sorted(r.state for r in rows.values())
    assert states == ["alias", "fetched"]


def test_the_page_in_cp1251_labelled_utf8_is_read_in_cyrillic(crawled: Crawled) -> None:
    records = [r for r in crawled.store.iter_records() if (r.get("url") or "").endswith("/news/story-cp1251")]
    assert len(records) == 1
    assert records[0]["title"] in crawled.sites["ru"].expected_titles
    assert "Послания Президента" in records[0]["text"] and "\ufffd" not in records[0]["text"]


def test_a_second_crawl_fetches_no_page_and_reads_feeds_with_conditional_get(crawled: Crawled) -> None:
    assert crawled.second.fetched == 0 and crawled.second.articles == 0 and crawled.second.discovered == 0
    for name, site in crawled.sites.items():
        assert page_hits(site, crawled.between) == [], name
        later = [h for h in site.hits if h.at > crawled.between]
        assert all(h.path != "/robots.txt" for h in later)  # robots.txt kept in the store for a day
    assert crawled.second.not_modified >= 5


def test_the_runs_are_recorded_with_their_counts(crawled: Crawled) -> None:
    runs = {r["id"]: r for r in crawled.store.runs()}
    assert runs[crawled.first.run_id]["ingested"] == crawled.first.articles
    assert runs[crawled.second.run_id]["status"] == "done"


# --------------------------------------------------------------------------------------------------
# Separate crawls: resume, --since, --max-pages, WARC, watch


def test_a_crawl_stopped_midway_and_started_again_fetches_nothing_twice(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    with ru_site() as ru, kk_site() as kk:
        _, sources = test_sources(tmp_path, ru, kk)

        async def stopped() -> CrawlReport:
            stop = asyncio.Event()
            pages = 0

            def count(item: object, outcome: str) -> None:
                nonlocal pages
                pages += 1
                if pages == 4:
                    stop.set()  # what Ctrl-C does: the pages in flight are finished and stored

            from zholdau.crawl.crawler import crawl

            return await crawl(sources, store, settings, options(), on_page=count, stop=stop)

        first = asyncio.run(stopped())
        assert first.stopped and 4 <= first.fetched < 10
        second = run_crawl(sources, store, settings)
        assert not second.stopped
        fetched = page_hits(ru) + page_hits(kk)
        plain = Counter(p.rstrip("/") for p in fetched if not p.startswith("/news/moved"))
        # /news/moved-story redirects to story-2: when both are in flight at once the target is requested
        # twice (once through the redirect), the only page that may be; it is still stored once
        assert plain.pop("/news/story-2") <= 2
        assert max(plain.values()) == 1, plain
        assert set(titles(store)) == ru.expected_titles | kk.expected_titles


def test_since_skips_older_articles_without_fetching_them(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    with kk_site() as kk:
        _, sources = test_sources(tmp_path, kk=kk)
        since = NEWEST - timedelta(days=2)
        report = run_crawl(sources, store, settings, options(since=since))
        assert report.articles == 3
        assert sorted(page_hits(kk)) == ["/kk/news/story-0", "/kk/news/story-1", "/kk/news/story-2"]


@pytest.mark.parametrize("limit", [0, 1, 5])
def test_max_pages_limits_the_pages_fetched(
    tmp_path: Path, store: Store, settings: Settings, limit: int
) -> None:
    with kk_site() as kk:
        _, sources = test_sources(tmp_path, kk=kk)
        report = run_crawl(sources, store, settings, options(max_pages=limit))
        assert report.fetched == limit == len(page_hits(kk))


def test_the_warc_output_re_ingests_to_the_same_articles(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    with ru_site() as ru:
        _, sources = test_sources(tmp_path, ru)
        report = run_crawl(sources, store, settings, options(warc_dir=tmp_path / "warc"))
        assert report.warc is not None and Path(report.warc).exists()
    fresh = open_store(str(tmp_path / "fresh.db"))
    try:
        ingest_paths([report.warc], fresh, Settings.load(db=str(tmp_path / "fresh.db")))
        assert set(titles(fresh)) == set(titles(store)) == ru.expected_titles
    finally:
        fresh.close()


def test_watch_makes_a_new_article_searchable_in_the_next_round(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    flag = tmp_path / "published"
    with ru_site(count=3, later_flag=str(flag)) as ru:
        _, sources = test_sources(tmp_path, ru)
        assert ru.fresh is not None

        def publish(n: int, report: CrawlReport) -> None:
            if n == 1:  # published between two rounds: the news sitemap changes (and so its ETag)
                flag.touch()

        reports = asyncio.run(watch(sources, store, settings, options(), 0.2, rounds=2, on_round=publish))
        assert [r.articles for r in reports] == [len(ru.expected_titles), 1]
        assert [h.title for h in store.search("2309", limit=5)] == [ru.fresh.title]  # its protocol number


def test_a_new_article_is_searchable_while_the_crawl_is_still_running(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    with kk_site() as kk:
        _, sources = test_sources(tmp_path, kk=kk)
        seen_while_running: list[int] = []
        reader = open_store(settings.db)  # another connection, as `zholdau search` would be
        done = threading.Event()

        def on_page(item: object, outcome: str) -> None:
            if outcome == "article" and not done.is_set():
                seen_while_running.append(reader.count())
                done.set()

        run_crawl(sources, store, settings, options(), on_page=on_page)
        reader.close()
        assert seen_while_running and seen_while_running[0] >= 1


def test_a_source_given_as_a_feed_url_on_the_command_line(
    tmp_path: Path, store: Store, settings: Settings
) -> None:
    from zholdau.crawl.sources import adhoc_source

    with kk_site() as kk:
        report = run_crawl([adhoc_source(kk.url("/atom.xml"))], store, settings)
        assert report.articles == 3  # the feed's three entries, nothing else of the site
