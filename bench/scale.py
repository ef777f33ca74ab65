"""Scale benchmarks (issue "Scale out") on the synthetic corpus, each beside its baseline from the same run.

``run(mode)`` is what ``bench/run.py`` calls; it returns a dict (also printed by ``print_report``):

* throughput: the whole ingest (read → pipeline → SQLite) of N synthetic articles in one process, then
  with 2 Dask workers on a local cluster (cluster start-up timed apart); ratio = speed-up;
* stages: share of time per pipeline stage (from both runs), plus reading and writing;
* memory: RSS of the whole process tree (client + Dask nanny and workers), sampled while ingesting,
  at 25/50/75/100 % of the corpus (flat = no growth with articles processed) and its peak;
* quality: per-field F1 on the synthetic gold, on the first tenth of the corpus and on all of it;
* search: p50/p95/p99 of ``Store.search`` at S articles against a raw FTS5 query on the same database
  (S articles = the ingested ones plus clones with new ids, see bench/search.py), and the same on a
  throwaway PostgreSQL server against a raw tsvector query (when the server binaries are installed).

Sizes: quick N = 10 000, S = 100 000; full N = 100 000, S = 100 000 and 1 000 000. Alone:

    python bench/scale.py --mode quick [--n 2000 --search 20000]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from zholdau.config import Settings  # noqa: E402

SIZES: dict[str, dict[str, Any]] = {
    "quick": {"ingest": 10_000, "search": [100_000]},
    "full": {"ingest": 100_000, "search": [100_000, 1_000_000]},
}
QUERIES = [
    "Послание",
    "жолдау",
    "аким области",
    "облыс әкімі",
    "школа",
    "мектеп",
    "тапсырды",
    "поручил",
    "цифровизации",
    "кең жолақты интернет",
    "дорог",
    "Павлодар",
    "Семей",
    "гектаров",
    "Жолдауын іске асыру",
]
LINK_FIELDS = ["duplicate_of", "event", "follows_up"]  # scored as pairs (see zholdau.evaluation)
QUALITY_FIELDS = [
    "lang",
    "title",
    "published",
    "outlet",
    "author",
    "addresses",
    "primary_region",
    "regions",
    "places",
    "officials",
    "chair",
    "assignments",
    "figures",
    "topics",
]


# --------------------------------------------------------------------------------------------------
# Measuring helpers


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50/p95/p99 and mean of latencies in seconds, as milliseconds."""
    s = sorted(samples)

    def pct(p: float) -> float:
        return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))] * 1000

    return {
        "p50_ms": pct(50),
        "p95_ms": pct(95),
        "p99_ms": pct(99),
        "mean_ms": statistics.mean(s) * 1000,
        "queries": len(s),
    }


