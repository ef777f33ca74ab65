"""`zholdau ingest --workers 2` into PostgreSQL against a single-process ingest of the same synthetic corpus.

Starts a throwaway PostgreSQL server from the system binaries (as the tests do), writes N synthetic
articles (`zholdau synth`), ingests them into one database in one process and into another with a local
Dask cluster of 2 workers (each worker writes its partitions itself), then compares the two stores:
counts, every extracted field of every article, and the links of the connect step (copies, events,
follow-ups, assignment statuses).

    python bench/pg_ingest.py --n 10000
    ZHOLDAU_EMBEDDINGS=off python bench/pg_ingest.py --n 100000 --workers 0   # one process alone: its memory
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from zholdau.config import Settings  # noqa: E402

# what an ingest sets differently on each run (the run, the clock): not an extracted fact
RUN_FIELDS = {"run_id", "ingested_at", "updated_at"}


def _records(url: str) -> dict[str, dict[str, Any]]:
    from zholdau.store import open_store

    store = open_store(url)
    out = {
        str(r.get("source")): {k: v for k, v in r.items() if k not in RUN_FIELDS}
        for r in store.iter_records()
    }
    store.close()
    return out


def compare(url_a: str, url_b: str) -> dict[str, Any]:
    """Article by article: which fields differ between the two stores (and which articles only one has)."""
    a, b = _records(url_a), _records(url_b)
    only = sorted(a.keys() ^ b.keys())
    fields: dict[str, int] = {}
    examples: list[str] = []
    for source in sorted(a.keys() & b.keys()):
        for key in a[source].keys() | b[source].keys():
            if a[source].get(key) != b[source].get(key):
                fields[key] = fields.get(key, 0) + 1
                if len(examples) < 5:
                    examples.append(f"{source}: {key}")
    return {
        "articles": [len(a), len(b)],
        "only_in_one": only[:5],
        "only_in_one_count": len(only),
        "differing_fields": fields,
        "examples": examples,
        "same": not only and not fields,
    }


def run(n: int = 10_000, workers: int = 2) -> dict[str, Any]:
    from bench.scale import RssSampler, local_cluster
    from tests.pg_server import PgServer
    from zholdau.distributed import ingest_distributed
    from zholdau.ingest import ingest_paths
    from zholdau.store import open_store
    from zholdau.synth import generate

    server = PgServer.start()
    try:
        single_url, dask_url = server.create_database(), server.create_database()
        with tempfile.TemporaryDirectory(prefix="zholdau-pg-ingest-") as tmp:
            synth = generate(n, Path(tmp) / "synth", seed=11, malformed_rate=0.01)
            corpus = str(Path(tmp) / "synth" / "corpus")
            done = 0

            def on_item(item: Any) -> None:
                nonlocal done
                done += 1

            def on_progress(files: int, items: int) -> None:
                nonlocal done
                done = items

            store = open_store(single_url)
            with RssSampler(lambda: done / max(n, 1)) as single_rss:
                t = time.perf_counter()
                single = ingest_paths([corpus], store, Settings.load(db=single_url), on_item=on_item)
                single_s = time.perf_counter() - t
            store.close()
            if not workers:  # the one-process run alone (its memory through the connect step)
                return {
                    "articles": synth.articles,
                    "single": {
                        "seconds": round(single_s, 1),
                        "articles_per_s": round(single.ingested / single_s, 1),
                        "counts": single.counts(),
                        "memory": single_rss.summary(),
                    },
                }
            done = 0
            with RssSampler(lambda: done / max(n, 1)) as dask_rss:
                cluster, client = local_cluster(workers)
                store = open_store(dask_url)
                t = time.perf_counter()
                dask = ingest_distributed(
                    [corpus],
                    store,
                    Settings.load(db=dask_url, workers=workers),
                    client=client,
                    on_progress=on_progress,
                )
                dask_s = time.perf_counter() - t
                store.close()
                client.close()
                cluster.close()
            same = compare(single_url, dask_url)
    finally:
        server.stop()
    return {
        "articles": synth.articles,
        "workers": workers,
        "single": {
            "seconds": round(single_s, 1),
            "articles_per_s": round(single.ingested / single_s, 1),
            "counts": single.counts(),
            "memory": single_rss.summary(),
        },
        "dask": {
            "seconds": round(dask_s, 1),
            "articles_per_s": round(dask.ingested / dask_s, 1),
            "counts": dask.counts(),
            "partitions": dask.partitions,
            "connect_and_instructions_s": round(dask.after_seconds, 1),
            "memory": dask_rss.summary(),
        },
        "speedup": round(single_s / dask_s, 3),
        "same_counts": single.counts() == dask.counts(),
        "same_records": same,
    }


def print_report(r: dict[str, Any]) -> None:
    s = r["single"]
    print(f"\nPostgreSQL ingest of {r['articles']} synthetic articles")
    print(f"  1 process   {s['articles_per_s']} articles/s ({s['seconds']} s) counts {s['counts']}")
    if "dask" not in r:
        m = s["memory"]
        print(
            f"  peak RSS 1 process: {m['peak_mb']} MB (at 25/50/75/100 % of the articles: {m['rss_at_25pct_mb']} / "
            f"{m['rss_at_50pct_mb']} / {m['rss_at_75pct_mb']} / {m['rss_at_100pct_mb']} MB; after 100 %: the "
            "connect step; server not counted)"
        )
        return
    d, same = r["dask"], r["same_records"]
    print(
        f"  {r['workers']} workers   {d['articles_per_s']} articles/s ({d['seconds']} s) counts {d['counts']}"
        f"  speed-up x{r['speedup']}"
    )
    for name, m in (("1 process", s["memory"]), (f"{r['workers']} workers + client", d["memory"])):
        print(
            f"  peak RSS {name}: {m['peak_mb']} MB (at 25/50/75/100 %: {m['rss_at_25pct_mb']} / "
            f"{m['rss_at_50pct_mb']} / {m['rss_at_75pct_mb']} / {m['rss_at_100pct_mb']} MB; server not counted)"
        )
    print(
        f"  same counts: {r['same_counts']}; same records: {same['same']} "
        f"({same['only_in_one_count']} articles in one store only, fields differing: {same['differing_fields']})"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--workers", type=int, default=2, help="0: the one-process run alone")
    args = ap.parse_args()
    from bench.scale import save

    results = run(args.n, args.workers)
    print_report(results)
    save(f"pg-ingest-{args.n}", results)


if __name__ == "__main__":
    main()
