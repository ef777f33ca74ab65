"""What a store can do. SQLite (default) and PostgreSQL implement this; contract tests run on both."""

from __future__ import annotations

import base64
import json
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import product
from typing import Any, Generic, TypeVar

from zholdau.model import Rejection, normalise_for_identity

# Search ranks a query's matches by relevance among its newest RANK_WINDOW matches (by the order they were
# stored): a word found in most of a million articles is answered in milliseconds, not by scoring all
# of them. Narrow with dates (or other filters) to reach older articles of a common word.
RANK_WINDOW = 2000
# A search page or listing with query words counts its matches up to this many, then says "more than":
# counting every match of a common word among a million articles takes seconds (PostgreSQL 7.8 s, SQLite
# 3.4 s for 440 000 matches), finding the page itself milliseconds.
TOTAL_AT_MOST = 10_000
# The stores keep a second search index of their newest RECENT_ROWS articles (SQLite: article_fts_recent;
# PostgreSQL: articles_recent), kept between RECENT_ROWS and RECENT_ROWS * 5/4 rows by pruning after each
# write. Ranking reads it whenever a query's window lies within it, so a relevance score (bm25's idf counts
# every match of a word in the index it reads) costs the same at a million articles as at fifty thousand.
RECENT_ROWS = 50_000
# When the recent articles hold fewer than RANK_WINDOW matches of a query but at least MIN_RECENT_MATCHES,
# those recent matches are the window: a place name or a narrow filter is still answered from the recent
# index (fast), not by scoring the whole one. Fewer recent matches than this, and the window reaches back.
MIN_RECENT_MATCHES = 200
# the columns of a follow-up link (alias l) the connect step reads to set statuses: no reasons, no evidence
LINK_BRIEF_COLUMNS = "l.article_rowid, l.idx, l.report_rowid, l.kind, l.score, l.report_published"


@dataclass(frozen=True, slots=True)
class Filters:
    """Filters shared by search, listings, counts, export and the API.

    By default a syndicated copy (a record with ``duplicate_of``, set by zholdau/connect) is left out:
    search, listings and counts show one article per text, and each hit lists its copies
    (``copies``). ``hide_copies=False`` (:data:`ALL_ARTICLES` without other filters) keeps every copy;
    exports and :meth:`Store.iter_records` use that by default (a data dump keeps every row).
    """

    region: str | None = None  # ISO 3166-2:KZ code of the primary region
    address: str | None = None  # Address id (its delivery date)
    lang: str | None = None
    since: str | None = None  # YYYY-MM-DD, inclusive
    until: str | None = None
    outlet: str | None = None
    topic: str | None = None
    official: str | None = None  # an official's name as the record spells it (case, ё/е and spaces ignored)
    hide_copies: bool = True  # leave out syndicated copies (records with duplicate_of); see zholdau/connect

    def narrows(self) -> bool:
        """Whether any filter but ``hide_copies`` is set (the articles it passes may be few)."""
        return any(
            (
                self.region,
                self.address,
                self.lang,
                self.since,
                self.until,
                self.outlet,
                self.topic,
                self.official,
            )
        )


# Every stored article, syndicated copies included (what exports, evaluation and maintenance read).
ALL_ARTICLES = Filters(hide_copies=False)


@dataclass(slots=True)
class StoredArticle:
    """An article as kept by the store: the export record plus the raw input."""

    record: dict[str, Any]
    raw_text: str
    raw: bytes | None = None
    rowid: int | None = None
    # the search keys (title, body) when already computed from the record (:func:`search_keys`): a Dask
    # worker computes them, so the client that writes SQLite does not
    keys: tuple[str, str] | None = None

    def search_keys(self) -> tuple[str, str]:
        """The search keys (title, body) the stores index for this article."""
        return self.keys or search_keys(self.record, self.record.get("text") or "")


@dataclass(slots=True)
class Hit:
    id: str
    source: str
    title: str | None
    published: str | None
    lang: str | None
    primary_region: str | None
    snippet: str
    score: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "published": self.published,
            "lang": self.lang,
            "primary_region": self.primary_region,
            "snippet": self.snippet,
            "score": self.score,
            **self.extra,
        }


@dataclass(slots=True)
class AddResult:
    new: int = 0
    duplicates: int = 0
    duplicate_ids: list[str] = field(default_factory=list)


T = TypeVar("T")

# What coverage() can group by: the region is the primary region, the week the Monday (ISO date) of
# the publication week; address, topic and official are lists (an article counts once per value).
DIMENSIONS = ("region", "address", "topic", "lang", "outlet", "year", "month", "week", "official", "event")
FACETS = ("region", "address", "lang", "topic", "outlet", "year")
SORTS = ("newest", "oldest", "relevance")
ASSIGNMENT_SORTS = ("newest", "deadline")