class RssSampler:
    """Samples the RSS of this process and all its children every ``interval`` s in a thread.

    ``progress()`` gives the share of the corpus done, so RSS can be read against corpus size.
    """

    def __init__(
        self, progress: Callable[[], float], interval: float = 0.2, skip: tuple[str, ...] = ("postgres",)
    ) -> None:
        import psutil

        self.psutil = psutil
        self.me = psutil.Process(os.getpid())
        self.progress = progress
        self.interval = interval
        self.skip = skip  # children not ours to count (a throwaway database server the benchmark started)
        self.samples: list[tuple[float, float]] = []  # (share done, MB)
        self.peaks: dict[
            int, tuple[str, float]
        ] = {}  # pid → (what it is, peak MB): which process holds the memory
        self.cpu: dict[int, float] = {}  # pid → CPU seconds last seen (processes that end keep theirs)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def rss_mb(self) -> float:
        total = 0
        for p in [self.me, *self.me.children(recursive=True)]:
            with contextlib.suppress(
                self.psutil.NoSuchProcess, self.psutil.AccessDenied
            ):  # a child just ended
                if p is not self.me and p.name().startswith(self.skip):
                    continue
                rss = p.memory_info().rss
                total += rss
                _, peak = self.peaks.get(p.pid, ("", 0.0))
                if rss / 2**20 > peak:
                    self.peaks[p.pid] = (self._role(p), rss / 2**20)
                t = p.cpu_times()
                self.cpu[p.pid] = t.user + t.system
        return total / 2**20

    def _role(self, p: Any) -> str:
        if p is self.me:
            return "this process"
        with contextlib.suppress(self.psutil.Error):
            cmd = " ".join(p.cmdline())
            for role in ("nanny", "worker", "resource_tracker"):
                if role in cmd:
                    return role
            if "spawn_main" in cmd or "multiprocessing" in cmd:
                return "spawned (Dask worker)"
            return p.name()
        return "ended"

    def _machine_busy(self) -> float:
        t = self.psutil.cpu_times()
        return sum(t) - t.idle - getattr(t, "iowait", 0.0)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.samples.append((self.progress(), self.rss_mb()))
            self._stop.wait(self.interval)

    def __enter__(self) -> RssSampler:
        self.start_mb = self.rss_mb()
        self.cpu_start = self.cpu.get(self.me.pid, 0.0)
        self.busy_start = self._machine_busy()
        self.wall_start = time.perf_counter()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append((1.0, self.rss_mb()))
        self.wall = time.perf_counter() - self.wall_start
        self.busy = self._machine_busy() - self.busy_start
        self.ours = sum(self.cpu.values()) - self.cpu_start

    def summary(self) -> dict[str, Any]:
        def at(share: float) -> float:
            seen = [mb for done, mb in self.samples if done <= share + 1e-9]
            return max(seen) if seen else 0.0

        quarters = {f"rss_at_{int(q * 100)}pct_mb": round(at(q), 1) for q in (0.25, 0.5, 0.75, 1.0)}
        first = quarters["rss_at_25pct_mb"] or 1.0
        return {
            "start_mb": round(self.start_mb, 1),
            "peak_mb": round(max(mb for _, mb in self.samples), 1),
            **quarters,
            "growth_25_to_100pct": round(quarters["rss_at_100pct_mb"] / first, 3),
            "samples": len(self.samples),
            "peak_by_process_mb": sorted(
                ([role, round(mb, 1)] for role, mb in self.peaks.values()), key=lambda r: -r[1]
            ),
        }

    def cpu_summary(self) -> dict[str, Any]:
        """CPU seconds used by our process tree (and by each process in it) and by everything else on the
        machine meanwhile."""
        others = max(0.0, self.busy - self.ours)
        cpus = os.cpu_count() or 1
        by_process = {
            pid: cpu - (self.cpu_start if pid == self.me.pid else 0.0) for pid, cpu in self.cpu.items()
        }
        return {
            "wall_s": round(self.wall, 2),
            "our_cpu_s": round(self.ours, 2),
            "others_cpu_s": round(others, 2),
            "cpus_left_for_us": round(max(0.0, cpus - others / max(self.wall, 1e-9)), 2),
            "cpu_by_process_s": sorted(
                ([self.peaks.get(pid, ("ended", 0.0))[0], round(cpu, 1)] for pid, cpu in by_process.items()),
                key=lambda r: -r[1],
            ),
        }


def _timed_pipeline(settings: Settings, spent: dict[str, float]) -> Any:
    from zholdau.distributed import _timed
    from zholdau.pipeline import Pipeline

    pipe = Pipeline(settings)
    pipe.stages = [_timed(s, spent) for s in pipe.stages]
    return pipe


def _shares(spent: dict[str, float], extra: dict[str, float]) -> dict[str, dict[str, float]]:
    total = sum(spent.values()) + sum(extra.values()) or 1.0
    both = {**spent, **extra}
    return {
        k: {"seconds": round(v, 3), "share": round(v / total, 4)}
        for k, v in sorted(both.items(), key=lambda kv: -kv[1])
    }


