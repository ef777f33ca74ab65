"""Distributed ingest: the same pipeline on a Dask cluster, with the same results as one process.

``ingest_distributed(paths, store, settings)`` splits the inputs into *partitions*, runs read + pipeline
on Dask workers (a :class:`~distributed.LocalCluster` of ``settings.workers`` processes, or the cluster
at ``settings.scheduler``) and writes the results as partitions complete:

* **Partitions.** :func:`plan_partitions` walks the paths like :func:`~zholdau.readers.read_paths` and
  groups files into partitions of at most ``settings.batch_size`` articles and :data:`PARTITION_BYTES`;
  a big JSONL file is cut into line ranges and a big WARC file into record ranges, so one file does not
  become one slow task. The plan is a stream: the corpus is never listed in memory.
* **Writing.** With SQLite (one writer) the client writes each partition's articles in one transaction,
  in plan order, so the store ends up exactly as a single-process run leaves it. With PostgreSQL (a URL
  every worker can reach) each worker writes its own partition in one transaction.
* **Failures.** A partition whose worker fails or dies is retried (``retries``); a partition that still
  fails becomes one rejection per input (stage ``distributed``) and the run goes on. A partition is
  never half-written: its articles go in one transaction, and articles are idempotent by id anyway.
* **Memory.** At most ``max_in_flight`` partitions are submitted or waiting to be written at any time
  (``as_completed`` with a bounded window), so memory stays flat with corpus size.

Workers must be able to import ``zholdau`` and open the input paths (on a remote cluster: the same
paths on a shared file system).
"""

from __future__ import annotations

import logging
import os
import stat
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zholdau.config import Settings
from zholdau.errors import ConfigError
from zholdau.ingest import KEEP_REJECTIONS, AfterIngestStream, IngestReport, stored
from zholdau.model import Article, RawDocument, Rejection
from zholdau.pipeline import Pipeline, Stage
from zholdau.store.base import Store, StoredArticle

log = logging.getLogger(__name__)

PARTITION_BYTES = 4_000_000  # bytes of input per partition (a big file is cut into pieces of this size)
DISTRIBUTED_STAGE = "distributed"
WAIT_FOR_WORKERS = 30  # seconds to wait for a remote cluster to have a worker
_HEAD = 2 << 20  # bytes read to decide whether a file can be cut (what the sniffer looks at)


# --------------------------------------------------------------------------------------------------
# Partitions


@dataclass(frozen=True, slots=True)
class Piece:
    """One input of a partition: a whole file, or a line range of a JSONL file / record range of a WARC.

    ``first`` is the number of the first line of a JSONL range, or the number of records before a WARC
    range, so sources (``file#L12``, ``file#record7``) are those of the whole file.
    """

    source: str
    path: str = ""
    kind: str = "file"  # file | jsonl | warc | missing
    start: int = 0
    end: int = 0
    first: int = 1
    items: int = 1  # articles expected (a whole file counts one)
    size: int = 0  # bytes of input
    last: bool = True  # the last piece of its file (the progress bar counts files)
    problem: str | None = None  # for kind "missing": why the path cannot be read


@dataclass(frozen=True, slots=True)
class Partition:
    """Pieces processed together by one task and written in one transaction."""

    index: int
    pieces: tuple[Piece, ...]

    @property
    def files(self) -> int:
        """Input files this partition finishes (what the progress bar counts)."""
        return sum(1 for p in self.pieces if p.last and p.kind != "missing")

    @property
    def items(self) -> int:
        return sum(p.items for p in self.pieces)


def _jsonl_ranges(path: Path, max_items: int, max_bytes: int) -> list[tuple[int, int, int, int]] | None:
    """``(start, end, first line, records)`` ranges of a JSONL file, each with at least one record."""
    ranges: list[tuple[int, int, int, int]] = []
    start, first, records, pos = 0, 1, 0, 0
    with path.open("rb") as f:
        for n, line in enumerate(f, start=1):
            pos += len(line)
            # the reader skips lines that are blank once decoded, so count only the others
            if line.strip() and line.decode("utf-8", "replace").strip():
                records += 1
            if records and (records >= max_items or pos - start >= max_bytes):
                ranges.append((start, pos, first, records))
                start, first, records = pos, n + 1, 0
    if records:
        ranges.append((start, pos, first, records))
    elif ranges:  # trailing blank lines join the last range
        s, _, fl, r = ranges[-1]
        ranges[-1] = (s, pos, fl, r)
    return ranges if len(ranges) > 1 else None