@dataclass(slots=True)
class Page(Generic[T]):
    """One page of a listing, and the cursor that fetches the next one (``None`` on the last page)."""

    items: list[T]
    next_cursor: str | None = None


def encode_cursor(state: dict[str, Any]) -> str:
    """An opaque, URL-safe cursor for a backend's paging state."""
    raw = json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(cursor: str) -> dict[str, Any]:
    """The paging state in a cursor; ``ValueError`` when the cursor is not one we gave out."""
    try:
        state = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValueError("the cursor is not one this server gave out: start again without it") from exc
    if not isinstance(state, dict):
        raise ValueError("the cursor is not one this server gave out: start again without it")
    return state


def check_dimensions(by: Sequence[str]) -> None:
    """``ValueError`` naming the unknown dimension, if any."""
    for d in by:
        if d not in DIMENSIONS:
            raise ValueError(f"cannot group by {d!r}: use one of {', '.join(DIMENSIONS)}")
    if len(set(by)) != len(by):
        raise ValueError(f"a dimension is repeated in {list(by)}")


def official_key(name: str) -> str:
    """How official names are compared: case, ё/е and spacing ignored."""
    return normalise_for_identity(name)


def ids_of(values: Any) -> list[str]:
    """The ids in a list field: strings as they are, dicts by their ``id``/``code``/``value``; no repeats."""
    out: list[str] = []
    for v in values or []:
        if isinstance(v, dict):
            v = v.get("id") or v.get("code") or v.get("value")
        if v and str(v) not in out:
            out.append(str(v))
    return out


def week_of(published: Any) -> str | None:
    """The Monday of the publication week as YYYY-MM-DD (``None`` without a valid date)."""
    try:
        d = date.fromisoformat(str(published)[:10])
    except ValueError:
        return None
    return (d - timedelta(days=d.weekday())).isoformat()


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


# record fields that the stores also keep outside the record (filter tables, fact tables, search keys):
# set_field rewrites those rows too, so filters, registers and search follow the record
LIST_TABLES: dict[str, tuple[str, str]] = {
    "addresses": ("article_addresses", "address"),
    "regions": ("article_regions", "region"),
    "topics": ("article_topics", "topic"),
}
# record fields every store keeps as columns of its articles table (filters and listings read them)
ARTICLE_COLUMNS = (
    "id",
    "source",
    "url",
    "outlet",
    "author",
    "title",
    "published",
    "lang",
    "script",
    "primary_region",
)
FACT_FIELDS = frozenset({"officials", "assignments"})
KEY_FIELDS = frozenset({"title", "lang", "text_cyrillic", "paragraphs"})


def search_keys(rec: dict[str, Any], text: str) -> tuple[str, str]:
    """The search keys of an article's title and body (:mod:`zholdau.textindex`), as every store indexes
    them: the body in its Cyrillic form when the record has one, each paragraph in its language."""
    from zholdau import textindex

    lang = rec.get("lang")
    return (
        textindex.index_keys(rec.get("title") or "", lang),
        textindex.index_keys(rec.get("text_cyrillic") or text, lang, rec.get("paragraphs") or ()),
    )


