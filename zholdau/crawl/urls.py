"""URL forms the crawler uses: the URL to request, the canonical key, and the origin.

The same news article reaches us under many spellings: with ``utm_*`` parameters from a feed, a
``#comments`` fragment, an explicit ``:443``, an upper-case host, a trailing slash or not, Cyrillic
letters raw or percent-encoded. :func:`canonical` maps all of them to one key, so the crawler fetches
the article once and the store keeps one article. :func:`clean` is gentler: it only drops what the
server never sees or never needs (fragment, tracking parameters, default port), and is what we request;
a site that serves ``/news/12/`` but not ``/news/12`` still answers it.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit, urlunsplit

# Query parameters that only say where a click came from (analytics, ad networks, mailers, share
# buttons): dropping them never changes the page. Compared in lower case; "utm_" is a prefix.
TRACKING_PARAMS = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "yclid", "ysclid", "msclkid", "twclid", "igshid",
    "mc_cid", "mc_eid", "_openstat", "_ga", "_gl", "ref_src", "ref_url", "rb_clickid", "s_cid",
    "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "hsctatracking", "__twitter_impression",
    "share", "from_rss", "rss",
})  # fmt: skip
TRACKING_PREFIXES = ("utm_", "hsa_", "pk_", "mtm_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
# characters a path segment keeps unescaped (RFC 3986 unreserved and sub-delims, plus ":" and "@")
_SEGMENT_SAFE = "!$&'()*+,;=:@-._~"
_QUERY_SAFE = "!$'()*+,;:@/?-._~"
_PERCENT = re.compile(r"%[0-9a-fA-F]{2}")


class BadURL(ValueError):
    """Not an http(s) URL we can fetch; the message says what is wrong with it."""


def _host(netloc_host: str) -> str:
    host = netloc_host.strip().rstrip(".").lower()
    if not host:
        raise BadURL("the URL has no host name")
    if host.startswith("["):  # IPv6 literal
        return host
    try:
        return host.encode("idna").decode("ascii")  # қаз and other IDN hosts: one spelling (xn--…)
    except UnicodeError as exc:
        raise BadURL(f"the host name {host!r} is not valid") from exc


def _split(url: str, base: str | None) -> tuple[str, str, str, str]:
    """``(scheme, netloc, path, query)`` of an absolute http(s) URL, fragment dropped."""
    url = url.strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise BadURL(f"{url!r} is not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise BadURL(f"{url!r} is not an http(s) URL")
    host = _host(parts.hostname or "")
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return scheme, netloc, parts.path, parts.query


def _is_tracking(name: str) -> bool:
    key = name.lower()
    return key in TRACKING_PARAMS or key.startswith(TRACKING_PREFIXES)


def _norm_escapes(text: str, safe: str) -> str:
    """Percent-encode what needs it, decode what does not, upper-case the hex (one spelling)."""
    return quote(unquote(text, errors="surrogateescape"), safe=safe, errors="surrogateescape")


def _path(path: str) -> str:
    if not path:
        return "/"
    segments = [_norm_escapes(seg, _SEGMENT_SAFE) for seg in path.split("/")]
    joined = "/".join(segments)
    normal = posixpath.normpath(joined) if joined not in ("", "/") else "/"
    if joined.endswith("/") and normal != "/":
        normal += "/"
    return normal.replace("//", "/") if normal.startswith("//") else normal


def _query(query: str, sort: bool) -> str:
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_tracking(k)]
    if sort:
        pairs.sort()
    return urlencode(pairs, quote_via=quote, safe=_QUERY_SAFE)


def clean(url: str, base: str | None = None) -> str:
    """The URL to request: absolute, fragment and tracking parameters removed, default port dropped,
    host in lower case (IDNA), percent-escapes in one spelling. ``BadURL`` when it is not http(s)."""
    scheme, netloc, path, query = _split(url, base)
    return urlunsplit((scheme, netloc, _path(path), _query(query, sort=False), ""))


def canonical(url: str, base: str | None = None) -> str:
    """The key that identifies a page: :func:`clean`, plus query parameters sorted and the trailing
    slash of a non-root path removed (sites serve ``/news/12`` and ``/news/12/`` as one page)."""
    scheme, netloc, path, query = _split(url, base)
    p = _path(path)
    if len(p) > 1 and p.endswith("/"):
        p = p.rstrip("/") or "/"
    return urlunsplit((scheme, netloc, p, _query(query, sort=True), ""))


def origin(url: str) -> str:
    """``scheme://host[:port]`` of a URL: the unit of robots.txt and of politeness."""
    scheme, netloc, _, _ = _split(url, None)
    return f"{scheme}://{netloc}"


def same_site(a: str, b: str) -> bool:
    """Whether two URLs are on the same host, ``www.`` ignored (a canonical link may only point there)."""
    try:
        ha, hb = urlsplit(origin(a)).netloc, urlsplit(origin(b)).netloc
    except BadURL:
        return False
    return ha.removeprefix("www.") == hb.removeprefix("www.")


def is_http_url(text: str) -> bool:
    """Whether ``text`` is an absolute http(s) URL."""
    try:
        _split(text, None)
    except BadURL:
        return False
    return True
