"""Search latency at scale, SQLite and PostgreSQL, against a raw FTS5 / raw tsvector query on the same data.

A base store of ingested synthetic articles is grown to each size by cloning its rows inside the
database (new ids and sources; the same texts, extracted facts and search keys), which takes minutes for
a million articles where ingesting them would take hours. Then ``Store.search`` and the raw ranked
query of the engine are timed on the same queries, one after the other, each after a warm-up round.

    python bench/search.py --sizes 100000,1000000            # SQLite
    python bench/search.py --sizes 1000000 --postgres        # and PostgreSQL (a throwaway server)
    python bench/search.py --base my.db --sizes 1000000      # grow an existing SQLite store instead
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scale import QUERIES, percentiles, save  # noqa: E402
from zholdau.store.base import RECENT_ROWS  # noqa: E402

# columns a clone gets new values for; every other articles column is copied as it is
_NEW = {"rowid", "id", "source", "record", "raw_text", "raw"}
# articles loaded into PostgreSQL through Store.add_articles before cloning (writing 100 000 that way
# would take longer than the rest of the benchmark)
PG_BASE = 10_000
# tables keyed by article_rowid that search filters read
_SIDE = ("article_addresses", "article_regions", "article_topics", "article_officials", "article_assignments")


def _clone_sqlite(db: str, target: int) -> dict[str, Any]:
    """Grow the SQLite store ``db`` to ``target`` articles with clones of its rows (in SQL, keys included)."""
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = OFF")
    base_n, base_max = con.execute("SELECT count(*), max(rowid) FROM articles").fetchone()
    cols = [r[1] for r in con.execute("PRAGMA table_info(articles)") if r[1] not in _NEW]
    side_cols = {t: [r[1] for r in con.execute(f"PRAGMA table_info({t})")] for t in _SIDE}
    have, copy, t = base_n, 1, time.perf_counter()
    while have < target:
        take = min(base_n, target - have)
        last = con.execute(
            "SELECT max(rowid) FROM (SELECT rowid FROM articles WHERE rowid <= ? ORDER BY rowid LIMIT ?)",
            (base_max, take),
        ).fetchone()[0]
        off, tag = copy * base_max, f"-{have}"  # unique even when the base holds clones
        con.execute("BEGIN")
        con.execute(
            f"INSERT INTO articles (rowid, id, source, record, raw_text, raw, {', '.join(cols)}) "
            f"SELECT rowid + ?, id || ?, source || '@' || ?, json_set(record, '$.id', id || ?, "
            f"'$.source', source || '@' || ?), '', NULL, {', '.join(cols)} FROM articles WHERE rowid <= ?",
            (off, tag, have, tag, have, last),
        )
        con.execute(
            "INSERT INTO article_fts (rowid, title, body, tags) SELECT rowid + ?, title, body, tags FROM article_fts "
            "WHERE rowid <= ?",
            (off, last),
        )
        for table, tcols in side_cols.items():
            rest = [c for c in tcols if c != "article_rowid"]
            con.execute(
                f"INSERT INTO {table} (article_rowid, {', '.join(rest)}) SELECT article_rowid + ?, "
                f"{', '.join(rest)} FROM {table} WHERE article_rowid <= ?",
                (off, last),
            )
        con.execute("COMMIT")
        have += take
        copy += 1
    # the recent-articles index (migration 0007) as the store keeps it: the newest RECENT_ROWS articles
    con.execute("BEGIN")
    con.execute("DELETE FROM article_fts_recent")
    con.execute(
        "INSERT INTO article_fts_recent (rowid, title, body, tags) SELECT rowid, title, body, tags FROM article_fts "
        "WHERE rowid > (SELECT max(rowid) FROM article_fts) - ?",
        (RECENT_ROWS,),
    )
    con.execute("COMMIT")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    con.close()
    return {"articles": n, "clone_seconds": round(time.perf_counter() - t, 1)}


def _clone_postgres(url: str, target: int) -> dict[str, Any]:
    """The same for a PostgreSQL store (search keys are the ``search`` tsvector column)."""
    import psycopg

    from zholdau.store.postgres import _RECENT_COLUMNS

    con = psycopg.connect(url, autocommit=True)
    base_n, base_max = con.execute("SELECT count(*), max(rowid) FROM articles").fetchone()  # type: ignore[misc]
    cols = [
        r[0]
        for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'articles' "
            "ORDER BY ordinal_position"
        )
        if r[0] not in _NEW
    ]
    side_cols = {
        t: [
            r[0]
            for r in con.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
                "AND is_generated = 'NEVER' AND identity_generation IS NULL ORDER BY ordinal_position",
                (t,),
            )
        ]
        for t in _SIDE
    }
    have, copy, t = base_n, 1, time.perf_counter()
    while have < target:
        take = min(base_n, target - have)
        last = con.execute(
            "SELECT max(rowid) FROM (SELECT rowid FROM articles WHERE rowid <= %s ORDER BY rowid LIMIT %s) s",
            (base_max, take),
        ).fetchone()[0]  # type: ignore[index]
        off, tag = copy * base_max, f"-{have}"  # unique even when the base holds clones
        with con.transaction():
            con.execute(
                f"INSERT INTO articles (rowid, id, source, record, raw_text, raw, {', '.join(cols)}) "
                f"SELECT rowid + %s, id || %s, source || '@' || %s, "
                f"jsonb_set(jsonb_set(record::jsonb, '{{id}}', to_jsonb(id || %s)), '{{source}}', "
                f"to_jsonb(source || '@' || %s))::text, '', NULL, {', '.join(cols)} FROM articles "
                "WHERE rowid <= %s",
                (off, tag, str(have), tag, str(have), last),
            )
            for table, tcols in side_cols.items():
                rest = [c for c in tcols if c != "article_rowid"]
                con.execute(
                    f"INSERT INTO {table} (article_rowid, {', '.join(rest)}) SELECT article_rowid + %s, "
                    f"{', '.join(rest)} FROM {table} WHERE article_rowid <= %s",
                    (off, last),
                )
        have += take
        copy += 1
    with con.transaction():  # the recent-articles index (migration 0007), as the store keeps it
        con.execute("DELETE FROM articles_recent")
        con.execute(
            f"INSERT INTO articles_recent ({_RECENT_COLUMNS}) SELECT {_RECENT_COLUMNS} FROM articles "
            "WHERE rowid > (SELECT max(rowid) FROM articles) - %s",
            (RECENT_ROWS,),
        )
    con.execute("ANALYZE")
    n = con.execute("SELECT count(*) FROM articles").fetchone()[0]  # type: ignore[index]
    con.close()
    return {"articles": n, "clone_seconds": round(time.perf_counter() - t, 1)}


def _top_region(store: Any) -> str | None:
    """The region with the most articles: a region filter that still matches many articles."""
    by_region = {k: v for k, v in store.stats()["by_region"].items() if k != "?"}
    return max(by_region, key=lambda k: by_region[k]) if by_region else None


def _time(store: Any, raw_query: Callable[[str], None], rounds: int) -> dict[str, Any]:
    """``Store.search`` (and with a region filter, whose window may reach past the recent-articles index)
    against the engine's raw ranked query, on the same queries and data."""
    from zholdau.store import Filters

    region = _top_region(store)
    ours: list[float] = []
    raw: list[float] = []
    filtered: list[float] = []
    per_query: dict[str, list[float]] = {q: [] for q in QUERIES}
    # ours, then the raw query, each after a warm-up round: a raw ranked query over a million articles
    # reads every match's keys and would evict the pages ours keeps hot if the two alternated
    for q in QUERIES:
        store.search(q, limit=20)
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            store.search(q, limit=20)
            ours.append(time.perf_counter() - t)
            per_query[q].append(ours[-1])
            t = time.perf_counter()
            store.search(q, Filters(region=region), limit=20)
            filtered.append(time.perf_counter() - t)
    for q in QUERIES:
        raw_query(q)
    for _ in range(rounds):
        for q in QUERIES:
            t = time.perf_counter()
            raw_query(q)
            raw.append(time.perf_counter() - t)
    o, r = percentiles(ours), percentiles(raw)
    return {
        "zholdau": o,
        "raw": r,
        "p95_ratio_to_raw": round(o["p95_ms"] / max(r["p95_ms"], 1e-6), 3),
        "with_region_filter": {"region": region, **percentiles(filtered)},
        "p50_ms_by_query": {q: round(percentiles(s)["p50_ms"], 1) for q, s in per_query.items()},
    }