def official_rows(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The officials of a record, one per name (the first mention's post and level)."""
    out: dict[str, dict[str, Any]] = {}
    for o in rec.get("officials") or []:
        name = o.get("name") if isinstance(o, dict) else o
        if not isinstance(name, str) or not name.strip():
            continue
        post = o.get("post") if isinstance(o, dict) else None
        level = o.get("level") if isinstance(o, dict) else None
        out.setdefault(name, {"name": name, "post": _text(post), "level": _text(level)})
    return list(out.values())


def assignment_rows(rec: dict[str, Any]) -> list[dict[str, Any]]:
    """The assignments of a record as flat rows (``index`` = position in the record's list)."""
    rows = []
    for i, a in enumerate(rec.get("assignments") or []):
        a = a if isinstance(a, dict) else {"action": str(a)}
        rows.append(
            {
                "index": i,
                **{
                    k: _text(a.get(k))
                    for k in ("issuer", "addressee", "action", "deadline", "sentence", "status")
                },
            }
        )
    return rows


def record_values(rec: dict[str, Any], dim: str) -> list[str | None]:
    """The values a record has for a coverage dimension (``[None]`` when it has none)."""
    pub = rec.get("published") if isinstance(rec.get("published"), str) else None
    if dim in ("address", "topic"):
        vals: list[str | None] = list(ids_of(rec.get("addresses" if dim == "address" else "topics")))
    elif dim == "official":
        vals = [o["name"] for o in official_rows(rec)]
    elif dim == "region":
        vals = [_text(rec.get("primary_region"))]
    elif dim in ("lang", "outlet"):
        vals = [_text(rec.get(dim))]
    elif dim == "event":
        vals = [_text(rec.get("event_id"))]
    elif dim == "year":
        vals = [pub[:4] if pub and week_of(pub) else None]
    elif dim == "month":
        vals = [pub[:7] if pub and week_of(pub) else None]
    elif dim == "week":
        vals = [week_of(pub)]
    else:
        raise ValueError(f"unknown dimension {dim!r}")
    return vals or [None]


def record_matches(rec: dict[str, Any], filters: Filters) -> bool:
    """The filters evaluated on one record (what every backend's SQL must agree with)."""
    pub = rec.get("published")
    checks = (
        (filters.region, lambda v: rec.get("primary_region") == v),
        (filters.lang, lambda v: rec.get("lang") == v),
        (filters.outlet, lambda v: rec.get("outlet") == v),
        (filters.since, lambda v: isinstance(pub, str) and pub >= v),
        (filters.until, lambda v: isinstance(pub, str) and pub <= v),
        (filters.address, lambda v: v in ids_of(rec.get("addresses"))),
        (filters.topic, lambda v: v in ids_of(rec.get("topics"))),
        (
            filters.official,
            lambda v: official_key(v) in {official_key(o["name"]) for o in official_rows(rec)},
        ),
        (filters.hide_copies or None, lambda v: not rec.get("duplicate_of")),
    )
    return all(want is None or test(want) for want, test in checks)


def sort_cells(by: Sequence[str], counts: Iterable[tuple[tuple[Any, ...], int]]) -> list[dict[str, Any]]:
    """Coverage rows ``{dim: value, ..., "articles": n}`` in a stable order (missing values last)."""
    rows = sorted(counts, key=lambda kv: [(v is None, v or "") for v in kv[0]])
    return [{**dict(zip(by, key, strict=True)), "articles": int(n)} for key, n in rows]


def hit_of(rec: dict[str, Any], query: str | None = None, score: float = 0.0) -> Hit:
    """A listing item for a record: its main fields and a snippet (around the query words, if any)."""
    from zholdau import textindex

    text = rec.get("text_cyrillic") or rec.get("text") or ""
    return Hit(
        rec["id"],
        rec.get("source") or "",
        rec.get("title"),
        rec.get("published"),
        rec.get("lang"),
        rec.get("primary_region"),
        textindex.snippet(text, rec.get("lang"), query),
        score,
        summary_fields(rec),
    )


def search_hit(row: Any, rec: dict[str, Any], query: str | None, score: float) -> Hit:
    """A search result: the listing columns of its row, a snippet around the query words in the record's
    (Cyrillic) text, and the outlet and Addresses of the record."""
    from zholdau import textindex

    text = rec.get("text_cyrillic") or rec.get("text") or ""
    return Hit(
        row["id"],
        row["source"],
        row["title"],
        row["published"],
        row["lang"],
        row["primary_region"],
        textindex.snippet(text, row["lang"], query),
        score,
        {"outlet": rec.get("outlet"), "addresses": rec.get("addresses", [])},
    )


def listing_total(store: Store, filters: Filters, query: str | None) -> tuple[int, bool]:
    """What a listing or search page says it found: ``(n, True)``, or ``(TOTAL_AT_MOST, False)`` for
    "more than TOTAL_AT_MOST" (counting stops there; see TOTAL_AT_MOST)."""
    n = store.total(filters, query, at_most=TOTAL_AT_MOST)
    return (TOTAL_AT_MOST, False) if n > TOTAL_AT_MOST else (n, True)


COPY_FIELDS = ("id", "source", "outlet", "url", "published")


def copy_entry(row: Any) -> dict[str, Any]:
    """How a hit lists one of its syndicated copies (from a record or a database row): what a reader
    needs to see "also published by …" and follow the link."""
    values = dict(row)
    return {k: values.get(k) for k in COPY_FIELDS}


def summary_fields(rec: dict[str, Any]) -> dict[str, Any]:
    """What a listing shows beside the title: outlet, URL, Addresses, topics, counts of the facts."""
    return {
        "outlet": rec.get("outlet"),
        "url": rec.get("url"),
        "addresses": ids_of(rec.get("addresses")),
        "topics": ids_of(rec.get("topics")),
        "duplicate_of": rec.get("duplicate_of"),
        "event_id": rec.get("event_id"),
        "counts": {k: len(rec.get(k) or []) for k in ("officials", "assignments", "figures")},
    }


@dataclass(slots=True)
class CrawlURL:
    """What the crawler knows about one URL (see zholdau/crawl and migration 0004).

    ``url`` is the canonical URL (the key); ``host`` its origin ``scheme://host[:port]``; ``kind`` is
    ``page``, ``feed`` or ``sitemap``; ``state`` one of :data:`CRAWL_STATES`. Times are ISO 8601 UTC.
    """

    url: str
    host: str
    kind: str = "page"
    source: str | None = None
    state: str = "pending"
    lastmod: str | None = None
    discovered_at: str | None = None
    fetched_at: str | None = None
    next_fetch_at: str | None = None
    attempts: int = 0
    http_status: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None
    canonical_url: str | None = None
    article_id: str | None = None
    message: str | None = None


# pending: discovered, not fetched; fetched: done (an article or a rejection); retry: a transient
# failure, due again at next_fetch_at; failed: a permanent failure; blocked: robots.txt disallows it;
# alias: the same page as canonical_url; old: published before the --since date of the crawl.
CRAWL_STATES = ("pending", "fetched", "retry", "failed", "blocked", "alias", "old")


@dataclass(slots=True)
class ConnectChanges:
    """One batch of connect results (see :meth:`Store.connect_apply`); rows are tuples in the column
    order of migration 0005, and ``fields`` sets record fields (``None`` removes one)."""

    # connect_articles rows
    articles: list[tuple[Any, ...]] = field(default_factory=list)
    # (band_key, rowid)
    lsh: list[tuple[int, int]] = field(default_factory=list)
    # (rowid, root_rowid) of rows already kept
    roots: list[tuple[int, int | None]] = field(default_factory=list)
    # (rowid, vector) of rows already kept
    embeddings: list[tuple[int, bytes]] = field(default_factory=list)
    # (event_id, region, first, last, data, vector)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    # (rowid, event_id, score, reasons)
    members: list[tuple[Any, ...]] = field(default_factory=list)
    # (rowid, idx, region, published, deadline, data)
    assignments: list[tuple[Any, ...]] = field(default_factory=list)
    # (rowid, region, published, data)
    reports: list[tuple[Any, ...]] = field(default_factory=list)
    # (side, key, region, published, rowid, idx)
    anchors: list[tuple[Any, ...]] = field(default_factory=list)
    # (rowid, idx, report_rowid, kind, score, reasons, evidence, report_published)
    links: list[tuple[Any, ...]] = field(default_factory=list)
    # (rowid, person, name, post_key, post, level, region, lang, published)
    officials: list[tuple[Any, ...]] = field(default_factory=list)
    # (rowid, idx, kind, unit, measure, value, text, region, published, sentence)
    figures: list[tuple[Any, ...]] = field(default_factory=list)
    # rowid → record fields to set
    fields: dict[int, dict[str, Any]] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(
            (
                self.articles,
                self.lsh,
                self.roots,
                self.embeddings,
                self.events,
                self.members,
                self.assignments,
                self.reports,
                self.anchors,
                self.links,
                self.officials,
                self.figures,
                self.fields,
            )
        )


class Store(ABC):
    """The storage interface. All writes of one call are one transaction."""

    url: str

    @abstractmethod
    def schema_version(self) -> int: ...

    @abstractmethod
    def start_run(self, inputs: Sequence[str], settings: dict[str, Any]) -> int:
        """Record the start of an ingest run; returns its id."""

    @abstractmethod
    def finish_run(self, run_id: int, counts: dict[str, int], status: str = "done") -> None: ...

    @abstractmethod
    def add_articles(self, items: Sequence[StoredArticle], run_id: int | None = None) -> AddResult:
        """Insert articles not yet stored (identified by ``record['id']``); one transaction."""

    @abstractmethod
    def add_rejections(self, items: Sequence[Rejection], run_id: int | None = None) -> int:
        """Keep rejections; the same (source, stage) seen again is updated, not duplicated. Returns new ones."""

    @abstractmethod
    def get(self, article_id: str) -> StoredArticle | None: ...

    @abstractmethod
    def search(self, query: str | None, filters: Filters = Filters(), limit: int = 20) -> list[Hit]: ...

    @abstractmethod
    def iter_records(self, filters: Filters = ALL_ARTICLES, batch: int = 500) -> Iterator[dict[str, Any]]:
        """The records matching the filters in storage order; every record (copies too) by default."""

    @abstractmethod
    def count(self, filters: Filters = ALL_ARTICLES) -> int:
        """How many records :meth:`iter_records` gives for these filters (every record by default)."""

    @abstractmethod
    def stats(self, hide_copies: bool = True) -> dict[str, Any]:
        """Counts of articles (one per text unless ``hide_copies=False``): ``articles``, ``copies``
        (syndicated copies stored, counted or not), ``rejections``, ``runs``, ``by_lang``,
        ``by_region``, ``by_address``, ``by_year``, ``region_address``, ``schema_version``."""

    @abstractmethod
    def rejections(self, limit: int = 1000) -> list[dict[str, Any]]: ...

    @abstractmethod
    def runs(self, limit: int = 50) -> list[dict[str, Any]]: ...

    # --- reads for the API and dashboard ---------------------------------------------------------
    # Each has a default written on top of iter_records/search/get (correct, but it reads every
    # matching record); backends override them with queries that aggregate in the database.
    # Like search, they count and list one article per text by default (Filters().hide_copies), and
    # the hits of search and page list their copies (see _list_copies).

    def _list_copies(self, hits: Sequence[Hit]) -> None:
        """Put each hit's syndicated copies in ``hit.extra["copies"]``: ``[{id, source, outlet, url,
        published}]`` (see :func:`copy_entry`), oldest first; ``[]`` for a hit without copies."""
        if not hits:
            return
        wanted = {h.id for h in hits}
        copies: dict[str, list[dict[str, Any]]] = {}
        for rec in self.iter_records(ALL_ARTICLES):
            if rec.get("duplicate_of") in wanted:
                copies.setdefault(rec["duplicate_of"], []).append(copy_entry(rec))
        for h in hits:
            h.extra["copies"] = sorted(copies.get(h.id, []), key=lambda c: (c["published"] or "", c["id"]))

    def _matching(self, filters: Filters, query: str | None) -> Iterator[dict[str, Any]]:
        """Records matching the filters and (when given) the query words, in storage order."""
        ids = {h.id for h in self.search(query, filters, limit=10**9)} if query else None
        for rec in self.iter_records(filters):
            if record_matches(rec, filters) and (ids is None or rec["id"] in ids):
                yield rec

    def coverage(
        self,
        filters: Filters = Filters(),
        by: Sequence[str] = ("region", "address", "month"),
        query: str | None = None,
    ) -> list[dict[str, Any]]:
        """Article counts grouped by ``by`` (see :data:`DIMENSIONS`): ``[{dim: value, ..., "articles": n}]``.

        An article counts once per value of a list dimension (two Addresses → two cells); a missing
        value is ``None``. ``by=()`` gives the total as one row.
        """
        check_dimensions(by)
        counts: Counter[tuple[Any, ...]] = Counter()
        for rec in self._matching(filters, query):
            for combo in product(*(record_values(rec, d) for d in by)):
                counts[combo] += 1
        if not by:
            return [{"articles": counts[()]}]
        return sort_cells(by, counts.items())

    def total(
        self, filters: Filters = Filters(), query: str | None = None, at_most: int | None = None
    ) -> int:
        """How many articles match the filters and the query words. With ``at_most``, counting may stop
        after ``at_most + 1`` matches: a result above ``at_most`` means "more than ``at_most``"."""
        n = int(self.coverage(filters, (), query)[0]["articles"])
        return n if at_most is None else min(n, at_most + 1)

    def facets(
        self,
        filters: Filters = Filters(),
        query: str | None = None,
        fields: Sequence[str] = FACETS,
        limit: int = 20,
    ) -> dict[str, list[tuple[str, int]]]:
        """For each field, its most frequent values among the matching articles: ``[(value, n), ...]``."""
        out: dict[str, list[tuple[str, int]]] = {}
        for f in fields:
            cells = self.coverage(filters, (f,), query)
            ranked = sorted(
                ((c[f], c["articles"]) for c in cells if c[f] is not None), key=lambda kv: (-kv[1], kv[0])
            )
            out[f] = ranked[:limit]
        return out

    def page(
        self,
        filters: Filters = Filters(),
        query: str | None = None,
        sort: str = "newest",
        cursor: str | None = None,
        limit: int = 50,
    ) -> Page[Hit]:
        """One page of matching articles, ``newest``/``oldest`` first or by ``relevance`` to the query.

        ``cursor`` is the ``next_cursor`` of the page before; ``ValueError`` for a bad sort or cursor.
        """
        if sort not in SORTS:
            raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
        offset = int(decode_cursor(cursor).get("o", 0)) if cursor else 0
        if sort == "relevance" and query:
            keep = {r["id"] for r in self._matching(filters, None)} if filters.official else None
            ranked = [h.id for h in self.search(query, filters, limit=10**9) if keep is None or h.id in keep]
        else:
            rows = [
                (r.get("published") or "", i, r["id"]) for i, r in enumerate(self._matching(filters, query))
            ]
            rows.sort(reverse=sort != "oldest")
            ranked = [r[2] for r in rows]
        items = []
        for article_id in ranked[offset : offset + limit]:
            item = self.get(article_id)
            if item is not None:
                items.append(hit_of(item.record, query))
        if filters.hide_copies:
            self._list_copies(items)
        more = len(ranked) > offset + limit
        return Page(items, encode_cursor({"o": offset + limit}) if more else None)

    def assignments(
        self,
        filters: Filters = Filters(),
        status: str | None = None,
        sort: str = "newest",
        cursor: str | None = None,
        limit: int = 100,
    ) -> Page[dict[str, Any]]:
        """Assignments of the matching articles, one row each with its article's date, region and title.

        ``sort``: ``newest`` (article date) or ``deadline`` (soonest first, none last). ``status`` keeps
        the rows whose ``status`` (set by the follow-up linker) is that value.
        """
        if sort not in ASSIGNMENT_SORTS:
            raise ValueError(f"sort must be one of {', '.join(ASSIGNMENT_SORTS)}, not {sort!r}")
        offset = int(decode_cursor(cursor).get("o", 0)) if cursor else 0
        rows = []
        for pos, rec in enumerate(self._matching(filters, None)):
            for a in assignment_rows(rec):
                if status is None or a["status"] == status:
                    rows.append(
                        (
                            pos,
                            {
                                "article_id": rec["id"],
                                "published": rec.get("published"),
                                "primary_region": rec.get("primary_region"),
                                "lang": rec.get("lang"),
                                "title": rec.get("title"),
                                **a,
                            },
                        )
                    )
        if sort == "deadline":
            rows.sort(key=lambda r: (r[1]["deadline"] or "9999-99-99", r[0], r[1]["index"]))
        else:
            rows.sort(key=lambda r: (r[1]["published"] or "", r[0], -r[1]["index"]), reverse=True)
        more = len(rows) > offset + limit
        return Page(
            [r for _, r in rows[offset : offset + limit]],
            encode_cursor({"o": offset + limit}) if more else None,
        )

    def officials(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        """Officials named in the matching articles, one row per (name, post, level), most cited first."""
        groups: dict[tuple[Any, ...], dict[str, Any]] = {}
        for rec in self._matching(filters, None):
            pub, region = rec.get("published"), rec.get("primary_region")
            for o in official_rows(rec):
                g = groups.setdefault(
                    (o["name"], o["post"], o["level"]),
                    {**o, "articles": 0, "first_seen": None, "last_seen": None, "regions": set()},
                )
                g["articles"] += 1
                if pub:
                    g["first_seen"] = min(g["first_seen"] or pub, pub)
                    g["last_seen"] = max(g["last_seen"] or pub, pub)
                if region:
                    g["regions"].add(region)
        rows = [{**g, "regions": sorted(g["regions"])} for g in groups.values()]
        rows.sort(key=lambda g: (-g["articles"], g["name"], g["post"] or "", g["level"] or ""))
        return rows[:limit]

    def events(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        """Events (records' ``event_id``) among the matching articles, latest first, with their articles."""
        groups: dict[str, dict[str, Any]] = {}
        for rec in self._matching(filters, None):
            ev = rec.get("event_id")
            if not ev:
                continue
            g = groups.setdefault(
                str(ev),
                {
                    "event_id": str(ev),
                    "articles": 0,
                    "langs": set(),
                    "regions": set(),
                    "first": None,
                    "last": None,
                    "items": [],
                },
            )
            pub = rec.get("published")
            g["articles"] += 1
            g["langs"].add(rec.get("lang") or "?")
            if rec.get("primary_region"):
                g["regions"].add(rec["primary_region"])
            if pub:
                g["first"] = min(g["first"] or pub, pub)
                g["last"] = max(g["last"] or pub, pub)
            g["items"].append(
                {"id": rec["id"], "title": rec.get("title"), "lang": rec.get("lang"), "published": pub}
            )
        rows = []
        for g in groups.values():
            g["items"].sort(key=lambda i: (i["published"] or "", i["id"]))
            rows.append({**g, "langs": sorted(g["langs"]), "regions": sorted(g["regions"])})
        rows.sort(key=lambda g: (g["last"] or "", g["event_id"]), reverse=True)
        return rows[:limit]

    def related(self, article_id: str) -> dict[str, list[Hit]]:
        """Other copies of the same article (``duplicates``) and other reports of its event (``same_event``)."""
        item = self.get(article_id)
        out: dict[str, list[Hit]] = {"duplicates": [], "same_event": []}
        if item is None:
            return out
        me = item.record
        root, event = me.get("duplicate_of") or me["id"], me.get("event_id")
        for rec in self.iter_records():
            if rec["id"] == me["id"]:
                continue
            if rec["id"] == root or rec.get("duplicate_of") == root:
                out["duplicates"].append(
                    Hit(
                        rec["id"],
                        rec.get("source") or "",
                        rec.get("title"),
                        rec.get("published"),
                        rec.get("lang"),
                        rec.get("primary_region"),
                        "",
                        extra=summary_fields(rec),
                    )
                )
            elif event and rec.get("event_id") == event:
                out["same_event"].append(
                    Hit(
                        rec["id"],
                        rec.get("source") or "",
                        rec.get("title"),
                        rec.get("published"),
                        rec.get("lang"),
                        rec.get("primary_region"),
                        "",
                        extra=summary_fields(rec),
                    )
                )
        for hits in out.values():
            hits.sort(key=lambda h: (h.published or "", h.id))
        return out

    def delete(self, article_id: str) -> bool:
        """Remove one article (exact id) and everything indexed for it; ``False`` when there is none."""
        raise NotImplementedError(f"{type(self).__name__} cannot delete articles")

    def similar_names(self, name: str, limit: int = 10) -> list[dict[str, Any]]:
        """Officials' names spelled like ``name``, best first: ``[{"name": ..., "articles": n}, ...]``.

        Every store finds the names that contain each word of ``name`` (case, ё/е and spacing ignored),
        the exact name first; PostgreSQL also finds misspellings and other transliterations (pg_trgm).
        """
        raise NotImplementedError(f"{type(self).__name__} cannot look up similar names")

    @abstractmethod
    def close(self) -> None: ...

    # --- instructions of the Addresses (zholdau addresses load-text / load-plan) -------------------
    def add_instructions(self, address_id: str, items: Sequence[dict[str, Any]], source: str) -> int:
        """Replace the items of ``address_id`` from ``source`` (``text-ru``, ``text-kk``, ``plan-ru``,
        ``plan-kk``) with ``items`` (dicts with at least ``item`` and ``text``); one transaction.
        Returns the number of items stored."""
        raise NotImplementedError(f"{type(self).__name__} does not store Address instructions yet")

    def instructions(self, address_id: str | None = None) -> list[dict[str, Any]]:
        """Stored items (each with ``address`` and ``source``) of one Address or of all, in order."""
        raise NotImplementedError(f"{type(self).__name__} does not store Address instructions yet")

    def set_field(self, article_id: str, field: str, value: Any) -> None:
        """Set one field of a stored article's record (e.g. ``instructions``); ``StoreError`` if the
        article is not stored."""
        raise NotImplementedError(f"{type(self).__name__} cannot update record fields yet")

    # --- crawl state (zholdau crawl / watch; migration 0004) --------------------------------------
    def crawl_add(self, items: Sequence[CrawlURL]) -> int:
        """Remember discovered URLs not yet known (a known URL keeps its state; a missing ``lastmod``
        is filled in). One transaction; returns how many were new."""
        raise NotImplementedError(f"{type(self).__name__} does not keep crawl state yet")

    def crawl_get(self, urls: Sequence[str]) -> dict[str, CrawlURL]:
        """The known ones among these canonical URLs, by URL."""
        raise NotImplementedError(f"{type(self).__name__} does not keep crawl state yet")

    def crawl_due(
        self, now: str, kind: str = "page", sources: Sequence[str] | None = None, limit: int = 1000
    ) -> list[CrawlURL]:
        """URLs to fetch now: ``pending`` ones and ``retry`` ones whose ``next_fetch_at`` <= ``now``,
        newest ``lastmod`` first (undated last), of the given sources (all when ``None``)."""
        raise NotImplementedError(f"{type(self).__name__} does not keep crawl state yet")

    def crawl_update(self, items: Sequence[CrawlURL]) -> None:
        """Write the whole state of these URLs (insert or replace; ``discovered_at`` is kept). One
        transaction."""
        raise NotImplementedError(f"{type(self).__name__} does not keep crawl state yet")

    def crawl_host(self, host: str) -> dict[str, Any] | None:
        """The state of one origin: ``robots_status``, ``robots``, ``robots_fetched_at``,
        ``paused_until``; ``None`` when never seen."""
        raise NotImplementedError(f"{type(self).__name__} does not keep crawl state yet")

    def crawl_set_host(self, host: str, **fields: Any) -> None:
        """Set some of the fields of an origin's state (the others are kept)."""
        raise NotImplementedError(f"{type(self).__name__} does not keep crawl state yet")

    def crawl_stats(self, sources: Sequence[str] | None = None) -> dict[str, dict[str, int]]:
        """URL counts by kind and state: ``{"page": {"fetched": 120, "pending": 3}, ...}``."""
        raise NotImplementedError(f"{type(self).__name__} does not keep crawl state yet")

    # --- connect: copies, events, follow-ups, registers (zholdau/connect; migration 0005) -------------
    # The connect step reads and writes through these; ``connect_apply`` writes one batch in one
    # transaction. Rows are keyed by the article's storage rowid (``StoredArticle.rowid``).
    def connect_pending(
        self, article_ids: Sequence[str] | None = None, limit: int = 500
    ) -> list[tuple[int, dict[str, Any]]]:
        """Up to ``limit`` stored articles the connect step has not seen (only among ``article_ids``
        when given), as ``(rowid, record)`` in storage order."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_records(
        self, rowids: Sequence[int], fields: Sequence[str] | None = None
    ) -> dict[int, dict[str, Any]]:
        """The records of these rowids (only the top-level ``fields`` that are present when given:
        no text, a row without any of them is ``{}``)."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_reset(self) -> None:
        """Forget every connect result: empty the connect tables and remove ``duplicate_of``,
        ``event_id``, ``follows_up`` and the assignments' ``status``/``followed_up_by`` from records."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def lsh_candidates(self, band_keys: Sequence[int]) -> list[int]:
        """Rowids of the articles that share at least one LSH band key."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_articles(self, rowids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """The connect rows of these articles: ``id``, ``signature``, ``shingles``, ``lang``,
        ``published``, ``order_key``, ``root_rowid``, ``event_id``, ``embedding``."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_copies(self, root_rowids: Sequence[int]) -> dict[int, list[int]]:
        """The rowids of the copies of each of these originals."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_events_in(self, region: str, since: str, until: str) -> list[dict[str, Any]]:
        """Events of ``region`` whose first day is in [since, until]: ``event_id``, ``region``,
        ``first_day``, ``last_day``, ``data`` (dict), ``vector`` (bytes or None)."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_event_members(self, event_id: str) -> list[dict[str, Any]]:
        """Members of an event: ``rowid``, ``id``, ``lang``, ``embedding`` (bytes or None)."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_assignments_in(
        self, region: str, since: str, until: str, rowids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        """Indexed assignments of ``region`` published in [since, until]: ``rowid``, ``id``, ``idx``,
        ``region``, ``published``, ``deadline``, ``data`` (dict); only these ``rowids`` when given."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_reports_in(
        self, region: str, since: str, until: str, rowids: Sequence[int] | None = None
    ) -> list[dict[str, Any]]:
        """Indexed reports naming ``region``, published in [since, until]: ``rowid``, ``id``,
        ``region``, ``published``, ``data`` (dict); only these ``rowids`` when given."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_anchored(
        self, side: str, region: str, keys: Sequence[str], since: str, until: str
    ) -> set[int]:
        """Rowids of the assignments (``side="a"``) or reports (``"r"``) of ``region`` published in
        [since, until] that share at least one anchor key."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_links(
        self, article_rowids: Sequence[int] = (), report_rowids: Sequence[int] = (), brief: bool = False
    ) -> list[dict[str, Any]]:
        """Follow-up links of these assignment articles or of these reports (with both articles' ids,
        languages and events); ``brief``: without their ``reasons`` and ``evidence``."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_due(self, today: str) -> list[int]:
        """Rowids of articles with an assignment past its deadline whose status is not yet ``done``
        or ``overdue``."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def connect_apply(self, changes: ConnectChanges) -> None:
        """Write one batch of connect results in one transaction."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def officials_register(self, filters: Filters = Filters(), limit: int = 500) -> list[dict[str, Any]]:
        """Officials over time: one row per (person, post, region) with ``names`` (spellings),
        ``posts``, ``level``, ``first_seen``, ``last_seen``, ``articles``, ``langs``; most cited first."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def figure_facts(self, filters: Filters = Filters()) -> list[dict[str, Any]]:
        """Figures classified as plan or report (see zholdau/connect/registers.py), with their article."""
        raise NotImplementedError(f"{type(self).__name__} does not keep connect state yet")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_store(url: str) -> Store:
    """A store for a SQLite path (default) or a ``postgresql://`` URL."""
    if url.startswith(("postgresql://", "postgres://")):
        from zholdau.store.postgres import PostgresStore  # type: ignore[import-not-found]

        return PostgresStore(url)  # type: ignore[no-any-return]
    from zholdau.store.sqlite import SQLiteStore

    return SQLiteStore(url)
