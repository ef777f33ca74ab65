"""Crawl throughput against generated news sites on 127.0.0.1 (no network): pages per second with the
politeness limits off (no per-host delay, no per-host cap; robots.txt still obeyed) and on (a per-host
delay and 2 requests in flight per host; one site asks for Crawl-delay 0.3 s).

Each mode crawls fresh copies of the same sites into a fresh store: discovery (robots.txt, feeds,
sitemaps), fetching, the whole pipeline and the store. ``run()`` returns the numbers; ``bench/run.py``
calls it, and ``python bench/crawl.py`` prints them.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.crawl.site import kk_site, ru_site, sources_yaml  # noqa: E402
from zholdau.config import Settings  # noqa: E402
from zholdau.crawl.crawler import CrawlOptions, crawl  # noqa: E402
from zholdau.crawl.fetch import FetchOptions  # noqa: E402
from zholdau.crawl.sources import load_sources  # noqa: E402
from zholdau.store import open_store  # noqa: E402

POLITE_DELAY = 0.2  # seconds between requests to one host in the "on" mode (the default setting is 1.0)


def _crawl_once(polite: bool, pages_per_site: int, tmp: Path) -> dict[str, Any]:
    with ru_site(count=pages_per_site) as ru, kk_site(count=pages_per_site) as kk:
        path = tmp / f"sources-{polite}.yaml"
        path.write_text(sources_yaml(ru, kk, None), encoding="utf-8")
        sources = [s for s in load_sources(str(path)) if s.origin != "registry"]
        db = str(tmp / f"bench-{polite}.db")
        settings = Settings.load(db=db)
        store = open_store(db)
        fetch = FetchOptions(
            delay=POLITE_DELAY if polite else 0.0,
            concurrency=2,
            timeout=10.0,
            polite=polite,
            contact="https://example.org/zholdau-bench",
        )
        started = time.perf_counter()
        report = asyncio.run(
            crawl(sources, store, settings, CrawlOptions(fetch=fetch, concurrency=16, processes=True))
        )
        seconds = time.perf_counter() - started
        store.close()
        gaps = {}
        for name, site in (("ru", ru), ("kk", kk)):
            times = sorted(h.at for h in site.hits)
            gaps[name] = round(min((b - a for a, b in itertools.pairwise(times)), default=0.0), 3)
        peak = max(ru.max_active, kk.max_active)
    return {
        "pages": report.fetched,
        "articles": report.articles,
        "requests": report.requests,
        "seconds": round(seconds, 2),
        "pages_per_s": round(report.fetched / seconds, 2) if seconds else 0.0,
        "min_gap_s": gaps,
        "max_in_flight_per_host": peak,
    }


def run(pages_per_site: int = 40) -> dict[str, Any]:
    """Pages/s with politeness off and on over two local sites of ``pages_per_site`` articles each."""
    with tempfile.TemporaryDirectory(prefix="zholdau-bench-crawl-") as tmp:
        off = _crawl_once(False, pages_per_site, Path(tmp))
        on = _crawl_once(True, pages_per_site, Path(tmp))
    return {
        "sites": 2,
        "pages_per_site": pages_per_site,
        "polite_delay_s": POLITE_DELAY,
        "off": off,
        "on": on,
        "slowdown": round(off["pages_per_s"] / on["pages_per_s"], 2) if on["pages_per_s"] else None,
    }


if __name__ == "__main__":
    print(json.dumps(run(), indent=2, ensure_ascii=False))
