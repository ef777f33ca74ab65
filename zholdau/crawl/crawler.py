"""One crawl: discover article URLs from feeds and sitemaps, fetch the new ones, run them through the
pipeline and store them, keeping the crawl state in the store so that a crawl killed and started again
fetches nothing twice.

The crawl has two phases:

1. **discovery**: for every source, its feeds and sitemaps (or, when the registry knows none, the
   ``Sitemap:`` lines of robots.txt, the home page's feed links, ``/sitemap.xml``) are fetched with
   a conditional GET; sitemap indexes are walked (``--since`` skips sub-sitemaps last modified before
   the date); every article URL the source wants is remembered as ``pending`` under its canonical
   form (:func:`zholdau.crawl.urls.canonical`), unless it is already known;
2. **fetching**: the pending URLs (newest first, at most ``--max-pages``) are fetched, a few origins
   at a time, each origin at its polite pace; every page is read by the HTML reader, run through the
   pipeline and written to the store at once (one transaction a page), so it is searchable within
   seconds. A page whose ``<link rel=canonical>`` or redirect target is a page we already have is
   recorded as an ``alias`` and not stored again.

Everything that goes wrong (a fault page, a broken feed, a robots.txt refusal) becomes a rejection
(stage ``crawl``) with a message, and the crawl goes on. Store calls and the pipeline run in one
worker thread, so the event loop keeps fetching while a page is analysed.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, fields
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from zholdau.config import Settings
from zholdau.crawl import analysis
from zholdau.crawl.analysis import Analysis
from zholdau.crawl.archive import WarcArchive
from zholdau.crawl.feeds import classify, feed_links, parse_feed
from zholdau.crawl.fetch import Fetcher, FetchOptions, Response, describe_status
from zholdau.crawl.robots import MAX_AGE, Robots
from zholdau.crawl.sitemaps import Link, parse_sitemap
from zholdau.crawl.sources import Source
from zholdau.crawl.urls import BadURL, canonical, clean, origin, same_site
from zholdau.model import Article, RawDocument, Rejection
from zholdau.store.base import CrawlURL, Store

log = logging.getLogger(__name__)

STAGE = "crawl"
MAX_SITEMAP_DEPTH = 5  # index → index → … → urlset; deeper nesting is a loop or a broken site
RETRY_BASE = timedelta(minutes=30)  # a transient failure is retried by a later crawl after this, doubled
MAX_ATTEMPTS = 5  # crawls that try a failing page before it counts as failed for good
HTML_TYPES = ("text/html", "application/xhtml+xml", "")

T = TypeVar("T")


def now_iso(moment: datetime | None = None) -> str:
    """The store's time format: ISO 8601, UTC, seconds."""
    return (moment or datetime.now(UTC)).isoformat(timespec="seconds")


@dataclass(slots=True)
class CrawlOptions:
    """What one crawl does beyond the settings: date and page limits, WARC output, politeness."""

    since: date | None = None
    max_pages: int | None = None
    warc_dir: Path | None = None
    refresh: bool = False  # read every feed and sitemap whole (no conditional GET)
    concurrency: int = 16  # page fetches in flight over all origins
    fetch: FetchOptions | None = None  # None: from the settings
    # read and analyse pages in a worker process (see zholdau.crawl.analysis); the caller's main module
    # must then be import-safe (`if __name__ == "__main__"`), as for any spawned process
    processes: bool = False


@dataclass(slots=True)
class CrawlReport:
    """What a crawl did (``zholdau crawl`` prints it; ``--json`` dumps it)."""

    run_id: int = 0
    sources: list[str] = field(default_factory=list)
    documents: int = 0  # feeds and sitemaps read
    not_modified: int = 0  # ... of which unchanged since the last crawl (HTTP 304)
    discovered: int = 0  # new article URLs
    fetched: int = 0  # article pages requested
    articles: int = 0  # new articles stored
    duplicates: int = 0  # pages whose article was already stored
    aliases: int = 0  # pages that are another URL of a page we have
    rejected: int = 0
    blocked: int = 0  # URLs robots.txt refused
    retry_later: int = 0
    old: int = 0  # published before --since
    requests: int = 0  # HTTP requests, robots.txt, feeds and sitemaps included
    seconds: float = 0.0
    stopped: bool = False  # interrupted (signal) before the end
    warc: str | None = None
    rejections: list[Rejection] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """The counts of the run as the store records them."""
        return {"ingested": self.articles, "duplicates": self.duplicates, "rejected": self.rejected}

    def to_dict(self) -> dict[str, Any]:
        out = {
            f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("rejections", "article_ids")
        }
        out["rejections"] = [
            {"source": r.source, "stage": r.stage, "message": r.message} for r in self.rejections
        ]
        return out


