"""The PostgreSQL store: the tables and behaviour of the SQLite store, on a server many processes share.

Search runs on PostgreSQL's own tools over our own search keys (:mod:`zholdau.textindex`): each
article has a ``tsvector`` of its keys (``simple`` configuration, because the keys are already
folded and stemmed), title weight A and body weight B, under a GIN index. A query word matches any of
its keys (``phraseto_tsquery`` per key, so a key the parser would split still matches only itself),
every word must match, and hits are ranked by ``ts_rank``. Officials' names are looked up fuzzily
with ``pg_trgm`` (:meth:`PostgresStore.similar_names`).

Several writers at once (ingest processes, the API) never lose or duplicate an article: articles are
``INSERT … ON CONFLICT (id) DO NOTHING`` and counted by ``RETURNING``; rejections are upserted on
(source, stage). Before writing, a transaction takes an advisory lock per id (or source and stage)
in one global order, so two writers with overlapping batches wait for each other instead of
deadlocking, while rows are still written in the order given (the storage order SQLite keeps).
Migrations (``migrations/postgres_NNNN_*.sql``, found by the same ``migrations()`` as SQLite's) run in
one transaction under an advisory lock, so two processes opening a new database at once are safe.

Differences from SQLite, all deliberate: text cannot hold NUL, so text columns keep U+FFFD and the
exact strings live in ``exact_texts``; keys past 250 kB of one article are not indexed (a tsvector
holds at most 1 MB); ranking is ``ts_rank``, not bm25, so the order of equally good hits may differ.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from zholdau import textindex
from zholdau.config import redact
from zholdau.errors import StoreError
from zholdau.model import Rejection
from zholdau.store.base import (
    ALL_ARTICLES,
    ARTICLE_COLUMNS,
    ASSIGNMENT_SORTS,
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
    ids_of,
    official_key,
    official_rows,
    search_hit,
    search_keys,
    sort_cells,
)
from zholdau.store.sqlite import migrations

try:
    import psycopg
    from psycopg.rows import dict_row
except ImportError:  # the optional "postgres" extra
    psycopg = None  # type: ignore[assignment]

_COLUMNS = ARTICLE_COLUMNS
# links read from the record by SQLite's SQL (json_extract); here columns kept in step with it
_LINK_COLUMNS = ("event_id", "duplicate_of")
_HOST_FIELDS = ("robots_status", "robots", "robots_fetched_at", "paused_until")


@dataclasses.dataclass(frozen=True)
class _Upsert:
    """SQLite's INSERT OR REPLACE (or OR IGNORE) for PostgreSQL, for many rows at once."""

    table: str
    columns: tuple[str, ...]
    key: tuple[str, ...]
    replace: bool = True

    def action(self) -> str:
        sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in self.columns if c not in self.key)
        return f"DO UPDATE SET {sets}" if self.replace and sets else "DO NOTHING"

    def write(self, cur: psycopg.Cursor[dict[str, Any]], values: Sequence[tuple[Any, ...]]) -> None:
        """Every row of ``values`` in three statements: the rows are copied into a temporary table of the
        same columns, then upserted from it (one statement per row cost a round trip per row, and the
        connect step writes about forty rows per article). Of rows with the same key the last wins."""
        at = [self.columns.index(k) for k in self.key]
        last = {tuple(row[i] for i in at): row for row in values}  # ON CONFLICT meets a key once a statement
        cols, stage = ", ".join(self.columns), f"_stage_{self.table}"
        _staged(
            cur,
            stage,
            f"LIKE {self.table} INCLUDING DEFAULTS",
            self.columns,
            last.values(),
            f"INSERT INTO {self.table} ({cols}) SELECT {cols} FROM {stage} "
            f"ON CONFLICT ({', '.join(self.key)}) {self.action()}",
        )


