"""The default store: one SQLite file, FTS5 over our own search keys, versioned migrations."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import threading
import time
import zlib
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from zholdau import textindex
from zholdau.errors import StoreError
from zholdau.model import Rejection
from zholdau.store.base import (
    ALL_ARTICLES,
    ARTICLE_COLUMNS,
    ASSIGNMENT_SORTS,
    FACETS,
    FACT_FIELDS,
    KEY_FIELDS,
    LINK_BRIEF_COLUMNS,
    LIST_TABLES,
    MIN_RECENT_MATCHES,
    RANK_WINDOW,
    RECENT_ROWS,
    SORTS,
    AddResult,
    ConnectChanges,
    CrawlURL,
    Filters,
    Hit,
    Page,
    Store,
    StoredArticle,
    assignment_rows,
    check_dimensions,
    copy_entry,
    decode_cursor,
    encode_cursor,
    hit_of,
    official_key,
    official_rows,
    search_hit,
    search_keys,
    sort_cells,
)

_COLUMNS = ARTICLE_COLUMNS

# coverage dimension → (SQL expression over article_keys a, join it needs); see base.DIMENSIONS
_DIMS: dict[str, tuple[str, str]] = {
    "region": ("a.primary_region", ""),
    "lang": ("a.lang", ""),
    "outlet": ("a.outlet", ""),
    "year": ("substr(a.month, 1, 4)", ""),
    "month": ("a.month", ""),
    "week": ("a.week", ""),
    "event": ("a.event_id", ""),
    "address": ("xa.address", "LEFT JOIN article_addresses xa ON xa.article_rowid = a.rowid"),
    "topic": ("xt.topic", "LEFT JOIN article_topics xt ON xt.article_rowid = a.rowid"),
    "official": ("xo.name", "LEFT JOIN article_officials xo ON xo.article_rowid = a.rowid"),
}
_NEWEST = "coalesce(a.published, '')"
_MEMO_SIZE = 512
_MEMO: dict[str, OrderedDict[Any, tuple[int, Any]]] = {}
_MEMO_LOCK = threading.Lock()
_HIT_COLUMNS = "a.rowid, a.id, a.source, a.title, a.published, a.lang, a.primary_region, a.text, a.record"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations(prefix: str) -> list[tuple[int, str]]:
    """(version, sql) of every migration file ``<prefix>_NNNN_*.sql``, in order."""
    out = []
    for f in resources.files("zholdau.store").joinpath("migrations").iterdir():
        name = f.name
        if name.startswith(prefix + "_") and name.endswith(".sql"):
            out.append((int(name[len(prefix) + 1 :].split("_", 1)[0]), f.read_text(encoding="utf-8")))
    versions = [v for v, _ in out]
    dupes = sorted({v for v in versions if versions.count(v) > 1})
    if dupes:
        raise StoreError(f"two {prefix} migrations share version(s) {dupes}: renumber one of them")
    return sorted(out)


log = logging.getLogger(__name__)

BUSY_SECONDS = 30.0  # how long a statement waits for another connection's write lock
# how long opening a store waits for another process that holds the write lock while it must upgrade the
# schema: that process is most likely upgrading it, which takes minutes on a big store (155 s at a
# million articles for migration 8); past this, a clear error instead of SQLite's "database is locked"
UPGRADE_WAIT_SECONDS = 1800.0


class SQLiteStore(Store):
    def __init__(self, path: str) -> None:
        self.url = path
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.exists():
                raise StoreError(f"cannot create database {path!r}: folder {parent} does not exist")
        try:
            self.db = sqlite3.connect(
                path, timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {path!r}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        # used by migrations and the officials index (the same folding as base.official_key)
        self.db.create_function(
            "zh_key", 1, lambda v: official_key(v) if isinstance(v, str) else None, deterministic=True
        )
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
        if path != ":memory:":
            self._wal()
            self.db.execute("PRAGMA synchronous = NORMAL")
        self._migrate()

    def _wal(self, seconds: float = 30.0) -> None:
        """Switch to write-ahead logging. SQLite answers "database is locked" at once, without waiting
        (the busy timeout does not apply), while another process opening the same new file holds its
        lock: several ingest processes started together on a new store met that. Retry until ``seconds``."""
        self._when_unlocked("PRAGMA journal_mode = WAL", seconds)

    def _when_unlocked(
        self, statement: str, seconds: float, waiting: Callable[[], None] | None = None
    ) -> None:
        """Run ``statement``, again while SQLite answers "database is locked", for up to ``seconds`` (then
        that error goes up). ``waiting`` is called at the first refusal."""
        deadline = time.monotonic() + seconds
        while True:
            try:
                self.db.execute(statement)
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() >= deadline:
                    raise
                if waiting is not None:
                    waiting()
                    waiting = None
                time.sleep(0.05)

    # --- schema -------------------------------------------------------------------------------
    def _migrate(self) -> None:
        self.db.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        current = self.schema_version()
        steps = migrations("sqlite")
        latest = steps[-1][0] if steps else 0
        if current > latest:
            raise StoreError(
                f"database {self.url!r} has schema version {current}, newer than this program ({latest}): "
                "upgrade zholdau"
            )
        for version, sql in steps:
            if version <= current:
                continue
            self._begin_upgrade(version)
            try:
                # re-check under the write lock: another process may have migrated meanwhile
                if self.schema_version() >= version:
                    self.db.execute("COMMIT")
                    continue
                for statement in _split_sql(sql):
                    self.db.execute(statement)
                self.db.execute("DELETE FROM schema_version")
                self.db.execute("INSERT INTO schema_version VALUES (?)", (version,))
                self.db.execute("COMMIT")
            except Exception:
                self.db.execute("ROLLBACK")
                raise

    def _begin_upgrade(self, version: int) -> None:
        """Take the write lock to upgrade to ``version``, waiting up to UPGRADE_WAIT_SECONDS for a process
        that holds it (most likely upgrading the same store)."""

        def waiting() -> None:
            log.warning(
                "database %r: waiting for another process that holds its write lock (probably upgrading it "
                "to schema version %d: minutes on a big store)",
                self.url,
                version,
            )

        try:
            # each try waits BUSY_SECONDS itself (the busy timeout)
            self._when_unlocked("BEGIN IMMEDIATE", UPGRADE_WAIT_SECONDS, waiting)
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc):
                raise
            raise StoreError(
                f"database {self.url!r} must be upgraded to schema version {version}, but another "
                f"process has held its write lock for over {UPGRADE_WAIT_SECONDS:.0f} s: let that "
                "process finish (an upgrade of a big store takes minutes), or stop it, then try again"
            ) from exc

    def schema_version(self) -> int:
        row = self.db.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    # --- runs -------------------------------------------------------------------------------------
    def start_run(self, inputs: Sequence[str], settings: dict[str, Any]) -> int:
        cur = self.db.execute(
            "INSERT INTO runs (started_at, inputs, settings) VALUES (?, ?, ?)",
            (_now(), json.dumps(list(inputs), ensure_ascii=False), json.dumps(settings, default=str)),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        self.db.execute(
            "UPDATE runs SET finished_at = ?, status = ?, ingested = ?, duplicates = ?, rejected = ? WHERE id = ?",
            (
                _now(),
                status,
                counts.get("ingested", 0),
                counts.get("duplicates", 0),
                counts.get("rejected", 0),
                run_id,
            ),
        )

    def runs(self, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [
            {**dict(r), "inputs": json.loads(r["inputs"]), "settings": json.loads(r["settings"])}
            for r in rows
        ]

    # --- writes -----------------------------------------------------------------------------------
    def add_articles(self, items: Sequence[StoredArticle], run_id: int | None = None) -> AddResult:
        result = AddResult()
        now = _now()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for item in items:
                rec = item.record
                if self.db.execute("SELECT 1 FROM articles WHERE id = ?", (rec["id"],)).fetchone():
                    result.duplicates += 1
                    result.duplicate_ids.append(rec["id"])
                    continue
                body = {k: v for k, v in rec.items() if k != "text"}
                cur = self.db.execute(
                    f"INSERT INTO articles ({', '.join(_COLUMNS)}, text, record, raw_text, raw, run_id, ingested_at)"
                    f" VALUES ({', '.join('?' * len(_COLUMNS))}, ?, ?, ?, ?, ?, ?)",
                    (
                        *(rec.get(c) for c in _COLUMNS),
                        rec.get("text") or "",
                        json.dumps(body, ensure_ascii=False, default=str),
                        item.raw_text,
                        zlib.compress(item.raw) if item.raw else None,
                        run_id,
                        now,
                    ),
                )
                rowid = int(cur.lastrowid or 0)
                self._index(rowid, rec, item.search_keys())
                result.new += 1
            if result.new:
                self._prune_recent()
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise
        return result

    def _index(self, rowid: int, rec: dict[str, Any], search: tuple[str, str]) -> None:
        for field in LIST_TABLES:
            self._index_list(rowid, rec, field)
        self.index_facts(rowid, rec)
        keys = (rowid, *search, _region_key(rec.get("primary_region")))
        self.db.execute("INSERT INTO article_fts (rowid, title, body, tags) VALUES (?, ?, ?, ?)", keys)
        self.db.execute("INSERT INTO article_fts_recent (rowid, title, body, tags) VALUES (?, ?, ?, ?)", keys)

    def _index_list(self, rowid: int, rec: dict[str, Any], field: str) -> None:
        """The rows of one list field (addresses, regions, topics) in its filter table, afresh."""
        table, col = LIST_TABLES[field]
        self.db.execute(f"DELETE FROM {table} WHERE article_rowid = ?", (rowid,))
        self.db.executemany(
            f"INSERT OR IGNORE INTO {table} (article_rowid, {col}) VALUES (?, ?)",
            [(rowid, v) for v in _ids(rec.get(field))],
        )

    def _prune_recent(self) -> None:
        """Keep article_fts_recent to the newest RECENT_ROWS..RECENT_ROWS * 5/4 articles (by rowid: a
        suffix of article_fts), pruning a quarter at a time (inside the writing transaction)."""
        newest, oldest = self.db.execute("SELECT max(rowid), min(rowid) FROM article_keys").fetchone()
        first = self.db.execute("SELECT rowid FROM article_fts_recent ORDER BY rowid LIMIT 1").fetchone()
        if newest is None or first is None or newest - first[0] < RECENT_ROWS * 5 // 4:
            return
        keep_from = self.db.execute(
            "SELECT rowid FROM article_keys WHERE rowid <= ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
            (newest, RECENT_ROWS - 1),
        ).fetchone()
        if keep_from is not None and keep_from[0] > oldest:
            self.db.execute("DELETE FROM article_fts_recent WHERE rowid < ?", (keep_from[0],))

    def index_facts(self, rowid: int, rec: dict[str, Any]) -> None:
        """(Re)write the officials and assignments rows of one article from its record.

        Call it inside the transaction that changes a stored record (e.g. when assignment statuses
        are updated), so the API's tables follow the record.
        """
        self.db.execute("DELETE FROM article_officials WHERE article_rowid = ?", (rowid,))
        self.db.execute("DELETE FROM article_assignments WHERE article_rowid = ?", (rowid,))
        self.db.executemany(
            "INSERT INTO article_officials (article_rowid, name, name_key, post, level) VALUES (?, ?, ?, ?, ?)",
            [(rowid, o["name"], official_key(o["name"]), o["post"], o["level"]) for o in official_rows(rec)],
        )
        self.db.executemany(
            "INSERT INTO article_assignments (article_rowid, idx, issuer, addressee, action, deadline, sentence, "
            "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    rowid,
                    a["index"],
                    a["issuer"],
                    a["addressee"],
                    a["action"],
                    a["deadline"],
                    a["sentence"],
                    a["status"],
                )
                for a in assignment_rows(rec)
            ],
        )

    def add_rejections(self, items: Sequence[Rejection], run_id: int | None = None) -> int:
        new = 0
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for r in items:
                raw = zlib.compress(r.raw) if r.raw is not None else None
                cur = self.db.execute(
                    "UPDATE rejections SET last_seen = ?, times_seen = times_seen + 1, message = ?, run_id = ? "
                    "WHERE source = ? AND stage = ?",
                    (r.created_at, r.message, run_id, r.source, r.stage),
                )
                if cur.rowcount == 0:
                    self.db.execute(
                        "INSERT INTO rejections (source, stage, message, raw, raw_size, raw_pointer, run_id, "
                        "first_seen, last_seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (
                            r.source,
                            r.stage,
                            r.message,
                            raw,
                            len(r.raw) if r.raw is not None else None,
                            r.raw_pointer,
                            run_id,
                            r.created_at,
                            r.created_at,
                        ),
                    )
                    new += 1
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise
        return new

    # --- reads ------------------------------------------------------------------------------------
    def get(self, article_id: str) -> StoredArticle | None:
        cols = "SELECT rowid, text, record, raw_text, raw FROM articles"
        row = self.db.execute(f"{cols} WHERE id = ?", (article_id,)).fetchall()
        if not row and len(article_id) >= 6:
            # a prefix as an index range (a LIKE would read every id)
            prefix = article_id.lower()
            row = self.db.execute(
                f"{cols} WHERE id >= ? AND id < ? ORDER BY id LIMIT 2", (prefix, prefix + "\U0010ffff")
            ).fetchall()
        if len(row) != 1:
            return None
        r = row[0]
        return StoredArticle(
            _record(r), r["raw_text"], zlib.decompress(r["raw"]) if r["raw"] else None, r["rowid"]
        )

    def _where(self, filters: Filters, on_articles: bool = False) -> tuple[str, list[Any]]:
        """The SQL condition of the filters on ``a`` (article_keys, or articles when ``on_articles``)."""
        sql: list[str] = []
        args: list[Any] = []
        if filters.region:
            sql.append("a.primary_region = ?")
            args.append(filters.region)
        if filters.lang:
            sql.append("a.lang = ?")
            args.append(filters.lang)
        if filters.since:
            sql.append("a.published >= ?")
            args.append(filters.since)
        if filters.until:
            sql.append("a.published <= ?")
            args.append(filters.until)
        if filters.outlet:
            sql.append("a.outlet = ?")
            args.append(filters.outlet)
        if filters.address:
            sql.append("a.rowid IN (SELECT article_rowid FROM article_addresses WHERE address = ?)")
            args.append(filters.address)
        if filters.topic:
            sql.append("a.rowid IN (SELECT article_rowid FROM article_topics WHERE topic = ?)")
            args.append(filters.topic)
        if filters.official:
            sql.append("a.rowid IN (SELECT article_rowid FROM article_officials WHERE name_key = ?)")
            args.append(official_key(filters.official))
        if filters.hide_copies:
            # article_keys.duplicate_of follows the record (triggers of migration 0003)
            sql.append(
                "a.rowid NOT IN (SELECT rowid FROM article_keys WHERE duplicate_of IS NOT NULL)"
                if on_articles
                else "a.duplicate_of IS NULL"
            )
        return (" AND ".join(sql) or "1"), args

    def search(self, query: str | None, filters: Filters = Filters(), limit: int = 20) -> list[Hit]:
        match = _fts_match(query, filters) if query else None
        if query and not match:
            return []
        rows: list[Any]
        if match:
            ranked = self._ranked(match, filters, limit)
            by_rowid = self._article_rows([r for r, _ in ranked])
            rows = [{**dict(by_rowid[r]), "score": score} for r, score in ranked if r in by_rowid]
        else:
            where, args = self._where(filters, on_articles=True)
            rows = self.db.execute(
                "SELECT a.id, a.source, a.title, a.published, a.lang, a.primary_region, a.text, a.record, 0.0 AS score "
                f"FROM articles a WHERE {where} ORDER BY a.published DESC, a.rowid DESC LIMIT ?",
                (*args, limit),
            ).fetchall()
        hits = [search_hit(r, _record(r), query, -float(r["score"])) for r in rows]
        if filters.hide_copies:
            self._list_copies(hits)
        return hits

    def _ranked(self, match: str, filters: Filters, limit: int, offset: int = 0) -> list[tuple[int, float]]:
        """(rowid, bm25) of the best matches of ``match`` among its newest RANK_WINDOW matches under the
        filters, best first (ties: older first), ``limit`` of them after ``offset``.

        A query matching more than RANK_WINDOW articles is ranked among the newest RANK_WINDOW of them:
        FTS5 walks its postings newest first and stops there. bm25 counts every match of each query word
        in the table it reads (its idf), so the ranking reads ``article_fts_recent`` (the newest
        RECENT_ROWS articles, see migration 0007) whenever the window lies within it or the recent
        articles hold at least MIN_RECENT_MATCHES matches (then all of those are the window), and the
        whole index only when the query (with its filters) matches fewer recent articles than that.
        """
        where, args = self._where(filters)
        first = self.db.execute("SELECT rowid FROM article_fts_recent ORDER BY rowid LIMIT 1").fetchone()
        covers_all = (
            self.db.execute(  # no article older than the recent ones (or none at all)
                "SELECT 1 FROM article_keys WHERE rowid < ? LIMIT 1", (first[0] if first else 2**62,)
            ).fetchone()
            is None
        )

        def nth_newest(fts: str, n: int) -> Any:
            return self.db.execute(
                f"SELECT {fts}.rowid FROM {fts} JOIN article_keys a ON a.rowid = {fts}.rowid "
                f"WHERE {fts} MATCH ? AND {where} ORDER BY {fts}.rowid DESC LIMIT 1 OFFSET ?",
                (match, *args, n - 1),
            ).fetchone()

        fts = "article_fts_recent"
        floor = nth_newest(fts, RANK_WINDOW)
        if floor is None and not covers_all and nth_newest(fts, MIN_RECENT_MATCHES) is None:
            fts = "article_fts"  # too few recent matches: the window reaches older articles
            floor = nth_newest(fts, RANK_WINDOW)
        rows = self.db.execute(
            f"SELECT {fts}.rowid, bm25({fts}, 3.0, 1.0, 0.0) AS score FROM {fts} JOIN article_keys a "
            f"ON a.rowid = {fts}.rowid WHERE {fts} MATCH ? AND {fts}.rowid >= ? AND {where} "
            f"ORDER BY score, {fts}.rowid LIMIT ? OFFSET ?",
            (match, floor[0] if floor else 0, *args, limit, offset),
        ).fetchall()
        return [(int(r[0]), float(r[1])) for r in rows]

    def _list_copies(self, hits: Sequence[Hit]) -> None:
        """Each hit's syndicated copies in ``hit.extra["copies"]`` (see base.copy_entry; one query)."""
        if not hits:
            return
        copies: dict[str, list[dict[str, Any]]] = {}
        rows = self.db.execute(
            "SELECT k.duplicate_of, a.id, a.source, a.outlet, a.url, a.published FROM article_keys k "
            f"JOIN articles a ON a.rowid = k.rowid WHERE k.duplicate_of IN ({', '.join('?' * len(hits))}) "
            "ORDER BY coalesce(a.published, ''), a.id",
            [h.id for h in hits],
        ).fetchall()
        for r in rows:
            copies.setdefault(r["duplicate_of"], []).append(copy_entry(r))
        for h in hits:
            h.extra["copies"] = copies.get(h.id, [])

    def iter_records(self, filters: Filters = ALL_ARTICLES, batch: int = 500) -> Iterator[dict[str, Any]]:
        where, args = self._where(filters, on_articles=True)
        last = 0
        while True:
            rows = self.db.execute(
                f"SELECT a.rowid, a.text, a.record FROM articles a WHERE {where} AND a.rowid > ? "
                "ORDER BY a.rowid LIMIT ?",
                (*args, last, batch),
            ).fetchall()
            if not rows:
                return
            for r in rows:
                yield _record(r)
            last = rows[-1]["rowid"]

    def total(
        self, filters: Filters = Filters(), query: str | None = None, at_most: int | None = None
    ) -> int:
        if at_most is None or not query:
            return super().total(filters, query, at_most)
        match = _fts_match(query, filters)
        if not match:
            return 0
        where, args = self._where(filters)
        # the first at_most + 1 matches straight from the full-text index (not every match remembered,
        # as the facets need)
        result: int = self._memo(
            ("total", filters, query, at_most),
            lambda: int(
                self.db.execute(
                    "SELECT count(*) FROM (SELECT 1 FROM article_fts f CROSS JOIN article_keys a ON a.rowid = f.rowid "
                    f"WHERE article_fts MATCH ? AND {where} LIMIT ?)",
                    (match, *args, at_most + 1),
                ).fetchone()[0]
            ),
        )
        return result

    def count(self, filters: Filters = ALL_ARTICLES) -> int:
        where, args = self._where(filters, on_articles=True)
        return int(self.db.execute(f"SELECT count(*) FROM articles a WHERE {where}", args).fetchone()[0])

    def stats(self, hide_copies: bool = True) -> dict[str, Any]:
        q = self.db.execute
        copies = "SELECT rowid FROM article_keys WHERE duplicate_of IS NOT NULL"
        keep = f"a.rowid NOT IN ({copies})" if hide_copies else "1"

        def pairs(sql: str) -> dict[str, int]:
            return {str(k): int(v) for k, v in q(sql).fetchall()}

        return {
            "articles": int(q(f"SELECT count(*) FROM articles a WHERE {keep}").fetchone()[0]),
            "copies": int(
                q("SELECT count(*) FROM article_keys WHERE duplicate_of IS NOT NULL").fetchone()[0]
            ),
            "rejections": int(q("SELECT count(*) FROM rejections").fetchone()[0]),
            "runs": int(q("SELECT count(*) FROM runs").fetchone()[0]),
            "by_lang": pairs(
                f"SELECT coalesce(lang, '?'), count(*) FROM articles a WHERE {keep} GROUP BY 1 ORDER BY 2 DESC"
            ),
            "by_region": pairs(
                f"SELECT coalesce(primary_region, '?'), count(*) FROM articles a WHERE {keep} "
                "GROUP BY 1 ORDER BY 2 DESC"
            ),
            "by_address": pairs(
                f"SELECT address, count(*) FROM article_addresses x WHERE "
                f"{keep.replace('a.rowid', 'x.article_rowid')} GROUP BY 1 ORDER BY 1"
            ),
            "by_year": pairs(
                f"SELECT coalesce(substr(published, 1, 4), '?'), count(*) FROM articles a "
                f"WHERE {keep} GROUP BY 1 ORDER BY 1"
            ),
            "region_address": [
                {"region": r, "address": a, "articles": n}
                for r, a, n in q(
                    "SELECT coalesce(a.primary_region, '?'), coalesce(x.address, '-'), count(*) FROM articles a "
                    f"LEFT JOIN article_addresses x ON x.article_rowid = a.rowid WHERE {keep} "
                    "GROUP BY 1, 2 ORDER BY 1, 2"
                ).fetchall()
            ],
            "schema_version": self.schema_version(),
        }

    def rejections(self, limit: int = 1000) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT id, source, stage, message, raw_size, raw_pointer, run_id, first_seen, last_seen, times_seen "
            "FROM rejections ORDER BY id LIMIT ?",
            (limit,),
        ).fetchall()
        return [dict(r) for r in rows]

    # --- reads for the API and dashboard (aggregated in SQL; see the defaults in base.py) ----------
    # They read article_keys (a narrow copy of the filterable columns, see sqlite_0003_reads.sql) and
    # touch the big articles rows only for the page of results they return.

    def _token(self) -> int:
        """How many times the articles changed (store_changes, bumped by triggers): an aggregate
        remembered under an older token may be stale, whichever connection or process wrote."""
        return int(self.db.execute("SELECT n FROM store_changes WHERE id = 1").fetchone()[0])

    def _memo(self, key: tuple[Any, ...], compute: Callable[[], Any]) -> Any:
        """``compute()``, remembered for this database until the articles change (shared by threads)."""
        token = self._token()
        with _MEMO_LOCK:
            memo = _MEMO.setdefault(self.url, OrderedDict())
            hit = memo.get(key)
            if hit is not None and hit[0] == token:
                memo.move_to_end(key)
                return hit[1]
        value = compute()
        if self._token() == token:  # nothing changed while computing: safe to remember
            with _MEMO_LOCK:
                memo[key] = (token, value)
                while len(memo) > _MEMO_SIZE:
                    memo.popitem(last=False)
        return value

    def _matches(self, query: str) -> tuple[str, list[Any]] | None:
        """SQL selecting the rowids that match the query words (``None``: nothing can match).

        The matches are kept in a temporary table for the few latest queries, so that a search page
        (results, total, six facets) runs the full-text match once; they are dropped as soon as the
        articles change.
        """
        match = _fts_match(query, Filters())
        if not match:
            return None
        if not hasattr(self, "_matched"):
            self._matched: list[str] = []
            self._matched_at = -1
            self.db.execute(
                "CREATE TEMP TABLE IF NOT EXISTS zh_match (q TEXT NOT NULL, r INTEGER NOT NULL, "
                "PRIMARY KEY (q, r)) WITHOUT ROWID"
            )
        token = self._token()
        if token != self._matched_at:
            self.db.execute("DELETE FROM temp.zh_match")
            self._matched.clear()
            self._matched_at = token
        if match not in self._matched:
            if len(self._matched) >= 4:
                self.db.execute("DELETE FROM temp.zh_match WHERE q = ?", (self._matched.pop(0),))
            self.db.execute(
                "INSERT OR IGNORE INTO temp.zh_match (q, r) SELECT ?, rowid FROM article_fts "
                "WHERE article_fts MATCH ?",
                (match, match),
            )
            self._matched.append(match)
        return "JOIN temp.zh_match m ON m.r = a.rowid AND m.q = ?", [match]

    def _where_query(self, filters: Filters, query: str | None) -> tuple[str, list[Any]] | None:
        """``FROM article_keys a ... WHERE ...`` of the filters plus the query words (a join on the
        remembered matches), and its arguments; ``None`` when the query can match nothing."""
        where, args = self._where(filters)
        if not query:
            return f"FROM article_keys a WHERE {where}", args
        matched = self._matches(query)
        if matched is None:
            return None
        return f"FROM article_keys a {matched[0]} WHERE {where}", [*matched[1], *args]

    def _article_rows(self, rowids: Sequence[int]) -> dict[int, sqlite3.Row]:
        """The listing columns of these articles by rowid (the only read of the big article rows)."""
        return {
            r["rowid"]: r
            for r in self.db.execute(
                f"SELECT {_HIT_COLUMNS} FROM articles a WHERE a.rowid IN ({', '.join('?' * len(rowids))})",
                list(rowids),
            )
        }

    def _hits(self, rowids: Sequence[int], query: str | None, scores: Sequence[float] = ()) -> list[Hit]:
        """Listing items for these rowids, in this order (the only read of the big article rows)."""
        if not rowids:
            return []
        rows = self._article_rows(rowids)
        return [
            hit_of(_record(rows[r]), query, scores[i] if scores else 0.0)
            for i, r in enumerate(rowids)
            if r in rows
        ]

    def coverage(
        self,
        filters: Filters = Filters(),
        by: Sequence[str] = ("region", "address", "month"),
        query: str | None = None,
    ) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._memo(
            ("coverage", filters, tuple(by), query), lambda: self._coverage(filters, by, query)
        )
        return result

    def _coverage(
        self,
        filters: Filters = Filters(),
        by: Sequence[str] = ("region", "address", "month"),
        query: str | None = None,
    ) -> list[dict[str, Any]]:
        check_dimensions(by)
        wq = self._where_query(filters, query)
        if wq is None:
            return [{"articles": 0}] if not by else []
        source, args = wq
        cols = [_DIMS[d][0] for d in by]
        joins = " ".join(_DIMS[d][1] for d in by if _DIMS[d][1])
        group = f" GROUP BY {', '.join(str(i + 1) for i in range(len(by)))}" if by else ""
        if joins:
            source = source.replace(" WHERE ", f" {joins} WHERE ", 1)
        rows = self.db.execute(f"SELECT {', '.join([*cols, 'count(*)'])} {source}{group}", args).fetchall()
        if not by:
            return [{"articles": int(rows[0][0])}]
        return sort_cells(by, ((tuple(None if v is None else str(v) for v in r[:-1]), r[-1]) for r in rows))

    def facets(
        self,
        filters: Filters = Filters(),
        query: str | None = None,
        fields: Sequence[str] = FACETS,
        limit: int = 20,
    ) -> dict[str, list[tuple[str, int]]]:
        result: dict[str, list[tuple[str, int]]] = self._memo(
            ("facets", filters, query, tuple(fields), limit),
            lambda: self._facets(filters, query, fields, limit),
        )
        return result

    def _facets(
        self, filters: Filters, query: str | None, fields: Sequence[str], limit: int
    ) -> dict[str, list[tuple[str, int]]]:
        check_dimensions(fields)
        counts: dict[str, Counter[str]] = {f: Counter() for f in fields}
        # the single-valued fields in one pass (their margins are the counts), the lists one by one
        single = [f for f in fields if not _DIMS[f][1]]
        if single:
            for cell in self._coverage(filters, single, query):
                for f in single:
                    if cell[f] is not None:
                        counts[f][cell[f]] += cell["articles"]
        for f in fields:
            if _DIMS[f][1]:
                counts[f].update(
                    {c[f]: c["articles"] for c in self._coverage(filters, (f,), query) if c[f] is not None}
                )
        return {f: sorted(counts[f].items(), key=lambda kv: (-kv[1], kv[0]))[:limit] for f in fields}

    def page(
        self,
        filters: Filters = Filters(),
        query: str | None = None,
        sort: str = "newest",
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[Hit]:
        result: Page[Hit] = self._memo(
            ("page", filters, query, sort, cursor, limit),
            lambda: self._page(filters, query, sort, cursor, limit),
        )
        return result

    def _page(
        self,
        filters: Filters = Filters(),
        query: str | None = None,
        sort: str = "newest",
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[Hit]:
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        state = decode_cursor(cursor) if cursor else {}
        if sort == "relevance" and query:
            offset = state.get("o", 0)
            if not isinstance(offset, int) or offset < 0 or (state and "o" not in state):
                raise ValueError("the cursor belongs to another sort order: start again without it")
            match = _fts_match(query, filters)
            if not match:
                return Page([])
            rows = self._ranked(match, filters, limit + 1, offset)
            hits = self._hits([r[0] for r in rows[:limit]], query, [-float(r[1]) for r in rows[:limit]])
            if filters.hide_copies:
                self._list_copies(hits)
            return Page(hits, encode_cursor({"o": offset + limit}) if len(rows) > limit else None)
        wq = self._where_query(filters, query)
        if wq is None:
            return Page([])
        source, args = wq
        desc = sort != "oldest"
        if state:
            key = state.get("k")
            if not (
                isinstance(key, list)
                and len(key) == 2
                and isinstance(key[0], str)
                and isinstance(key[1], int)
            ):
                raise ValueError("the cursor belongs to another sort order: start again without it")
            source += f" AND ({_NEWEST}, a.rowid) {'<' if desc else '>'} (?, ?)"
            args.extend(key)
        order = "DESC" if desc else "ASC"
        rows = self.db.execute(
            f"SELECT a.rowid, {_NEWEST} AS k {source} ORDER BY k {order}, a.rowid {order} LIMIT ?",
            (*args, limit + 1),
        ).fetchall()
        hits = self._hits([r[0] for r in rows[:limit]], query)
        if filters.hide_copies:
            self._list_copies(hits)
        more = len(rows) > limit
        return Page(hits, encode_cursor({"k": [rows[limit - 1][1], rows[limit - 1][0]]}) if more else None)

    def assignments(
        self,
        filters: Filters = Filters(),
        status: str | None = None,
        sort: str = "newest",
        cursor: str | None = None,
        limit: int = 100,
    ) -> Page[dict[str, Any]]:
        if sort not in ASSIGNMENT_SORTS:
            raise ValueError(f"sort must be one of {', '.join(ASSIGNMENT_SORTS)}, not {sort!r}")
        offset = decode_cursor(cursor).get("o", 0) if cursor else 0
        if not isinstance(offset, int) or offset < 0:
            raise ValueError("the cursor is not one this server gave out: start again without it")
        where, args = self._where(filters)
        if status is not None:
            where += " AND x.status = ?"
            args.append(status)
        order = (
            "coalesce(x.deadline, '9999-99-99'), a.rowid, x.idx"
            if sort == "deadline"
            else f"{_NEWEST} DESC, a.rowid DESC, x.idx"
        )
        rows = self.db.execute(
            'SELECT a.id AS article_id, a.published, a.primary_region, a.lang, a.title, x.idx AS "index", '
            "x.issuer, x.addressee, x.action, x.deadline, x.sentence, x.status "
            f"FROM article_assignments x JOIN article_keys a ON a.rowid = x.article_rowid WHERE {where} "
            f"ORDER BY {order} LIMIT ? OFFSET ?",
            (*args, limit + 1, offset),
        ).fetchall()
        items = [dict(r) for r in rows[:limit]]
        return Page(items, encode_cursor({"o": offset + limit}) if len(rows) > limit else None)

    def officials(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._memo(
            ("officials", filters, limit), lambda: self._officials(filters, limit)
        )
        return result

    def _officials(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        where, args = self._where(filters)
        rows = self.db.execute(
            "SELECT o.name, o.post, o.level, count(*) AS articles, min(a.published) AS first_seen, "
            "max(a.published) AS last_seen, group_concat(DISTINCT a.primary_region) AS regions "
            f"FROM article_officials o JOIN article_keys a ON a.rowid = o.article_rowid WHERE {where} "
            "GROUP BY o.name, o.post, o.level "
            "ORDER BY articles DESC, o.name, coalesce(o.post, ''), coalesce(o.level, '') LIMIT ?",
            (*args, limit),
        ).fetchall()
        return [
            {**dict(r), "regions": sorted((r["regions"] or "").split(",")) if r["regions"] else []}
            for r in rows
        ]

    def events(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self._memo(
            ("events", filters, limit), lambda: self._events(filters, limit)
        )
        return result

    def _events(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        where, args = self._where(filters)
        where += " AND a.event_id IS NOT NULL"
        groups = self.db.execute(
            "SELECT a.event_id AS ev, count(*) AS n, group_concat(DISTINCT coalesce(a.lang, '?')) AS langs, "
            "group_concat(DISTINCT a.primary_region) AS regions, min(a.published) AS first, "
            f"max(a.published) AS last FROM article_keys a WHERE {where} GROUP BY ev "
            "ORDER BY coalesce(last, '') DESC, ev DESC LIMIT ?",
            (*args, limit),
        ).fetchall()
        if not groups:
            return []
        items: dict[str, list[dict[str, Any]]] = {}
        marks = ", ".join("?" * len(groups))
        for r in self.db.execute(
            f"SELECT a.event_id AS ev, a.id, a.title, a.lang, a.published FROM article_keys a "
            f"WHERE {where} AND a.event_id IN ({marks}) ORDER BY coalesce(a.published, ''), a.id",
            (*args, *(g["ev"] for g in groups)),
        ):
            items.setdefault(str(r["ev"]), []).append(
                {"id": r["id"], "title": r["title"], "lang": r["lang"], "published": r["published"]}
            )
        return [
            {
                "event_id": str(g["ev"]),
                "articles": int(g["n"]),
                "langs": sorted(g["langs"].split(",")),
                "regions": sorted(g["regions"].split(",")) if g["regions"] else [],
                "first": g["first"],
                "last": g["last"],
                "items": items.get(str(g["ev"]), []),
            }
            for g in groups
        ]

    def related(self, article_id: str) -> dict[str, list[Hit]]:
        out: dict[str, list[Hit]] = {"duplicates": [], "same_event": []}
        me = self.db.execute(
            "SELECT id, duplicate_of, event_id FROM article_keys WHERE id = ?", (article_id,)
        ).fetchone()
        if me is None:
            item = self.get(article_id)  # a unique prefix of the id
            if item is None:
                return out
            me = self.db.execute(
                "SELECT id, duplicate_of, event_id FROM article_keys WHERE id = ?", (item.record["id"],)
            ).fetchone()
            if me is None:
                return out
        root = me["duplicate_of"] or me["id"]
        seen: set[str] = set()
        for name, sql, args in (
            ("duplicates", "(a.id = ? OR a.duplicate_of = ?)", (root, root)),
            ("same_event", "a.event_id = ?", (me["event_id"],)),
        ):
            if args[0] is None:
                continue
            rows = self.db.execute(
                f"SELECT a.rowid FROM article_keys a WHERE {sql} AND a.id != ? "
                "ORDER BY coalesce(a.published, ''), a.id",
                (*args, me["id"]),
            ).fetchall()
            rowids = [r[0] for r in rows if r[0] not in seen]
            seen.update(rowids)
            for hit in self._hits(rowids, None):
                hit.snippet = ""
                out[name].append(hit)
        return out

    def delete(self, article_id: str) -> bool:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute("SELECT rowid FROM articles WHERE id = ?", (article_id,)).fetchone()
            if row is None:
                self.db.execute("COMMIT")
                return False
            self.db.execute("DELETE FROM article_fts WHERE rowid = ?", (row[0],))
            self.db.execute("DELETE FROM article_fts_recent WHERE rowid = ?", (row[0],))
            # article_keys follows by trigger; addresses, regions, topics, officials, assignments cascade
            self.db.execute("DELETE FROM articles WHERE rowid = ?", (row[0],))
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise
        return True

    def rejection_raw(self, rejection_id: int) -> bytes | None:
        row = self.db.execute("SELECT raw FROM rejections WHERE id = ?", (rejection_id,)).fetchone()
        return zlib.decompress(row["raw"]) if row and row["raw"] is not None else None

    def similar_names(self, name: str, limit: int = 10) -> list[dict[str, Any]]:
        # no trigram index here: the names whose folded form contains every word (LIKE), exact name first,
        # then the names that start with it, then the most cited
        key = official_key(name)
        words = key.split()
        if not words:
            return []
        contains = " AND ".join(["name_key LIKE ? ESCAPE '\\'"] * len(words))
        rows = self.db.execute(
            "SELECT name, count(DISTINCT article_rowid) AS articles FROM article_officials "
            f"WHERE {contains} GROUP BY name, name_key "
            "ORDER BY name_key = ? DESC, name_key LIKE ? ESCAPE '\\' DESC, articles DESC, name LIMIT ?",
            (*(f"%{_like_escape(w)}%" for w in words), key, _like_escape(key) + "%", limit),
        ).fetchall()
        return [{"name": r["name"], "articles": int(r["articles"])} for r in rows]

    # --- instructions of the Addresses ----------------------------------------------------------------
    def add_instructions(self, address_id: str, items: Sequence[dict[str, Any]], source: str) -> int:
        now = _now()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.execute(
                "DELETE FROM address_instructions WHERE address = ? AND source = ?", (address_id, source)
            )
            for position, it in enumerate(items):
                data = {**it, "address": address_id, "source": source}
                self.db.execute(
                    "INSERT INTO address_instructions (address, source, item, position, lang, body, deadline, text, "
                    "data, loaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        address_id,
                        source,
                        str(it["item"]),
                        position,
                        it.get("lang"),
                        it.get("body"),
                        it.get("deadline"),
                        str(it["text"]),
                        json.dumps(data, ensure_ascii=False, default=str),
                        now,
                    ),
                )
            self.db.execute("COMMIT")
        except sqlite3.IntegrityError as exc:
            self.db.execute("ROLLBACK")
            raise StoreError(
                f"cannot store the items of Address {address_id} ({source}): {exc}; item numbers "
                "must be unique"
            ) from exc
        except Exception:
            self.db.execute("ROLLBACK")
            raise
        return len(items)

    def instructions(self, address_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT data FROM address_instructions"
        args: tuple[Any, ...] = ()
        if address_id:
            sql += " WHERE address = ?"
            args = (address_id,)
        rows = self.db.execute(sql + " ORDER BY address, source, position", args).fetchall()
        return [json.loads(r["data"]) for r in rows]

    def set_field(self, article_id: str, field: str, value: Any) -> None:
        if field in {"id", "text"}:
            raise StoreError(f"the field {field!r} of an article cannot be changed: ingest the article again")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            row = self.db.execute(
                "SELECT rowid, text, record FROM articles WHERE id = ?", (article_id,)
            ).fetchone()
            if row is None:
                raise StoreError(
                    f"no article {article_id!r} in {self.url} (use `zholdau search` to find ids)"
                )
            rowid = row["rowid"]
            rec = json.loads(row["record"])
            rec[field] = value
            self.db.execute(
                "UPDATE articles SET record = ? WHERE rowid = ?",
                (json.dumps(rec, ensure_ascii=False, default=str), rowid),
            )
            if field in _COLUMNS:
                # keep the column that filters read in step with the record
                self.db.execute(f"UPDATE articles SET {field} = ? WHERE rowid = ?", (value, rowid))
            if field in LIST_TABLES:
                self._index_list(rowid, rec, field)
            if field in FACT_FIELDS:
                self.index_facts(rowid, rec)
            if field in KEY_FIELDS:
                keys = (*search_keys(rec, row["text"]), rowid)
                # the recent index keeps its rows (an older article is not in it and stays out)
                self.db.execute("UPDATE article_fts SET title = ?, body = ? WHERE rowid = ?", keys)
                self.db.execute("UPDATE article_fts_recent SET title = ?, body = ? WHERE rowid = ?", keys)
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise

    # --- crawl state (migration 0004) -----------------------------------------------------------
    def crawl_add(self, items: Sequence[CrawlURL]) -> int:
        new = 0
        now = _now()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for it in items:
                cur = self.db.execute(
                    "INSERT OR IGNORE INTO crawl_urls (url, host, kind, source, state, lastmod, discovered_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (it.url, it.host, it.kind, it.source, it.state, it.lastmod, it.discovered_at or now),
                )
                if cur.rowcount:
                    new += 1
                elif it.lastmod:
                    self.db.execute(
                        "UPDATE crawl_urls SET lastmod = ? WHERE url = ? AND lastmod IS NULL",
                        (it.lastmod, it.url),
                    )
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise
        return new

    def crawl_get(self, urls: Sequence[str]) -> dict[str, CrawlURL]:
        out: dict[str, CrawlURL] = {}
        wanted = list(dict.fromkeys(urls))
        for i in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.execute(f"SELECT * FROM crawl_urls WHERE url IN ({marks})", chunk):
                out[row["url"]] = _crawl_url(row)
        return out

    def crawl_due(
        self, now: str, kind: str = "page", sources: Sequence[str] | None = None, limit: int = 1000
    ) -> list[CrawlURL]:
        sql = (
            "SELECT * FROM crawl_urls WHERE kind = ? AND (state = 'pending' OR "
            "(state = 'retry' AND coalesce(next_fetch_at, '') <= ?))"
        )
        args: list[Any] = [kind, now]
        if sources is not None:
            sql += f" AND source IN ({','.join('?' * len(sources))})"
            args.extend(sources)
        sql += " ORDER BY lastmod IS NULL, lastmod DESC, discovered_at, url LIMIT ?"
        args.append(limit)
        return [_crawl_url(r) for r in self.db.execute(sql, args)]

    def crawl_update(self, items: Sequence[CrawlURL]) -> None:
        now = _now()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for it in items:
                row = self.db.execute(
                    "SELECT discovered_at FROM crawl_urls WHERE url = ?", (it.url,)
                ).fetchone()
                discovered = row["discovered_at"] if row else (it.discovered_at or now)
                self.db.execute(
                    f"INSERT OR REPLACE INTO crawl_urls ({', '.join(_CRAWL_FIELDS)}) "
                    f"VALUES ({', '.join('?' * len(_CRAWL_FIELDS))})",
                    [discovered if f == "discovered_at" else getattr(it, f) for f in _CRAWL_FIELDS],
                )
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise

    def crawl_host(self, host: str) -> dict[str, Any] | None:
        row = self.db.execute("SELECT * FROM crawl_hosts WHERE host = ?", (host,)).fetchone()
        return dict(row) if row else None

    def crawl_set_host(self, host: str, **fields: Any) -> None:
        unknown = set(fields) - set(_HOST_FIELDS)
        if unknown:
            raise StoreError(f"unknown crawl host fields {sorted(unknown)}: use {', '.join(_HOST_FIELDS)}")
        self.db.execute("INSERT OR IGNORE INTO crawl_hosts (host, updated_at) VALUES (?, ?)", (host, _now()))
        if fields:
            sets = ", ".join(f"{k} = ?" for k in fields)
            self.db.execute(
                f"UPDATE crawl_hosts SET {sets}, updated_at = ? WHERE host = ?",
                [*fields.values(), _now(), host],
            )

    def crawl_stats(self, sources: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
        sql = "SELECT kind, state, count(*) AS n FROM crawl_urls"
        args: list[Any] = []
        if sources is not None:
            sql += f" WHERE source IN ({','.join('?' * len(sources))})"
            args.extend(sources)
        out: dict[str, dict[str, int]] = {}
        for row in self.db.execute(sql + " GROUP BY kind, state ORDER BY kind, state", args):
            out.setdefault(row["kind"], {})[row["state"]] = int(row["n"])
        return out

    # --- connect: copies, events, follow-ups, registers (migration 0005) ---------------------------------
    def connect_pending(
        self, article_ids: Sequence[str] | None = None, limit: int = 500
    ) -> list[tuple[int, dict[str, Any]]]:
        sql = (
            "SELECT a.rowid, a.text, a.record FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM connect_articles c WHERE c.article_rowid = a.rowid)"
        )
        if article_ids is None:
            # find the rowids in the narrow article_keys (scanning the big article rows costs a page each)
            ids = [
                r[0]
                for r in self.db.execute(
                    "SELECT k.rowid FROM article_keys k WHERE NOT EXISTS (SELECT 1 FROM connect_articles c "
                    "WHERE c.article_rowid = k.rowid) ORDER BY k.rowid LIMIT ?",
                    (limit,),
                )
            ]
            if not ids:
                return []
            rows = self.db.execute(
                f"SELECT a.rowid, a.text, a.record FROM articles a WHERE a.rowid IN "
                f"({', '.join('?' * len(ids))}) ORDER BY a.rowid",
                ids,
            ).fetchall()
            return [(int(r["rowid"]), _record(r)) for r in rows]
        out: list[tuple[int, dict[str, Any]]] = []
        wanted = list(dict.fromkeys(article_ids))
        for i in range(0, len(wanted), 500):  # SQLite's limit on bound parameters
            chunk = wanted[i : i + 500]
            rows = self.db.execute(
                sql + f" AND a.id IN ({', '.join('?' * len(chunk))}) ORDER BY a.rowid", chunk
            ).fetchall()
            out.extend((int(r["rowid"]), _record(r)) for r in rows)
            if len(out) >= limit:
                break
        return sorted(out, key=lambda x: x[0])[:limit]

    def connect_records(
        self, rowids: Sequence[int], fields: Sequence[str] | None = None
    ) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        wanted = list(dict.fromkeys(rowids))
        columns = "rowid, text, record" if fields is None else "rowid, record"
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            for r in self.db.execute(
                f"SELECT {columns} FROM articles WHERE rowid IN ({', '.join('?' * len(chunk))})", chunk
            ):
                if fields is None:
                    out[int(r["rowid"])] = _record(r)
                else:
                    rec = json.loads(r["record"])
                    out[int(r["rowid"])] = {k: rec[k] for k in fields if k in rec}
        return out

    def connect_reset(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for table in (
                "connect_anchors",
                "connect_links",
                "connect_reports",
                "connect_assignments",
                "connect_event_members",
                "connect_events",
                "connect_lsh",
                "connect_officials",
                "connect_figures",
                "connect_articles",
            ):
                self.db.execute(f"DELETE FROM {table}")
            rows = self.db.execute(
                "SELECT rowid, record FROM articles WHERE json_extract(record, '$.duplicate_of') IS NOT NULL "
                "OR json_extract(record, '$.event_id') IS NOT NULL OR json_type(record, '$.follows_up') "
                "IS NOT NULL OR record LIKE '%\"status\"%' OR record LIKE '%\"followed_up_by\"%'"
            ).fetchall()
            for r in rows:
                rec = json.loads(r["record"])
                for k in ("duplicate_of", "event_id", "follows_up"):
                    rec.pop(k, None)
                for a in rec.get("assignments") or []:
                    if isinstance(a, dict):
                        a.pop("status", None)
                        a.pop("followed_up_by", None)
                self.db.execute(
                    "UPDATE articles SET record = ? WHERE rowid = ?",
                    (json.dumps(rec, ensure_ascii=False, default=str), r["rowid"]),
                )
                self.index_facts(int(r["rowid"]), rec)
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise

    def lsh_candidates(self, band_keys: Sequence[int]) -> list[int]:
        if not band_keys:
            return []
        rows = self.db.execute(
            f"SELECT DISTINCT article_rowid FROM connect_lsh WHERE band_key IN ({', '.join('?' * len(band_keys))})",
            list(band_keys),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def connect_articles(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        out: dict[int, dict[str, Any]] = {}
        wanted = list(dict.fromkeys(rowids))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            for r in self.db.execute(
                "SELECT c.*, a.id FROM connect_articles c JOIN articles a ON a.rowid = c.article_rowid "
                f"WHERE c.article_rowid IN ({', '.join('?' * len(chunk))})",
                chunk,
            ):
                out[int(r["article_rowid"])] = {**dict(r), "rowid": int(r["article_rowid"])}
        return out

    def connect_copies(self, root_rowids: Sequence[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        wanted = list(dict.fromkeys(root_rowids))
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            for r in self.db.execute(
                "SELECT root_rowid, article_rowid FROM connect_articles WHERE root_rowid IN "
                f"({', '.join('?' * len(chunk))}) ORDER BY article_rowid",
                chunk,
            ):
                out.setdefault(int(r[0]), []).append(int(r[1]))
        return out

    def connect_events_in(self, region: str, since: str, until: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT event_id, region, first_day, last_day, data, vector FROM connect_events "
            "WHERE region = ? AND first_day >= ? AND first_day <= ? ORDER BY first_day, event_id",
            (region, since, until),
        ).fetchall()
        return [{**dict(r), "data": json.loads(r["data"])} for r in rows]

    def connect_event_members(self, event_id: str) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "SELECT m.article_rowid AS rowid, a.id, c.lang, c.embedding FROM connect_event_members m "
            "JOIN articles a ON a.rowid = m.article_rowid "
            "LEFT JOIN connect_articles c ON c.article_rowid = m.article_rowid "
            "WHERE m.event_id = ? ORDER BY m.article_rowid",
            (event_id,),
        ).fetchall()
        return [dict(r) for r in rows]

    def connect_assignments_in(
        self, region: str, since: str, until: str, rowids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        rows = []
        for only, args in _only(rowids, "x.article_rowid"):  # chunks in rowid order: the order holds
            rows += self.db.execute(
                "SELECT x.article_rowid AS rowid, a.id, x.idx, x.region, x.published, x.deadline, x.data "
                "FROM connect_assignments x JOIN articles a ON a.rowid = x.article_rowid "
                f"WHERE x.region = ? AND x.published >= ? AND x.published <= ?{only} "
                "ORDER BY x.article_rowid, x.idx",
                (region, since, until, *args),
            ).fetchall()
        return [{**dict(r), "data": json.loads(r["data"])} for r in rows]

    def connect_reports_in(
        self, region: str, since: str, until: str, rowids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        rows = []
        for only, args in _only(rowids, "x.article_rowid"):
            rows += self.db.execute(
                "SELECT x.article_rowid AS rowid, a.id, x.region, x.published, x.data FROM connect_reports x "
                "JOIN articles a ON a.rowid = x.article_rowid "
                f"WHERE x.region = ? AND x.published >= ? AND x.published <= ?{only} ORDER BY x.article_rowid",
                (region, since, until, *args),
            ).fetchall()
        return [{**dict(r), "data": json.loads(r["data"])} for r in rows]

    def connect_anchored(
        self, side: str, region: str, keys: Sequence[str], since: str, until: str
    ) -> set[int]:
        out: set[int] = set()
        wanted = sorted(set(keys))
        for i in range(0, len(wanted), 400):
            chunk = wanted[i : i + 400]
            rows = self.db.execute(
                f"SELECT DISTINCT article_rowid FROM connect_anchors WHERE side = ? AND key IN "
                f"({', '.join('?' * len(chunk))}) AND region = ? AND published >= ? AND published <= ?",
                (side, *chunk, region, since, until),
            ).fetchall()
            out.update(int(r[0]) for r in rows)
        return out

    def connect_links(
        self, article_rowids: Sequence[int] = (), report_rowids: Sequence[int] = (), brief: bool = False
    ) -> list[dict[str, Any]]:
        out: dict[tuple[int, int, int], dict[str, Any]] = {}
        columns = LINK_BRIEF_COLUMNS if brief else "l.*"
        for col, ids in (("article_rowid", article_rowids), ("report_rowid", report_rowids)):
            wanted = list(dict.fromkeys(ids))
            for i in range(0, len(wanted), 500):
                chunk = wanted[i : i + 500]
                for r in self.db.execute(
                    f"SELECT {columns}, a.id AS article_id, ca.lang AS article_lang, ca.event_id AS article_event, "
                    "rp.id AS report_id, cr.lang AS report_lang FROM connect_links l "
                    "JOIN articles a ON a.rowid = l.article_rowid JOIN articles rp ON rp.rowid = l.report_rowid "
                    "LEFT JOIN connect_articles ca ON ca.article_rowid = l.article_rowid "
                    "LEFT JOIN connect_articles cr ON cr.article_rowid = l.report_rowid "
                    f"WHERE l.{col} IN ({', '.join('?' * len(chunk))})",
                    chunk,
                ):
                    out[(r["article_rowid"], r["idx"], r["report_rowid"])] = dict(r)
        return list(out.values())

    def connect_due(self, today: str) -> list[int]:
        rows = self.db.execute(
            "SELECT DISTINCT x.article_rowid FROM article_assignments x "
            "JOIN connect_articles c ON c.article_rowid = x.article_rowid "
            "WHERE x.deadline IS NOT NULL AND x.deadline < ? AND coalesce(x.status, '') NOT IN ('done', 'overdue')",
            (today,),
        ).fetchall()
        return [int(r[0]) for r in rows]

    def connect_apply(self, changes: ConnectChanges) -> None:
        if not changes:
            return
        now = _now()
        self.db.execute("BEGIN IMMEDIATE")
        try:
            x = self.db.executemany
            x(
                "INSERT OR REPLACE INTO connect_articles (article_rowid, signature, shingles, lang, published, "
                "order_key, root_rowid, event_id, embedding, connected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(*row, now) for row in changes.articles],
            )
            x("INSERT OR IGNORE INTO connect_lsh (band_key, article_rowid) VALUES (?, ?)", changes.lsh)
            x(
                "UPDATE connect_articles SET root_rowid = ? WHERE article_rowid = ?",
                [(root, rowid) for rowid, root in changes.roots],
            )
            x(
                "UPDATE connect_articles SET embedding = ? WHERE article_rowid = ?",
                [(blob, rowid) for rowid, blob in changes.embeddings],
            )
            x(
                "INSERT OR REPLACE INTO connect_events (event_id, region, first_day, last_day, data, vector, "
                "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (e[0], e[1], e[2], e[3], json.dumps(e[4], ensure_ascii=False), e[5], now)
                    for e in changes.events
                ],
            )
            x(
                "INSERT OR REPLACE INTO connect_event_members (article_rowid, event_id, score, reasons) "
                "VALUES (?, ?, ?, ?)",
                changes.members,
            )
            x(
                "INSERT OR REPLACE INTO connect_assignments (article_rowid, idx, region, published, deadline, data) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                [(*a[:5], json.dumps(a[5], ensure_ascii=False)) for a in changes.assignments],
            )
            x(
                "INSERT OR REPLACE INTO connect_reports (article_rowid, region, published, data) VALUES (?, ?, ?, ?)",
                [(*r[:3], json.dumps(r[3], ensure_ascii=False)) for r in changes.reports],
            )
            x(
                "INSERT OR IGNORE INTO connect_anchors (side, key, region, published, article_rowid, idx) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                changes.anchors,
            )
            x(
                "INSERT OR REPLACE INTO connect_links (article_rowid, idx, report_rowid, kind, score, reasons, "
                "evidence, report_published) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                changes.links,
            )
            x(
                "INSERT OR REPLACE INTO connect_officials (article_rowid, person, name, post_key, post, level, "
                "region, lang, published) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                changes.officials,
            )
            x(
                "INSERT OR REPLACE INTO connect_figures (article_rowid, idx, kind, unit, measure, value, text, "
                "region, published, sentence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                changes.figures,
            )
            for rowid, fields in changes.fields.items():
                row = self.db.execute("SELECT record FROM articles WHERE rowid = ?", (rowid,)).fetchone()
                if row is None:
                    continue
                rec = json.loads(row["record"])
                for k, v in fields.items():
                    if v is None:
                        rec.pop(k, None)
                    else:
                        rec[k] = v
                # the article_keys trigger copies event_id and duplicate_of from the record
                self.db.execute(
                    "UPDATE articles SET record = ? WHERE rowid = ?",
                    (json.dumps(rec, ensure_ascii=False, default=str), rowid),
                )
                if "assignments" in fields:
                    self.index_facts(rowid, rec)
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise

    def officials_register(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        where, args = self._where(filters)
        rows = self.db.execute(
            "SELECT o.person, o.post_key, o.region, max(o.level) AS level, count(DISTINCT o.article_rowid) AS articles, "
            "min(o.published) AS first_seen, max(o.published) AS last_seen, "
            "group_concat(DISTINCT o.name) AS names, group_concat(DISTINCT o.post) AS posts, "
            "group_concat(DISTINCT o.lang) AS langs FROM connect_officials o "
            f"JOIN article_keys a ON a.rowid = o.article_rowid WHERE {where} "
            "GROUP BY o.person, o.post_key, o.region ORDER BY articles DESC, o.person, o.post_key, o.region LIMIT ?",
            (*args, limit),
        ).fetchall()
        return [
            {
                **dict(r),
                "region": r["region"] or None,
                "post_key": r["post_key"] or None,
                "names": sorted((r["names"] or "").split(",")) if r["names"] else [],
                "posts": sorted((r["posts"] or "").split(",")) if r["posts"] else [],
                "langs": sorted((r["langs"] or "").split(",")) if r["langs"] else [],
            }
            for r in rows
        ]

    def figure_facts(self, filters: Filters = Filters()) -> list[dict[str, Any]]:
        where, args = self._where(filters)
        rows = self.db.execute(
            "SELECT a.id AS article_id, f.idx, f.kind, f.unit, f.measure, f.value, f.text, f.region, f.published, "
            f"f.sentence, a.lang, a.title FROM connect_figures f JOIN article_keys a ON a.rowid = f.article_rowid "
            f"WHERE {where} ORDER BY f.region, f.published, a.rowid, f.idx",
            args,
        ).fetchall()
        return [dict(r) for r in rows]

    def close(self) -> None:
        self.db.close()


def _only(rowids: Sequence[int] | None, column: str) -> list[tuple[str, list[int]]]:
    """``AND column IN (...)`` clauses when ``rowids`` is given (the anchored candidates), one per chunk
    of at most 900 rowids in ascending order (SQLite's limit on bound parameters); no clause without."""
    if rowids is None:
        return [("", [])]
    ids = sorted(set(rowids))
    if not ids:
        return [(" AND 0", [])]
    return [
        (f" AND {column} IN ({', '.join('?' * len(ids[i : i + 900]))})", ids[i : i + 900])
        for i in range(0, len(ids), 900)
    ]


def _ids(values: Any) -> list[str]:
    out = []
    for v in values or []:
        if isinstance(v, dict):
            v = v.get("id") or v.get("code") or v.get("value")
        if v:
            out.append(str(v))
    return out


def _record(row: sqlite3.Row) -> dict[str, Any]:
    rec: dict[str, Any] = json.loads(row["record"])
    rec["text"] = row["text"]
    return rec


_REGION_CODE = re.compile(r"[A-Za-z0-9-]+")


def _region_key(code: Any) -> str | None:
    """The search key of a region (column tags, migration 0008): KZ-61 → rkz61, as the migration's SQL
    writes it (``'r' || lower(replace(code, '-', ''))``); ``None`` for no region or an odd code."""
    if not isinstance(code, str) or not _REGION_CODE.fullmatch(code):
        return None
    return "r" + code.lower().replace("-", "")


def _fts_match(query: str, filters: Filters) -> str | None:
    """The MATCH expression of the query words in the title and body keys, and of the region filter's key
    (migration 0008: FTS5 intersects the region's rows with the words' itself). ``None``: no word."""
    words = textindex.fts5_query(query)
    if not words:
        return None
    region = _region_key(filters.region) if filters.region else None
    return f"{{title body}} : ({words})" + (f' AND tags : "{region}"' if region else "")


def _split_sql(sql: str) -> list[str]:
    """The statements of a migration file, in order; a CREATE TRIGGER keeps the ``;`` of its body."""
    out: list[str] = []
    buf: list[str] = []
    for line in [*sql.splitlines(), ""]:
        if not buf and (not line.strip() or line.strip().startswith("--")):
            continue
        buf.append(line)
        text = "\n".join(buf)
        if not sqlite3.complete_statement(text) and line:
            continue
        buf = []
        if "create trigger" in text.lower():
            out.append(text.strip().rstrip(";").strip())
        else:
            lines = [ln for ln in text.splitlines() if not ln.strip().startswith("--")]
            out.extend(s.strip() for s in "\n".join(lines).split(";") if s.strip())
    return out


_CRAWL_FIELDS = (
    "url",
    "host",
    "kind",
    "source",
    "state",
    "lastmod",
    "discovered_at",
    "fetched_at",
    "next_fetch_at",
    "attempts",
    "http_status",
    "etag",
    "last_modified",
    "final_url",
    "canonical_url",
    "article_id",
    "message",
)
_HOST_FIELDS = ("robots_status", "robots", "robots_fetched_at", "paused_until")


def _crawl_url(row: sqlite3.Row) -> CrawlURL:
    return CrawlURL(**{f: row[f] for f in _CRAWL_FIELDS})


def _like_escape(text: str) -> str:
    """``text`` as a literal inside a LIKE pattern with ``ESCAPE '\\'``."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