def time_sqlite(db: str, rounds: int) -> dict[str, Any]:
    """On SQLite; raw = ``MATCH … ORDER BY rank`` (bm25 over every match), as FTS5 documents it."""
    from zholdau import textindex
    from zholdau.store import open_store

    store = open_store(db)
    con = sqlite3.connect(db)

    def raw_query(q: str) -> None:
        con.execute(
            "SELECT rowid FROM article_fts WHERE article_fts MATCH ? ORDER BY rank LIMIT 20",
            (textindex.fts5_query(q),),
        ).fetchall()

    try:
        return _time(store, raw_query, rounds)
    finally:
        store.close()
        con.close()


def time_postgres(url: str, rounds: int) -> dict[str, Any]:
    """On PostgreSQL; raw = the GIN-indexed ``@@`` ordered by ``ts_rank`` over every match."""
    import psycopg

    from zholdau.store import open_store
    from zholdau.store.postgres import tsquery

    store = open_store(url)
    con = psycopg.connect(url, autocommit=True)

    def raw_query(q: str) -> None:
        tsq = tsquery(q)
        if tsq is not None:
            con.execute(
                f"SELECT a.rowid FROM articles a CROSS JOIN (SELECT {tsq[0]} AS q) s WHERE a.search @@ s.q "
                "ORDER BY ts_rank(a.search, s.q) DESC LIMIT 20",
                tsq[1],
            ).fetchall()

    try:
        return _time(store, raw_query, rounds)
    finally:
        store.close()
        con.close()


