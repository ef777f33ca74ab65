"""The default store: one SQLite file, FTS5 over our own search keys, versioned migrations."""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from zholdau import textindex
from zholdau.errors import StoreError
from zholdau.model import Rejection
from zholdau.store.base import AddResult, Filters, Hit, Store, StoredArticle

_COLUMNS = ("id", "source", "url", "outlet", "author", "title", "published", "lang", "script",
            "primary_region")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def migrations(prefix: str) -> list[tuple[int, str]]:
    """(version, sql) of every migration file ``<prefix>_NNNN_*.sql``, in order."""
    out = []
    for f in resources.files("zholdau.store").joinpath("migrations").iterdir():
        name = f.name
        if name.startswith(prefix + "_") and name.endswith(".sql"):
            out.append((int(name[len(prefix) + 1 :].split("_", 1)[0]), f.read_text(encoding="utf-8")))
    return sorted(out)


class SQLiteStore(Store):
    def __init__(self, path: str) -> None:
        self.url = path
        if path != ":memory:":
            parent = Path(path).expanduser().resolve().parent
            if not parent.exists():
                raise StoreError(f"cannot create database {path!r}: folder {parent} does not exist")
        try:
            self.db = sqlite3.connect(path, timeout=30, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open SQLite database {path!r}: {exc}") from exc
        self.db.row_factory = sqlite3.Row
        self.db.execute("PRAGMA foreign_keys = ON")
        self.db.execute("PRAGMA busy_timeout = 30000")
        if path != ":memory:":
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
        self._migrate()

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
            self.db.execute("BEGIN IMMEDIATE")
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
            (_now(), status, counts.get("ingested", 0), counts.get("duplicates", 0), counts.get("rejected", 0),
             run_id),
        )

    def runs(self, limit: int = 50) -> list[dict[str, Any]]:
        rows = self.db.execute("SELECT * FROM runs ORDER BY id DESC LIMIT ?", (limit,)).fetchall()
        return [{**dict(r), "inputs": json.loads(r["inputs"]), "settings": json.loads(r["settings"])} for r in rows]

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
                    (*(rec.get(c) for c in _COLUMNS), rec.get("text") or "",
                     json.dumps(body, ensure_ascii=False, default=str), item.raw_text,
                     zlib.compress(item.raw) if item.raw else None, run_id, now),
                )
                rowid = int(cur.lastrowid or 0)
                self._index(rowid, rec)
                result.new += 1
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise
        return result

    def _index(self, rowid: int, rec: dict[str, Any]) -> None:
        for table, col, values in (
            ("article_addresses", "address", _ids(rec.get("addresses"))),
            ("article_regions", "region", _ids(rec.get("regions"))),
            ("article_topics", "topic", _ids(rec.get("topics"))),
        ):
            self.db.executemany(
                f"INSERT OR IGNORE INTO {table} (article_rowid, {col}) VALUES (?, ?)",
                [(rowid, v) for v in values],
            )
        lang = rec.get("lang")
        paragraphs = rec.get("paragraphs") or ()
        self.db.execute(
            "INSERT INTO article_fts (rowid, title, body) VALUES (?, ?, ?)",
            (rowid, textindex.index_keys(rec.get("title") or "", lang),
             textindex.index_keys(rec.get("text_cyrillic") or rec.get("text") or "", lang, paragraphs)),
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
                        (r.source, r.stage, r.message, raw, len(r.raw) if r.raw is not None else None,
                         r.raw_pointer, run_id, r.created_at, r.created_at),
                    )
                    new += 1
            self.db.execute("COMMIT")
        except Exception:
            self.db.execute("ROLLBACK")
            raise
        return new

    # --- reads ------------------------------------------------------------------------------------
    def get(self, article_id: str) -> StoredArticle | None:
        row = self.db.execute(
            "SELECT rowid, text, record, raw_text, raw FROM articles WHERE id = ? OR id LIKE ? ORDER BY id LIMIT 2",
            (article_id, article_id + "%" if len(article_id) >= 6 else article_id),
        ).fetchall()
        if len(row) != 1:
            return None
        r = row[0]
        return StoredArticle(_record(r), r["raw_text"], zlib.decompress(r["raw"]) if r["raw"] else None,
                             r["rowid"])

    def _where(self, filters: Filters) -> tuple[str, list[Any]]:
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
        return (" AND ".join(sql) or "1"), args

    def search(self, query: str | None, filters: Filters = Filters(), limit: int = 20) -> list[Hit]:
        where, args = self._where(filters)
        match = textindex.fts5_query(query) if query else None
        if query and not match:
            return []
        if match:
            rows = self.db.execute(
                "SELECT a.id, a.source, a.title, a.published, a.lang, a.primary_region, a.text, a.record, "
                "bm25(article_fts, 3.0, 1.0) AS score FROM article_fts JOIN articles a ON a.rowid = article_fts.rowid "
                f"WHERE article_fts MATCH ? AND {where} ORDER BY score LIMIT ?",
                (match, *args, limit),
            ).fetchall()
        else:
            rows = self.db.execute(
                "SELECT a.id, a.source, a.title, a.published, a.lang, a.primary_region, a.text, a.record, 0.0 AS score "
                f"FROM articles a WHERE {where} ORDER BY a.published DESC, a.rowid DESC LIMIT ?",
                (*args, limit),
            ).fetchall()
        hits = []
        for r in rows:
            rec = json.loads(r["record"])
            text = rec.get("text_cyrillic") or r["text"]
            hits.append(Hit(r["id"], r["source"], r["title"], r["published"], r["lang"], r["primary_region"],
                            textindex.snippet(text, r["lang"], query), -float(r["score"]),
                            {"outlet": rec.get("outlet"), "addresses": rec.get("addresses", [])}))
        return hits

    def iter_records(self, filters: Filters = Filters(), batch: int = 500) -> Iterator[dict[str, Any]]:
        where, args = self._where(filters)
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

    def count(self, filters: Filters = Filters()) -> int:
        where, args = self._where(filters)
        return int(self.db.execute(f"SELECT count(*) FROM articles a WHERE {where}", args).fetchone()[0])

    def stats(self) -> dict[str, Any]:
        q = self.db.execute

        def pairs(sql: str) -> dict[str, int]:
            return {str(k): int(v) for k, v in q(sql).fetchall()}

        return {
            "articles": int(q("SELECT count(*) FROM articles").fetchone()[0]),
            "rejections": int(q("SELECT count(*) FROM rejections").fetchone()[0]),
            "runs": int(q("SELECT count(*) FROM runs").fetchone()[0]),
            "by_lang": pairs("SELECT coalesce(lang, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"),
            "by_region": pairs(
                "SELECT coalesce(primary_region, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"),
            "by_address": pairs("SELECT address, count(*) FROM article_addresses GROUP BY 1 ORDER BY 1"),
            "by_year": pairs(
                "SELECT coalesce(substr(published, 1, 4), '?'), count(*) FROM articles GROUP BY 1 ORDER BY 1"),
            "region_address": [
                {"region": r, "address": a, "articles": n}
                for r, a, n in q(
                    "SELECT coalesce(a.primary_region, '?'), coalesce(x.address, '-'), count(*) FROM articles a "
                    "LEFT JOIN article_addresses x ON x.article_rowid = a.rowid GROUP BY 1, 2 ORDER BY 1, 2"
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

    def rejection_raw(self, rejection_id: int) -> bytes | None:
        row = self.db.execute("SELECT raw FROM rejections WHERE id = ?", (rejection_id,)).fetchone()
        return zlib.decompress(row["raw"]) if row and row["raw"] is not None else None

    def close(self) -> None:
        self.db.close()


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


def _split_sql(sql: str) -> list[str]:
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]
