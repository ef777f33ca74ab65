"""Ingest: read inputs, run the pipeline, write articles and rejections in batches, record the run."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from zholdau.config import Settings
from zholdau.model import Article, Rejection
from zholdau.pipeline import Pipeline
from zholdau.readers import read_paths
from zholdau.store.base import Store, StoredArticle

KEEP_REJECTIONS = 1000  # rejections an ingest report keeps to show (every one goes to the store)


@dataclass
class IngestReport:
    run_id: int = 0
    ingested: int = 0
    duplicates: int = 0
    rejected: int = 0
    new_rejections: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    warnings: int = 0

    def counts(self) -> dict[str, int]:
        return {"ingested": self.ingested, "duplicates": self.duplicates, "rejected": self.rejected}


def stored(article: Article) -> StoredArticle:
    return StoredArticle(article.to_record(), article.raw_text, article.raw_bytes or None)


def ingest_items(
    items: Iterable[Article | Rejection],
    store: Store,
    settings: Settings,
    run_id: int | None = None,
    on_item: Callable[[Article | Rejection], None] | None = None,
) -> IngestReport:
    """Write pipeline output to the store in batches of ``settings.batch_size`` (one transaction each)."""
    report = IngestReport(run_id=run_id or 0)
    batch: list[StoredArticle] = []
    rejects: list[Rejection] = []

    def flush() -> None:
        if batch:
            res = store.add_articles(batch, run_id)
            report.ingested += res.new
            report.duplicates += res.duplicates
            batch.clear()
        if rejects:
            report.new_rejections += store.add_rejections(rejects, run_id)
            rejects.clear()

    for item in items:
        if isinstance(item, Rejection):
            rejects.append(item)
            report.rejected += 1
            if len(report.rejections) < KEEP_REJECTIONS:  # a million inputs must not fill the memory
                report.rejections.append(item)
        else:
            report.warnings += len(item.warnings)
            batch.append(stored(item))
        if on_item:
            on_item(item)
        if len(batch) >= settings.batch_size or len(rejects) >= settings.batch_size:
            flush()
    flush()
    return report


def ingest_paths(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    on_item: Callable[[Article | Rejection], None] | None = None,
    pipeline: Pipeline | None = None,
) -> IngestReport:
    """The whole ingest of files and folders, recorded as a run."""
    run_id = store.start_run(paths, dict(settings.describe()))
    pipe = pipeline or Pipeline(settings)
    status = "failed"
    report = IngestReport(run_id=run_id)
    seen_ids: list[str] = []

    def remember(item: Article | Rejection) -> None:
        if isinstance(item, Article):
            seen_ids.append(item.id)
        if on_item:
            on_item(item)

    try:
        report = ingest_items(pipe.run(read_paths(paths, settings)), store, settings, run_id, remember)
        after_ingest(store, settings, seen_ids)
        status = "done"
    finally:
        store.finish_run(run_id, report.counts(), status)
    return report


def after_ingest(store: Store, settings: Settings, article_ids: Sequence[str]) -> None:
    """The steps that follow every ingest, whatever wrote the articles (CLI, API, Dask workers, crawler):
    link the articles to the loaded instructions of their Addresses, then connect them (copies, events,
    assignment follow-ups)."""
    from zholdau.instructions import link_stored

    link_stored(store, article_ids=list(article_ids))
    connect_new(store, settings, article_ids)


def connect_new(store: Store, settings: Settings, article_ids: Sequence[str]) -> None:
    """Run the incremental connect step for these articles (a store without connect tables skips it)."""
    if settings.connect != "on" or not article_ids:
        return
    try:
        import datasketch  # noqa: F401  (the `connect` extra; without it ingest stores articles unconnected)
    except ImportError:
        return
    from zholdau.connect import connect_store

    try:
        connect_store(store, settings.today, article_ids, embeddings=settings.embeddings)
    except NotImplementedError:
        return


class AfterIngestStream:
    """:func:`after_ingest` for articles as they are written (in write order), so the connect step
    runs alongside the rest of an ingest instead of after it.

    Articles are handed on in chunks of the connect step's batch size, cut from the ids in the order
    they came: the same chunks one call over all of them would make, so the results are the same."""

    def __init__(self, store: Store, settings: Settings, chunk: int | None = None) -> None:
        from zholdau.connect.runner import BATCH

        self.store, self.settings, self.chunk = store, settings, chunk or BATCH
        self._seen: set[str] = set()
        self._buffer: list[str] = []

    def add(self, article_ids: Iterable[str]) -> None:
        for i in article_ids:
            if i not in self._seen:
                self._seen.add(i)
                self._buffer.append(i)
        while len(self._buffer) >= self.chunk:
            head, self._buffer = self._buffer[: self.chunk], self._buffer[self.chunk :]
            after_ingest(self.store, self.settings, head)

    def close(self) -> None:
        """Hand on what is left (call once the last article is written)."""
        if self._buffer:
            head, self._buffer = self._buffer, []
            after_ingest(self.store, self.settings, head)
