"""API and dashboard latency: p50/p95 of the main endpoints and pages over real HTTP, each beside a raw
SQL query that fetches the same core data from the same database in the same run.

``run(db_path)`` is what ``bench/run.py`` calls; it starts ``zholdau serve``'s app with uvicorn on
127.0.0.1 (a free port), sends a bounded number of requests, and returns a dict. Alone:

    python bench/api.py --db demo.db                 # an existing store
    python bench/api.py --synth 100000               # the demo corpus cloned to 100 000 articles

Server time (the ``Server-Timing`` header the app sets) is reported beside the client-side latency:
the issue's goal is each page's server time ≤ 200 ms at 100 000 articles.
"""

from __future__ import annotations

import argparse
import json
import random
import socket
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGE_GOAL_MS = 200.0
ROUNDS = 20


def _pct(samples: list[float], p: float) -> float:
    s = sorted(samples)
    return s[min(len(s) - 1, round(p / 100 * (len(s) - 1)))] * 1000


def _summary(samples: list[float]) -> dict[str, float]:
    return {
        "p50_ms": _pct(samples, 50),
        "p95_ms": _pct(samples, 95),
        "mean_ms": statistics.mean(samples) * 1000,
    }


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Server:
    """The app under uvicorn in a thread, on 127.0.0.1 only; stopped on exit."""

    def __init__(self, db: str) -> None:
        import uvicorn

        from zholdau.api import create_app
        from zholdau.config import Settings

        self.port = _free_port()
        config = uvicorn.Config(
            create_app(Settings.load(db=db), token=None),
            host="127.0.0.1",
            port=self.port,
            log_level="warning",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the API server did not start within 30 s")
            time.sleep(0.05)
        return f"http://127.0.0.1:{self.port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def _targets(con: sqlite3.Connection) -> dict[str, Any]:
    """Values that exist in this database: an article id, a busy region, an Address, a query word."""
    row = con.execute("SELECT id FROM articles ORDER BY rowid DESC LIMIT 1").fetchone()
    region = con.execute(
        "SELECT primary_region FROM articles WHERE primary_region IS NOT NULL "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    address = con.execute(
        "SELECT address FROM article_addresses GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    return {
        "id": row[0] if row else "0" * 16,
        "region": region[0] if region else "KZ-55",
        "address": address[0] if address else "2021-09-01",
    }


def _cases(t: dict[str, Any]) -> list[tuple[str, str, list[tuple[str, tuple[Any, ...]]]]]:
    """(name, URL path, raw SQL baseline queries) of each measured endpoint and page."""
    from zholdau import textindex

    match = textindex.fts5_query("послание") or "послан"
    region_counts = ("SELECT primary_region, count(*) FROM articles GROUP BY 1", ())
    cross = (
        "SELECT a.primary_region, x.address, count(*) FROM articles a LEFT JOIN article_addresses x "
        "ON x.article_rowid = a.rowid GROUP BY 1, 2",
        (),
    )
    weeks = ("SELECT date(published, 'weekday 0', '-6 days'), count(*) FROM articles GROUP BY 1", ())
    newest = ("SELECT id, title, published, record FROM articles ORDER BY published DESC LIMIT 50", ())
    fts = (
        "SELECT a.id, a.title, a.record FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid "
        "WHERE article_fts MATCH ? ORDER BY rank LIMIT 20",
        (match,),
    )
    one = ("SELECT record, text FROM articles WHERE id = ?", (t["id"],))
    q = "%D0%BF%D0%BE%D1%81%D0%BB%D0%B0%D0%BD%D0%B8%D0%B5"  # "послание"
    return [
        ("api articles (newest 50)", "/api/articles?limit=50", [newest]),
        (
            "api articles (region + Address)",
            f"/api/articles?region={t['region']}&address={t['address']}",
            [
                (
                    "SELECT a.id, a.record FROM articles a JOIN article_addresses x ON x.article_rowid = a.rowid "
                    "WHERE a.primary_region = ? AND x.address = ? ORDER BY a.published DESC LIMIT 50",
                    (t["region"], t["address"]),
                )
            ],
        ),
        ("api article detail", f"/api/articles/{t['id']}", [one]),
        ("api search", f"/api/search?q={q}&facets=false", [fts]),
        ("api search with facets", f"/api/search?q={q}&facets=true", [fts]),
        (
            "api coverage region×Address×month",
            "/api/coverage",
            [
                (
                    "SELECT a.primary_region, x.address, substr(a.published, 1, 7), count(*) FROM articles a "
                    "LEFT JOIN article_addresses x ON x.article_rowid = a.rowid GROUP BY 1, 2, 3",
                    (),
                )
            ],
        ),
        ("api regions", "/api/regions", [region_counts]),
        (
            "api assignments",
            "/api/assignments?limit=100",
            [
                (
                    "SELECT * FROM article_assignments x JOIN articles a ON a.rowid = x.article_rowid "
                    "ORDER BY a.published DESC LIMIT 100",
                    (),
                )
            ],
        ),
        (
            "api officials",
            "/api/officials",
            [
                (
                    "SELECT name, post, level, count(*) FROM article_officials GROUP BY 1, 2, 3 ORDER BY 4 DESC LIMIT 500",
                    (),
                )
            ],
        ),
        ("page home (map, matrix, timeline)", "/", [region_counts, cross, weeks]),
        ("page home, one region", f"/?region={t['region']}", [region_counts, cross, weeks]),
        ("page region", f"/regions/{t['region']}", [region_counts, weeks, newest]),
        ("page search", f"/search?q={q}", [fts]),
        ("page search: facet box (fetched after)", f"/search/facets?q={q}", [fts]),
        ("page article", f"/articles/{t['id']}", [one]),
        (
            "page assignments",
            "/assignments",
            [
                (
                    "SELECT * FROM article_assignments x JOIN articles a ON a.rowid = x.article_rowid "
                    "ORDER BY a.published DESC LIMIT 100",
                    (),
                )
            ],
        ),
    ]


def _forget(con: sqlite3.Connection) -> None:
    """Make the next request compute from scratch: bump the store's change counter, as a write would
    (the store then forgets the aggregates and full-text matches it remembers)."""
    try:
        with con:
            con.execute("UPDATE store_changes SET n = n + 1 WHERE id = 1")
    except sqlite3.OperationalError:  # a store without the counter remembers nothing
        pass


def _measure(
    client: Any,
    con: sqlite3.Connection,
    path: str,
    baseline: list[tuple[str, tuple[Any, ...]]],
    rounds: int,
    cold: bool,
) -> dict[str, Any]:
    http, server, raw = [], [], []
    status = 0
    for _ in range(rounds):
        if cold:
            _forget(con)
        t0 = time.perf_counter()
        r = client.get(path)
        http.append(time.perf_counter() - t0)
        status = r.status_code
        timing = r.headers.get("server-timing", "")
        if "dur=" in timing:
            server.append(float(timing.split("dur=")[1].split(",")[0]) / 1000)
        t0 = time.perf_counter()
        for sql, args in baseline:
            con.execute(sql, args).fetchall()
        raw.append(time.perf_counter() - t0)
    entry: dict[str, Any] = {
        "status": status,
        "http": _summary(http),
        "server": _summary(server) if server else None,
        "raw_sql": _summary(raw),
    }
    entry["p95_ratio_to_raw_sql"] = entry["http"]["p95_ms"] / max(entry["raw_sql"]["p95_ms"], 1e-3)
    return entry


def run(db_path: str, rounds: int = ROUNDS) -> dict[str, Any]:
    """p50/p95 (client and server side) of each endpoint and page on ``db_path``, beside raw SQL baselines.

    ``cold``: every request follows a change of the store (nothing remembered: the worst case, right
    after an ingest); ``warm``: the same request again (what a dashboard mostly serves).
    """
    import httpx

    con = sqlite3.connect(db_path, timeout=30)
    n = int(con.execute("SELECT count(*) FROM articles").fetchone()[0])
    cases = _cases(_targets(con))
    out: dict[str, Any] = {"articles": n, "rounds": rounds, "page_goal_ms": PAGE_GOAL_MS, "endpoints": {}}
    with _Server(db_path) as base, httpx.Client(base_url=base, timeout=120) as client:
        for _name, path, _ in cases:  # warm-up: first requests open connections and load the knowledge base
            client.get(path)
        for name, path, baseline in cases:
            out["endpoints"][name] = {
                "path": path,
                "cold": _measure(client, con, path, baseline, rounds, cold=True),
                "warm": _measure(client, con, path, baseline, rounds, cold=False),
            }
    con.close()
    pages = {k: v["cold"] for k, v in out["endpoints"].items() if k.startswith("page")}
    out["pages_over_goal_cold"] = [
        k for k, v in pages.items() if (v["server"] or v["http"])["p95_ms"] > PAGE_GOAL_MS
    ]
    return out


def print_table(result: dict[str, Any]) -> None:
    """The result as a table: cold (after a change) and warm server time, beside the raw SQL."""
    print(
        f"\nAPI and dashboard latency on {result['articles']} articles ({result['rounds']} requests each; "
        "ms; cold = right after a change, warm = repeated)\n"
    )
    print(
        f"{'endpoint':36} {'cold p50':>9} {'cold p95':>9} {'warm p50':>9} {'warm p95':>9} "
        f"{'raw SQL p95':>12} {'cold/raw':>9}"
    )
    for name, e in result["endpoints"].items():
        cold, warm = e["cold"], e["warm"]
        c, w = cold["server"] or cold["http"], warm["server"] or warm["http"]
        flag = "" if cold["status"] == 200 else f"  (HTTP {cold['status']})"
        print(
            f"{name:36} {c['p50_ms']:9.1f} {c['p95_ms']:9.1f} {w['p50_ms']:9.1f} {w['p95_ms']:9.1f} "
            f"{cold['raw_sql']['p95_ms']:12.1f} {cold['p95_ratio_to_raw_sql']:8.1f}x{flag}"
        )
    over = result["pages_over_goal_cold"]
    print(
        f"\npages over {result['page_goal_ms']:.0f} ms server time (cold p95): {', '.join(over) if over else 'none'}"
    )


# --- a big store from the demo corpus, for trying this alone ------------------------------------------

GIVEN = ["Нурлан", "Айгуль", "Марат", "Ерлан", "Данияр", "Арман", "Гульнара", "Асхат", "Жанар", "Бауыржан"]
SURNAMES = ["Сапаров", "Жумабаев", "Касымов", "Нургалиев", "Абенов", "Тулегенов", "Ахметов", "Садыков"]
STATUSES = [None, "assigned", "in_progress", "done", "overdue"]


def clone_demo(dst: str, n: int, seed: int = 7) -> str:
    """A store of ``n`` articles: the demo corpus ingested once, then its rows copied with other ids,
    dates, regions, officials, assignments and events (SQL copies; the pipeline would take hours)."""
    from zholdau.config import Settings
    from zholdau.ingest import ingest_paths
    from zholdau.store import open_store
    from zholdau.store.base import ARTICLE_COLUMNS, RECENT_ROWS, official_key

    store = open_store(dst)
    ingest_paths([str(ROOT / "demo" / "corpus")], store, Settings.load(db=dst))
    store.close()
    rnd = random.Random(seed)
    con = sqlite3.connect(dst, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    cols = (*ARTICLE_COLUMNS, "text", "record", "raw_text", "run_id", "ingested_at")
    base = con.execute(f"SELECT rowid, {', '.join(cols)} FROM articles").fetchall()
    codes = [
        r[0]
        for r in con.execute("SELECT DISTINCT primary_region FROM articles WHERE primary_region IS NOT NULL")
    ]
    side = {t: {} for t in ("article_addresses", "article_topics")}
    for table, col in (("article_addresses", "address"), ("article_topics", "topic")):
        for rowid, v in con.execute(f"SELECT article_rowid, {col} FROM {table}"):
            side[table].setdefault(rowid, []).append(v)
    start = date(2014, 1, 1)
    con.execute("BEGIN")
    next_rowid = int(con.execute("SELECT max(rowid) FROM articles").fetchone()[0]) + 1
    for i in range(n - len(base)):
        b = dict(zip(("rowid", *cols), base[i % len(base)], strict=True))
        rec = json.loads(b["record"])
        published = (start + timedelta(days=rnd.randrange(4300))).isoformat()
        region = rnd.choice(codes) if rnd.random() > 0.05 else None
        rec.update(id=f"{i:016x}", source=f"{b['source']}@{i}", published=published, primary_region=region)
        rec["officials"] = [
            {"name": f"{rnd.choice(GIVEN)} {rnd.choice(SURNAMES)}", "post": "аким области", "level": "region"}
            for _ in range(rnd.randrange(3))
        ]
        rec["assignments"] = [
            {
                "issuer": rec["officials"][0]["name"] if rec["officials"] else None,
                "addressee": "управление строительства",
                "action": "завершить строительство школы",
                "deadline": f"{published[:4]}-12-31",
                "sentence": "",
                "status": rnd.choice(STATUSES),
            }
            for _ in range(rnd.randrange(2))
        ]
        rec["event_id"] = f"E-{i // 3}" if i % 3 else None
        rowid = next_rowid
        next_rowid += 1
        con.execute(
            f"INSERT INTO articles (rowid, {', '.join(cols)}) VALUES (?, {', '.join('?' * len(cols))})",
            (
                rowid,
                rec["id"],
                rec["source"],
                b["url"],
                b["outlet"],
                b["author"],
                b["title"],
                published,
                b["lang"],
                b["script"],
                region,
                b["text"],
                json.dumps(rec, ensure_ascii=False),
                "",
                None,
                b["ingested_at"],
            ),
        )
        con.execute(
            "INSERT INTO article_fts (rowid, title, body, tags) SELECT ?, title, body, "
            "'r' || lower(replace(?, '-', '')) FROM article_fts WHERE rowid = ?",  # the clone's region key
            (rowid, region, b["rowid"]),
        )
        for table, col in (("article_addresses", "address"), ("article_topics", "topic")):
            con.executemany(
                f"INSERT INTO {table} (article_rowid, {col}) VALUES (?, ?)",
                [(rowid, v) for v in side[table].get(b["rowid"], [])],
            )
        if region:
            con.execute("INSERT INTO article_regions (article_rowid, region) VALUES (?, ?)", (rowid, region))
        con.executemany(
            "INSERT OR IGNORE INTO article_officials (article_rowid, name, name_key, post, level) "
            "VALUES (?, ?, ?, ?, ?)",
            [(rowid, o["name"], official_key(o["name"]), o["post"], o["level"]) for o in rec["officials"]],
        )
        con.executemany(
            "INSERT INTO article_assignments (article_rowid, idx, issuer, addressee, action, deadline, "
            "sentence, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rowid,
                    k,
                    a["issuer"],
                    a["addressee"],
                    a["action"],
                    a["deadline"],
                    a["sentence"],
                    a["status"],
                )
                for k, a in enumerate(rec["assignments"])
            ],
        )
        if i % 5000 == 4999:
            con.execute("COMMIT")
            con.execute("BEGIN")
    # the index of the newest articles (migration 0007) as the store keeps it: the clones are the newest
    con.execute("DELETE FROM article_fts_recent")
    con.execute(
        "INSERT INTO article_fts_recent (rowid, title, body, tags) SELECT rowid, title, body, tags FROM article_fts "
        "WHERE rowid > (SELECT max(rowid) FROM article_fts) - ?",
        (RECENT_ROWS,),
    )
    con.execute("COMMIT")
    con.close()
    return dst


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", help="an existing store (SQLite path)")
    ap.add_argument("--synth", type=int, help="clone the demo corpus to this many articles first")
    ap.add_argument("--rounds", type=int, default=ROUNDS)
    ap.add_argument("--keep", help="where to keep the cloned store (default: a temporary folder)")
    args = ap.parse_args()
    if not args.db and not args.synth:
        ap.error("give --db PATH or --synth N")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or clone_demo(args.keep or f"{tmp}/api-bench.db", args.synth)
        result = run(db, args.rounds)
    print_table(result)


if __name__ == "__main__":
    main()