def time_api(db: str) -> dict[str, Any]:
    """``GET /api/search?q=…`` over real HTTP (the page of results and its total, counted up to
    TOTAL_AT_MOST), each query alone and with the busiest region: the first request (nothing remembered
    yet) and the same request again."""
    import httpx

    from bench.api import _Server
    from zholdau.store import open_store

    store = open_store(db)
    region = _top_region(store)
    store.close()
    first: list[float] = []
    again: list[float] = []
    with _Server(db) as base, httpx.Client(base_url=base, timeout=600) as client:
        for q in QUERIES:
            for params in ({"q": q}, {"q": q, "region": region}):
                for samples in (first, again):
                    t = time.perf_counter()
                    client.get("/api/search", params=params).raise_for_status()
                    samples.append(time.perf_counter() - t)
    return {"region": region, "first_request": percentiles(first), "again": percentiles(again)}


def grow_and_time(
    base_db: str, sizes: list[int], postgres: bool, rounds: int, work: Path, sqlite: bool = True
) -> dict[str, Any]:
    """Grow a copy of ``base_db`` (SQLite) to each size and time search on it; with ``postgres``, load the
    base into a throwaway PostgreSQL server, grow it the same way and time that too."""
    db = str(work / "grown.db")
    if sqlite:
        shutil.copy(base_db, db)
    server = url = None
    results: dict[str, Any] = {}
    if postgres:
        from tests.pg_server import PgServer
        from zholdau.store import open_store
        from zholdau.store.base import StoredArticle

        server = PgServer.start()
        url = server.create_database()
        src, pg = open_store(base_db), open_store(url)
        # at most PG_BASE articles go in through the store, the rest are clones (as for SQLite)
        batch = [StoredArticle(r, r.get("text") or "") for r in itertools.islice(src.iter_records(), PG_BASE)]
        for i in range(0, len(batch), 1000):
            pg.add_articles(batch[i : i + 1000])
        src.close()
        pg.close()
    try:
        for size in sorted(sizes):
            print(f"search: growing to {size} articles", flush=True)
            entry: dict[str, Any] = {}
            if sqlite:
                entry["sqlite"] = {
                    **_clone_sqlite(db, size),
                    **time_sqlite(db, rounds),
                    "api_search": time_api(db),
                }
            if url:
                entry["postgres"] = {
                    **_clone_postgres(url, size),
                    **time_postgres(url, rounds),
                    "api_search": time_api(url),
                }
            results[str(size)] = entry
            print_size(size, entry)
    finally:
        if server:
            server.stop()
        Path(db).unlink(missing_ok=True)
    return results


