"""Reading a fetched page and running the pipeline on it, in a separate process.

The HTML reader and the pipeline are CPU work that holds the GIL for long stretches (lxml, big
regular expressions); done in the crawler's own process they would stall its event loop between the
moment a request is cleared by the per-host gate and the moment it leaves, and the server would see
requests closer together than the delay we promise. One worker process, started on first use and kept
for later crawls of the same process, does it instead; if it cannot start or dies, the work is done
in-process (slower to fetch around, same result).
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from typing import Any

from zholdau.config import Settings
from zholdau.model import Article, RawDocument, Rejection

log = logging.getLogger(__name__)

Analysis = tuple[RawDocument | Rejection, list[Article | Rejection]]
_POOL: ProcessPoolExecutor | None = None


@cache
def _pipeline(settings: Settings) -> Any:
    from zholdau.pipeline import Pipeline

    return Pipeline(settings)


def analyse(body: bytes, url: str, settings: Settings, content_type: str | None) -> Analysis:
    """The HTML reader on one fetched page, then every pipeline stage: ``(document, pipeline output)``."""
    from zholdau.readers.detect import charset_from_content_type
    from zholdau.readers.html import extract_html

    doc = extract_html(body, url, settings, url=url, http_charset=charset_from_content_type(content_type))
    if isinstance(doc, Rejection):
        return doc, []
    return doc, _pipeline(settings).process(doc)


def pool() -> ProcessPoolExecutor | None:
    """The shared worker process (``None`` when processes cannot be started here)."""
    global _POOL
    if _POOL is None:
        try:
            _POOL = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
        except (OSError, ValueError, NotImplementedError) as exc:  # no processes in this sandbox
            log.warning("cannot start the analysis process (%s): analysing pages in-process", exc)
            return None
    return _POOL


def discard_pool() -> None:
    """Forget a broken pool (the next crawl starts a new one)."""
    global _POOL
    if _POOL is not None:
        _POOL.shutdown(wait=False, cancel_futures=True)
        _POOL = None


atexit.register(discard_pool)