def _is_page(record: Any) -> bool:
    """A WARC record the WARC reader turns into a document (an HTML 200 response or resource)."""
    from zholdau.readers.warc import HTML_TYPES

    if record.rec_type == "response":
        http = record.http_headers
        if http is None or http.get_statuscode() != "200":
            return False
        ctype = http.get_header("Content-Type")
    elif record.rec_type == "resource":
        ctype = record.rec_headers.get_header("Content-Type")
    else:
        return False
    return bool(ctype) and ctype.split(";")[0].strip().lower() in HTML_TYPES


def _warc_ranges(path: Path, max_items: int, max_bytes: int) -> list[tuple[int, int, int, int]] | None:
    """``(start, end, records before, pages)`` ranges of a WARC file cut at record boundaries.

    Returns None (read the file whole) when the archive cannot be scanned cleanly: a damaged or
    non-chunked gzip WARC is left to the reader, which reports what it finds.
    """
    from warcio.archiveiterator import ArchiveIterator

    ranges: list[tuple[int, int, int, int]] = []
    start, before, count, pages, end = 0, 0, 0, 0, 0
    try:
        with path.open("rb") as f:
            it = ArchiveIterator(f)
            for record in it:
                page = _is_page(record)
                while record.raw_stream.read(1 << 16):
                    pass
                if getattr(record.raw_stream, "limit", 0):  # a record cut short: damaged
                    return None
                end = it.get_record_offset() + it.get_record_length()
                count += 1
                pages += page
                if pages and (pages >= max_items or end - start >= max_bytes):
                    ranges.append((start, end, before, pages))
                    start, before, pages = end, count, 0
    except Exception:  # a damaged archive: the reader reads it whole and reports the damage
        return None
    if end != path.stat().st_size:
        return None
    if pages:
        ranges.append((start, end, before, pages))
    elif ranges:
        s, _, b, p = ranges[-1]
        ranges[-1] = (s, end, b, p)
    return ranges if len(ranges) > 1 else None


def _pieces_of_file(
    path: Path, source: str, settings: Settings, max_items: int, max_bytes: int
) -> list[Piece]:
    """The file whole, or its line/record ranges when it is a big JSONL or WARC file."""
    from zholdau.readers.detect import foreign_format, is_gzip, is_warc, kind_from_name, sniff

    try:
        info = path.stat()
    except OSError:
        return [Piece(source, str(path.absolute()))]
    whole = [Piece(source, str(path.absolute()), size=info.st_size)]
    if not stat.S_ISREG(info.st_mode) or not 0 < info.st_size <= settings.max_file_bytes:
        return whole  # the reader rejects it (or reads nothing): one piece, the same message
    # a JSONL file with more records than a partition holds is cut even when small in bytes;
    # other files only when they are big (a WARC is scanned once more to find its records)
    if info.st_size <= max_bytes and kind_from_name(source) != "jsonl":
        return whole
    try:
        with path.open("rb") as f:
            head = f.read(_HEAD)
    except OSError:
        return whole
    if not head or foreign_format(head) is not None:
        return whole
    ranges: list[tuple[int, int, int, int]] | None = None
    if is_warc(head):
        ranges = _warc_ranges(path, max_items, max_bytes)
        kind = "warc"
    elif (
        not is_gzip(head)
        and sniff(head, source) == "jsonl"
        and not head.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff"))
    ):
        ranges = _jsonl_ranges(path, max_items, max_bytes)
        kind = "jsonl"
    if not ranges:
        return whole
    last = len(ranges) - 1
    return [
        Piece(
            source,
            str(path.absolute()),
            kind,
            start=s,
            end=e,
            first=first,
            items=items,
            last=i == last,
            size=e - s,
        )
        for i, (s, e, first, items) in enumerate(ranges)
    ]


