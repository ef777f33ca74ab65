"""The sources registry: which sites to crawl, as data.

The registry is ``zholdau/knowledge/sources.yaml`` plus the user's own file (setting ``sources_file``,
``ZHOLDAU_SOURCES_FILE``) in the same format; a user entry with the id of a registry entry replaces
it. Each entry under ``sites:``::

    - id: aktobe-akimat                 # lower-case slug, unique
      name: "Акимат Актюбинской области"
      site: https://www.gov.kz/memleket/entities/aktobe
      home_region: KZ-15                # ISO 3166-2:KZ, null for national outlets
      languages: [kk, ru]
      feeds: []                         # RSS/Atom URLs, if known
      sitemaps: []                      # sitemap (index) URLs, if known
      article_patterns: ['/press/news/details/\\d+']   # regexes searched in article URLs
      verified: false                   # false: not checked against the live site
      note: "..."

With no feeds and no sitemaps, the crawler discovers them (robots.txt ``Sitemap:`` lines, the
home page's feed links, ``/sitemap.xml``). Without ``article_patterns`` a URL must be under ``site``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from zholdau.crawl.urls import BadURL, clean, same_site
from zholdau.errors import ConfigError

REGISTRY = Path(__file__).resolve().parent.parent / "knowledge" / "sources.yaml"
REGIONS = Path(__file__).resolve().parent.parent / "knowledge" / "regions.yaml"
LANGUAGES = ("kk", "ru", "en")
_SLUG = re.compile(r"^[a-z0-9][a-z0-9_.\-]*$")


@dataclass(frozen=True, slots=True)
class Source:
    """A site to crawl and how to find its articles."""

    id: str
    name: str
    site: str
    home_region: str | None = None
    languages: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    article_patterns: tuple[str, ...] = ()
    verified: bool = False
    note: str = ""
    origin: str = "registry"  # registry | the user's file | command line
    entries: tuple[
        str, ...
    ] = ()  # URLs given on the command line: a feed, sitemap or page, told apart when fetched
    _patterns: tuple[re.Pattern[str], ...] = field(default=(), repr=False, compare=False)

    def wants(self, url: str) -> bool:
        """Whether a URL found in a feed or sitemap is an article of this source."""
        if self._patterns:
            return any(p.search(url) for p in self._patterns)
        if not same_site(url, self.site):
            return False
        prefix = urlsplit(self.site).path.rstrip("/")
        return not prefix or urlsplit(url).path.startswith(prefix + "/") or urlsplit(url).path == prefix

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "site": self.site, "home_region": self.home_region,
            "languages": list(self.languages), "feeds": list(self.feeds), "sitemaps": list(self.sitemaps),
            "article_patterns": list(self.article_patterns), "verified": self.verified, "note": self.note,
            "origin": self.origin,
        }  # fmt: skip


def _region_codes() -> frozenset[str]:
    data = yaml.safe_load(REGIONS.read_text(encoding="utf-8")) or {}
    return frozenset(str(r.get("code")) for r in data.get("regions", []) if isinstance(r, dict))


def _urls(where: str, value: Any, name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(f"{where}: '{name}' must be a list of URLs")
    out = []
    for item in value:
        try:
            out.append(clean(str(item)))
        except BadURL as exc:
            raise ConfigError(f"{where}: '{name}' has {item!r}, which is not usable ({exc})") from exc
    return tuple(out)


def source_from_dict(data: Any, where: str, origin: str, codes: frozenset[str] | None = None) -> Source:
    """One validated entry; ``ConfigError`` naming the file, the entry and the problem."""
    if not isinstance(data, dict):
        raise ConfigError(f"{where}: each entry under 'sites:' must be a mapping (id, name, site, ...)")
    ident = str(data.get("id") or "").strip()
    where = f"{where}: site {ident or '(no id)'}"
    if not _SLUG.match(ident):
        raise ConfigError(f"{where}: 'id' must be a lower-case slug (letters, digits, '.', '-', '_')")
    unknown = set(data) - {
        "id",
        "name",
        "site",
        "home_region",
        "languages",
        "feeds",
        "sitemaps",
        "article_patterns",
        "verified",
        "note",
        "outlet",
    }
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    try:
        site = clean(str(data.get("site") or ""))
    except BadURL as exc:
        raise ConfigError(f"{where}: 'site' must be the http(s) URL of the site ({exc})") from exc
    region = data.get("home_region")
    if region is not None:
        region = str(region).strip().upper()
        if codes is not None and region not in codes:
            raise ConfigError(
                f"{where}: home_region {region!r} is not an ISO 3166-2:KZ code of regions.yaml "
                "(e.g. KZ-15); use null for a national outlet"
            )
    languages = tuple(str(x) for x in data.get("languages") or ())
    bad = [x for x in languages if x not in LANGUAGES]
    if bad or not languages:
        raise ConfigError(f"{where}: 'languages' must list some of {', '.join(LANGUAGES)}")
    patterns = tuple(str(p) for p in data.get("article_patterns") or ())
    compiled = []
    for p in patterns:
        try:
            compiled.append(re.compile(p))
        except re.error as exc:
            raise ConfigError(
                f"{where}: article pattern {p!r} is not a valid regular expression ({exc})"
            ) from exc
    verified = data.get("verified", False)
    if not isinstance(verified, bool):
        raise ConfigError(f"{where}: 'verified' must be true or false")
    return Source(
        id=ident, name=str(data.get("name") or ident), site=site, home_region=region, languages=languages,
        feeds=_urls(where, data.get("feeds"), "feeds"), sitemaps=_urls(where, data.get("sitemaps"), "sitemaps"),
        article_patterns=patterns, verified=verified, note=str(data.get("note") or "").strip(), origin=origin,
        _patterns=tuple(compiled),
    )  # fmt: skip


def read_sources_file(path: Path, origin: str, codes: frozenset[str] | None = None) -> list[Source]:
    """The entries of one sources file (``sites:`` list); ``ConfigError`` with the file name on problems."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(
            f"cannot read the sources file {path} ({exc.strerror or exc}): check ZHOLDAU_SOURCES_FILE"
        ) from exc
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path} is not valid YAML: {exc}") from exc
    items = (data or {}).get("sites") if isinstance(data, dict) else None
    if not isinstance(items, list):
        raise ConfigError(
            f"{path}: expected a list of sites under 'sites:' (see zholdau/knowledge/sources.yaml)"
        )
    out: list[Source] = []
    seen: set[str] = set()
    for item in items:
        source = source_from_dict(item, str(path), origin, codes)
        if source.id in seen:
            raise ConfigError(f"{path}: site {source.id} is listed twice")
        seen.add(source.id)
        out.append(source)
    return out


