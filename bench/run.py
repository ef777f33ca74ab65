"""`make bench`: throughput, latency percentiles and peak memory, each as a ratio to a baseline
measured in the same run on the same data. Prints a table and writes JSON to bench/results/.

Benchmarks (quick mode, the default, finishes in a few minutes on 2 cores):

* pipeline: the whole ingest (read → clean → language → metadata → extraction → SQLite + FTS5) of the
  demo corpus repeated to N articles, against a baseline that reads the same plain text and inserts
  it into a bare FTS5 table (no cleaning, no analysis, no trafilatura);
* stages: share of the pipeline time spent in each stage;
* search: latency p50/p95/p99 of `Store.search` against a raw FTS5 MATCH on the same database;
* memory: peak RSS of the ingest process.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zholdau.config import Settings  # noqa: E402
from zholdau.model import RawDocument  # noqa: E402
from zholdau.readers import read_paths  # noqa: E402

RESULTS = ROOT / "bench" / "results"


def demo_documents() -> list[RawDocument]:
    docs = [
        d for d in read_paths([str(ROOT / "demo" / "corpus")], Settings.load()) if isinstance(d, RawDocument)
    ]
    if not docs:
        raise SystemExit("demo corpus not found or empty: run from the repository")
    return docs


def replicate(docs: list[RawDocument], n: int, seed: int = 7) -> list[RawDocument]:
    """n documents: the demo corpus repeated, each copy made unique so nothing is a duplicate."""
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        d = docs[i % len(docs)]
        tag = f"\nНомер выпуска {i} / шығарылым {rnd.randrange(10**9)}."
        out.append(
            RawDocument(
                source=f"{d.source}@{i}",
                text=d.text + tag,
                kind=d.kind,
                url=d.url,
                title=d.title,
                published=d.published,
                outlet=d.outlet,
                author=d.author,
                meta=dict(d.meta),
            )
        )
    return out


def bench_baseline(docs: list[RawDocument], db: str) -> float:
    con = sqlite3.connect(db)
    con.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    t0 = time.perf_counter()
    with con:
        for i, d in enumerate(docs):
            con.execute("INSERT INTO t(rowid, body) VALUES (?, ?)", (i + 1, d.text))
    dt = time.perf_counter() - t0
    con.close()
    return dt


def bench_pipeline(docs: list[RawDocument], db: str) -> tuple[float, dict[str, float], int]:
    from zholdau.ingest import ingest_items
    from zholdau.pipeline import Pipeline, Stage
    from zholdau.store import open_store

    settings = Settings.load(db=db)
    pipe = Pipeline(settings)
    spent: dict[str, float] = {s.name: 0.0 for s in pipe.stages}

    def timed(stage: Stage) -> Stage:
        def run(article: Any, s: Settings) -> Any:
            t = time.perf_counter()
            try:
                return stage.run(article, s)
            finally:
                spent[stage.name] += time.perf_counter() - t

        return Stage(stage.name, stage.reads, stage.sets, run, stage.doc, stage.on_error)

    list(pipe.run(docs[:30]))  # warm-up: language models and knowledge indexes load once per process
    pipe.stages = [timed(s) for s in pipe.stages]
    store = open_store(db)
    t0 = time.perf_counter()
    report = ingest_items(pipe.run(docs), store, settings)
    dt = time.perf_counter() - t0
    store.close()
    return dt, spent, report.ingested


def percentiles(samples: list[float]) -> dict[str, float]:
    s = sorted(samples)

    def pct(p: float) -> float:
        return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))] * 1000

    return {"p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "mean_ms": statistics.mean(s) * 1000}


QUERIES = [
    "Послание",
    "жолдау",
    "аким области",
    "Баталов",
    "школа",
    "мектеп",
    "тапсырма",
    "поручил",
    "цифровизация",
    "жасанды интеллект",
    "дорога",
    "Павлодар",
]


def bench_search(db: str, rounds: int) -> tuple[dict[str, float], dict[str, float]]:
    from zholdau import textindex
    from zholdau.store import open_store

    store = open_store(db)
    ours, raw = [], []
    con = sqlite3.connect(db)
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            store.search(q, limit=20)
            ours.append(time.perf_counter() - t)
            match = textindex.fts5_query(q)
            t = time.perf_counter()
            con.execute(
                "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rank LIMIT 20", (match,)
            ).fetchall()
            raw.append(time.perf_counter() - t)
    store.close()
    con.close()
    return percentiles(ours), percentiles(raw)


def child_peak_rss(mode: str, n: int) -> int:
    """Peak RSS (KB) of a fresh process that ingests n articles (so earlier benchmarks do not count)."""
    work = (
        "b.bench_pipeline(docs, d + '/m.db')" if mode == "pipeline" else "b.bench_baseline(docs, d + '/m.db')"
    )
    code = (
        f"import sys, tempfile, resource; sys.path.insert(0, {str(ROOT)!r}); import bench.run as b;"
        f"docs=b.replicate(b.demo_documents(), {n}); d=tempfile.mkdtemp();"
        f"{work}; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    return int(out.stdout.strip().splitlines()[-1])


SUITES = ["core", "extraction", "kaznerd", "api", "connect", "crawl", "scale", "pg_ingest"]
KAZNERD = ROOT.parent / "shared" / "corpora" / "kaznerd" / "IOB2_test.txt"


def run_suite(name: str, mode: str, db: str | None) -> dict[str, Any]:
    """One of the feature benchmarks (each module measures against its own baseline in the same run)."""
    quick = mode == "quick"
    if name == "extraction":
        from bench import extraction

        return extraction.run(n=600 if quick else None, write=False)
    if name == "kaznerd":
        from bench import kaznerd

        if not KAZNERD.is_file():
            return {"skipped": f"{KAZNERD} not found (KazNERD is not shipped with the project)"}
        return kaznerd.run(KAZNERD, limit=2000 if quick else None, write=False)
    if name == "api":
        from bench import api

        if db is None:
            return {"skipped": "no database from the core benchmark"}
        return api.run(db)
    if name == "connect":
        from bench import connect

        return connect.run(sizes=(2_000, 10_000) if quick else (10_000, 100_000))
    if name == "crawl":
        from bench import crawl

        return crawl.run(pages_per_site=20 if quick else 40)
    if quick and name in ("scale", "pg_ingest"):
        # the embedding's cost is measured by the connect suite; quick scale runs decide events on facts
        os.environ.setdefault("ZHOLDAU_EMBEDDINGS", "off")
    if name == "scale":
        from bench import scale

        # quick: 2 000 synthetic articles keep `make bench` under 10 minutes; BENCH=full runs 10k/100k
        return scale.run(mode, n=2_000 if quick else None, search_sizes=[10_000] if quick else None)
    if name == "pg_ingest":
        from bench import pg_ingest

        # 1 process vs 2 workers into a throwaway PostgreSQL: same counts, same records (full: 100 000)
        return pg_ingest.run(n=1_000 if quick else 100_000)
    raise ValueError(name)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=["quick", "full"], default="quick")
    ap.add_argument("--n", type=int, default=None, help="articles for the pipeline benchmark")
    ap.add_argument("--only", default=",".join(SUITES), help=f"comma-separated suites: {', '.join(SUITES)}")
    args = ap.parse_args()
    suites = [s.strip() for s in args.only.split(",") if s.strip()]
    if "core" not in suites:
        results_extra = {}
        for name in suites:
            results_extra[name] = _safe(name, args.mode, None)
        _write(args.mode, {"mode": args.mode, **results_extra})
        return
    n = args.n or (10_000 if args.mode == "quick" else 100_000)
    docs = replicate(demo_documents(), n)
    results: dict[str, Any] = {
        "mode": args.mode,
        "articles": n,
        "machine": platform.platform(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    tmp = tempfile.mkdtemp(prefix="zholdau-bench-")
    # the pipeline database lives until every suite has read it (the API benchmark reads it below), then goes
    try:
        base_s = bench_baseline(docs, f"{tmp}/baseline.db")
        pipe_s, spent, ingested = bench_pipeline(docs, f"{tmp}/pipeline.db")
        chars = sum(len(d.text) for d in docs)
        results["pipeline"] = {
            "articles_per_s": n / pipe_s,
            "chars_per_s": chars / pipe_s,
            "seconds": pipe_s,
            "ingested": ingested,
            "baseline_articles_per_s": n / base_s,
            "baseline_seconds": base_s,
            "ratio_to_baseline": (n / pipe_s) / (n / base_s),
        }
        total = sum(spent.values()) or 1.0
        results["stages"] = {k: {"seconds": v, "share": v / total} for k, v in spent.items()}
        ours, raw = bench_search(f"{tmp}/pipeline.db", rounds=20 if args.mode == "quick" else 100)
        results["search"] = {
            "zholdau": ours,
            "raw_fts5": raw,
            "p95_ratio_to_raw": ours["p95_ms"] / max(raw["p95_ms"], 1e-6),
        }
        m = min(n, 2000 if args.mode == "quick" else 10_000)
        rss_pipe, rss_base = child_peak_rss("pipeline", m), child_peak_rss("baseline", m)
        results["memory"] = {
            "articles": m,
            "pipeline_peak_rss_mb": rss_pipe / 1024,
            "baseline_peak_rss_mb": rss_base / 1024,
            "ratio_to_baseline": rss_pipe / rss_base,
        }
        results["self_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print_table(results)
        db = f"{tmp}/pipeline.db"
        for name in suites:
            if name != "core":
                results[name] = _safe(name, args.mode, db)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # hundreds of MB a run
    _write(args.mode, results)


def _safe(name: str, mode: str, db: str | None) -> dict[str, Any]:
    print(f"\n== {name} ==", flush=True)
    t = time.perf_counter()
    try:
        res = run_suite(name, mode, db)
    except Exception as exc:  # one broken suite must not hide the others' figures
        res = {"error": f"{type(exc).__name__}: {exc}"}
    res["bench_seconds"] = round(time.perf_counter() - t, 1)
    print(json.dumps(_summary(res), ensure_ascii=False, indent=1, default=str)[:3000], flush=True)
    return res


def _summary(res: dict[str, Any], depth: int = 0) -> Any:
    """The numbers of a result, without long lists (the JSON file keeps everything)."""
    if isinstance(res, dict):
        return {k: _summary(v, depth + 1) for k, v in res.items() if depth < 3}
    if isinstance(res, list):
        return f"[{len(res)} items]" if len(res) > 6 else [_summary(v, depth + 1) for v in res]
    return round(res, 3) if isinstance(res, float) else res


def _write(mode: str, results: dict[str, Any]) -> None:
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"bench-{mode}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str))
    print(f"\nwritten: {out.relative_to(ROOT)}")


def print_table(r: dict[str, Any]) -> None:
    p = r["pipeline"]
    print(
        f"\nZholdau Monitor benchmarks ({r['mode']}, {r['articles']} articles, {r['cpus']} CPUs, "
        f"Python {r['python']})\n"
    )
    rows = [
        (
            "pipeline throughput",
            f"{p['articles_per_s']:.0f} articles/s ({p['chars_per_s'] / 1e6:.2f} M chars/s)",
            f"baseline {p['baseline_articles_per_s']:.0f} articles/s",
            f"{p['ratio_to_baseline']:.3f}x",
        ),
        (
            "search latency p50",
            f"{r['search']['zholdau']['p50_ms']:.2f} ms",
            f"raw FTS5 {r['search']['raw_fts5']['p50_ms']:.2f} ms",
            "",
        ),
        (
            "search latency p95",
            f"{r['search']['zholdau']['p95_ms']:.2f} ms",
            f"raw FTS5 {r['search']['raw_fts5']['p95_ms']:.2f} ms",
            f"{r['search']['p95_ratio_to_raw']:.1f}x",
        ),
        (
            "search latency p99",
            f"{r['search']['zholdau']['p99_ms']:.2f} ms",
            f"raw FTS5 {r['search']['raw_fts5']['p99_ms']:.2f} ms",
            "",
        ),
        (
            "peak RSS (ingest)",
            f"{r['memory']['pipeline_peak_rss_mb']:.0f} MB",
            f"baseline {r['memory']['baseline_peak_rss_mb']:.0f} MB",
            f"{r['memory']['ratio_to_baseline']:.2f}x",
        ),
    ]
    w = [max(len(x[i]) for x in rows) for i in range(4)]
    print(f"{'benchmark':{w[0]}}  {'zholdau':{w[1]}}  {'baseline (same run)':{w[2]}}  ratio")
    for row in rows:
        print("  ".join(f"{c:{w[i]}}" for i, c in enumerate(row)))
    print("\nshare of pipeline time per stage:")
    for k, v in sorted(r["stages"].items(), key=lambda kv: -kv[1]["share"]):
        print(f"  {k:24} {v['share'] * 100:5.1f} %  ({v['seconds']:.2f} s)")


if __name__ == "__main__":
    main()