def _staged(
    cur: psycopg.Cursor[dict[str, Any]],
    stage: str,
    definition: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[Any]],
    statement: str,
) -> None:
    """Copy ``rows`` into the temporary table ``stage`` (created from ``definition`` on first use), run
    ``statement`` (which reads it), and empty it again (a second use in the same transaction starts
    empty). COPY sends a batch in one stream; parameters would cost a statement per row, or a Python
    escape of every text in an array."""
    cur.execute(f"CREATE TEMP TABLE IF NOT EXISTS {stage} ({definition}) ON COMMIT DELETE ROWS")
    with cur.copy(f"COPY {stage} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
    cur.execute(statement)
    cur.execute(f"DELETE FROM {stage}")


def _upsert(table: str, columns: str, key: str, replace: bool = True) -> _Upsert:
    return _Upsert(
        table, tuple(c.strip() for c in columns.split(",")), tuple(k.strip() for k in key.split(",")), replace
    )


_UPSERTS = {
    "connect_articles": _upsert(
        "connect_articles",
        "article_rowid, signature, shingles, lang, published, order_key, "
        "root_rowid, event_id, embedding, connected_at",
        "article_rowid",
    ),
    "connect_lsh": _upsert(
        "connect_lsh", "band_key, article_rowid", "band_key, article_rowid", replace=False
    ),
    "connect_events": _upsert(
        "connect_events", "event_id, region, first_day, last_day, data, vector, updated_at", "event_id"
    ),
    "connect_event_members": _upsert(
        "connect_event_members", "article_rowid, event_id, score, reasons", "article_rowid"
    ),
    "connect_assignments": _upsert(
        "connect_assignments", "article_rowid, idx, region, published, deadline, data", "article_rowid, idx"
    ),
    "connect_reports": _upsert(
        "connect_reports", "article_rowid, region, published, data", "article_rowid, region"
    ),
    "connect_anchors": _upsert(
        "connect_anchors",
        "side, key, region, published, article_rowid, idx",
        "side, key, region, published, article_rowid, idx",
        replace=False,
    ),
    "connect_links": _upsert(
        "connect_links",
        "article_rowid, idx, report_rowid, kind, score, reasons, evidence, report_published",
        "article_rowid, idx, report_rowid",
    ),
    "connect_officials": _upsert(
        "connect_officials",
        "article_rowid, person, name, post_key, post, level, region, lang, published",
        "article_rowid, person",
    ),
    "connect_figures": _upsert(
        "connect_figures",
        "article_rowid, idx, kind, unit, measure, value, text, region, published, sentence",
        "article_rowid, idx",
    ),
}

# pg_advisory_xact_lock key held while migrating ("zholdau" + 1)
_MIGRATION_LOCK = 0x7A686F6C64617501
# lock spaces (first key of the two-key pg_advisory_xact_lock) for the rows writers may share
_ARTICLE_LOCKS = 0x5A480001
_REJECTION_LOCKS = 0x5A480002
_PRUNE_LOCK = 0x5A480003  # one writer at a time prunes articles_recent
# a query matching at least this share of the recent articles finds its window by reading the newest rows
# in order (RANK_WINDOW / share rows, each key set a TOAST read); a rarer one by the GIN bitmap (about a
# microsecond per matching row): measured on 200 000 synthetic articles, they cost the same near 0.25
_ORDER_SCAN_SHARE = 0.25
# reading one row's keys in rowid order (a TOAST read), in units of one match from the GIN bitmap
_KEYS_READ_COST = 2.0
# what articles_recent keeps of an article (migration 0007): the search keys and the filterable columns
_RECENT_COLUMNS = "rowid, published, lang, primary_region, outlet, duplicate_of, search"
# A tsvector may not hold more than 1 MB of lexemes; keys beyond this many bytes of one article are not
# indexed (about 15 000 words: several times the longest news article).
_MAX_KEY_BYTES = 250_000
# ts_rank weights {D, C, B, A}: a title match counts three times a body match (bm25 3:1 in SQLite)
_RANK = "ts_rank('{0, 0, 0.3333, 1}', k.search, n.q, 1)"  # a window row's keys k, the query n.q

_DIMS: dict[str, tuple[str, str]] = {
    "region": ("a.primary_region", ""),
    "lang": ("a.lang", ""),
    "outlet": ("a.outlet", ""),
    "year": ("substr(a.published, 1, 4)", ""),
    "month": ("substr(a.published, 1, 7)", ""),
    "week": ("zh_week(a.published)", ""),
    "event": ("a.event_id", ""),
    "address": ("xa.address", "LEFT JOIN article_addresses xa ON xa.article_rowid = a.rowid"),
    "topic": ("xt.topic", "LEFT JOIN article_topics xt ON xt.article_rowid = a.rowid"),
    "official": ("xo.name", "LEFT JOIN article_officials xo ON xo.article_rowid = a.rowid"),
}
_NEWEST = "coalesce(a.published, '')"
_HIT_COLUMNS = (
    "a.rowid, a.id, a.source, a.title, a.published, a.lang, a.primary_region, a.text, a.record, a.exact_texts"
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PostgresStore(Store):
    """A store on a PostgreSQL server (``postgresql://user:password@host:port/dbname``)."""

    def __init__(self, url: str) -> None:
        if psycopg is None:
            raise StoreError(
                f"cannot open {redact(url)}: PostgreSQL support needs psycopg; install it with "
                "`pip install 'zholdau[postgres]'` (or `make install`)"
            )
        self.url = url
        # one connection, used by one thread at a time: a transaction must not interleave with another
        # thread's statements (psycopg would nest it as a savepoint)
        self._lock = threading.RLock()
        self._key_shares: tuple[float, dict[str, float], float] | None = None  # (read at, key → share, rest)
        try:
            self.conn = psycopg.connect(
                url, autocommit=True, row_factory=dict_row, application_name="zholdau"
            )
        except psycopg.Error as exc:
            raise StoreError(
                f"cannot connect to PostgreSQL at {redact(url)}: {str(exc).strip()} — is the server "
                "running, and do the user, password and database name exist?"
            ) from exc
        try:
            self._migrate()
        except psycopg.Error as exc:
            self.conn.close()
            raise StoreError(
                f"cannot prepare the database {redact(url)}: {str(exc).strip()} — the user needs the "
                "right to create tables, and the pg_trgm extension must be installed "
                "(the postgresql-contrib package)"
            ) from exc
        except BaseException:
            self.conn.close()
            raise

    # --- plumbing -------------------------------------------------------------------------------
    @contextmanager
    def _tx(self) -> Iterator[psycopg.Connection[dict[str, Any]]]:
        """One transaction, holding the connection for this thread until it ends."""
        with self._lock, self.conn.transaction():
            yield self.conn

    def _all(self, sql: str, args: Sequence[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            return self.conn.execute(sql, args).fetchall()  # type: ignore[arg-type]

    def _one(self, sql: str, args: Sequence[Any] = ()) -> dict[str, Any] | None:
        with self._lock:
            return self.conn.execute(sql, args).fetchone()  # type: ignore[arg-type]

    def _value(self, sql: str, args: Sequence[Any] = ()) -> Any:
        row = self._one(sql, args)
        return next(iter(row.values())) if row else None

    def _all_planned(self, settings: Sequence[str], sql: str, args: Sequence[Any]) -> list[dict[str, Any]]:
        """The rows of one statement planned under ``settings`` (``"enable_seqscan = off"``, …) and
        without parallel workers (starting one costs more than the few thousand rows a search reads).

        The statement is never a prepared one: a prepared plan is kept and reused whatever the settings
        say on the next call."""
        assignments = [*settings, "max_parallel_workers_per_gather = 0"]
        with self._lock, self.conn.transaction():
            self.conn.execute("; ".join(f"SET LOCAL {a}" for a in assignments))
            return self.conn.execute(sql, args, prepare=False).fetchall()  # type: ignore[arg-type]

    # --- schema -----------------------------------------------------------------------------------
    def _migrate(self) -> None:
        steps = migrations("postgres")
        latest = steps[-1][0] if steps else 0
        if self._current_version() == latest:
            return  # the usual case: no lock, no DDL
        with self._tx() as conn:
            # one migrator at a time; the others wait here, then find the work done
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)")
            current = self.schema_version()
            if current > latest:
                raise StoreError(
                    f"database {redact(self.url)} has schema version {current}, newer than this program "
                    f"({latest}): upgrade zholdau"
                )
            for version, sql in steps:
                if version <= current:
                    continue
                conn.execute(sql.encode("utf-8"))  # a whole file: several statements, no parameters
                conn.execute("DELETE FROM schema_version")
                conn.execute("INSERT INTO schema_version VALUES (%s)", (version,))

    def _current_version(self) -> int:
        if self._value("SELECT to_regclass('schema_version') IS NOT NULL AS present"):
            return self.schema_version()
        return 0

    def schema_version(self) -> int:
        return int(self._value("SELECT max(version) AS v FROM schema_version") or 0)

    # --- runs -------------------------------------------------------------------------------------
    def start_run(self, inputs: Sequence[str], settings: dict[str, Any]) -> int:
        # a database URL in the settings keeps no password in the runs table
        settings = {k: redact(v) if isinstance(v, str) else v for k, v in settings.items()}
        return int(
            self._value(
                "INSERT INTO runs (started_at, inputs, settings) VALUES (%s, %s, %s) RETURNING id",
                (_now(), json.dumps(list(inputs), ensure_ascii=False), json.dumps(settings, default=str)),
            )
        )

    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None:
        with self._lock:
            self.conn.execute(
                "UPDATE runs SET finished_at = %s, status = %s, ingested = %s, duplicates = %s, rejected = %s "
                "WHERE id = %s",
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
        rows = self._all("SELECT * FROM runs ORDER BY id DESC LIMIT %s", (_limit(limit),))
        return [{**r, "inputs": json.loads(r["inputs"]), "settings": json.loads(r["settings"])} for r in rows]

    # --- writes -----------------------------------------------------------------------------------
    def add_articles(self, items: Sequence[StoredArticle], run_id: int | None = None) -> AddResult:
        result = AddResult()
        if not items:
            return result
        now = _now()
        stored: dict[int, int] = {}  # index in items → rowid
        with self._tx() as conn:
            cur = conn.cursor()
            self._lock_keys(cur, _ARTICLE_LOCKS, (str(it.record["id"]) for it in items))
            # in the given order, so rowids (the storage order) are the same as in SQLite
            cur.executemany(
                f"INSERT INTO articles ({', '.join(_COLUMNS)}, {', '.join(_LINK_COLUMNS)}, text, record, "
                "raw_text, raw, exact_texts, search, run_id, ingested_at) VALUES "
                f"({', '.join(['%s'] * (len(_COLUMNS) + len(_LINK_COLUMNS)))}, %s, %s, %s, %s, %s, "
                "setweight(to_tsvector('simple', %s), 'A') || setweight(to_tsvector('simple', %s), 'B'), "
                "%s, %s) ON CONFLICT (id) DO NOTHING RETURNING rowid",
                [_article_row(item, run_id, now) for item in items],
                returning=True,
            )
            for i in range(len(items)):  # one result per statement, empty when the id was already stored
                row = cur.fetchone()
                if row is not None:
                    stored[i] = int(row["rowid"])
                cur.nextset()
            self._index(conn, [(rowid, items[i].record) for i, rowid in stored.items()])
            if stored:
                cur.execute(
                    f"INSERT INTO articles_recent ({_RECENT_COLUMNS}) SELECT {_RECENT_COLUMNS} FROM articles "
                    "WHERE rowid = ANY(%s)",
                    (list(stored.values()),),
                )
                self._prune_recent(cur)
        for i, item in enumerate(items):
            if i in stored:
                result.new += 1
            else:
                result.duplicates += 1
                result.duplicate_ids.append(item.record["id"])
        return result

    def _prune_recent(self, cur: psycopg.Cursor[dict[str, Any]]) -> None:
        """Keep articles_recent to the newest RECENT_ROWS..RECENT_ROWS * 5/4 articles (as SQLite's
        article_fts_recent). One writer prunes at a time; the others skip (the next write prunes)."""
        span = cur.execute("SELECT max(rowid) - min(rowid) AS span FROM articles_recent").fetchone()
        if span is None or span["span"] is None or span["span"] < RECENT_ROWS * 5 // 4:
            return
        if not cur.execute("SELECT pg_try_advisory_xact_lock(%s, 0) AS ok", (_PRUNE_LOCK,)).fetchone()["ok"]:  # type: ignore[index]
            return
        cur.execute(
            "DELETE FROM articles_recent WHERE rowid < (SELECT rowid FROM articles ORDER BY rowid DESC "
            "LIMIT 1 OFFSET %s)",
            (RECENT_ROWS - 1,),
        )

    def _lock_keys(self, cur: psycopg.Cursor[dict[str, Any]], space: int, keys: Iterable[str]) -> None:
        """A transaction lock per key, taken in one global order: two writers with overlapping batches
        wait for each other instead of deadlocking on the rows they both touch."""
        hashes = sorted({_hash32(k) for k in keys})
        cur.executemany("SELECT pg_advisory_xact_lock(%s, %s)", [(space, h) for h in hashes])

    def _index(
        self,
        conn: psycopg.Connection[dict[str, Any]],
        new: Sequence[tuple[int, dict[str, Any]]],
        lists: Sequence[tuple[int, dict[str, Any], str]] = (),
    ) -> None:
        """The side rows of newly inserted articles, one statement per table for the whole batch (and
        the rows of one list field of one article, ``lists``, when its record changed)."""
        cur = conn.cursor()
        for field, (table, col) in LIST_TABLES.items():
            values = [(rowid, _clean(v)) for rowid, rec in new for v in ids_of(rec.get(field))]
            values += [
                (rowid, _clean(v)) for rowid, rec, f in lists if f == field for v in ids_of(rec.get(field))
            ]
            if values:
                cur.executemany(
                    f"INSERT INTO {table} (article_rowid, {col}) VALUES (%s, %s) ON CONFLICT DO NOTHING",
                    values,
                )
        if new:
            self._insert_facts(cur, new)

    def index_facts(self, rowid: int, rec: dict[str, Any]) -> None:
        """(Re)write the officials and assignments rows of one article from its record (see SQLite)."""
        with self._tx() as conn:
            self._index_facts(conn, rowid, rec)

    def _index_facts(self, conn: psycopg.Connection[dict[str, Any]], rowid: int, rec: dict[str, Any]) -> None:
        self._index_facts_of(conn, [(rowid, rec)])

    def _index_facts_of(
        self, conn: psycopg.Connection[dict[str, Any]], items: Sequence[tuple[int, dict[str, Any]]]
    ) -> None:
        """Rewrite the official and assignment rows of the articles ``items`` (rowid, record)."""
        if not items:
            return
        cur = conn.cursor()
        rowids = [rowid for rowid, _ in items]
        cur.execute("DELETE FROM article_officials WHERE article_rowid = ANY(%s)", (rowids,))
        cur.execute("DELETE FROM article_assignments WHERE article_rowid = ANY(%s)", (rowids,))
        self._insert_facts(cur, items)

    def _insert_facts(
        self, cur: psycopg.Cursor[dict[str, Any]], new: Sequence[tuple[int, dict[str, Any]]]
    ) -> None:
        officials = [
            (rowid, _clean(o["name"]), _clean(official_key(o["name"])), _clean(o["post"]), _clean(o["level"]))
            for rowid, rec in new
            for o in official_rows(rec)
        ]
        if officials:
            cur.executemany(
                "INSERT INTO article_officials (article_rowid, name, name_key, post, level) "
                "VALUES (%s, %s, %s, %s, %s) ON CONFLICT DO NOTHING",
                officials,
            )
        assignments = [
            (
                rowid,
                a["index"],
                *(_clean(a[k]) for k in ("issuer", "addressee", "action", "deadline", "sentence", "status")),
            )
            for rowid, rec in new
            for a in assignment_rows(rec)
        ]
        if assignments:
            cur.executemany(
                "INSERT INTO article_assignments (article_rowid, idx, issuer, addressee, action, deadline, "
                "sentence, status) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                assignments,
            )

    def add_rejections(self, items: Sequence[Rejection], run_id: int | None = None) -> int:
        if not items:
            return 0
        ordered = list(items)
        with self._tx() as conn:
            cur = conn.cursor()
            self._lock_keys(cur, _REJECTION_LOCKS, (f"{r.source}\n{r.stage}" for r in ordered))
            cur.executemany(
                "INSERT INTO rejections (source, stage, message, raw, raw_size, raw_pointer, run_id, first_seen, "
                "last_seen) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (source, stage) DO UPDATE SET "
                "last_seen = EXCLUDED.last_seen, times_seen = rejections.times_seen + 1, "
                "message = EXCLUDED.message, run_id = EXCLUDED.run_id "
                # xmax is 0 on a row this statement inserted, our transaction id on one it updated
                "RETURNING (xmax = 0) AS inserted",
                [
                    (
                        _clean(r.source),
                        _clean(r.stage),
                        _clean(r.message),
                        zlib.compress(r.raw) if r.raw is not None else None,
                        len(r.raw) if r.raw is not None else None,
                        _clean(r.raw_pointer),
                        run_id,
                        r.created_at,
                        r.created_at,
                    )
                    for r in ordered
                ],
                returning=True,
            )
            new = 0
            for _ in ordered:
                row = cur.fetchone()
                new += bool(row and row["inserted"])
                cur.nextset()
        return new

    # --- reads ------------------------------------------------------------------------------------
    def get(self, article_id: str) -> StoredArticle | None:
        # as SQLite: the exact id, else a unique prefix of 6+ characters (lower-cased: ids are hex), read as
        # an index range
        cols = "SELECT rowid, text, record, raw_text, raw, exact_texts FROM articles"
        rows = self._all(f"{cols} WHERE id = %s", (_clean(article_id),))
        if not rows and len(article_id) >= 6:
            prefix = _clean(article_id.lower())
            rows = self._all(
                f"{cols} WHERE id >= %s AND id < %s ORDER BY id LIMIT 2", (prefix, prefix + "\U0010ffff")
            )
        if len(rows) != 1:
            return None
        r = rows[0]
        raw_text = json.loads(r["exact_texts"])["raw_text"] if r["exact_texts"] else r["raw_text"]
        return StoredArticle(
            _record(r), raw_text, zlib.decompress(r["raw"]) if r["raw"] else None, r["rowid"]
        )

    def _where(self, filters: Filters) -> tuple[str, list[Any]]:
        sql: list[str] = []
        args: list[Any] = []
        for value, condition in (
            (filters.region, "a.primary_region = %s"),
            (filters.lang, "a.lang = %s"),
            (filters.since, "a.published >= %s"),
            (filters.until, "a.published <= %s"),
            (filters.outlet, "a.outlet = %s"),
            (filters.address, "a.rowid IN (SELECT article_rowid FROM article_addresses WHERE address = %s)"),
            (filters.topic, "a.rowid IN (SELECT article_rowid FROM article_topics WHERE topic = %s)"),
            (
                official_key(filters.official) if filters.official else None,
                "a.rowid IN (SELECT article_rowid FROM article_officials WHERE name_key = %s)",
            ),
        ):
            if value:
                sql.append(condition)
                args.append(_clean(value))
        if filters.hide_copies:
            sql.append("a.duplicate_of IS NULL")
        return (" AND ".join(sql) or "TRUE"), args

    def _where_query(self, filters: Filters, query: str | None) -> tuple[str, list[Any]] | None:
        """The WHERE of the filters plus the query words; ``None`` when the query can match nothing."""
        where, args = self._where(filters)
        if query:
            tsq = tsquery(query)
            if tsq is None:
                return None
            where += f" AND a.search @@ ({tsq[0]})"
            args.extend(tsq[1])
        return where, args

    def search(self, query: str | None, filters: Filters = Filters(), limit: int = 20) -> list[Hit]:
        where, args = self._where(filters)
        tsq = tsquery(query) if query else None
        if query and not tsq:
            return []
        if tsq and query:
            ranked = self._ranked(query, tsq, filters, limit)
            by_rowid = self._article_rows([r for r, _ in ranked])
            rows = [{**by_rowid[r], "score": score} for r, score in ranked if r in by_rowid]
        else:
            # a missing date last, as SQLite sorts NULL below every date (and the articles_newest index)
            rows = self._all(
                f"SELECT {_HIT_COLUMNS}, 0.0 AS score FROM articles a WHERE {where} "
                f"ORDER BY {_NEWEST} DESC, a.rowid DESC LIMIT %s",
                (*args, _limit(limit)),
            )
        hits = [search_hit(r, _record(r), query, float(r["score"])) for r in rows]
        if filters.hide_copies:
            self._list_copies(hits)
        return hits

    def _article_rows(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The listing columns of these articles by rowid (the only read of the big article rows)."""
        return {
            r["rowid"]: r
            for r in self._all(
                f"SELECT {_HIT_COLUMNS} FROM articles a WHERE a.rowid = ANY(%s)", (list(rowids),)
            )
        }

    def _ranked(
        self, query: str, tsq: tuple[str, list[Any]], filters: Filters, limit: int, offset: int = 0
    ) -> list[tuple[int, float]]:
        """(rowid, rank) of the best matches among the query's newest RANK_WINDOW matches under the
        filters, best first (ties: older first), as SQLiteStore._ranked.

        The window is taken from articles_recent (migration 0007) when it holds RANK_WINDOW matches, or
        at least MIN_RECENT_MATCHES, and completed from the older articles when it holds fewer. Testing a
        row's keys is a TOAST read, which the planner underestimates, so each step says how to find the
        matches (see :meth:`_best_of_window`): by reading the newest rows in order when the word is common
        among them (the statistics' share), by the GIN bitmap otherwise.
        """
        where, args = self._where(filters)
        ends = self._one(
            "SELECT (SELECT min(rowid) FROM articles_recent) AS first, (SELECT min(rowid) FROM articles) AS oldest, "
            "(SELECT max(rowid) FROM articles) AS newest"
        )
        first, oldest, newest = (
            (ends["first"], ends["oldest"], ends["newest"]) if ends else (None, None, None)
        )
        older = oldest is not None and (first is None or oldest < first)
        share = self._recent_share(key_groups(query))
        # the share of recent articles the window's rows come from: matching the words and passing the
        # filters (a region passes a twentieth: reading in order would go through most of the table)
        passing = (
            share * self._recent_passing(where, args) if share is not None and filters.narrows() else share
        )
        if passing is not None and passing >= _ORDER_SCAN_SHARE:
            scan: str | None = "order"
        else:  # the planner weighs the filters' indexes against the bitmap
            scan = None if filters.narrows() else "bitmap"
        top = offset + (limit if limit >= 0 else RANK_WINDOW)  # a negative limit: all of the window
        best, matched = self._best_of_window("articles_recent", tsq, where, args, scan, RANK_WINDOW, top)
        if matched < MIN_RECENT_MATCHES and older:
            # too few recent matches (see store.base.MIN_RECENT_MATCHES): the rest of the window is the
            # newest older matches (the best of both are the best of the whole window)
            need = RANK_WINDOW - matched
            # the share of recent articles that match under the filters, and without them (statistics)
            passed = matched / max(1, (newest or 0) - (first or newest or 0) + 1)
            common = max(share or 0.0, passed)
            older_scan: str | None
            if passed and need / passed * _KEYS_READ_COST < common * ((newest or 0) - (oldest or 0) + 1):
                older_scan = "order"  # reading rows in order until `need` pass costs less than the bitmap
            elif filters.narrows() and not passed:
                older_scan = None  # no recent match passes the filters: the planner weighs their indexes
            else:
                older_scan = "bitmap"
            rest, _ = self._best_of_window(
                "articles", tsq, f"{where} AND a.rowid < %s", [*args, first or 2**62], older_scan, need, top
            )
            best = sorted([*best, *rest], key=lambda rs: (-rs[1], rs[0]))
        return best[offset:top]

    def _recent_share(self, groups: Sequence[Sequence[str]]) -> float | None:
        """The share of recent articles that match every group (one of its keys each), estimated from
        PostgreSQL's statistics of articles_recent.search: its most common keys and how many rows hold
        each (ANALYZE and autovacuum keep them; read again every 5 minutes). ``None`` without them."""
        now = time.monotonic()
        if self._key_shares is None or now - self._key_shares[0] > 300:
            row = self._one(
                "SELECT most_common_elems::text::text[] AS keys, most_common_elem_freqs AS shares "
                "FROM pg_stats WHERE tablename = 'articles_recent' AND attname = 'search'"
            )
            keys, shares = (row["keys"], row["shares"]) if row else (None, None)
            if keys and shares and len(shares) >= len(keys) + 1:
                # after the keys' shares: the least and greatest of them, and the share of NULLs
                self._key_shares = (now, dict(zip(keys, shares, strict=False)), float(shares[len(keys)]))
            else:
                self._key_shares = (now, {}, -1.0)
        _, by_key, rest = self._key_shares
        if rest < 0:
            return None
        shares = [min(1.0, sum(by_key.get(k, rest) for k in group)) for group in groups]
        if not shares:
            return 1.0
        # Words that matched independently would give the product of their shares, words that always go
        # together the rarest one's. The words of a query mostly go together ("облыс әкімі": 0.39 and 0.44
        # alone, 0.38 together; the product says 0.17), but not always ("мектеп Семей"): halfway between
        # the two (their geometric mean) keeps a phrase of common words off the bitmap and two unrelated
        # words off the reading in order.
        return math.sqrt(math.prod(shares) * min(shares))

    def _recent_passing(self, where: str, args: Sequence[Any]) -> float:
        """The share of recent articles that pass ``where``, as the planner estimates it (its statistics
        of each column; 1.0 when it has none)."""
        plan = self._one(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM articles_recent a WHERE {where}", args)
        total = self._value("SELECT reltuples FROM pg_class WHERE relname = 'articles_recent'")
        if not plan or not total or total <= 0:
            return 1.0
        return min(1.0, float(plan["QUERY PLAN"][0]["Plan"]["Plan Rows"]) / float(total))

    def _best_of_window(
        self,
        table: str,
        tsq: tuple[str, list[Any]],
        where: str,
        args: Sequence[Any],
        scan: str | None,
        size: int,
        top: int,
    ) -> tuple[list[tuple[int, float]], int]:
        """The newest ``size`` matches in ``table`` (alias ``a``) under ``where``, ranked: the best ``top``
        (rowid, rank), best first (ties: older first), and how many matched. One statement, so each row's
        keys are read once (a TOAST read; ranking the window's rowids in a second statement read them
        again, and sent 2 000 rowids back and forth). The newest matches are sorted out by rowid and row
        address alone, and the keys of those fetched by address: sorting the bitmap's rows with their
        keys spilled to disk past work_mem (10 000 matches of a phrase: 28.8 → 18.1 ms at 1 000 000).

        ``scan`` sets how the matches are found, for this one statement: ``"bitmap"`` (sequential and
        plain index scans off: the GIN index gives every match, about a microsecond each, then the
        newest are sorted out), ``"order"`` (bitmap and sequential scans off: the rows are read newest
        first and each one's keys tested until ``size`` match), or ``None`` (the planner's choice)."""
        settings = {
            "bitmap": ("enable_seqscan = off", "enable_indexscan = off"),
            "order": ("enable_seqscan = off", "enable_bitmapscan = off"),
        }
        rows = self._all_planned(
            settings[scan] if scan else (),
            "SELECT rowid, score, n FROM (SELECT rowid, score, count(*) OVER () AS n, "
            "row_number() OVER (ORDER BY score DESC, rowid) AS place FROM ("
            f"SELECT n.rowid, {_RANK} AS score "
            f"FROM (SELECT a.ctid AS tid, a.rowid, s.q FROM {table} a CROSS JOIN (SELECT {tsq[0]} AS q) s "
            f"WHERE a.search @@ s.q AND {where} ORDER BY a.rowid DESC LIMIT %s) n "
            f"JOIN {table} k ON k.ctid = n.tid) ranked) placed "
            "WHERE place <= greatest(%s, 1) ORDER BY place",  # one row at least: the count
            (*tsq[1], *args, size, top),
        )
        matched = int(rows[0]["n"]) if rows else 0
        return [(int(r["rowid"]), float(r["score"])) for r in rows], matched

    def _list_copies(self, hits: Sequence[Hit]) -> None:
        """Each hit's syndicated copies in ``hit.extra["copies"]`` (see base.copy_entry; one query)."""
        if not hits:
            return
        copies: dict[str, list[dict[str, Any]]] = {}
        for r in self._all(
            "SELECT duplicate_of, id, source, outlet, url, published FROM articles WHERE duplicate_of = ANY(%s) "
            "ORDER BY coalesce(published, ''), id",
            ([h.id for h in hits],),
        ):
            copies.setdefault(r["duplicate_of"], []).append(copy_entry(r))
        for h in hits:
            h.extra["copies"] = copies.get(h.id, [])

    def iter_records(self, filters: Filters = ALL_ARTICLES, batch: int = 500) -> Iterator[dict[str, Any]]:
        where, args = self._where(filters)
        last = 0
        while True:
            rows = self._all(
                f"SELECT a.rowid, a.text, a.record, a.exact_texts FROM articles a WHERE {where} AND a.rowid > %s "
                "ORDER BY a.rowid LIMIT %s",
                (*args, last, batch),
            )
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
        wq = self._where_query(filters, query)
        if wq is None:
            return 0
        where, args = wq
        # the first at_most + 1 matches by the GIN bitmap, kept exact in memory (past work_mem it turns
        # lossy and every row of a lossy page has its keys read again). Reading the wide articles rows in
        # order instead, as the planner would for a common word, costs about 20 µs a row (a common word at
        # 1 000 000 articles: 90 ms against 430 ms)
        rows = self._all_planned(
            ("enable_seqscan = off", "enable_indexscan = off", "work_mem = '64MB'"),
            f"SELECT count(*) AS n FROM (SELECT 1 FROM articles a WHERE {where} LIMIT %s) m",
            (*args, at_most + 1),
        )
        return int(rows[0]["n"]) if rows else 0

    def count(self, filters: Filters = ALL_ARTICLES) -> int:
        where, args = self._where(filters)
        return int(self._value(f"SELECT count(*) AS n FROM articles a WHERE {where}", args))

    def stats(self, hide_copies: bool = True) -> dict[str, Any]:
        keep = "a.duplicate_of IS NULL" if hide_copies else "TRUE"

        def pairs(sql: str) -> dict[str, int]:
            return {str(r["k"]): int(r["n"]) for r in self._all(sql)}

        return {
            "articles": int(self._value(f"SELECT count(*) AS n FROM articles a WHERE {keep}")),
            "copies": int(self._value("SELECT count(*) AS n FROM articles WHERE duplicate_of IS NOT NULL")),
            "rejections": int(self._value("SELECT count(*) AS n FROM rejections")),
            "runs": int(self._value("SELECT count(*) AS n FROM runs")),
            "by_lang": pairs(
                f"SELECT coalesce(lang, '?') AS k, count(*) AS n FROM articles a WHERE {keep} "
                "GROUP BY 1 ORDER BY 2 DESC"
            ),
            "by_region": pairs(
                f"SELECT coalesce(primary_region, '?') AS k, count(*) AS n FROM articles a WHERE {keep} "
                "GROUP BY 1 ORDER BY 2 DESC"
            ),
            "by_address": pairs(
                "SELECT x.address AS k, count(*) AS n FROM article_addresses x "
                f"JOIN articles a ON a.rowid = x.article_rowid WHERE {keep} GROUP BY 1 ORDER BY 1"
            ),
            "by_year": pairs(
                f"SELECT coalesce(substr(published, 1, 4), '?') AS k, count(*) AS n FROM articles a WHERE {keep} "
                "GROUP BY 1 ORDER BY 1"
            ),
            "region_address": [
                {"region": r["region"], "address": r["address"], "articles": int(r["n"])}
                for r in self._all(
                    "SELECT coalesce(a.primary_region, '?') AS region, coalesce(x.address, '-') AS address, "
                    "count(*) AS n FROM articles a LEFT JOIN article_addresses x ON x.article_rowid = a.rowid "
                    f"WHERE {keep} GROUP BY 1, 2 ORDER BY 1, 2"
                )
            ],
            "schema_version": self.schema_version(),
        }

    def rejections(self, limit: int = 1000) -> list[dict[str, Any]]:
        return self._all(
            "SELECT id, source, stage, message, raw_size, raw_pointer, run_id, first_seen, last_seen, times_seen "
            "FROM rejections ORDER BY id LIMIT %s",
            (_limit(limit),),
        )

    def rejection_raw(self, rejection_id: int) -> bytes | None:
        row = self._one("SELECT raw FROM rejections WHERE id = %s", (rejection_id,))
        return zlib.decompress(row["raw"]) if row and row["raw"] is not None else None

    def similar_names(self, name: str, limit: int = 10) -> list[dict[str, Any]]:
        """Officials' names like ``name``: similar by trigrams (misspellings, Kazakh and Russian spellings)
        or containing every word; the most similar first (the exact name before equally similar ones),
        then the most cited."""
        key = official_key(name)
        words = key.split()
        if not words:
            return []
        contains = " AND ".join(["name_key LIKE %s"] * len(words))
        # %% is a literal %: pg_trgm's similarity operator
        rows = self._all(
            "SELECT name, count(DISTINCT article_rowid) AS articles, "
            "greatest(similarity(name_key, %s), word_similarity(%s, name_key)) AS score "
            f"FROM article_officials WHERE name_key %% %s OR %s <%% name_key OR ({contains}) "
            "GROUP BY name, name_key ORDER BY score DESC, (name_key = %s) DESC, articles DESC, name LIMIT %s",
            (key, key, key, key, *(f"%{_like_escape(w)}%" for w in words), key, _limit(limit)),
        )
        return [{"name": r["name"], "articles": int(r["articles"])} for r in rows]

    # --- reads for the API and dashboard (aggregated in SQL, as in sqlite.py) ---------------------
    def coverage(
        self,
        filters: Filters = Filters(),
        by: Sequence[str] = ("region", "address", "month"),
        query: str | None = None,
    ) -> list[dict[str, Any]]:
        check_dimensions(by)
        wq = self._where_query(filters, query)
        if wq is None:
            return [{"articles": 0}] if not by else []
        where, args = wq
        cols = [f"{_DIMS[d][0]} AS d{i}" for i, d in enumerate(by)]
        joins = " ".join(_DIMS[d][1] for d in by if _DIMS[d][1])
        group = f" GROUP BY {', '.join(str(i + 1) for i in range(len(by)))}" if by else ""
        rows = self._all(
            f"SELECT {', '.join([*cols, 'count(*) AS n'])} FROM articles a {joins} WHERE {where}{group}", args
        )
        if not by:
            return [{"articles": int(rows[0]["n"])}]
        return sort_cells(
            by,
            (
                (tuple(None if r[f"d{i}"] is None else str(r[f"d{i}"]) for i in range(len(by))), int(r["n"]))
                for r in rows
            ),
        )

    def page(
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
            tsq = tsquery(query)
            if tsq is None:
                return Page([])
            ranked = self._ranked(query, tsq, filters, limit + 1, offset)
            by_rowid = self._article_rows([r for r, _ in ranked])
            hits = [
                hit_of(_record(by_rowid[r]), query, score) for r, score in ranked[:limit] if r in by_rowid
            ]
            if filters.hide_copies:
                self._list_copies(hits)
            return Page(hits, encode_cursor({"o": offset + limit}) if len(ranked) > limit else None)
        wq = self._where_query(filters, query)
        if wq is None:
            return Page([])
        where, args = wq
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
            where += f" AND ({_NEWEST}, a.rowid) {'<' if desc else '>'} (%s, %s)"
            args.extend(key)
        order = "DESC" if desc else "ASC"
        rows = self._all(
            f"SELECT {_HIT_COLUMNS}, {_NEWEST} AS k FROM articles a WHERE {where} "
            f"ORDER BY k {order}, a.rowid {order} LIMIT %s",
            (*args, limit + 1),
        )
        hits = [hit_of(_record(r), query) for r in rows[:limit]]
        if filters.hide_copies:
            self._list_copies(hits)
        more = len(rows) > limit
        return Page(
            hits, encode_cursor({"k": [rows[limit - 1]["k"], rows[limit - 1]["rowid"]]}) if more else None
        )

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
            where += " AND x.status = %s"
            args.append(_clean(status))
        order = (
            "coalesce(x.deadline, '9999-99-99'), a.rowid, x.idx"
            if sort == "deadline"
            else f"{_NEWEST} DESC, a.rowid DESC, x.idx"
        )
        rows = self._all(
            'SELECT a.id AS article_id, a.published, a.primary_region, a.lang, a.title, x.idx AS "index", '
            "x.issuer, x.addressee, x.action, x.deadline, x.sentence, x.status "
            f"FROM article_assignments x JOIN articles a ON a.rowid = x.article_rowid WHERE {where} "
            f"ORDER BY {order} LIMIT %s OFFSET %s",
            (*args, limit + 1, offset),
        )
        return Page(rows[:limit], encode_cursor({"o": offset + limit}) if len(rows) > limit else None)

    def officials(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        where, args = self._where(filters)
        rows = self._all(
            "SELECT o.name, o.post, o.level, count(*) AS articles, min(a.published) AS first_seen, "
            "max(a.published) AS last_seen, string_agg(DISTINCT a.primary_region, ',') AS regions "
            f"FROM article_officials o JOIN articles a ON a.rowid = o.article_rowid WHERE {where} "
            "GROUP BY o.name, o.post, o.level "
            "ORDER BY articles DESC, o.name, coalesce(o.post, ''), coalesce(o.level, '') LIMIT %s",
            (*args, _limit(limit)),
        )
        return [
            {
                **r,
                "articles": int(r["articles"]),
                "regions": sorted(r["regions"].split(",")) if r["regions"] else [],
            }
            for r in rows
        ]

    def events(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        where, args = self._where(filters)
        where += " AND a.event_id IS NOT NULL"
        groups = self._all(
            "SELECT a.event_id AS ev, count(*) AS n, string_agg(DISTINCT coalesce(a.lang, '?'), ',') AS langs, "
            "string_agg(DISTINCT a.primary_region, ',') AS regions, min(a.published) AS first, "
            f"max(a.published) AS last FROM articles a WHERE {where} GROUP BY a.event_id "
            "ORDER BY coalesce(max(a.published), '') DESC, a.event_id DESC LIMIT %s",
            (*args, _limit(limit)),
        )
        if not groups:
            return []
        items: dict[str, list[dict[str, Any]]] = {}
        for r in self._all(
            "SELECT a.event_id AS ev, a.id, a.title, a.lang, a.published FROM articles a "
            f"WHERE {where} AND a.event_id = ANY(%s) ORDER BY coalesce(a.published, ''), a.id",
            (*args, [g["ev"] for g in groups]),
        ):
            items.setdefault(r["ev"], []).append(
                {"id": r["id"], "title": r["title"], "lang": r["lang"], "published": r["published"]}
            )
        return [
            {
                "event_id": g["ev"],
                "articles": int(g["n"]),
                "langs": sorted(g["langs"].split(",")),
                "regions": sorted(g["regions"].split(",")) if g["regions"] else [],
                "first": g["first"],
                "last": g["last"],
                "items": items.get(g["ev"], []),
            }
            for g in groups
        ]

    def related(self, article_id: str) -> dict[str, list[Hit]]:
        out: dict[str, list[Hit]] = {"duplicates": [], "same_event": []}
        me = self._one("SELECT id, duplicate_of, event_id FROM articles WHERE id = %s", (_clean(article_id),))
        if me is None:
            item = self.get(article_id)  # a unique prefix of the id
            if item is None:
                return out
            me = self._one(
                "SELECT id, duplicate_of, event_id FROM articles WHERE id = %s", (item.record["id"],)
            )
            if me is None:
                return out
        root = me["duplicate_of"] or me["id"]
        seen: set[str] = set()
        for name, sql, args in (
            ("duplicates", "(a.id = %s OR a.duplicate_of = %s)", (root, root)),
            ("same_event", "a.event_id = %s", (me["event_id"],)),
        ):
            if args[0] is None:
                continue
            rows = self._all(
                f"SELECT {_HIT_COLUMNS} FROM articles a WHERE {sql} AND a.id != %s "
                "ORDER BY coalesce(a.published, ''), a.id",
                (*args, me["id"]),
            )
            for r in rows:
                if r["id"] in seen:
                    continue
                seen.add(r["id"])
                hit = hit_of(_record(r), None)
                hit.snippet = ""
                out[name].append(hit)
        return out

    def delete(self, article_id: str) -> bool:
        with self._tx() as conn:
            # the side tables (addresses, regions, topics, officials, assignments) cascade
            row = conn.execute(
                "DELETE FROM articles WHERE id = %s RETURNING rowid", (_clean(article_id),)
            ).fetchone()
        return row is not None

    # --- instructions of the Addresses ----------------------------------------------------------------
    def add_instructions(self, address_id: str, items: Sequence[dict[str, Any]], source: str) -> int:
        now = _now()
        try:
            with self._tx() as conn:
                conn.execute(
                    "DELETE FROM address_instructions WHERE address = %s AND source = %s",
                    (_clean(address_id), _clean(source)),
                )
                cur = conn.cursor()
                for position, it in enumerate(items):
                    data = {**it, "address": address_id, "source": source}
                    cur.execute(
                        "INSERT INTO address_instructions (address, source, item, position, lang, body, deadline, "
                        "text, data, loaded_at) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                        (
                            _clean(address_id),
                            _clean(source),
                            _clean(str(it["item"])),
                            position,
                            _clean(it.get("lang")),
                            _clean(it.get("body")),
                            _clean(it.get("deadline")),
                            _clean(str(it["text"])),
                            json.dumps(data, ensure_ascii=False, default=str),
                            now,
                        ),
                    )
        except psycopg.errors.IntegrityError as exc:
            raise StoreError(
                f"cannot store the items of Address {address_id} ({source}): {exc}; item numbers "
                "must be unique"
            ) from exc
        return len(items)

    def instructions(self, address_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT data FROM address_instructions"
        args: tuple[Any, ...] = ()
        if address_id:
            sql += " WHERE address = %s"
            args = (_clean(address_id),)
        return [json.loads(r["data"]) for r in self._all(sql + " ORDER BY address, source, position", args)]

    def set_field(self, article_id: str, field: str, value: Any) -> None:
        if field in {"id", "text"}:
            raise StoreError(f"the field {field!r} of an article cannot be changed: ingest the article again")
        with self._tx() as conn:
            row = conn.execute(
                "SELECT rowid, text, exact_texts, record FROM articles WHERE id = %s FOR UPDATE",
                (_clean(article_id),),
            ).fetchone()
            if row is None:
                raise StoreError(
                    f"no article {article_id!r} in {redact(self.url)} (use `zholdau search` to find ids)"
                )
            rowid = row["rowid"]
            rec = json.loads(row["record"])
            rec[field] = value
            self._write_record(conn, rowid, rec)
            if field in _COLUMNS:
                # keep the column that filters read in step with the record
                conn.execute(f"UPDATE articles SET {field} = %s WHERE rowid = %s", (_column(value), rowid))
            if field in LIST_TABLES:
                table = LIST_TABLES[field][0]
                conn.execute(f"DELETE FROM {table} WHERE article_rowid = %s", (rowid,))
                self._index(conn, [], lists=[(rowid, rec, field)])
            if field in FACT_FIELDS:
                self._index_facts(conn, rowid, rec)
            if field in KEY_FIELDS:
                text = json.loads(row["exact_texts"])["text"] if row["exact_texts"] else row["text"]
                title_keys, body_keys = search_keys(rec, text)
                conn.execute(
                    "UPDATE articles SET search = setweight(to_tsvector('simple', %s), 'A') || "
                    "setweight(to_tsvector('simple', %s), 'B') WHERE rowid = %s",
                    (_cap(title_keys, _MAX_KEY_BYTES // 10), _cap(body_keys, _MAX_KEY_BYTES), rowid),
                )
                # the recent index keeps its rows (an older article is not in it and stays out)
                conn.execute(
                    "UPDATE articles_recent r SET search = a.search FROM articles a "
                    "WHERE r.rowid = %s AND a.rowid = r.rowid",
                    (rowid,),
                )

    def _write_record(
        self, conn: psycopg.Connection[dict[str, Any]], rowid: int, rec: dict[str, Any]
    ) -> None:
        """Store a changed record (without its text) and the link columns read from it."""
        conn.execute(
            "UPDATE articles SET record = %s, event_id = %s, duplicate_of = %s WHERE rowid = %s",
            (_record_json(rec), _link(rec.get("event_id")), _link(rec.get("duplicate_of")), rowid),
        )

    def _write_records(
        self, conn: psycopg.Connection[dict[str, Any]], items: Sequence[tuple[int, dict[str, Any]]]
    ) -> None:
        """:meth:`_write_record` for many records in one statement."""
        if not items:
            return
        _staged(
            conn.cursor(),
            "_stage_records",
            "rowid bigint, record text, event_id text, duplicate_of text",
            ("rowid", "record", "event_id", "duplicate_of"),
            (
                (rowid, _record_json(rec), _link(rec.get("event_id")), _link(rec.get("duplicate_of")))
                for rowid, rec in items
            ),
            "UPDATE articles a SET record = s.record, event_id = s.event_id, duplicate_of = s.duplicate_of "
            "FROM _stage_records s WHERE a.rowid = s.rowid",
        )

    # --- crawl state (migration 0004) -----------------------------------------------------------
    def crawl_add(self, items: Sequence[CrawlURL]) -> int:
        if not items:
            return 0
        now = _now()
        ordered = sorted(items, key=lambda it: it.url)  # URL order: no deadlock between two crawlers
        with self._tx() as conn:
            cur = conn.cursor()
            # a known URL keeps its state; only a missing lastmod is filled in (no row: nothing changed)
            cur.executemany(
                "INSERT INTO crawl_urls (url, host, kind, source, state, lastmod, discovered_at) "
                "VALUES (%s, %s, %s, %s, %s, %s, %s) ON CONFLICT (url) DO UPDATE SET lastmod = EXCLUDED.lastmod "
                "WHERE crawl_urls.lastmod IS NULL AND EXCLUDED.lastmod IS NOT NULL RETURNING (xmax = 0) AS inserted",
                [
                    tuple(
                        _clean(v)
                        for v in (
                            it.url,
                            it.host,
                            it.kind,
                            it.source,
                            it.state,
                            it.lastmod,
                            it.discovered_at or now,
                        )
                    )
                    for it in ordered
                ],
                returning=True,
            )
            new = 0
            for _ in ordered:
                row = cur.fetchone()
                new += bool(row and row["inserted"])
                cur.nextset()
        return new

    def crawl_get(self, urls: Sequence[str]) -> dict[str, CrawlURL]:
        wanted = [_clean(u) for u in dict.fromkeys(urls)]
        rows = self._all("SELECT * FROM crawl_urls WHERE url = ANY(%s)", (wanted,)) if wanted else []
        return {r["url"]: CrawlURL(**r) for r in rows}

    def crawl_due(
        self, now: str, kind: str = "page", sources: Sequence[str] | None = None, limit: int = 1000
    ) -> list[CrawlURL]:
        sql = (
            "SELECT * FROM crawl_urls WHERE kind = %s AND (state = 'pending' OR "
            "(state = 'retry' AND coalesce(next_fetch_at, '') <= %s))"
        )
        args: list[Any] = [_clean(kind), _clean(now)]
        if sources is not None:
            sql += " AND source = ANY(%s)"
            args.append([_clean(s) for s in sources])
        sql += " ORDER BY lastmod IS NULL, lastmod DESC, discovered_at, url LIMIT %s"
        args.append(_limit(limit))
        return [CrawlURL(**r) for r in self._all(sql, args)]

    def crawl_update(self, items: Sequence[CrawlURL]) -> None:
        if not items:
            return
        now = _now()
        fields = [f.name for f in dataclasses.fields(CrawlURL)]
        kept = ", ".join(f"{f} = EXCLUDED.{f}" for f in fields if f not in ("url", "discovered_at"))
        with self._tx() as conn:
            conn.cursor().executemany(
                f"INSERT INTO crawl_urls ({', '.join(fields)}) VALUES ({', '.join(['%s'] * len(fields))}) "
                f"ON CONFLICT (url) DO UPDATE SET {kept}",  # discovered_at is kept
                [
                    [
                        _clean(now if f == "discovered_at" and not it.discovered_at else getattr(it, f))
                        for f in fields
                    ]
                    for it in sorted(items, key=lambda it: it.url)
                ],
            )

    def crawl_host(self, host: str) -> dict[str, Any] | None:
        return self._one("SELECT * FROM crawl_hosts WHERE host = %s", (_clean(host),))

    def crawl_set_host(self, host: str, **fields: Any) -> None:
        unknown = set(fields) - set(_HOST_FIELDS)
        if unknown:
            raise StoreError(f"unknown crawl host fields {sorted(unknown)}: use {', '.join(_HOST_FIELDS)}")
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO crawl_hosts (host, updated_at) VALUES (%s, %s) ON CONFLICT (host) DO NOTHING",
                (_clean(host), _now()),
            )
            if fields:
                sets = ", ".join(f"{k} = %s" for k in fields)
                conn.execute(
                    f"UPDATE crawl_hosts SET {sets}, updated_at = %s WHERE host = %s",
                    [*(_clean(v) for v in fields.values()), _now(), _clean(host)],
                )

    def crawl_stats(self, sources: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
        sql = "SELECT kind, state, count(*) AS n FROM crawl_urls"
        args: list[Any] = []
        if sources is not None:
            sql += " WHERE source = ANY(%s)"
            args.append([_clean(s) for s in sources])
        out: dict[str, dict[str, int]] = {}
        for row in self._all(sql + " GROUP BY kind, state ORDER BY kind, state", args):
            out.setdefault(row["kind"], {})[row["state"]] = int(row["n"])
        return out

    # --- connect: copies, events, follow-ups, registers (migrations 0005, 0006) -------------------
    def connect_pending(
        self, article_ids: Sequence[str] | None = None, limit: int = 500
    ) -> list[tuple[int, dict[str, Any]]]:
        sql = (
            "SELECT a.rowid, a.text, a.record, a.exact_texts FROM articles a "
            "WHERE NOT EXISTS (SELECT 1 FROM connect_articles c WHERE c.article_rowid = a.rowid)"
        )
        if article_ids is None:
            rows = self._all(sql + " ORDER BY a.rowid LIMIT %s", (_limit(limit),))
        else:
            wanted = [_clean(i) for i in dict.fromkeys(article_ids)]
            rows = self._all(sql + " AND a.id = ANY(%s) ORDER BY a.rowid LIMIT %s", (wanted, _limit(limit)))
        return [(int(r["rowid"]), _record(r)) for r in rows]

    def connect_records(
        self, rowids: Sequence[int], fields: Sequence[str] | None = None
    ) -> dict[int, dict[str, Any]]:
        if fields is not None:  # the server picks the fields: the client parses only what it keeps
            rows = self._all(
                "SELECT rowid, (SELECT coalesce(jsonb_object_agg(f.key, f.value), '{}') "
                "FROM jsonb_each(record::jsonb) f WHERE f.key = ANY(%s))::text AS part "
                "FROM articles WHERE rowid = ANY(%s)",
                (list(fields), list(rowids)),
            )
            return {int(r["rowid"]): json.loads(r["part"]) for r in rows}
        rows = self._all(
            "SELECT rowid, text, record, exact_texts FROM articles WHERE rowid = ANY(%s)", (list(rowids),)
        )
        return {int(r["rowid"]): _record(r) for r in rows}

    def connect_reset(self) -> None:
        with self._tx() as conn:
            conn.execute(
                "TRUNCATE connect_anchors, connect_links, connect_reports, connect_assignments, "
                "connect_event_members, connect_events, connect_lsh, connect_officials, connect_figures, "
                "connect_articles"
            )
            # the keys' names as a cheap first cut; the exact test (as SQLite's) on the parsed record
            rows = conn.execute(
                "SELECT rowid, record FROM articles WHERE duplicate_of IS NOT NULL OR event_id IS NOT NULL "
                "OR record LIKE '%%\"follows_up\"%%' OR record LIKE '%%\"status\"%%' "
                "OR record LIKE '%%\"followed_up_by\"%%'"
            ).fetchall()
            reset: list[tuple[int, dict[str, Any]]] = []
            for r in rows:
                rec = json.loads(r["record"])
                if not (
                    rec.get("duplicate_of") is not None
                    or rec.get("event_id") is not None
                    or "follows_up" in rec
                    or '"status"' in r["record"]
                    or '"followed_up_by"' in r["record"]
                ):
                    continue
                for k in ("duplicate_of", "event_id", "follows_up"):
                    rec.pop(k, None)
                for a in rec.get("assignments") or []:
                    if isinstance(a, dict):
                        a.pop("status", None)
                        a.pop("followed_up_by", None)
                reset.append((int(r["rowid"]), rec))
            self._write_records(conn, reset)
            self._index_facts_of(conn, reset)

    def lsh_candidates(self, band_keys: Sequence[int]) -> list[int]:
        if not band_keys:
            return []
        rows = self._all(
            "SELECT DISTINCT article_rowid FROM connect_lsh WHERE band_key = ANY(%s)", (list(band_keys),)
        )
        return [int(r["article_rowid"]) for r in rows]

    def connect_articles(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        rows = self._all(
            "SELECT c.*, a.id FROM connect_articles c JOIN articles a ON a.rowid = c.article_rowid "
            "WHERE c.article_rowid = ANY(%s)",
            (list(rowids),),
        )
        return {int(r["article_rowid"]): {**r, "rowid": int(r["article_rowid"])} for r in rows}

    def connect_copies(self, root_rowids: Sequence[int]) -> dict[int, list[int]]:
        out: dict[int, list[int]] = {}
        for r in self._all(
            "SELECT root_rowid, article_rowid FROM connect_articles WHERE root_rowid = ANY(%s) "
            "ORDER BY article_rowid",
            (list(root_rowids),),
        ):
            out.setdefault(int(r["root_rowid"]), []).append(int(r["article_rowid"]))
        return out

    def connect_events_in(self, region: str, since: str, until: str) -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT event_id, region, first_day, last_day, data, vector FROM connect_events "
            "WHERE region = %s AND first_day >= %s AND first_day <= %s ORDER BY first_day, event_id",
            (_clean(region), _clean(since), _clean(until)),
        )
        return [{**r, "data": json.loads(r["data"])} for r in rows]

    def connect_event_members(self, event_id: str) -> list[dict[str, Any]]:
        return self._all(
            "SELECT m.article_rowid AS rowid, a.id, c.lang, c.embedding FROM connect_event_members m "
            "JOIN articles a ON a.rowid = m.article_rowid "
            "LEFT JOIN connect_articles c ON c.article_rowid = m.article_rowid "
            "WHERE m.event_id = %s ORDER BY m.article_rowid",
            (_clean(event_id),),
        )

    def connect_assignments_in(
        self, region: str, since: str, until: str, rowids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        only, args = _only(rowids, "x.article_rowid")
        rows = self._all(
            "SELECT x.article_rowid AS rowid, a.id, x.idx, x.region, x.published, x.deadline, x.data "
            "FROM connect_assignments x JOIN articles a ON a.rowid = x.article_rowid "
            f"WHERE x.region = %s AND x.published >= %s AND x.published <= %s{only} "
            "ORDER BY x.article_rowid, x.idx",
            (_clean(region), _clean(since), _clean(until), *args),
        )
        return [{**r, "data": json.loads(r["data"])} for r in rows]

    def connect_reports_in(
        self, region: str, since: str, until: str, rowids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        only, args = _only(rowids, "x.article_rowid")
        rows = self._all(
            "SELECT x.article_rowid AS rowid, a.id, x.region, x.published, x.data FROM connect_reports x "
            "JOIN articles a ON a.rowid = x.article_rowid "
            f"WHERE x.region = %s AND x.published >= %s AND x.published <= %s{only} ORDER BY x.article_rowid",
            (_clean(region), _clean(since), _clean(until), *args),
        )
        return [{**r, "data": json.loads(r["data"])} for r in rows]

    def connect_anchored(
        self, side: str, region: str, keys: Sequence[str], since: str, until: str
    ) -> set[int]:
        wanted = sorted({_clean(k) for k in keys})
        if not wanted:
            return set()
        rows = self._all(
            "SELECT DISTINCT article_rowid FROM connect_anchors WHERE side = %s AND key = ANY(%s) "
            "AND region = %s AND published >= %s AND published <= %s",
            (_clean(side), wanted, _clean(region), _clean(since), _clean(until)),
        )
        return {int(r["article_rowid"]) for r in rows}

    def connect_links(
        self, article_rowids: Sequence[int] = (), report_rowids: Sequence[int] = (), brief: bool = False
    ) -> list[dict[str, Any]]:
        out: dict[tuple[int, int, int], dict[str, Any]] = {}
        columns = LINK_BRIEF_COLUMNS if brief else "l.*"
        for col, ids in (("article_rowid", article_rowids), ("report_rowid", report_rowids)):
            if not ids:
                continue
            for r in self._all(
                f"SELECT {columns}, a.id AS article_id, ca.lang AS article_lang, ca.event_id AS article_event, "
                "rp.id AS report_id, cr.lang AS report_lang FROM connect_links l "
                "JOIN articles a ON a.rowid = l.article_rowid JOIN articles rp ON rp.rowid = l.report_rowid "
                "LEFT JOIN connect_articles ca ON ca.article_rowid = l.article_rowid "
                "LEFT JOIN connect_articles cr ON cr.article_rowid = l.report_rowid "
                f"WHERE l.{col} = ANY(%s)",
                (list(ids),),
            ):
                out[(r["article_rowid"], r["idx"], r["report_rowid"])] = r
        return list(out.values())

    def connect_due(self, today: str) -> list[int]:
        rows = self._all(
            "SELECT DISTINCT x.article_rowid FROM article_assignments x "
            "JOIN connect_articles c ON c.article_rowid = x.article_rowid "
            "WHERE x.deadline IS NOT NULL AND x.deadline < %s AND coalesce(x.status, '') NOT IN ('done', 'overdue')",
            (_clean(today),),
        )
        return [int(r["article_rowid"]) for r in rows]

    def connect_apply(self, changes: ConnectChanges) -> None:
        if not changes:
            return
        now = _now()

        def rows(items: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
            return [tuple(_clean(v) for v in row) for row in items]

        with self._tx() as conn:
            cur = conn.cursor()
            for table, values in (
                ("connect_articles", rows((*row, now) for row in changes.articles)),
                ("connect_lsh", rows(changes.lsh)),
                (
                    "connect_events",
                    rows((*e[:4], json.dumps(e[4], ensure_ascii=False), e[5], now) for e in changes.events),
                ),
                ("connect_event_members", rows(changes.members)),
                (
                    "connect_assignments",
                    rows((*a[:5], json.dumps(a[5], ensure_ascii=False)) for a in changes.assignments),
                ),
                (
                    "connect_reports",
                    rows((*r[:3], json.dumps(r[3], ensure_ascii=False)) for r in changes.reports),
                ),
                ("connect_anchors", rows(changes.anchors)),
                ("connect_links", rows(changes.links)),
                ("connect_officials", rows(changes.officials)),
                ("connect_figures", rows(changes.figures)),
            ):
                if table == "connect_events" and changes.roots:  # SQLite's order: roots, embeddings, events
                    cur.executemany(
                        "UPDATE connect_articles SET root_rowid = %s WHERE article_rowid = %s",
                        [(root, rowid) for rowid, root in changes.roots],
                    )
                if table == "connect_events" and changes.embeddings:
                    cur.executemany(
                        "UPDATE connect_articles SET embedding = %s WHERE article_rowid = %s",
                        [(blob, rowid) for rowid, blob in changes.embeddings],
                    )
                if values:
                    _UPSERTS[table].write(cur, values)
            self._set_fields(conn, changes.fields)

    def _set_fields(
        self, conn: psycopg.Connection[dict[str, Any]], fields: Mapping[int, Mapping[str, Any]]
    ) -> None:
        """Set (``None``: remove) record fields of many articles: one read, one update, one rewrite of the
        fact rows of those whose assignments changed (row by row, each article cost three round trips)."""
        if not fields:
            return
        rowids = sorted(fields)  # locked in rowid order, as every writer does: no deadlock
        rows = conn.execute(
            "SELECT rowid, record FROM articles WHERE rowid = ANY(%s) ORDER BY rowid FOR UPDATE", (rowids,)
        ).fetchall()
        written: list[tuple[int, dict[str, Any]]] = []
        for row in rows:
            rowid = int(row["rowid"])
            rec = json.loads(row["record"])
            for k, v in fields[rowid].items():
                if v is None:
                    rec.pop(k, None)
                else:
                    rec[k] = v
            written.append((rowid, rec))
        self._write_records(conn, written)
        self._index_facts_of(conn, [(r, rec) for r, rec in written if "assignments" in fields[r]])

    def officials_register(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        where, args = self._where(filters)
        rows = self._all(
            "SELECT o.person, o.post_key, o.region, max(o.level) AS level, "
            "count(DISTINCT o.article_rowid) AS articles, min(o.published) AS first_seen, "
            "max(o.published) AS last_seen, string_agg(DISTINCT o.name, ',') AS names, "
            "string_agg(DISTINCT o.post, ',') AS posts, string_agg(DISTINCT o.lang, ',') AS langs "
            f"FROM connect_officials o JOIN articles a ON a.rowid = o.article_rowid WHERE {where} "
            "GROUP BY o.person, o.post_key, o.region ORDER BY articles DESC, o.person, o.post_key, o.region LIMIT %s",
            (*args, _limit(limit)),
        )
        return [
            {
                **r,
                "articles": int(r["articles"]),
                "region": r["region"] or None,
                "post_key": r["post_key"] or None,
                "names": sorted(r["names"].split(",")) if r["names"] else [],
                "posts": sorted(r["posts"].split(",")) if r["posts"] else [],
                "langs": sorted(r["langs"].split(",")) if r["langs"] else [],
            }
            for r in rows
        ]

    def figure_facts(self, filters: Filters = Filters()) -> list[dict[str, Any]]:
        where, args = self._where(filters)
        # NULLS FIRST: SQLite sorts a missing value before every value
        return self._all(
            "SELECT a.id AS article_id, f.idx, f.kind, f.unit, f.measure, f.value, f.text, f.region, f.published, "
            "f.sentence, a.lang, a.title FROM connect_figures f JOIN articles a ON a.rowid = f.article_rowid "
            f"WHERE {where} ORDER BY f.region NULLS FIRST, f.published NULLS FIRST, a.rowid, f.idx",
            args,
        )

    def close(self) -> None:
        with self._lock:
            self.conn.close()


# --- helpers ------------------------------------------------------------------------------------------
def key_groups(query: str) -> list[list[str]]:
    """The search keys of each query word (:mod:`zholdau.textindex`): a match holds one of each group."""
    groups = [sorted(k for k in textindex.query_keys(w) if k) for w in textindex.query_words(query)]
    return [g for g in groups if g]


def tsquery(query: str) -> tuple[str, list[str]] | None:
    """A tsquery SQL expression and its arguments: every query word must match one of its keys
    (as :func:`zholdau.textindex.fts5_query` for SQLite); ``None`` when the query has no word."""
    groups = key_groups(query)
    parts = ["(" + " || ".join(["phraseto_tsquery('simple', %s)"] * len(keys)) + ")" for keys in groups]
    return (" && ".join(parts), [k for keys in groups for k in keys]) if parts else None


def _article_row(item: StoredArticle, run_id: int | None, now: str) -> tuple[Any, ...]:
    rec = item.record
    text = rec.get("text") or ""
    body = {k: v for k, v in rec.items() if k != "text"}
    title_keys, body_keys = item.search_keys()
    exact = (
        json.dumps({"text": text, "raw_text": item.raw_text}, ensure_ascii=False)
        if "\x00" in text or "\x00" in item.raw_text
        else None
    )
    return (
        *(_column(rec.get(c)) for c in _COLUMNS),
        *(_link(rec.get(c)) for c in _LINK_COLUMNS),
        _clean(text),
        json.dumps(body, ensure_ascii=False, default=str),
        _clean(item.raw_text),
        zlib.compress(item.raw) if item.raw else None,
        exact,
        _cap(title_keys, _MAX_KEY_BYTES // 10),
        _cap(body_keys, _MAX_KEY_BYTES),
        run_id,
        now,
    )


def _only(rowids: Sequence[int] | None, column: str) -> tuple[str, list[Any]]:
    """An ``AND column = ANY(...)`` clause when ``rowids`` is given (the anchored candidates)."""
    if rowids is None:
        return "", []
    return f" AND {column} = ANY(%s)", [sorted({int(r) for r in rowids})]


def _hash32(key: str) -> int:
    """A stable signed 32-bit hash of a key (a collision only makes two writers wait for each other)."""
    digest = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=4).digest()
    return int.from_bytes(digest, "big", signed=True)


def _record(row: dict[str, Any]) -> dict[str, Any]:
    rec: dict[str, Any] = json.loads(row["record"])
    rec["text"] = json.loads(row["exact_texts"])["text"] if row.get("exact_texts") else row["text"]
    return rec


def _clean(value: Any) -> Any:
    """A string PostgreSQL accepts: NUL (which text cannot hold) becomes U+FFFD."""
    return value.replace("\x00", "\ufffd") if isinstance(value, str) else value


def _record_json(rec: dict[str, Any]) -> str:
    """The record column: the record without its text (kept in its own column)."""
    return json.dumps({k: v for k, v in rec.items() if k != "text"}, ensure_ascii=False, default=str)


def _column(value: Any) -> str | None:
    """A record value as its text column holds it."""
    if value is None:
        return None
    return _clean(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


def _link(value: Any) -> str | None:
    """``event_id`` / ``duplicate_of`` as text (an id may be a number in the record)."""
    return None if value is None else _column(str(value) if isinstance(value, int | float) else value)


def _cap(keys: str, limit: int) -> str:
    """The keys cut at a word boundary to at most ``limit`` bytes of UTF-8."""
    data = keys.encode("utf-8")
    if len(data) <= limit:
        return keys
    return data[:limit].decode("utf-8", "ignore").rsplit(" ", 1)[0]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _limit(limit: int) -> int | None:
    """A LIMIT value: SQLite reads a negative limit as "no limit", PostgreSQL wants NULL."""
    return None if limit < 0 else limit