PageHook = Callable[[CrawlURL, str], None]


def _is_page(resp: Response) -> bool:
    """Whether a response is an HTML page to read (everything else is a rejection or a retry)."""
    if resp.error is not None or resp.status != 200 or resp.blocked:
        return False
    return resp.content_type in HTML_TYPES or classify(resp.body, resp.content_type) == "html"


def fetch_options(settings: Settings) -> FetchOptions:
    """The politeness and limits of the settings (``crawl_*``)."""
    return FetchOptions(
        delay=settings.crawl_delay,
        concurrency=settings.crawl_host_concurrency,
        timeout=settings.crawl_timeout,
        max_bytes=settings.crawl_max_bytes,
        contact=settings.crawl_contact,
    )


class Crawler:
    """Runs crawls of some sources into one store. ``await Crawler(...).run(sources)``."""

    def __init__(
        self,
        store: Store,
        settings: Settings,
        options: CrawlOptions | None = None,
        *,
        on_page: PageHook | None = None,
        stop: asyncio.Event | None = None,
        transport: Any = None,
    ) -> None:
        self.store = store
        self.settings = settings
        self.options = options or CrawlOptions()
        self.fetch_opts = self.options.fetch or fetch_options(settings)
        self.on_page = on_page
        self.stop = stop or asyncio.Event()
        self._transport = transport
        self._db = ThreadPoolExecutor(max_workers=1, thread_name_prefix="zholdau-crawl-db")
        self._docs: dict[str, asyncio.Task[tuple[str, list[Link], list[Link]]]] = {}
        self._claimed: set[str] = set()
        self.report = CrawlReport()

    # --- the worker thread --------------------------------------------------------------------------
    async def _call(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._db, fn, *args)

    # --- the crawl ----------------------------------------------------------------------------------
    async def run(self, sources: Sequence[Source]) -> CrawlReport:
        """Crawl these sources once; returns what was done (also recorded as a run in the store)."""
        started = time.monotonic()
        report = self.report = CrawlReport(sources=[s.id for s in sources])
        inputs = [
            s.id if s.origin != "command line" else (s.entries[0] if s.entries else s.site) for s in sources
        ]
        settings = dict(self.settings.describe())
        settings["crawl"] = {
            "since": str(self.options.since) if self.options.since else None,
            "max_pages": self.options.max_pages,
        }
        report.run_id = await self._call(self.store.start_run, inputs, settings)
        archive = None
        if self.options.warc_dir is not None:
            from zholdau.crawl.fetch import user_agent

            archive = WarcArchive(self.options.warc_dir, user_agent(self.fetch_opts.contact))
            report.warc = str(archive.path)
        status = "failed"
        try:
            robots = await self._call(self._stored_robots, sources)
            async with Fetcher(
                self.fetch_opts,
                robots_cache=robots,
                on_robots=self._keep_robots,
                on_response=archive.add if archive else None,
                transport=self._transport,
            ) as f:
                self.fetcher = f
                await asyncio.gather(*(self._discover(s) for s in sources))
                if not self.stop.is_set():
                    await self._fetch_pages(sources)
                report.requests = f.requests
            if report.article_ids:
                await self._call(self._link_instructions, list(report.article_ids))
            report.stopped = self.stop.is_set()
            status = "stopped" if report.stopped else "done"
        finally:
            report.seconds = round(time.monotonic() - started, 3)
            if archive is not None:
                archive.close()
            await self._call(self.store.finish_run, report.run_id, report.counts(), status)
        return report

    def close(self) -> None:
        """Stop the worker thread (the store stays open: it is the caller's)."""
        self._db.shutdown(wait=True)

    # --- robots.txt kept in the store ---------------------------------------------------------------
    def _stored_robots(self, sources: Sequence[Source]) -> dict[str, Robots]:
        out: dict[str, Robots] = {}
        fresh_after = now_iso(datetime.now(UTC) - MAX_AGE)
        hosts = {origin(s.site) for s in sources} | {
            origin(u) for s in sources for u in (*s.feeds, *s.sitemaps)
        }
        for host in hosts:
            row = self.store.crawl_host(host)
            if not row or not row.get("robots_fetched_at") or row["robots_fetched_at"] < fresh_after:
                continue
            robots = Robots(host, row["robots_status"], "ZholdauMonitor", row["robots"] or "")
            if not robots.unreachable:  # an unreachable site is asked again
                out[host] = robots
        return out

    def _keep_robots(self, robots: Robots) -> None:
        self._db.submit(
            self.store.crawl_set_host,
            robots.origin,
            robots_status=robots.status,
            robots=robots.body,
            robots_fetched_at=now_iso(),
        )

    # --- rejections ---------------------------------------------------------------------------------
    def _reject(self, source: str, message: str, raw: bytes | None = None) -> Rejection:
        rejection = Rejection(
            source=source,
            stage=STAGE,
            message=message,
            raw=raw if raw is not None and len(raw) <= self.settings.max_raw_keep else None,
        )
        self.store.add_rejections([rejection], self.report.run_id)
        self.report.rejected += 1
        self.report.rejections.append(rejection)
        return rejection

    # --- phase 1: discovery -------------------------------------------------------------------------
    async def _discover(self, source: Source) -> None:
        entries: list[tuple[str, str | None, bool]] = [(u, "feed", False) for u in source.feeds]
        entries += [(u, "sitemap", False) for u in source.sitemaps]
        entries += [(u, None, False) for u in source.entries]
        if not entries:
            # nothing known: the sitemaps robots.txt names, the feeds the home page announces, and
            # failing both, the usual /sitemap.xml
            host = origin(source.site)
            robots = await self.fetcher.robots_for(host)
            entries = [(u, "sitemap", False) for u in robots.sitemaps()]
            _, _, feeds = await self._document(source.site, "home", guess=True)
            entries += [(u.url, "feed", False) for u in feeds]
            if not entries:
                entries = [(f"{host}/sitemap.xml", "sitemap", True)]
        seen: set[str] = set()
        queue: deque[tuple[str, str | None, bool, int]] = deque((u, k, g, 0) for u, k, g in entries)
        found: list[Link] = []
        while queue and not self.stop.is_set():
            url, hint, guess, depth = queue.popleft()
            try:
                key = canonical(url)
            except BadURL:
                continue
            if key in seen:
                continue
            seen.add(key)
            kind, pages, children = await self._document(url, hint, guess)
            found.extend(pages)
            for child in children:
                if depth + 1 >= MAX_SITEMAP_DEPTH:
                    await self._call(
                        self._reject,
                        child.url,
                        f"sitemap nested more than {MAX_SITEMAP_DEPTH} "
                        "deep under an index: not read (is the index listing itself?)",
                    )
                    continue
                if self.options.since and child.date and child.date < self.options.since.isoformat():
                    continue
                queue.append((child.url, "sitemap" if kind == "index" else "feed", False, depth + 1))
        await self._call(self._remember, source, found)

    def _remember(self, source: Source, links: list[Link]) -> None:
        since = self.options.since.isoformat() if self.options.since else None
        rows: dict[str, CrawlURL] = {}
        for link in links:
            if since and link.date and link.date < since:
                continue
            try:
                fetch_url = clean(link.url)
                key = canonical(fetch_url)
            except BadURL:
                continue
            if key in rows or not source.wants(fetch_url):
                continue
            rows[key] = CrawlURL(
                url=key,
                host=origin(key),
                kind="page",
                source=source.id,
                state="pending",
                lastmod=link.date,
                final_url=fetch_url,
            )
        if not rows:
            return
        known = self.store.crawl_get(list(rows))
        new = [r for k, r in rows.items() if k not in known]
        if new:
            self.store.crawl_update(new)  # crawl_update keeps final_url (the URL to request)
        self.report.discovered += len(new)
        filled = [
            CrawlURL(url=k, host=r.host, lastmod=r.lastmod)
            for k, r in rows.items()
            if k in known and r.lastmod and not known[k].lastmod
        ]
        if filled:
            self.store.crawl_add(filled)

    async def _document(self, url: str, hint: str | None, guess: bool) -> tuple[str, list[Link], list[Link]]:
        """``(kind, pages, children)`` of a feed, sitemap or home page; fetched once per crawl."""
        try:
            key = canonical(url)
        except BadURL as exc:
            await self._call(self._reject, url, f"cannot read {url!r}: {exc}")
            return "invalid", [], []
        task = self._docs.get(key)
        if task is None:
            task = asyncio.ensure_future(self._read_document(url, key, hint, guess))
            self._docs[key] = task
        return await task

    async def _read_document(
        self, url: str, key: str, hint: str | None, guess: bool
    ) -> tuple[str, list[Link], list[Link]]:
        state = (await self._call(self.store.crawl_get, [key])).get(key)
        validators: dict[str, str] = {}
        # an index is read whole every time: a site may change a sub-sitemap without touching the index
        if state is not None and not self.options.refresh and hint != "home" and state.message != "index":
            validators = {
                k: v for k, v in (("etag", state.etag), ("last_modified", state.last_modified)) if v
            }
        resp = await self.fetcher.fetch(url, validators)
        kind_of_row = "feed" if hint == "feed" else "sitemap"
        row = state or CrawlURL(url=key, host=origin(key), kind=kind_of_row, state="pending")
        row.fetched_at, row.http_status, row.final_url = now_iso(), resp.status, resp.final_url
        if resp.not_modified:
            self.report.documents += 1
            self.report.not_modified += 1
            row.state = "fetched"
            await self._call(self.store.crawl_update, [row])
            return "unchanged", [], []
        if not resp.ok:
            message = resp.error or f"HTTP {resp.status}"
            row.state, row.message = ("failed" if resp.permanent or resp.error is None else "retry"), message
            if hint != "home":
                await self._call(self.store.crawl_update, [row])
            if not guess:
                await self._call(
                    self._reject, url, f"cannot read this {hint or 'feed or sitemap'}: {message}"
                )
            return "invalid", [], []
        self.report.documents += 1
        body = resp.body
        kind = classify(body, resp.content_type)
        pages: list[Link] = []
        children: list[Link] = []
        problem: str | None = None
        if hint == "home":
            return "home", [], [Link(u) for u in feed_links(body, resp.final_url)]
        if kind == "feed":
            feed = parse_feed(body, resp.final_url, resp.headers.get("content-type"))
            pages, problem, kind = feed.links, feed.problem, feed.kind
        elif kind == "html" and hint is None:
            # a page given on the command line: it is the article
            return "page", [Link(resp.final_url)], []
        elif kind == "html":
            problem, kind = f"expected a {hint}, got an HTML page", "invalid"
        else:
            doc = parse_sitemap(body, resp.final_url)
            pages, children, problem, kind = doc.pages, doc.children, doc.problem, doc.kind
        row.etag = resp.headers.get("etag")
        row.last_modified = resp.headers.get("last-modified")
        row.state = "fetched" if kind != "invalid" else "failed"
        row.message = "index" if kind == "index" else problem
        await self._call(self.store.crawl_update, [row])
        if problem is not None and not (guess and kind == "invalid"):
            await self._call(
                self._reject,
                url,
                f"{problem} ({len(pages) + len(children)} links read)",
                body if kind == "invalid" else None,
            )
        return kind, pages, children

    # --- phase 2: pages -----------------------------------------------------------------------------
    async def _fetch_pages(self, sources: Sequence[Source]) -> None:
        limit = self.options.max_pages if self.options.max_pages is not None else 10**9
        if limit <= 0:
            return
        due = await self._call(self.store.crawl_due, now_iso(), "page", [s.id for s in sources], limit)
        by_host: dict[str, deque[CrawlURL]] = {}
        for item in due:
            by_host.setdefault(item.host, deque()).append(item)
        budget = [limit]
        overall = asyncio.Semaphore(max(1, self.options.concurrency))
        per_host = self.fetch_opts.concurrency if self.fetch_opts.polite else self.options.concurrency

        async def worker(queue: deque[CrawlURL]) -> None:
            while queue and budget[0] > 0 and not self.stop.is_set():
                item = queue.popleft()
                if item.url in self._claimed:
                    continue
                self._claimed.add(item.url)
                budget[0] -= 1
                async with overall:
                    resp = await self.fetcher.fetch(item.final_url or item.url)
                if resp.final_url != (item.final_url or item.url):
                    with contextlib.suppress(BadURL):  # the redirect target is this page: not fetched again
                        self._claimed.add(canonical(resp.final_url))
                analysed = await self._analyse(resp) if _is_page(resp) else None
                outcome = await self._call(self._handle_page, item, resp, analysed)
                if self.on_page is not None:
                    self.on_page(item, outcome)

        await asyncio.gather(*(worker(q) for q in by_host.values() for _ in range(min(per_host, len(q)))))

    async def _analyse(self, resp: Response) -> Analysis | None:
        """Reader and pipeline on a page, in the analysis process (None: do it in the worker thread)."""
        workers = analysis.pool() if self.options.processes else None
        if workers is None:
            return None
        ctype = resp.headers.get("content-type")
        try:
            return await asyncio.get_running_loop().run_in_executor(
                workers, analysis.analyse, resp.body, resp.final_url, self.settings, ctype
            )
        except BrokenProcessPool:
            analysis.discard_pool()
            return None

    def _handle_page(self, item: CrawlURL, resp: Response, analysed: Analysis | None = None) -> str:
        """Turn a page's response into an article (or a rejection) and its new crawl state."""
        report = self.report
        report.fetched += 1
        asked = item.final_url or item.url  # failures are reported under the URL the feed or sitemap gave
        item.fetched_at, item.http_status = now_iso(), resp.status
        item.final_url = resp.final_url
        item.attempts += 1
        extra: list[CrawlURL] = []
        outcome = self._page_outcome(item, resp, asked, extra, analysed)
        self.store.crawl_update([item, *extra])
        return outcome

    def _page_outcome(
        self, item: CrawlURL, resp: Response, source: str, extra: list[CrawlURL], analysed: Analysis | None
    ) -> str:
        report = self.report
        if resp.blocked:
            item.state, item.message = ("blocked" if resp.permanent else "retry"), resp.error
            if not resp.permanent:
                item.next_fetch_at = now_iso(datetime.now(UTC) + RETRY_BASE)
            report.blocked += 1
            self._reject(source, resp.error or "blocked")
            return "blocked"
        if resp.error is not None and not resp.permanent:
            if item.attempts >= MAX_ATTEMPTS:
                item.state, item.message = "failed", resp.error
                self._reject(source, f"{resp.error}; failed in {item.attempts} crawls: given up")
                return "failed"
            wait = RETRY_BASE * (2 ** (item.attempts - 1))
            if resp.retry_in:
                wait = max(wait, timedelta(seconds=resp.retry_in))
            item.state, item.message = "retry", resp.error
            item.next_fetch_at = now_iso(datetime.now(UTC) + wait)
            report.retry_later += 1
            self._reject(
                source, f"{resp.error} (next try after {item.next_fetch_at[:16].replace('T', ' ')} UTC)"
            )
            return "retry"
        if resp.error is not None or resp.status != 200:
            item.state = "failed"
            item.message = resp.error or describe_status(resp.status or 0)
            self._reject(source, item.message, resp.body if resp.status is not None else None)
            return "failed"
        if resp.content_type not in HTML_TYPES and classify(resp.body, resp.content_type) != "html":
            item.state = "failed"
            item.message = (
                f"not an HTML page ({resp.content_type}): only article pages are read; check the "
                "source's article_patterns"
            )
            self._reject(source, item.message)
            return "failed"
        return self._read_page(
            item,
            resp,
            extra,
            analysed
            or analysis.analyse(resp.body, resp.final_url, self.settings, resp.headers.get("content-type")),
        )

    def _read_page(self, item: CrawlURL, resp: Response, extra: list[CrawlURL], analysed: Analysis) -> str:
        from zholdau.ingest import ingest_items

        report = self.report
        item.state = "fetched"
        doc, produced = analysed
        if isinstance(doc, Rejection):
            item.message = doc.message
            self.store.add_rejections([doc], report.run_id)
            report.rejected += 1
            report.rejections.append(doc)
            return "rejected"
        same = self._other_urls(item, resp, doc)
        known = self.store.crawl_get(same) if same else {}
        for key in same:
            have = known.get(key)
            if have is not None and have.state == "fetched" and have.article_id:
                item.state, item.canonical_url, item.article_id = "alias", key, have.article_id
                item.message = f"the same page as {key}, already stored"
                report.aliases += 1
                self._claimed.add(key)
                return "alias"
        articles = [a for a in produced if isinstance(a, Article)]
        since = self.options.since.isoformat() if self.options.since else None
        if since and articles and all((a.get("published") or "9999") < since for a in articles):
            item.state, item.message = (
                "old",
                f"published {articles[0].get('published')}, before --since {since}",
            )
            report.old += 1
            return "old"
        result = ingest_items(produced, self.store, self.settings, report.run_id)
        report.articles += result.ingested
        report.duplicates += result.duplicates
        report.rejected += result.rejected
        report.rejections.extend(result.rejections)
        if articles:
            item.article_id = articles[0].id
            report.article_ids.extend(a.id for a in articles)
        else:
            item.message = result.rejections[0].message if result.rejections else "no article"
        for key in same:
            if key not in known or known[key].state in ("pending", "retry"):
                old = known.get(key)
                extra.append(
                    CrawlURL(
                        url=key,
                        host=origin(key),
                        kind="page",
                        source=item.source,
                        state="alias",
                        discovered_at=old.discovered_at if old else None,
                        fetched_at=item.fetched_at,
                        canonical_url=item.url,
                        article_id=item.article_id,
                        final_url=old.final_url if old else key,
                        message=f"the same page as {item.url} (redirect or canonical link)",
                    )
                )
                self._claimed.add(key)
        if not articles:
            return "rejected"
        return "article" if result.ingested else "duplicate"

    @staticmethod
    def _other_urls(item: CrawlURL, resp: Response, doc: RawDocument) -> list[str]:
        """Other canonical URLs of this page: where redirects ended, its canonical link (same site only)."""
        out: list[str] = []
        for candidate in (resp.final_url, doc.meta.get("canonical_url")):
            if not candidate:
                continue
            try:
                key = canonical(str(candidate), base=resp.final_url)
            except BadURL:
                continue
            if key != item.url and key not in out and same_site(key, item.url):
                out.append(key)
        return out

    def _link_instructions(self, article_ids: list[str]) -> None:
        """The post-ingest steps every ingest runs: instruction links, copies, events, follow-ups."""
        import contextlib

        from zholdau.ingest import after_ingest

        with contextlib.suppress(NotImplementedError):  # a store without those tables: nothing to link
            after_ingest(self.store, self.settings, article_ids)


async def crawl(
    sources: Sequence[Source],
    store: Store,
    settings: Settings,
    options: CrawlOptions | None = None,
    *,
    on_page: PageHook | None = None,
    stop: asyncio.Event | None = None,
    transport: Any = None,
) -> CrawlReport:
    """Crawl ``sources`` once into ``store`` (see the module docstring)."""
    crawler = Crawler(store, settings, options, on_page=on_page, stop=stop, transport=transport)
    try:
        return await crawler.run(sources)
    finally:
        crawler.close()
