"""Sitemaps (usp) and feeds (feedparser): what each kind yields, and broken documents never raise."""

from __future__ import annotations

import gzip

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zholdau.crawl.feeds import classify, feed_links, parse_feed
from zholdau.crawl.sitemaps import parse_sitemap

NS = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'
NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"'
INDEX = f"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex {NS}>
<sitemap><loc>https://ortalyk.kz/sitemap-2025-09.xml</loc><lastmod>2025-09-30T10:00:00+05:00</lastmod></sitemap>
<sitemap><loc>https://ortalyk.kz/sitemap-2019-01.xml.gz</loc><lastmod>2019-01-31</lastmod></sitemap>
<sitemap><loc>https://ortalyk.kz/sitemap-news.xml</loc></sitemap></sitemapindex>""".encode()
URLSET = f"""<?xml version="1.0" encoding="UTF-8"?><urlset {NS}>
<url><loc>https://ortalyk.kz/news/1?a=1&amp;b=2</loc><lastmod>2025-09-10</lastmod></url>
<url><loc>https://ortalyk.kz/news/2</loc></url></urlset>""".encode()
NEWS = f"""<?xml version="1.0" encoding="UTF-8"?><urlset {NS} {NEWS_NS}>
<url><loc>https://ortalyk.kz/kk/zholdau</loc><news:news><news:publication><news:name>Ortalyk</news:name>
<news:language>kk</news:language></news:publication><news:publication_date>2025-09-09T23:30:00+05:00
</news:publication_date><news:title>Жолдау талқыланды</news:title></news:news></url></urlset>""".encode()
RSS = """<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Ortalyk</title>
<item><title>Послание обсудили в Павлодаре</title><link>https://ortalyk.kz/news/3?utm_source=rss</link>
<pubDate>Wed, 10 Sep 2025 20:30:00 +0000</pubDate></item>
<item><title>Без ссылки</title></item></channel></rss>""".encode()
ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Ortalyk</title>
<entry><title>Жолдау</title><link rel="alternate" href="/kk/news/4"/><id>urn:4</id>
<updated>2025-09-08T06:00:00Z</updated></entry></feed>""".encode()


def test_an_index_lists_its_sitemaps_with_their_lastmod() -> None:
    doc = parse_sitemap(INDEX, "https://ortalyk.kz/sitemap_index.xml")
    assert doc.kind == "index"
    assert [(c.url, c.date) for c in doc.children] == [
        ("https://ortalyk.kz/sitemap-2025-09.xml", "2025-09-30"),
        ("https://ortalyk.kz/sitemap-2019-01.xml.gz", "2019-01-31"),
        ("https://ortalyk.kz/sitemap-news.xml", None),
    ]


@pytest.mark.parametrize("data, kind, pages", [
    (URLSET, "urlset", [("https://ortalyk.kz/news/1?a=1&b=2", "2025-09-10"), ("https://ortalyk.kz/news/2", None)]),
    (gzip.compress(URLSET), "urlset", [("https://ortalyk.kz/news/1?a=1&b=2", "2025-09-10"),
                                       ("https://ortalyk.kz/news/2", None)]),
    (NEWS, "urlset", [("https://ortalyk.kz/kk/zholdau", "2025-09-09")]),  # the publication date, local day
    (b"https://ortalyk.kz/news/5\nnot a url\nhttps://ortalyk.kz/news/6\n", "text",
     [("https://ortalyk.kz/news/5", None), ("https://ortalyk.kz/news/6", None)]),
])  # fmt: skip
def test_url_sets_give_pages_and_dates(data: bytes, kind: str, pages: list[tuple[str, str | None]]) -> None:
    doc = parse_sitemap(data, "https://ortalyk.kz/sitemap.xml")
    assert doc.kind == kind
    assert [(p.url, p.date) for p in doc.pages] == pages


@pytest.mark.parametrize("data, problem", [
    (b"", "empty"),
    (b"<html><body>Not found</body></html>", "not a sitemap"),
    (gzip.compress(URLSET)[:-30], "gzip sitemap is truncated"),
    (URLSET[: URLSET.index(b"<url><loc>https://ortalyk.kz/news/2")] + b"<url><loc>https://ortal", None),
])  # fmt: skip
def test_broken_sitemaps_say_what_is_wrong(data: bytes, problem: str | None) -> None:
    doc = parse_sitemap(data, "https://ortalyk.kz/sitemap.xml")
    if problem is None:  # cut in the middle: the URLs before the damage are kept
        assert [p.url for p in doc.pages] == ["https://ortalyk.kz/news/1?a=1&b=2"]
    else:
        assert doc.problem is not None and problem in doc.problem


@pytest.mark.parametrize("data, links", [
    (RSS, [("https://ortalyk.kz/news/3", "2025-09-11", "Послание обсудили в Павлодаре")]),  # 20:30 UTC = next day in KZ
    (ATOM, [("https://ortalyk.kz/kk/news/4", "2025-09-08", "Жолдау")]),  # relative link resolved
])  # fmt: skip
def test_feeds_give_links_dates_and_titles(data: bytes, links: list[tuple[str, str, str]]) -> None:
    doc = parse_feed(data, "https://ortalyk.kz/rss.xml", "application/rss+xml")
    assert doc.kind == "feed" and doc.problem is None
    assert [(link.url, link.date, link.title) for link in doc.links] == links


@pytest.mark.parametrize("data", [b"", b"<html><body>hello</body></html>", b"\x00\x01binary", b'{"json": 1}'])
def test_what_is_not_a_feed_is_invalid(data: bytes) -> None:
    assert parse_feed(data, "https://ortalyk.kz/rss.xml").kind == "invalid"


def test_a_feed_cut_short_keeps_its_first_entries_and_says_so() -> None:
    doc = parse_feed(
        RSS[: RSS.index(b"<item><title>\xd0\x91")], "https://ortalyk.kz/rss.xml", "application/xml"
    )
    assert [link.url for link in doc.links] == ["https://ortalyk.kz/news/3"]
    assert doc.problem is not None and "malformed" in doc.problem


def test_the_home_page_announces_its_feeds() -> None:
    page = (
        b'<html><head><link rel="alternate" type="application/rss+xml" href="/rss.xml">'
        b'<link rel="alternate" type="application/atom+xml" href="https://ortalyk.kz/kk/atom.xml">'
        b'<link rel="stylesheet" href="/main.css"></head><body></body></html>'
    )
    assert feed_links(page, "https://ortalyk.kz/") == [
        "https://ortalyk.kz/rss.xml",
        "https://ortalyk.kz/kk/atom.xml",
    ]


@pytest.mark.parametrize("data, content_type, kind", [
    (INDEX, "application/xml", "sitemap"), (gzip.compress(URLSET), "application/x-gzip", "sitemap"),
    (RSS, "text/xml", "feed"), (ATOM, "application/atom+xml", "feed"),
    (b"<!DOCTYPE html><html><body>x</body></html>", "text/html", "html"),
    (b"https://ortalyk.kz/a\n", "text/plain", "text"),
])  # fmt: skip
def test_classify(data: bytes, content_type: str, kind: str) -> None:
    assert classify(data, content_type) == kind


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600) | st.text(max_size=300).map(lambda t: f"<urlset {NS}><url><loc>{t}".encode()))
def test_parsers_never_raise_on_arbitrary_bytes(data: bytes) -> None:
    parse_sitemap(data, "https://ortalyk.kz/sitemap.xml")
    parse_feed(data, "https://ortalyk.kz/rss.xml")
    feed_links(data, "https://ortalyk.kz/")
    classify(data)