# --------------------------------------------------------------------------------------------------
# Throughput, stages, memory


def bench_single(corpus: Path, db: str, total: int) -> dict[str, Any]:
    """One process: the ordinary ``ingest_paths`` with the stages timed."""
    from zholdau.ingest import ingest_paths
    from zholdau.readers import read_paths
    from zholdau.store import open_store

    settings = Settings.load(db=db, connect="off")  # the connect step is timed apart (bench_connect)
    spent: dict[str, float] = {}
    done = 0
    read_s = 0.0

    def on_item(item: Any) -> None:
        nonlocal done
        done += 1

    def timed_read(paths: Any, s: Settings) -> Iterator[Any]:
        nonlocal read_s
        it = read_paths(paths, s)
        while True:
            t = time.perf_counter()
            try:
                item = next(it)
            except StopIteration:
                read_s += time.perf_counter() - t
                return
            read_s += time.perf_counter() - t
            yield item

    import zholdau.ingest as ingest_module

    after_s = 0.0
    original_after = ingest_module.after_ingest

    def timed_after(*args: Any) -> None:
        nonlocal after_s
        t = time.perf_counter()
        original_after(*args)
        after_s += time.perf_counter() - t

    store = open_store(db)
    original = ingest_module.read_paths
    ingest_module.read_paths = timed_read  # type: ignore[assignment]
    ingest_module.after_ingest = timed_after  # type: ignore[assignment]
    try:
        with RssSampler(lambda: done / max(total, 1)) as rss:
            t = time.perf_counter()
            report = ingest_paths(
                [str(corpus)], store, settings, on_item=on_item, pipeline=_timed_pipeline(settings, spent)
            )
            seconds = time.perf_counter() - t
    finally:
        ingest_module.read_paths = original  # type: ignore[assignment]
        ingest_module.after_ingest = original_after  # type: ignore[assignment]
    store.close()
    write_s = max(0.0, seconds - read_s - after_s - sum(spent.values()))
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(report.ingested / seconds, 1),
        "counts": report.counts(),
        "stages": _shares(
            spent, {"read": read_s, "write (and the rest)": write_s, "connect + instructions": after_s}
        ),
        "memory": rss.summary(),
        "cpu": rss.cpu_summary(),
    }


def local_cluster(workers: int) -> tuple[Any, Any]:
    """The local Dask cluster ``zholdau ingest --workers`` starts, and its client."""
    from distributed import Client

    from zholdau.distributed import local_cluster as zholdau_cluster

    cluster = zholdau_cluster(workers)
    return cluster, Client(cluster)


def bench_dask(corpus: Path, db: str, total: int, workers: int = 2) -> dict[str, Any]:
    """The same ingest on a local Dask cluster of ``workers`` processes (client writes SQLite)."""

    from zholdau.distributed import ingest_distributed
    from zholdau.store import open_store

    settings = Settings.load(db=db, workers=workers, connect="off")
    done = 0

    def on_progress(files: int, items: int) -> None:
        nonlocal done
        done = items

    with RssSampler(lambda: done / max(total, 1)) as rss:
        t = time.perf_counter()
        cluster, client = local_cluster(workers)
        client.run(lambda: __import__("zholdau.pipeline").pipeline.default_stages())  # warm the workers
        startup = time.perf_counter() - t
        store = open_store(db)
        t = time.perf_counter()
        report = ingest_distributed(
            [str(corpus)], store, settings, client=client, on_progress=on_progress, timings=True
        )
        seconds = time.perf_counter() - t
        store.close()
        client.close()
        cluster.close()
    extra = {
        "read": report.read_seconds,
        "write (client)": report.write_seconds,
        "connect + instructions (client)": report.after_seconds,
    }
    return {
        "workers": workers,
        "seconds": round(seconds, 2),
        "cluster_start_s": round(startup, 2),
        "articles_per_s": round(report.ingested / seconds, 1),
        "counts": report.counts(),
        "partitions": report.partitions,
        "failed_partitions": report.failed_partitions,
        "worker_busy_s": round(report.worker_seconds, 2),
        "stages": _shares(dict(report.stage_seconds), extra),
        "memory": rss.summary(),
        "cpu": rss.cpu_summary(),
    }