def load_sources(user_file: str | None = None, registry: Path = REGISTRY) -> list[Source]:
    """The registry plus the user's file (its entries replace registry entries with the same id)."""
    codes = _region_codes()
    merged = {s.id: s for s in read_sources_file(registry, "registry", codes)}
    if user_file:
        for s in read_sources_file(Path(user_file).expanduser(), str(user_file), codes):
            merged[s.id] = s
    return list(merged.values())


def adhoc_source(url: str) -> Source:
    """A source for a URL given on the command line: a site's home page, a feed or a sitemap."""
    target = clean(url)
    parts = urlsplit(target)
    home = f"{parts.scheme}://{parts.netloc}/"
    entries = () if parts.path in ("", "/") and not parts.query else (target,)
    return Source(
        id=parts.netloc,
        name=parts.netloc,
        site=home,
        languages=LANGUAGES[:2],
        origin="command line",
        entries=entries,
    )


def resolve(names: Iterable[str], sources: list[Source]) -> list[Source]:
    """The sources a command line names: registry ids, or URLs of sites, feeds and sitemaps.

    ``ConfigError`` for a name that is neither, with the closest ids as a hint.
    """
    by_id = {s.id: s for s in sources}
    out: list[Source] = []
    for name in names:
        if name in by_id:
            out.append(by_id[name])
            continue
        if "://" in name:
            try:
                out.append(adhoc_source(name))
            except BadURL as exc:
                raise ConfigError(f"{name!r}: {exc}") from exc
            continue
        import difflib

        close = difflib.get_close_matches(name, list(by_id), n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else "; `zholdau sources` lists them"
        raise ConfigError(f"{name!r} is not a registered source nor an http(s) URL{hint}")
    return out
