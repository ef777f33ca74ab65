"""``zholdau watch``: crawl again and again, every ``--interval``, until stopped.

Each round is one crawl (one run in the store). Pages are stored as they are fetched, so a new article
is searchable within seconds of its fetch; the interval only decides how often feeds and sitemaps are
asked (with conditional GET, so an unchanged feed costs one short answer).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
from collections.abc import Callable, Sequence

from zholdau.config import Settings
from zholdau.crawl.crawler import CrawlOptions, CrawlReport, PageHook, crawl
from zholdau.crawl.sources import Source
from zholdau.store.base import Store

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)\s*$", re.IGNORECASE)
_UNIT = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in ``30s``, ``15m``, ``2h``, ``1d``; ``ValueError`` saying what is accepted."""
    m = _INTERVAL.match(text or "")
    if not m:
        raise ValueError(f"interval {text!r} is not a number with a unit: use e.g. 30s, 15m, 2h or 1d")
    seconds = float(m.group(1)) * _UNIT[m.group(2).lower()]
    if seconds <= 0:
        raise ValueError(f"interval {text!r} must be more than 0")
    return seconds


async def watch(
    sources: Sequence[Source],
    store: Store,
    settings: Settings,
    options: CrawlOptions | None,
    interval: float,
    *,
    rounds: int | None = None,
    stop: asyncio.Event | None = None,
    on_round: Callable[[int, CrawlReport], None] | None = None,
    on_page: PageHook | None = None,
    transport: object = None,
) -> list[CrawlReport]:
    """Crawl ``sources`` every ``interval`` seconds (``rounds`` times, or until ``stop`` is set)."""
    stop = stop or asyncio.Event()
    reports: list[CrawlReport] = []
    while not stop.is_set():
        report = await crawl(
            sources, store, settings, options, on_page=on_page, stop=stop, transport=transport
        )
        reports.append(report)
        if on_round is not None:
            on_round(len(reports), report)
        if rounds is not None and len(reports) >= rounds:
            break
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval)
    return reports
