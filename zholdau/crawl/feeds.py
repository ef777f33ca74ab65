"""RSS and Atom feeds (feedparser), the feed links of a home page, and telling the kinds apart.

A feed gives the newest articles of a site with their dates; a broken feed (feedparser's "bozo")
still gives the entries read before the damage, with a ``problem`` saying what was wrong.
"""

from __future__ import annotations

import calendar
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import feedparser
import lxml.html
from lxml import etree

from zholdau.crawl.sitemaps import Link, looks_like_sitemap
from zholdau.crawl.urls import BadURL, clean

KAZAKHSTAN_OFFSET = timedelta(hours=5)  # one time zone, UTC+5, since March 2024
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")


@dataclass(slots=True)
class FeedDoc:
    """One parsed feed: its entries as links (``kind`` is ``feed`` or ``invalid``)."""

    url: str
    kind: str
    title: str | None = None
    links: list[Link] = field(default_factory=list)
    problem: str | None = None


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if isinstance(value, time.struct_time):
            # feedparser gives UTC; the calendar day in Kazakhstan (UTC+5) is what articles show
            moment = datetime.fromtimestamp(calendar.timegm(value), UTC) + KAZAKHSTAN_OFFSET
            return moment.date().isoformat()
    return None


def _entry_url(entry: Any, base: str) -> str | None:
    candidates = [entry.get("link")]
    candidates += [
        link.get("href") for link in entry.get("links", []) if link.get("rel", "alternate") == "alternate"
    ]
    if entry.get("id", "").startswith(("http://", "https://")):
        candidates.append(entry.get("id"))
    for candidate in candidates:
        if candidate:
            try:
                return clean(candidate, base=base)
            except BadURL:
                continue
    return None


def parse_feed(data: bytes, url: str, content_type: str | None = None) -> FeedDoc:
    """The article links of an RSS/Atom feed, newest as the feed orders them; never raises.

    ``content_type`` is the HTTP header (its charset helps decoding)."""
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    try:
        parsed = feedparser.parse(data, response_headers=headers)
    except Exception as exc:  # feedparser on input it did not foresee
        return FeedDoc(url, "invalid", problem=f"feed could not be parsed ({type(exc).__name__}: {exc})")
    version = parsed.get("version") or ""
    if not version and not parsed.entries:
        why = parsed.get("bozo_exception")
        detail = f" ({why})" if why else ""
        return FeedDoc(url, "invalid", problem=f"not an RSS or Atom feed{detail}")
    links = []
    for entry in parsed.entries:
        link = _entry_url(entry, url)
        if link is not None:
            links.append(Link(link, _entry_date(entry), (entry.get("title") or "").strip() or None))
    problem = None
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        exc = parsed["bozo_exception"]
        # a wrong charset label or content type is harmless: feedparser read the feed anyway
        if not isinstance(exc, feedparser.CharacterEncodingOverride | feedparser.NonXMLContentType):
            problem = f"the feed is malformed ({exc}): the entries before the damage were read"
    if not links and problem is None:
        problem = "the feed has no entries with a link"
    return FeedDoc(url, "feed", (parsed.feed.get("title") or "").strip() or None, links, problem)


def feed_links(html: bytes, base: str) -> list[str]:
    """The feeds a page announces with ``<link rel="alternate" type="application/rss+xml">``."""
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    out: list[str] = []
    for el in tree.iter("link"):
        rel = (el.get("rel") or "").lower().split()
        kind = (el.get("type") or "").lower().strip()
        if "alternate" in rel and kind in FEED_TYPES and el.get("href"):
            try:
                url = clean(str(el.get("href")), base=base)
            except BadURL:
                continue
            if url not in out:
                out.append(url)
    return out


def classify(data: bytes, content_type: str = "") -> str:
    """What a fetched document is: ``sitemap``, ``feed``, ``html`` or ``text`` (a plain URL list)."""
    if looks_like_sitemap(data):
        return "sitemap"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head or content_type in FEED_TYPES:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or "html" in content_type:
        return "html"
    return "text"