def plan_partitions(
    paths: Iterable[str | Path],
    settings: Settings,
    max_items: int | None = None,
    max_bytes: int = PARTITION_BYTES,
) -> Iterator[Partition]:
    """Stream the partitions of these inputs, in the order :func:`~zholdau.readers.read_paths` reads them.

    A partition holds whole files until it reaches ``max_items`` articles (default
    ``settings.batch_size``) or ``max_bytes`` of input; a JSONL or WARC file bigger than that is cut
    into ranges of at most that many records, each its own partition.
    """
    from zholdau.readers.paths import _inputs  # the walk read_paths uses: same order, same sources

    limit = max_items or settings.batch_size
    index = 0
    group: list[Piece] = []
    size = 0
    for item in _inputs(paths):
        if item.path is None:
            pieces = [Piece(item.source, kind="missing", problem=item.problem or "cannot read this path")]
        else:
            pieces = _pieces_of_file(item.path, item.source, settings, limit, max_bytes)
        for piece in pieces:
            if piece.kind in ("jsonl", "warc"):
                if group:
                    yield Partition(index, tuple(group))
                    index, group, size = index + 1, [], 0
                yield Partition(index, (piece,))
                index += 1
                continue
            group.append(piece)
            size += piece.size
            if len(group) >= limit or size >= max_bytes:
                yield Partition(index, tuple(group))
                index, group, size = index + 1, [], 0
    if group:
        yield Partition(index, tuple(group))


# --------------------------------------------------------------------------------------------------
# The worker side


@dataclass
class PartitionResult:
    """What a worker returns for a partition (articles are empty when the worker wrote them)."""

    index: int
    files: int
    articles: list[StoredArticle] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    written: tuple[int, int] | None = None  # (new, duplicates) when the worker wrote to the store
    ids: list[str] = field(default_factory=list)  # ids of the articles, in reading order
    warnings: int = 0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    read_seconds: float = 0.0
    write_seconds: float = 0.0
    seconds: float = 0.0
    worker: str = ""


_PIPELINES: dict[tuple[Settings, bool], tuple[Pipeline, dict[str, float]]] = {}
_STORES: dict[str, Store] = {}


def _timed(stage: Stage, spent: dict[str, float]) -> Stage:
    def run(article: Article, s: Settings) -> list[Article] | None:
        t = time.perf_counter()
        try:
            return stage.run(article, s)
        finally:
            spent[stage.name] = spent.get(stage.name, 0.0) + time.perf_counter() - t

    return Stage(stage.name, stage.reads, stage.sets, run, stage.doc, stage.on_error)


def _pipeline(settings: Settings, timings: bool) -> tuple[Pipeline, dict[str, float]]:
    """One pipeline per worker process and settings (building it loads the knowledge base)."""
    key = (settings, timings)
    if key not in _PIPELINES:
        pipe = Pipeline(settings)
        spent: dict[str, float] = {}
        if timings:
            pipe.stages = [_timed(s, spent) for s in pipe.stages]
        _PIPELINES[key] = (pipe, spent)
    return _PIPELINES[key]


def _worker_store(url: str) -> Store:
    if url not in _STORES:
        from zholdau.store import open_store

        _STORES[url] = open_store(url)
    return _STORES[url]


def read_piece(piece: Piece, settings: Settings) -> Iterator[RawDocument | Rejection]:
    """The documents and rejections of one piece, named exactly as reading the whole file names them."""
    from zholdau.readers import read_bytes
    from zholdau.readers.detect import READ_STAGE
    from zholdau.readers.paths import _read_file

    if piece.kind == "missing":
        yield Rejection(piece.source, READ_STAGE, piece.problem or "cannot read this path")
        return
    if piece.kind == "file":
        yield from _read_file(Path(piece.path), piece.source, settings)
        return
    with open(piece.path, "rb") as f:
        f.seek(piece.start)
        data = f.read(piece.end - piece.start)
    if piece.kind == "jsonl":
        # blank lines in front give the reader the line numbers (and messages) of the whole file
        yield from read_bytes(b"\n" * (piece.first - 1) + data, piece.source, settings, kind="jsonl")
        return
    marker = f"{piece.source}#record"
    for item in read_bytes(data, piece.source, settings, kind="warc"):
        # record numbers count from the start of the file, not of the range
        if isinstance(item, RawDocument) and "warc_record" in item.meta:
            item.meta["warc_record"] += piece.first
        if item.source.startswith(marker) and item.source[len(marker) :].isdigit():
            item.source = f"{marker}{int(item.source[len(marker) :]) + piece.first}"
        yield item