def _ingest_base(n: int, work: Path, db: str) -> dict[str, Any]:
    from zholdau.config import Settings
    from zholdau.ingest import ingest_paths
    from zholdau.store import open_store
    from zholdau.synth import generate

    t = time.perf_counter()
    generate(n, work / "synth", seed=5, malformed_rate=0.0)
    store = open_store(db)
    report = ingest_paths([str(work / "synth" / "corpus")], store, Settings.load(db=db, embeddings="off"))
    store.close()
    return {"articles": report.ingested, "seconds": round(time.perf_counter() - t, 1)}


def run(
    sizes: list[int], base_n: int, base: str | None, postgres: bool, rounds: int, sqlite: bool = True
) -> dict[str, Any]:
    results: dict[str, Any] = {"sizes": sizes, "rounds": rounds, "queries": QUERIES}
    with tempfile.TemporaryDirectory(prefix="zholdau-search-") as tmp:
        work = Path(tmp)
        if base:
            results["base"] = {"from": base}
            base_db = base
        else:
            print(f"search: ingesting {base_n} synthetic articles as the base", flush=True)
            base_db = str(work / "base.db")
            results["base"] = _ingest_base(base_n, work, base_db)
        results.update(grow_and_time(base_db, sizes, postgres, rounds, work, sqlite=sqlite))
    return results


def print_size(size: int, entry: dict[str, Any]) -> None:
    for engine, raw_name in (("sqlite", "raw FTS5"), ("postgres", "raw tsvector")):
        e = entry.get(engine)
        if not e:
            continue
        o, r, f = e["zholdau"], e["raw"], e["with_region_filter"]
        print(
            f"  search {engine:10} {size:>9} articles: p50/p95/p99 {o['p50_ms']:.1f} / {o['p95_ms']:.1f} / "
            f"{o['p99_ms']:.1f} ms; {raw_name} {r['p50_ms']:.1f} / {r['p95_ms']:.1f} / {r['p99_ms']:.1f} ms "
            f"(p95 x{e['p95_ratio_to_raw']}); with a region filter p50/p95 {f['p50_ms']:.1f} / {f['p95_ms']:.1f} ms",
            flush=True,
        )
        api = e.get("api_search")
        if api:
            a, b = api["first_request"], api["again"]
            print(
                f"  GET /api/search {engine:10} {size:>9} articles (page + total, alone and in {api['region']}): "
                f"first request p50/p95 {a['p50_ms']:.0f} / {a['p95_ms']:.0f} ms, again {b['p50_ms']:.0f} / "
                f"{b['p95_ms']:.0f} ms",
                flush=True,
            )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--base-n", type=int, default=5000, help="synthetic articles ingested as the base")
    ap.add_argument("--base", help="an existing SQLite store to grow instead")
    ap.add_argument("--postgres", action="store_true", help="also on a throwaway PostgreSQL server")
    ap.add_argument("--no-sqlite", action="store_true", help="time PostgreSQL only")
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    results = run(sizes, args.base_n, args.base, args.postgres, args.rounds, sqlite=not args.no_sqlite)
    save("search", results)


if __name__ == "__main__":
    main()
