"""Polite HTTP: one :class:`Fetcher` does every request of a crawl (httpx, async).

For each request it

* checks robots.txt of the origin (fetched once, see :mod:`zholdau.crawl.robots`), for every hop of
  a redirect too;
* waits its turn at the origin's :class:`HostGate`: at most ``concurrency`` requests in flight and
  request starts at least ``delay`` seconds apart (the bigger of our delay and the site's
  ``Crawl-delay``);
* sends a User-Agent naming the project and a contact, and ``If-None-Match`` / ``If-Modified-Since``
  when validators are known (conditional GET);
* retries 429 and 5xx answers and network errors with exponential backoff; a ``Retry-After`` is
  honoured by pausing the whole origin (up to ``max_retry_after`` seconds, beyond which we come back
  in a later crawl);
* follows redirects itself (loop detection, robots on each hop), stops a response at ``max_bytes``
  and a request at ``timeout`` seconds in all (a server that drips bytes forever is cut off too).

Whatever goes wrong ends in a :class:`Response` with ``error`` set to a message for the user and
``permanent`` saying whether trying again later can help; nothing here raises on a bad site.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import importlib.metadata
import logging
import random
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx

from zholdau.crawl.robots import Robots, robots_from_response
from zholdau.crawl.urls import BadURL, canonical, clean, origin

log = logging.getLogger(__name__)

AGENT = "ZholdauMonitor"  # the product token robots.txt groups are matched against
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504, 507, 508, 520, 521, 522, 523, 524})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


def _version() -> str:
    try:
        return importlib.metadata.version("zholdau")
    except importlib.metadata.PackageNotFoundError:  # running from a source tree that is not installed
        return "0"


def user_agent(contact: str | None) -> str:
    """``ZholdauMonitor/<version> (+<contact>; …)``: who we are and where a site owner can reach us."""
    reach = f"+{contact}" if contact else "contact: set ZHOLDAU_CRAWL_CONTACT"
    return f"{AGENT}/{_version()} ({reach}; regional news monitor)"


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date); None if unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    current = now if now is not None else time.time()
    return max(0.0, when.timestamp() - current)


@dataclass(slots=True)
class FetchOptions:
    """How hard to try. ``delay`` and ``concurrency`` are per origin; ``polite=False`` (benchmarks
    only) drops the delay and the per-origin cap, never robots.txt."""

    delay: float = 1.0
    concurrency: int = 2
    timeout: float = 30.0
    max_bytes: int = 10_000_000
    retries: int = 3
    backoff: float = 0.5  # first wait before a retry; doubled each time, with jitter
    max_retry_after: float = 120.0
    max_redirects: int = 10
    polite: bool = True
    contact: str | None = None


@dataclass(slots=True)
class Response:
    """The outcome of one fetch (after redirects and retries)."""

    url: str  # what was asked for
    final_url: str  # where redirects ended
    status: int | None = None  # None: no HTTP answer (network error, timeout, robots)
    headers: httpx.Headers = field(default_factory=httpx.Headers)
    body: bytes = b""
    error: str | None = None  # set when there is nothing usable; says what happened
    permanent: bool = False  # with error: retrying later will not help
    blocked: bool = False  # robots.txt said no
    redirects: list[str] = field(default_factory=list)
    attempts: int = 0
    retry_in: float | None = None  # with a transient error: when the site said to come back

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and 200 <= self.status < 300

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return (self.headers.get("content-type") or "").split(";")[0].strip().lower()


class HostGate:
    """Politeness for one origin: request starts ``delay`` apart, ``concurrency`` in flight."""

    def __init__(self, delay: float, concurrency: int) -> None:
        self.delay = delay
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._turn = asyncio.Lock()
        self._next_start = 0.0
        self._last_start: float | None = None

    def set_delay(self, delay: float) -> None:
        """Change the delay, counting from the last start (robots.txt's Crawl-delay, once read)."""
        self.delay = delay
        if self._last_start is not None:
            self._next_start = max(self._next_start, self._last_start + delay)

    def answered(self) -> None:
        """A request got its answer (or failed): the next start is ``delay`` from now at the earliest.

        Counting from the answer as well as from the start keeps the spacing the server sees even when
        this process was busy between a start and the moment the request actually left."""
        loop = asyncio.get_running_loop()
        self._next_start = max(self._next_start, loop.time() + self.delay)

    def pause(self, seconds: float) -> None:
        """No request starts for ``seconds`` from now (a Retry-After)."""
        loop = asyncio.get_running_loop()
        self._next_start = max(self._next_start, loop.time() + seconds)

    @contextlib.asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Wait for a free slot and for this origin's next start time, then hold the slot."""
        async with self._slots:
            async with self._turn:
                loop = asyncio.get_running_loop()
                # re-check after each sleep: a Retry-After pause may have come in meanwhile
                while (wait := self._next_start - loop.time()) > 0:
                    await asyncio.sleep(wait)
                self._last_start = loop.time()
                self._next_start = max(self._next_start, self._last_start + self.delay)
            yield


class _TooBig(Exception):
    pass


# what the fetcher reports to its owner: (method, url, status, request headers, response headers, body)
ArchiveHook = Callable[[str, int, str, dict[str, str], httpx.Headers, bytes], None]


class Fetcher:
    """Every HTTP request of one crawl. Use as ``async with Fetcher(options) as f: await f.fetch(url)``.

    ``robots_cache`` (origin → :class:`Robots`) lets the caller pre-load rules kept in the store;
    ``on_robots`` is called with each robots.txt fetched; ``on_response`` with each HTTP response
    received whole (for the WARC archive); ``transport`` is for tests.
    """

    def __init__(
        self,
        options: FetchOptions,
        *,
        robots_cache: dict[str, Robots] | None = None,
        on_robots: Callable[[Robots], None] | None = None,
        on_response: ArchiveHook | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.options = options
        self.agent = user_agent(options.contact)
        self.robots: dict[str, Robots] = dict(robots_cache or {})
        self._robots_pending: dict[str, asyncio.Future[Robots]] = {}
        self._gates: dict[str, HostGate] = {}
        self._on_robots = on_robots
        self._on_response = on_response
        self._transport = transport
        self._client: httpx.AsyncClient | None = None
        self.requests = 0  # HTTP requests sent (robots.txt included)

    async def __aenter__(self) -> Fetcher:
        t = self.options.timeout
        self._client = httpx.AsyncClient(
            follow_redirects=False,
            timeout=httpx.Timeout(t, connect=min(t, 15.0)),
            headers={
                "User-Agent": self.agent,
                "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                "Accept-Language": "kk,ru;q=0.9,en;q=0.5",
            },
            limits=httpx.Limits(max_connections=100, max_keepalive_connections=20),
            transport=self._transport,
            trust_env=False,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._client is not None:
            await self._client.aclose()

    # --- politeness ---------------------------------------------------------------------------------
    def gate(self, host: str) -> HostGate:
        """The gate of an origin (created with the origin's robots delay once robots.txt is known)."""
        gate = self._gates.get(host)
        if gate is None:
            if self.options.polite:
                robots = self.robots.get(host)
                asked = robots.delay() if robots is not None else None
                gate = HostGate(max(self.options.delay, asked or 0.0), self.options.concurrency)
            else:
                gate = HostGate(0.0, 10_000)
            self._gates[host] = gate
        return gate

    async def robots_for(self, host: str) -> Robots:
        """The robots.txt rules of an origin, fetched once per crawl (concurrent callers share it)."""
        known = self.robots.get(host)
        if known is not None:
            return known
        pending = self._robots_pending.get(host)
        if pending is not None:
            return await pending
        future: asyncio.Future[Robots] = asyncio.get_running_loop().create_future()
        self._robots_pending[host] = future
        try:
            # the gate is created before the rules are known, so robots.txt waits our own delay only
            resp = await self._follow(f"{host}/robots.txt", {}, check_robots=False, max_redirects=5)
            robots = robots_from_response(host, AGENT, resp.status, resp.body if resp.ok else b"")
            self.robots[host] = robots
            # the site's Crawl-delay applies from now on
            gate = self._gates.get(host)
            if gate is not None and self.options.polite:
                gate.set_delay(max(self.options.delay, robots.delay() or 0.0))
            if self._on_robots is not None:
                self._on_robots(robots)
            future.set_result(robots)
            return robots
        except BaseException as exc:
            future.set_exception(exc)
            raise
        finally:
            self._robots_pending.pop(host, None)

    # --- fetching -----------------------------------------------------------------------------------
    async def fetch(self, url: str, validators: dict[str, str] | None = None) -> Response:
        """GET ``url`` politely (robots, gate, retries, redirects); never raises on a bad site."""
        return await self._follow(
            url, validators or {}, check_robots=True, max_redirects=self.options.max_redirects
        )

    async def _follow(
        self, url: str, validators: dict[str, str], *, check_robots: bool, max_redirects: int
    ) -> Response:
        try:
            current = clean(url)
        except BadURL as exc:
            return Response(url, url, error=f"cannot fetch {url!r}: {exc}", permanent=True)
        chain: list[str] = []
        seen = {canonical(current)}
        attempts = 0
        while True:
            host = origin(current)
            if check_robots:
                robots = await self.robots_for(host)
                if not robots.allowed(current):
                    return Response(
                        url,
                        current,
                        error=robots.why_not(current),
                        permanent=not robots.unreachable,
                        blocked=True,
                        redirects=chain,
                        attempts=attempts,
                    )
            resp = await self._get_with_retries(current, host, validators if not chain else {})
            attempts += resp.attempts
            resp.url, resp.redirects, resp.attempts = url, chain, attempts
            if resp.error is not None or resp.status not in REDIRECT_STATUSES:
                return resp
            location = resp.headers.get("location")
            if not location:
                resp.error = f"HTTP {resp.status} redirect without a Location header: the site is broken"
                resp.permanent = True
                return resp
            try:
                target = clean(location, base=current)
            except BadURL as exc:
                resp.error = f"HTTP {resp.status} redirects to an unusable address: {exc}"
                resp.permanent = True
                return resp
            chain.append(current)
            key = canonical(target)
            if key in seen:
                resp.error = "redirect loop: " + " → ".join([*chain, target]) + " (the site is misconfigured)"
                resp.permanent = True
                return resp
            if len(chain) > max_redirects:
                resp.error = f"more than {max_redirects} redirects starting at {url}: gave up"
                resp.permanent = True
                return resp
            seen.add(key)
            current = target

    async def _get_with_retries(self, url: str, host: str, validators: dict[str, str]) -> Response:
        opts = self.options
        gate = self.gate(host)
        attempt = 0
        while True:
            attempt += 1
            async with gate.slot():
                resp = await self._get_once(url, validators, gate)
            resp.attempts = attempt
            transient = resp.status in RETRY_STATUSES or (resp.error is not None and not resp.permanent)
            if not transient:
                return resp
            asked = retry_after(resp.headers.get("retry-after")) if resp.status is not None else None
            wait = (
                asked
                if asked is not None
                else opts.backoff * (2 ** (attempt - 1)) * (0.75 + random.random() / 2)
            )
            what = resp.error or f"HTTP {resp.status}"
            if asked is not None and asked > opts.max_retry_after:
                resp.error = (
                    f"{what}: the site asks us to come back in {asked:.0f} s (Retry-After), more than "
                    f"we wait within a crawl ({opts.max_retry_after:.0f} s); a later crawl tries again"
                )
                resp.retry_in = asked
                return resp
            if attempt > opts.retries:
                resp.error = (
                    f"{what} after {attempt} attempt{'s' if attempt != 1 else ''}: the site is failing "
                    "or overloaded; a later crawl tries again"
                )
                resp.retry_in = asked
                return resp
            log.info("%s: %s, retrying in %.1f s", url, what, wait)
            if resp.status in (429, 503) or asked is not None:
                gate.pause(wait)  # the whole site asked us to slow down, not just this URL
            else:
                await asyncio.sleep(wait)

    async def _get_once(self, url: str, validators: dict[str, str], gate: HostGate | None = None) -> Response:
        assert self._client is not None, "use the Fetcher as an async context manager"
        headers: dict[str, str] = {}
        if validators.get("etag"):
            headers["If-None-Match"] = validators["etag"]
        if validators.get("last_modified"):
            headers["If-Modified-Since"] = validators["last_modified"]
        self.requests += 1
        try:
            return await asyncio.wait_for(self._stream(url, headers, gate), timeout=self.options.timeout)
        except (TimeoutError, _TooBig, httpx.HTTPError, OSError) as exc:
            if gate is not None:
                gate.answered()  # a failure is an answer too: the next request waits its delay from now
            return self._failure(url, exc)

    def _failure(self, url: str, exc: BaseException) -> Response:
        t = self.options.timeout
        if isinstance(exc, TimeoutError):
            return Response(url, url, error=f"no complete answer within {t:g} s (timeout)")
        if isinstance(exc, _TooBig):
            return Response(url, url, error=str(exc), permanent=True)
        if isinstance(exc, httpx.TimeoutException):
            return Response(url, url, error=f"no answer within {t:g} s (timeout)")
        if isinstance(exc, httpx.UnsupportedProtocol):
            return Response(url, url, error=f"cannot fetch {url}: {exc}", permanent=True)
        return Response(url, url, error=f"network error ({type(exc).__name__}: {exc or 'connection failed'})")

    async def _stream(self, url: str, headers: dict[str, str], gate: HostGate | None) -> Response:
        assert self._client is not None
        limit = self.options.max_bytes
        async with self._client.stream("GET", url, headers=headers) as r:
            if gate is not None:
                gate.answered()
            declared = r.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                raise _TooBig(
                    f"HTTP {r.status_code} response of {int(declared):,} bytes is over the "
                    f"{limit:,}-byte limit (ZHOLDAU_CRAWL_MAX_BYTES): not downloaded"
                )
            chunks: list[bytes] = []
            size = 0
            async for chunk in r.aiter_bytes():
                size += len(chunk)
                if size > limit:
                    raise _TooBig(
                        f"response is over the {limit:,}-byte limit (ZHOLDAU_CRAWL_MAX_BYTES): cut "
                        "off; raise the limit if such pages are real articles"
                    )
                chunks.append(chunk)
            body = b"".join(chunks)
            request_headers = dict(r.request.headers)
        if self._on_response is not None:
            self._on_response(url, r.status_code, r.reason_phrase, request_headers, r.headers, body)
        return Response(url, url, status=r.status_code, headers=r.headers, body=body)


def http_date(moment: datetime | None = None) -> str:
    """An HTTP date (for tests and Last-Modified headers)."""
    return email.utils.format_datetime(moment or datetime.now(UTC), usegmt=True)


def describe_status(status: int) -> str:
    """A message for a final HTTP status that is not an article."""
    if status in (404, 410):
        return f"HTTP {status}: the page is gone; the feed or sitemap that listed it is out of date"
    if status in (401, 403):
        return f"HTTP {status}: the site refuses us this page (login or blocking); not retried"
    if status == 304:
        return "HTTP 304 Not Modified for a page we never stored: fetched again in a later crawl"
    if 300 <= status < 400:
        return f"HTTP {status} without a usable redirect"
    return f"HTTP {status}: no article in the answer"


def headers_dict(headers: Any) -> dict[str, str]:
    """Headers as a plain dict (for logs and tests)."""
    return {str(k): str(v) for k, v in dict(headers).items()}
