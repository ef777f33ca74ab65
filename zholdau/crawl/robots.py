"""robots.txt, read the way RFC 9309 says, parsed by protego.

* 2xx: the rules of the file (the group for our product token, else ``*``);
* 4xx (404, 410, even 401/403): no rules, everything may be fetched;
* 5xx or no answer at all: the host is *unreachable*, so nothing is fetched from it in this crawl.

``Crawl-delay`` and ``Request-rate`` can only make us slower than our own per-host delay, never faster.
A robots.txt is reused for :data:`MAX_AGE` (RFC 9309 says a cached copy should not be older than a day).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from protego import Protego

MAX_AGE = timedelta(hours=24)
MAX_ROBOTS_BYTES = 500_000  # RFC 9309: parse at least 500 KiB; what follows is ignored
MAX_CRAWL_DELAY = 60.0  # a site asking for more gets this (we say so in the log)


@dataclass(slots=True)
class Robots:
    """What one origin's robots.txt lets us do. Build it with :func:`robots_from_response`."""

    origin: str
    status: int | None
    agent: str  # our product token, e.g. "ZholdauMonitor"
    body: str = ""
    _parser: Any = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.status is not None and 200 <= self.status < 300:
            self._parser = Protego.parse(self.body[:MAX_ROBOTS_BYTES])

    @property
    def unreachable(self) -> bool:
        """5xx or no answer: fetch nothing from this origin for now."""
        return self.status is None or self.status >= 500

    def allowed(self, url: str) -> bool:
        """Whether ``url`` (on this origin) may be fetched."""
        if self.unreachable:
            return False
        if self._parser is None:  # 4xx: no rules
            return True
        return bool(self._parser.can_fetch(url, self.agent))

    def why_not(self, url: str) -> str:
        """The message for a URL :meth:`allowed` refuses."""
        if self.unreachable:
            answer = f"answered HTTP {self.status}" if self.status is not None else "could not be fetched"
            return (
                f"robots.txt of {self.origin} {answer}: RFC 9309 says to fetch nothing from the site "
                "until it answers; the next crawl will try again"
            )
        return (
            f"robots.txt of {self.origin} disallows this URL for {self.agent}: not fetched "
            "(ask the site owner, or remove the source)"
        )

    def delay(self) -> float | None:
        """Seconds the site asks between requests (``Crawl-delay`` or ``Request-rate``), if it does."""
        if self._parser is None:
            return None
        asked: list[float] = []
        crawl_delay = self._parser.crawl_delay(self.agent)
        if crawl_delay is not None:
            asked.append(float(crawl_delay))
        rate = self._parser.request_rate(self.agent)
        if rate is not None and rate.requests:
            asked.append(float(rate.seconds) / float(rate.requests))
        return min(max(asked), MAX_CRAWL_DELAY) if asked else None

    def sitemaps(self) -> list[str]:
        """The ``Sitemap:`` lines, in order."""
        return list(self._parser.sitemaps) if self._parser is not None else []


def robots_from_response(origin: str, agent: str, status: int | None, body: bytes) -> Robots:
    """The rules of an origin from the answer to ``GET /robots.txt`` (``status`` None: no answer)."""
    text = body[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace").lstrip("\ufeff")
    return Robots(origin=origin, status=status, agent=agent, body=text)