def run_partition(
    part: Partition,
    settings: Settings,
    store_url: str | None = None,
    run_id: int | None = None,
    timings: bool = False,
) -> PartitionResult:
    """Read and analyse one partition (on a worker); write it when ``store_url`` is given.

    When the worker writes, rejections go first and the articles in one transaction after them, so a
    retry after a failure adds no article twice and loses none.
    """
    started = time.perf_counter()
    pipe, spent = _pipeline(settings, timings)
    spent.clear()
    result = PartitionResult(part.index, part.files, worker=f"{os.uname().nodename}:{os.getpid()}")
    read_s = 0.0
    for piece in part.pieces:
        t = time.perf_counter()
        docs = list(read_piece(piece, settings))
        read_s += time.perf_counter() - t
        for item in pipe.run(docs):
            if isinstance(item, Rejection):
                result.rejections.append(item)
            else:
                result.warnings += len(item.warnings)
                result.ids.append(item.id)
                art = stored(item)
                art.keys = art.search_keys()  # here, on the worker: the client may be the one writing
                result.articles.append(art)
    result.read_seconds = read_s
    result.stage_seconds = dict(spent)
    if store_url is not None:
        t = time.perf_counter()
        store = _worker_store(store_url)
        if result.rejections:
            store.add_rejections(result.rejections, run_id)
        added = store.add_articles(result.articles, run_id)
        result.written = (added.new, added.duplicates)
        result.articles = []
        for r in result.rejections:
            r.raw = None  # already stored; do not ship the bytes back
        result.write_seconds = time.perf_counter() - t
    result.seconds = time.perf_counter() - started
    return result


# --------------------------------------------------------------------------------------------------
# The client side


@dataclass
class DistributedReport(IngestReport):
    """An :class:`~zholdau.ingest.IngestReport` plus what the cluster did."""

    workers: int = 0
    partitions: int = 0
    failed_partitions: int = 0
    stage_seconds: Counter[str] = field(default_factory=Counter)
    read_seconds: float = 0.0
    write_seconds: float = 0.0
    after_seconds: float = 0.0  # instructions and connect step on the client (see ingest.AfterIngestStream)
    worker_seconds: float = 0.0
    seconds: float = 0.0
    by_worker: Counter[str] = field(default_factory=Counter)


Progress = Callable[[int, int], None]  # (files done, articles and rejections done)


def _client(settings: Settings, workers: int | None, scheduler: str | None) -> tuple[Any, Any]:
    """A Dask client: to ``scheduler`` if given, else to a new local cluster of processes."""
    try:
        from distributed import Client
    except ImportError as exc:
        raise ConfigError(
            "distributed ingest needs Dask: install the 'scale' extra (pip install 'zholdau[scale]'), "
            "or run without --workers/--scheduler"
        ) from exc
    if scheduler:
        try:
            client = Client(scheduler, timeout="10s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise ConfigError(
                f"cannot reach the Dask scheduler at {scheduler!r} ({exc}): start one with "
                "`dask scheduler` and `dask worker <address>`, or check the address (tcp://host:8786)"
            ) from exc
        try:
            client.wait_for_workers(1, timeout=WAIT_FOR_WORKERS)
        except TimeoutError as exc:
            client.close()
            raise ConfigError(
                f"the Dask scheduler at {scheduler!r} has no workers after {WAIT_FOR_WORKERS} s: start some "
                f"with `dask worker {scheduler}` (each needs zholdau installed and the input paths)"
            ) from exc
        return client, None
    cluster = local_cluster(workers or settings.workers)
    return Client(cluster), cluster


