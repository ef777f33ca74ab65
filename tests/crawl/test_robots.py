"""robots.txt as RFC 9309 reads it: groups, our own group first, 4xx = no rules, 5xx = fetch nothing."""

from __future__ import annotations

import pytest

from zholdau.crawl.robots import MAX_CRAWL_DELAY, robots_from_response

ORIGIN = "https://ortalyk.kz"
ROBOTS = b"""User-agent: *
Disallow: /admin/
Disallow: /search
Crawl-delay: 2

User-agent: ZholdauMonitor
Disallow: /kk/archive/
Allow: /kk/archive/2025/
Crawl-delay: 5

Sitemap: https://ortalyk.kz/sitemap_index.xml
Sitemap: https://ortalyk.kz/news-sitemap.xml
"""


@pytest.mark.parametrize("path, allowed", [
    ("/news/akim-zholdau", True),
    ("/kk/archive/2019/old", False),  # our group disallows it
    ("/kk/archive/2025/fresh", True),  # ... but the longer Allow wins
    ("/admin/login", True),  # only the * group says so, and our own group replaces it
    ("/search?q=zholdau", True),
])  # fmt: skip
def test_our_group_is_the_one_that_counts(path: str, allowed: bool) -> None:
    robots = robots_from_response(ORIGIN, "ZholdauMonitor", 200, ROBOTS)
    assert robots.allowed(ORIGIN + path) is allowed


@pytest.mark.parametrize("path, allowed", [
    ("/news/1", True), ("/admin/", False), ("/search", False), ("/searching", False), ("/kk/archive/x", True),
])  # fmt: skip
def test_another_agent_gets_the_star_group(path: str, allowed: bool) -> None:
    robots = robots_from_response(ORIGIN, "SomeOtherBot", 200, ROBOTS)
    assert robots.allowed(ORIGIN + path) is allowed


@pytest.mark.parametrize("status, allowed, unreachable", [
    (404, True, False), (410, True, False), (401, True, False), (403, True, False),
    (500, False, True), (503, False, True), (None, False, True),
])  # fmt: skip
def test_what_an_answer_without_rules_means(status: int | None, allowed: bool, unreachable: bool) -> None:
    robots = robots_from_response(ORIGIN, "ZholdauMonitor", status, b"")
    assert robots.allowed(ORIGIN + "/news/1") is allowed
    assert robots.unreachable is unreachable
    if not allowed:
        assert "robots.txt of https://ortalyk.kz" in robots.why_not(ORIGIN + "/news/1")


@pytest.mark.parametrize("text, delay", [
    ("User-agent: *\nCrawl-delay: 3\n", 3.0),
    ("User-agent: *\nRequest-rate: 1/10s\n", 10.0),
    ("User-agent: *\nCrawl-delay: 2\nRequest-rate: 1/5s\n", 5.0),  # the slower of the two
    ("User-agent: *\nCrawl-delay: 86400\n", MAX_CRAWL_DELAY),  # capped: we come back another day instead
    ("User-agent: *\nDisallow:\n", None),
])  # fmt: skip
def test_the_delay_a_site_asks_for(text: str, delay: float | None) -> None:
    assert robots_from_response(ORIGIN, "ZholdauMonitor", 200, text.encode()).delay() == delay


def test_sitemap_lines_and_a_bom_and_garbage_are_handled() -> None:
    robots = robots_from_response(
        ORIGIN, "ZholdauMonitor", 200, b"\xef\xbb\xbf" + ROBOTS + b"\n\x00\xff junk"
    )
    assert robots.sitemaps() == [
        "https://ortalyk.kz/sitemap_index.xml",
        "https://ortalyk.kz/news-sitemap.xml",
    ]
    assert robots.delay() == 5.0
