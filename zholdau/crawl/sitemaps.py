"""Sitemaps (sitemaps.org): indexes, URL sets, Google News sitemaps, gzip files and plain-text lists.

Parsing is ultimate-sitemap-parser's (``usp``), one document at a time: we fetch the documents
ourselves (politely, see :mod:`zholdau.crawl.fetch`), so usp is given no web client and reports the
sub-sitemaps of an index without fetching them. usp drops the ``<lastmod>`` of index entries, which
``--since`` needs to skip old monthly sitemaps, so those are read with one extra lxml pass.
A damaged sitemap yields the URLs before the damage and a ``problem``.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from lxml import etree
from usp.fetch_parse import PlainTextSitemapParser, XMLSitemapParser
from usp.objects.sitemap import AbstractSitemap, IndexXMLSitemap, InvalidSitemap
from usp.web_client.abstract_client import LocalWebClient

from zholdau.crawl.urls import is_http_url
from zholdau.readers.detect import gunzip, is_gzip

# usp logs every oddity of every site at ERROR; our callers report what matters themselves
logging.getLogger("usp").setLevel(logging.CRITICAL)

MAX_SITEMAP_BYTES = 60_000_000  # the protocol's limit is 50 MB uncompressed
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


@dataclass(frozen=True, slots=True)
class Link:
    """A URL a feed or sitemap lists, with the date it gives (ISO ``YYYY-MM-DD``) and title, if any."""

    url: str
    date: str | None = None
    title: str | None = None


@dataclass(slots=True)
class SitemapDoc:
    """One parsed sitemap document: ``kind`` is ``index``, ``urlset``, ``text`` or ``invalid``."""

    url: str
    kind: str
    children: list[Link] = field(default_factory=list)  # the sitemaps an index lists
    pages: list[Link] = field(default_factory=list)
    problem: str | None = None


def iso_date(value: datetime | date | None) -> str | None:
    """``YYYY-MM-DD`` of a date or datetime (its own calendar day), None when absent."""
    if value is None:
        return None
    return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()


def _text_of(data: bytes) -> str:
    m = _XML_ENCODING.match(data[:200])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    return data.decode("utf-8", errors="replace")


def _index_dates(data: bytes) -> dict[str, str]:
    """``loc`` → ``lastmod`` of the entries of a sitemap index (what usp does not keep)."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True, huge_tree=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        return {}
    if root is None:
        return {}
    out: dict[str, str] = {}
    for entry in root.iter("{*}sitemap"):
        loc = entry.findtext("{*}loc")
        lastmod = entry.findtext("{*}lastmod")
        if loc and lastmod:
            out[loc.strip()] = lastmod.strip()[:10]
    return out


def _usp(url: str, text: str) -> AbstractSitemap:
    client = LocalWebClient()  # fetches nothing: sub-sitemaps come back unfetched
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        return XMLSitemapParser(
            url=url, content=text, recursion_level=0, web_client=client, parent_urls=set()
        ).sitemap()
    return PlainTextSitemapParser(
        url=url, content=text, recursion_level=0, web_client=client, parent_urls=set()
    ).sitemap()


def parse_sitemap(data: bytes, url: str) -> SitemapDoc:
    """The sub-sitemaps and page URLs of one sitemap document (gzip is opened); never raises."""
    problem = None
    if is_gzip(data):
        inner, trouble = gunzip(data, MAX_SITEMAP_BYTES)
        if trouble == "over":
            return SitemapDoc(
                url,
                "invalid",
                problem=f"gzip sitemap is over {MAX_SITEMAP_BYTES:,} bytes once decompressed: not read",
            )
        if trouble is not None:
            problem = f"gzip sitemap is {trouble}: the URLs before the damage were read"
        data = inner
    if not data.strip():
        return SitemapDoc(url, "invalid", problem="the sitemap is empty")
    try:
        parsed = _usp(url, _text_of(data))
    except Exception as exc:  # usp on input it did not foresee: one sitemap lost, not the crawl
        return SitemapDoc(
            url, "invalid", problem=f"sitemap could not be parsed ({type(exc).__name__}: {exc})"
        )
    if isinstance(parsed, InvalidSitemap):
        return SitemapDoc(
            url, "invalid", problem=f"not a sitemap ({parsed.reason.replace('from ' + url, '').strip()})"
        )
    if isinstance(parsed, IndexXMLSitemap):
        dates = _index_dates(data)
        children = [Link(s.url, dates.get(s.url)) for s in parsed.sub_sitemaps if is_http_url(s.url)]
        return SitemapDoc(url, "index", children=children, problem=problem)
    pages = []
    for page in parsed.all_pages():
        if not is_http_url(page.url):
            continue
        story = page.news_story
        when = iso_date(story.publish_date) if story is not None else None
        pages.append(Link(page.url, when or iso_date(page.last_modified), story.title if story else None))
    kind = "text" if type(parsed).__name__ == "PagesTextSitemap" else "urlset"
    if not pages and problem is None:
        problem = "the sitemap lists no pages"
    return SitemapDoc(url, kind, pages=pages, problem=problem)


def looks_like_sitemap(data: bytes) -> bool:
    """Whether bytes are (probably) a sitemap: gzip, or XML with a ``urlset``/``sitemapindex`` root."""
    if is_gzip(data):
        return True
    head = data[:2048].lower()
    return b"<urlset" in head or b"<sitemapindex" in head