# Dask settings of the workers of a local cluster. Their defaults serve the Dask dashboard, which a
# local ingest does not start: a worker samples its task's stack every 10 ms (the dashboard's profile),
# wakes every 20 ms to measure its event loop, and reads its CPU, memory and network use every 0.5 s.
# Each wake-up takes the interpreter lock from the task: measured on 10 000 synthetic articles, one
# worker spent 94.7 s of CPU where the same partitions took 81.5 s in one process; with these, 81.8 s.
WORKER_CONFIG: dict[str, Any] = {  # dotted keys: a nested dict would replace the whole "distributed" tree
    "distributed.worker.profile.enabled": False,
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}


def local_cluster(workers: int) -> Any:
    """A local Dask cluster of ``workers`` one-thread processes (quiet, no dashboard, WORKER_CONFIG)."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
        config=WORKER_CONFIG,
    )


def ingest_distributed(
    paths: Sequence[str],
    store: Store,
    settings: Settings,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    client: Any = None,
    on_progress: Progress | None = None,
    max_in_flight: int | None = None,
    retries: int = 2,
    timings: bool = False,
    worker_writes: bool | None = None,
    partitions: Iterable[Partition] | None = None,
) -> DistributedReport:
    """Ingest ``paths`` on a Dask cluster; the store ends up as :func:`~zholdau.ingest.ingest_paths` leaves it.

    ``client`` (a ``distributed.Client``) is used as given; otherwise one is made for ``scheduler``
    (default ``settings.scheduler``) or for a new local cluster of ``workers`` processes (default
    ``settings.workers``). ``on_progress(files, items)`` is called as partitions complete.

    ``worker_writes`` (default: when the store is PostgreSQL) lets each worker write its partition
    itself; ``partitions`` replaces :func:`plan_partitions` (for callers that plan themselves).
    """
    scheduler = scheduler if scheduler is not None else settings.scheduler
    logging.getLogger("distributed").setLevel(logging.ERROR)
    own_cluster = None
    if client is None:
        client, own_cluster = _client(settings, workers, scheduler)
        own_client = True
    else:
        own_client = False
    started = time.perf_counter()
    info = {
        **dict(settings.describe()),
        "workers": str(workers or settings.workers),
        "scheduler": str(scheduler or "local"),
    }
    run_id = store.start_run(paths, info)
    report = DistributedReport(run_id=run_id)
    status = "failed"
    try:
        n_workers = max(1, len(client.scheduler_info(n_workers=-1).get("workers", {})) or (workers or 1))
        report.workers = n_workers
        window = max_in_flight or 2 * n_workers + 2
        if worker_writes is None:
            worker_writes = store.url.startswith(("postgresql://", "postgres://"))
        plan = iter(partitions) if partitions is not None else plan_partitions(paths, settings)
        # the steps after every ingest (instructions, copies, events, follow-ups) run on the client, in plan
        # order, as partitions are written: alongside the workers' pipelines rather than after them
        after = AfterIngestStream(store, settings)
        _run(
            client,
            plan,
            store,
            settings,
            report,
            run_id,
            window,
            retries,
            worker_writes,
            timings,
            on_progress,
            after,
        )
        t = time.perf_counter()
        after.close()
        report.after_seconds += time.perf_counter() - t
        status = "done"
    finally:
        report.seconds = time.perf_counter() - started
        store.finish_run(run_id, report.counts(), status)
        if own_client:
            client.close()
        if own_cluster is not None:
            own_cluster.close()
    return report


def _run(
    client: Any,
    plan: Iterator[Partition],
    store: Store,
    settings: Settings,
    report: DistributedReport,
    run_id: int,
    window: int,
    retries: int,
    worker_writes: bool,
    timings: bool,
    on_progress: Progress | None,
    after: AfterIngestStream | None = None,
) -> list[str]:
    """Submit partitions (at most ``window`` unwritten at a time) and write their results.

    Returns the ids of the articles read, in plan order (what :func:`~zholdau.ingest.after_ingest` needs).
    """
    from distributed import as_completed

    store_url = store.url if worker_writes else None
    token = uuid.uuid4().hex[:8]
    pending: dict[int, Partition] = {}  # submitted and not yet written
    done: dict[int, PartitionResult] = {}  # completed, waiting for their turn to be written
    index_of: dict[str, int] = {}
    ids: dict[int, list[str]] = {}
    next_to_write = 0
    next_to_connect = 0
    files = 0
    futures = as_completed()

    def submit() -> bool:
        part = next(plan, None)
        if part is None:
            return False
        pending[part.index] = part
        key = f"zholdau-partition-{token}-{part.index}"
        index_of[key] = part.index
        futures.add(
            client.submit(
                run_partition,
                part,
                settings,
                store_url,
                run_id,
                timings,
                retries=retries,
                pure=False,
                key=key,
            )
        )
        report.partitions += 1
        return True

    plan_left = True
    while pending or plan_left:
        while plan_left and len(pending) < window:
            plan_left = submit()
        if not pending:
            break
        fut = next(futures)
        index = index_of.pop(fut.key)
        try:
            result: PartitionResult = fut.result()
        except Exception as exc:  # retries used up: the partition's inputs become rejections
            result = _failed(pending[index], exc, retries)
            report.failed_partitions += 1
        fut.release()
        done[index] = result
        # SQLite has one writer: write in plan order, so the store is what a single process leaves.
        # Workers that wrote themselves (PostgreSQL) are accounted for as they come.
        ready = [done.pop(i) for i in list(done)] if worker_writes else []
        while not worker_writes and next_to_write in done:
            ready.append(done.pop(next_to_write))
            next_to_write += 1
        for res in ready:
            _write(res, store, report, run_id)
            pending.pop(res.index, None)
            ids[res.index] = res.ids
            files += res.files
            if on_progress is not None:
                on_progress(files, report.ingested + report.duplicates + report.rejected)
        while next_to_connect in ids:
            if after is not None:
                t = time.perf_counter()
                after.add(ids[next_to_connect])
                report.after_seconds += time.perf_counter() - t
            next_to_connect += 1
    return [i for index in sorted(ids) for i in ids[index]]


def _failed(part: Partition, exc: BaseException, retries: int) -> PartitionResult:
    """One rejection per input of a partition whose every try failed."""
    result = PartitionResult(part.index, part.files)
    reason = f"{type(exc).__name__}: {exc}".strip()[:300]
    for piece in part.pieces:
        where, what = piece.source, "this input"
        if piece.kind in ("jsonl", "warc"):
            where, what = (
                f"{piece.source}#bytes={piece.start}-{piece.end}",
                f"bytes {piece.start}-{piece.end}",
            )
        result.rejections.append(
            Rejection(
                where,
                DISTRIBUTED_STAGE,
                f"the worker reading {what} failed {retries + 1} times ({reason}); the rest of the run went on: "
                "ingest this file alone without --workers to see the error, and report it",
            )
        )
    return result


def _write(res: PartitionResult, store: Store, report: DistributedReport, run_id: int) -> None:
    t = time.perf_counter()
    if res.written is None:
        if res.rejections:
            report.new_rejections += store.add_rejections(res.rejections, run_id)
        if res.articles:
            added = store.add_articles(res.articles, run_id)
            report.ingested += added.new
            report.duplicates += added.duplicates
    else:
        if res.rejections and res.rejections[0].stage == DISTRIBUTED_STAGE:
            report.new_rejections += store.add_rejections(res.rejections, run_id)
        report.ingested += res.written[0]
        report.duplicates += res.written[1]
    report.write_seconds += time.perf_counter() - t + res.write_seconds
    report.rejected += len(res.rejections)
    room = KEEP_REJECTIONS - len(report.rejections)
    if room > 0:
        report.rejections.extend(res.rejections[:room])
    report.warnings += res.warnings
    report.stage_seconds.update(res.stage_seconds)
    report.read_seconds += res.read_seconds
    report.worker_seconds += res.seconds
    if res.worker:
        report.by_worker[res.worker] += 1