def bench_connect(db: str) -> dict[str, Any]:
    """The connect step (copies, events, follow-ups) over a whole ingested store, as ingest runs it after
    the pipeline (one process: it decides article by article, in order). The embedding mode is the
    settings' (``ZHOLDAU_EMBEDDINGS``)."""
    from zholdau.connect import connect_store
    from zholdau.store import open_store

    settings = Settings.load(db=db)
    store = open_store(db)
    with RssSampler(lambda: 0.0) as rss:
        rep = connect_store(store, settings.today, embeddings=settings.embeddings)
    store.close()
    return {
        "seconds": round(rep.seconds, 2),
        "articles_per_s": round(rep.articles / max(rep.seconds, 1e-9), 1),
        "embeddings": rep.embeddings,
        "embedder": rep.embedder,
        "memory": rss.summary(),
    }


# --------------------------------------------------------------------------------------------------
# Quality


def bench_quality(gold_path: Path, db: str, links: bool = True) -> dict[str, Any]:
    """Per-field F1 on the first tenth of the gold and on all of it (records without text or evidence);
    the links (copies, events, follow-ups) only when the connect step ran (``links``)."""
    from zholdau.evaluation import evaluate, load_gold
    from zholdau.store import open_store

    gold = load_gold(gold_path)
    fields = [*QUALITY_FIELDS, *LINK_FIELDS] if links else list(QUALITY_FIELDS)
    keep = {"source", "id", "duplicate_of", "event_id", "follows_up", *QUALITY_FIELDS}
    out: dict[str, Any] = {}
    store = open_store(db)
    for label, rows in (("tenth", gold[: max(1, len(gold) // 10)]), ("all", gold)):
        records = ({k: v for k, v in r.items() if k in keep} for r in store.iter_records())
        rep = evaluate(rows, records, fields)
        out[label] = {
            "articles": len(rows),
            "matched": rep.matched,
            "f1": {f.name: round(f.f1, 4) for f in rep.fields},
        }
    store.close()
    out["f1_drop_tenth_to_all"] = {k: round(out["tenth"]["f1"][k] - out["all"]["f1"][k], 4) for k in fields}
    return out


def _same_records(db_a: str, db_b: str) -> dict[str, Any]:
    """Every extracted field of every article alike in both stores (bench/pg_ingest.compare)."""
    from bench.pg_ingest import compare

    same = compare(db_a, db_b)
    return {k: same[k] for k in ("articles", "only_in_one_count", "differing_fields", "examples", "same")}


def same_links(db_a: str, db_b: str) -> dict[str, Any]:
    """Whether two stores of the same corpus connected it alike: copies, events, follow-ups and
    assignment statuses, article by article (by source)."""
    from zholdau.store import open_store

    def links(db: str) -> dict[str, tuple[Any, ...]]:
        store = open_store(db)
        recs = list(store.iter_records())
        store.close()
        source_of = {r["id"]: r.get("source") for r in recs}
        members: dict[str, list[str]] = {}
        for r in recs:
            if r.get("event_id"):
                members.setdefault(r["event_id"], []).append(str(r.get("source")))
        return {
            str(r.get("source")): (
                source_of.get(r.get("duplicate_of")),
                tuple(sorted(members.get(r.get("event_id") or "", []))),
                tuple(sorted(str(source_of.get(i)) for i in r.get("follows_up") or [])),
                tuple(a.get("status") for a in r.get("assignments") or [] if isinstance(a, dict)),
            )
            for r in recs
        }

    a, b = links(db_a), links(db_b)
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    return {"articles": len(a), "differ": len(differ), "examples": differ[:5], "same": not differ}


# --------------------------------------------------------------------------------------------------
# Search


# Search: bench/search.py (grows the store by cloning rows in SQL, times SQLite and PostgreSQL)


# --------------------------------------------------------------------------------------------------
# The whole run


def run(
    mode: str = "quick",
    n: int | None = None,
    search_sizes: list[int] | None = None,
    log: Callable[[str], None] | None = None,
    connect: bool = True,
) -> dict[str, Any]:
    """All scale benchmarks for ``mode`` (quick or full); ``n``/``search_sizes`` override the sizes.
    ``connect=False`` leaves out the connect step (bench/connect.py times it alone at 100 000 articles)
    and so the link comparison and link quality."""
    from zholdau.synth import generate

    say = log or (lambda msg: print(msg, file=sys.stderr, flush=True))
    sizes = SIZES[mode]
    n = n or int(sizes["ingest"])
    search_sizes = search_sizes or list(sizes["search"])
    results: dict[str, Any] = {
        "mode": mode,
        "articles": n,
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "python": platform.python_version(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    with tempfile.TemporaryDirectory(prefix="zholdau-scale-") as tmp:
        work = Path(tmp)
        say(f"scale: writing {n} synthetic articles")
        synth = generate(n, work / "synth", seed=7, malformed_rate=0.01)
        results["synth"] = {
            "articles": synth.articles,
            "files": synth.files,
            "seconds": round(synth.seconds, 2),
            "articles_per_s": round(synth.articles / max(synth.seconds, 1e-9)),
            "expected_rejections": sum(synth.malformed.values()),
        }
        corpus = work / "synth" / "corpus"
        total = synth.articles + sum(synth.malformed.values())
        say("scale: ingest in one process")
        single = bench_single(corpus, str(work / "single.db"), total)
        say(f"scale: one process {single['articles_per_s']} articles/s; now 2 Dask workers")
        dask = bench_dask(corpus, str(work / "dask.db"), total)
        connect_single = connect_dask = None
        if connect:
            say("scale: the connect step on each store")
            connect_single = bench_connect(str(work / "single.db"))
            connect_dask = bench_connect(str(work / "dask.db"))
        cpus = os.cpu_count() or 1
        results["throughput"] = {
            "single": single,
            "dask": dask,
            "speedup": round(single["seconds"] / dask["seconds"], 3),
            # what the same CPU work would take with all CPUs free of other load (a projection, labelled so)
            "projected_speedup_idle_machine": round(
                single["cpu"]["our_cpu_s"] / max(dask["cpu"]["our_cpu_s"] / min(cpus, dask["workers"]), 1e-9),
                3,
            ),
            "speedup_with_cluster_start": round(
                single["seconds"] / (dask["seconds"] + dask["cluster_start_s"]), 3
            ),
            "same_counts": single["counts"] == dask["counts"],
            "same_records": _same_records(str(work / "single.db"), str(work / "dask.db")),
        }
        if connect_single and connect_dask:
            results["throughput"].update(
                {
                    "same_links": same_links(str(work / "single.db"), str(work / "dask.db")),
                    "connect": connect_single,
                    # what a whole `zholdau ingest` takes: the pipeline, then the connect step on one core
                    "with_connect_speedup": round(
                        (single["seconds"] + connect_single["seconds"])
                        / (dask["seconds"] + connect_dask["seconds"]),
                        3,
                    ),
                }
            )
        say(
            f"scale: 2 workers {dask['articles_per_s']} articles/s (x{results['throughput']['speedup']}); quality"
        )
        results["quality"] = bench_quality(
            work / "synth" / "gold.jsonl", str(work / "single.db"), links=connect
        )
        from bench.search import grow_and_time
        from tests.pg_server import find_bindir

        say(f"scale: search at {search_sizes} articles")
        results["search"] = grow_and_time(
            str(work / "single.db"),
            search_sizes,
            postgres=find_bindir() is not None,
            rounds=10 if mode == "quick" else 30,
            work=work,
        )
    results["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return results


def print_report(r: dict[str, Any]) -> None:
    """The results as a short table."""
    t = r["throughput"]
    s, d = t["single"], t["dask"]
    print(
        f"\nscale ({r['mode']}, {r['articles']} synthetic articles, {r['cpus']} CPUs, load "
        f"{r['load_average_before']} → {r['load_average_after']})"
    )
    print(f"  synth              {r['synth']['articles_per_s']} articles/s ({r['synth']['seconds']} s)")
    print(f"  ingest 1 process   {s['articles_per_s']} articles/s ({s['seconds']} s)")
    print(
        f"  ingest 2 workers   {d['articles_per_s']} articles/s ({d['seconds']} s + {d['cluster_start_s']} s "
        f"cluster start)  speed-up x{t['speedup']} (goal x1.7), same counts: {t['same_counts']}"
    )
    c = t.get("connect")
    if c:
        print(
            f"  connect step       {c['articles_per_s']} articles/s ({c['seconds']} s, {c['embeddings']} embeddings, "
            f"{c['embedder'] or 'facts only'}); whole ingest with it: speed-up x{t['with_connect_speedup']}"
        )
    sr = t.get("same_records")
    if sr:
        print(
            f"  same records (every extracted field of every article): {sr['same']} "
            f"({sr['only_in_one_count']} in one store only, fields differing: {sr['differing_fields']})"
        )
    sl = t.get("same_links", {})
    if sl:
        print(
            f"  same links (copies, events, follow-ups, statuses): {sl['same']} ({sl['differ']} articles differ)"
        )
    for label, run_ in (("1 process", s), ("2 workers", d)):
        c = run_["cpu"]
        print(
            f"  CPU {label:10} ours {c['our_cpu_s']} s, other processes {c['others_cpu_s']} s in {c['wall_s']} s "
            f"wall ({c['cpus_left_for_us']} of {r['cpus']} CPUs left for us)"
        )
    print(f"  projected speed-up with the CPUs free of other load: x{t['projected_speedup_idle_machine']}")
    for label, run_ in (("1 process", s), ("2 workers", d)):
        m = run_["memory"]
        print(
            f"  RSS {label:10} peak {m['peak_mb']} MB; at 25/50/75/100 %: {m['rss_at_25pct_mb']} / "
            f"{m['rss_at_50pct_mb']} / {m['rss_at_75pct_mb']} / {m['rss_at_100pct_mb']} MB"
        )
    print(
        "  stage shares (1 process): "
        + ", ".join(f"{k} {v['share'] * 100:.0f}%" for k, v in s["stages"].items() if v["share"] >= 0.01)
    )
    q = r["quality"]
    print(
        "  quality F1 (all / first tenth): "
        + ", ".join(
            f"{k} {q['all']['f1'][k]:.3f}/{q['tenth']['f1'][k]:.3f}"
            for k in [*QUALITY_FIELDS, *LINK_FIELDS]
            if k in q["all"]["f1"]
        )
    )
    from bench.search import print_size

    for size, e in r["search"].items():
        print_size(int(size), e)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["quick", "full"], default="quick")
    ap.add_argument("--n", type=int, default=None, help="synthetic articles to ingest")
    ap.add_argument("--search", type=int, action="append", default=None, help="search database sizes")
    ap.add_argument("--no-connect", action="store_true", help="leave out the connect step (and link quality)")
    args = ap.parse_args()
    results = run(args.mode, args.n, args.search, connect=not args.no_connect)
    print_report(results)
    save(f"scale-{args.mode}", results)


def save(name: str, results: dict[str, Any]) -> Path:
    """Write ``results`` to bench/results/<name>-<time>.json and say where."""
    out = ROOT / "bench" / "results" / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\nwritten: {out.relative_to(ROOT)}")
    return out


if __name__ == "__main__":
    main()
