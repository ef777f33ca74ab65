"""HTML reader: the main text of a web page with its title, date, author, site name and URL.

trafilatura finds the main text (favouring precision, keeping one line per paragraph) and most of
the metadata. The published date is taken raw from the page's own markup (``article:published_time``,
``itemprop="datePublished"``, JSON-LD, ``<time>``) because later stages parse dates themselves;
trafilatura's normalised date is only a fallback. When trafilatura finds no text we take the
``<article>`` element or the biggest block of paragraphs; a page with neither is rejected.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import trafilatura
from lxml import etree

from zholdau.config import Settings
from zholdau.model import RawDocument, Rejection
from zholdau.readers.detect import Undecodable, declared_charset, decode_text, rejection
from zholdau.readers.txt import normalise_newlines

log = logging.getLogger(__name__)

# Where pages keep their publication time, most specific first (names compared in lower case).
DATE_META_NAMES = (
    "article:published_time",
    "og:article:published_time",
    "published_time",
    "datepublished",
    "article.published",
    "publish-date",
    "publish_date",
    "publishdate",
    "pubdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.created",
    "date",
    "sailthru.date",
    "parsely-pub-date",
    "mediator_published_time",
)
_DROP_FOR_FALLBACK = (
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "template", "select", "button", "menu",
)  # fmt: skip
_PARAGRAPH_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre")
_BLOCK_TAGS = ("article", "main", "section", "div", "td", "body")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# lxml refuses strings with these; a page with a stray NUL must still be read.
_XML_INCOMPATIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LETTER = re.compile(r"[^\W\d_]")
_MIN_TEXT_LETTERS = 20
_MIN_FALLBACK_LETTERS = 40
_MAX_LINK_DENSITY = 0.5


def _parse(html: str) -> Any | None:
    """An lxml tree of the page, or None when there is nothing lxml can parse."""
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError, TypeError):
        return None


def _norm(text: str) -> str:
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def _attr_key(el: Any) -> str:
    for attr in ("property", "name", "itemprop", "http-equiv"):
        value = el.get(attr)
        if value:
            return str(value).strip().lower()
    return ""


def _json_ld_dates(tree: Any) -> Iterator[str]:
    """``datePublished`` values from JSON-LD blocks (objects, lists and ``@graph`` alike)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content() or "")
        except (ValueError, RecursionError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                value = item.get("datePublished")
                if isinstance(value, str) and value.strip():
                    yield value.strip()
                stack.extend(v for v in item.values() if isinstance(v, list | dict))


def raw_published(tree: Any) -> tuple[str, str] | None:
    """The page's own publication date string and where it was found, e.g. ``("2024-09-03T10:15",
    "meta:article:published_time")``; None when the markup has none."""
    found: dict[str, str] = {}
    for el in tree.iter("meta"):
        key, content = _attr_key(el), (el.get("content") or "").strip()
        if key in DATE_META_NAMES and content and key not in found:
            found[key] = content
    for name in DATE_META_NAMES:
        if name in found:
            return found[name], f"meta:{name}"
    for el in tree.xpath('//*[@itemprop="datePublished"]'):
        value = (el.get("datetime") or el.get("content") or el.text_content() or "").strip()
        if value:
            return value, "itemprop:datePublished"
    for value in _json_ld_dates(tree):
        return value, "json-ld:datePublished"
    for el in tree.xpath("//time[@pubdate][@datetime] | //article//time[@datetime]"):
        value = (el.get("datetime") or "").strip()
        if value:
            return value, "time"
    return None


def canonical_url(tree: Any) -> str | None:
    """``<link rel="canonical">`` or ``og:url``, as written in the page."""
    for el in tree.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and (el.get("href") or "").strip():
            return str(el.get("href")).strip()
    for el in tree.iter("meta"):
        if _attr_key(el) == "og:url" and (el.get("content") or "").strip():
            return str(el.get("content")).strip()
    return None


def _page_title(tree: Any) -> str | None:
    for el in tree.iter("meta"):
        if _attr_key(el) == "og:title" and (el.get("content") or "").strip():
            return _norm(str(el.get("content")))
    titles = tree.xpath("//title")
    return (_norm(titles[0].text_content()) or None) if titles else None


def _link_density(el: Any) -> float:
    total = len(el.text_content())
    return sum(len(a.text_content()) for a in el.iter("a")) / total if total else 1.0


def _own_paragraphs(el: Any) -> list[str]:
    """Text of the paragraphs directly inside ``el``, plus its own loose text between them."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in _PARAGRAPH_TAGS:
            parts.append("\n" + child.text_content() + "\n")
        parts.append(child.tail or "")
    return [p for p in _norm("".join(parts)).split("\n") if p]


def fallback_text(tree: Any) -> tuple[str, str] | None:
    """Main text without trafilatura: the biggest ``<article>``, else the biggest block of paragraphs.

    Returns ``(text, how)``, or None when no block has enough words that are not links (a list
    of headlines on an index page is links).
    """
    for el in list(tree.iter(*_DROP_FOR_FALLBACK)):
        if el.getparent() is not None:
            el.drop_tree()
    for br in tree.iter("br"):
        br.tail = "\n" + (br.tail or "")
    best: tuple[int, str, str] | None = None
    for article in tree.iter("article"):
        if _link_density(article) > _MAX_LINK_DENSITY:
            continue
        paragraphs = [_norm(p.text_content()) for p in article.iter(*_PARAGRAPH_TAGS)]
        text = "\n".join(p for p in paragraphs if p) or _norm(article.text_content())
        if best is None or len(text) > best[0]:
            best = (len(text), text, "fallback:article")
    if best is None:
        for block in tree.iter(*_BLOCK_TAGS):
            if _link_density(block) > _MAX_LINK_DENSITY:
                continue
            text = "\n".join(_own_paragraphs(block))
            if best is None or len(text) > best[0]:
                best = (len(text), text, "fallback:largest_block")
    if best is None or len(_LETTER.findall(best[1])) < _MIN_FALLBACK_LETTERS:
        return None
    return best[1], best[2]


def _trafilatura(html: str, url: str | None) -> Any | None:
    try:
        return trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=True,
        )
    except Exception as exc:  # trafilatura must not stop the run: the lxml fallback takes over
        log.debug("trafilatura failed on %s: %s", url, exc)
        return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = _norm(value)
    return value or None


def extract_html(
    data: bytes,
    source: str,
    settings: Settings,
    *,
    url: str | None = None,
    http_charset: str | None = None,
    kind: str = "html",
) -> RawDocument | Rejection:
    """One HTML page → a document with its main text and metadata, or a rejection.

    ``url`` is where the page was fetched from (a WARC record's target URI); when given it is the
    document's URL and the page's canonical URL goes to ``meta["canonical_url"]``. ``http_charset``
    is the charset of the HTTP ``Content-Type`` header, tried before the page's ``<meta charset>``.
    """
    decoded = decode_text(data, http_charset or declared_charset(data), markup=True)
    if isinstance(decoded, Undecodable):
        return rejection(source, decoded.message, data, settings)
    html = _XML_INCOMPATIBLE.sub("", _XML_DECLARATION.sub("", decoded.text.lstrip("\ufeff")))
    tree = _parse(html) if html.strip() else None
    if tree is None:
        return rejection(source, "HTML page is empty: nothing to ingest", data, settings)

    doc = _trafilatura(html, url)
    text = normalise_newlines(doc.text).strip() if doc is not None and doc.text else ""
    meta: dict[str, Any] = {"extractor": "trafilatura"}
    if len(_LETTER.findall(text)) < _MIN_TEXT_LETTERS:  # a lone link label or a page number is no text
        fresh = _parse(html)  # the fallback edits its tree; the metadata below reads the untouched one
        found = fallback_text(fresh) if fresh is not None else None
        if found is None:
            return rejection(
                source,
                "HTML page has no main text (trafilatura found none): it may be an index page, "
                "a page of links or a page filled in by JavaScript",
                data,
                settings,
            )
        text, meta["extractor"] = found

    published = raw_published(tree)
    traf_date = _clean(getattr(doc, "date", None))
    if published is not None:
        meta["published_from"] = published[1]
    elif traf_date:
        meta["published_from"] = "trafilatura"
    if traf_date:
        meta["trafilatura_date"] = traf_date

    canonical = canonical_url(tree)
    page_url = _clean(getattr(doc, "url", None)) or canonical
    if url and canonical and canonical != url:
        meta["canonical_url"] = canonical
    for key in ("description", "hostname", "language"):
        value = _clean(getattr(doc, key, None))
        if value:
            meta[key] = value
    lang = tree.get("lang")
    if lang and "language" not in meta:
        meta["language"] = lang.strip()
    for key in ("categories", "tags"):
        values = getattr(doc, key, None)
        if values:
            meta[key] = [v for v in values if isinstance(v, str) and v.strip()]
    if decoded.replaced:
        meta["replaced_bytes"] = decoded.replaced

    return RawDocument(
        source=source,
        text=text,
        kind=kind,
        raw=data,
        encoding=decoded.encoding,
        url=url or page_url,
        title=_clean(getattr(doc, "title", None)) or _page_title(tree),
        published=published[0] if published else traf_date,
        outlet=_clean(getattr(doc, "sitename", None)),
        author=_clean(getattr(doc, "author", None)),
        meta=meta,
    )


def read_html(data: bytes, source: str, settings: Settings) -> Iterator[RawDocument | Rejection]:
    """Yield the one document (or rejection) an HTML file holds."""
    yield extract_html(data, source, settings)
