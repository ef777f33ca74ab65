"""The whole demo corpus through the real pipeline and the connect step, once into SQLite and once
into PostgreSQL: every record, count, register and listing comes out the same (search results as
the same set: each backend ranks in its own way)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from zholdau.config import Settings
from zholdau.ingest import ingest_paths
from zholdau.store import Filters, Store, open_store
from zholdau.store.base import ALL_ARTICLES

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture(scope="module")
def stores(pg_server: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Store]]:
    pg_url = pg_server.create_schema()
    pair = []
    for url in (str(tmp_path_factory.mktemp("demo") / "demo.db"), pg_url):
        store = open_store(url)
        ingest_paths([str(ROOT / "demo" / "corpus")], store, Settings.load(db=url))
        pair.append(store)
    yield pair[0], pair[1]
    for store in pair:
        store.close()
    pg_server.drop_schema(pg_url)


def _no_times(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {k: v for k, v in r.items() if k not in ("first_seen", "last_seen", "started_at", "finished_at")}
        for r in rows
    ]


READS: list[tuple[str, Callable[[Store], Any]]] = [
    ("records", lambda s: {r["id"]: r for r in s.iter_records()}),
    ("stats", lambda s: s.stats()),
    ("stats_with_copies", lambda s: s.stats(hide_copies=False)),
    ("rejections", lambda s: _no_times(s.rejections())),
    ("runs", lambda s: [(r["status"], r["ingested"], r["duplicates"], r["rejected"]) for r in s.runs()]),
    ("coverage", lambda s: s.coverage(Filters(), ("region", "address", "week"))),
    ("facets", lambda s: s.facets(Filters(lang="kk"))),
    ("officials", lambda s: s.officials()),
    ("events", lambda s: s.events()),
    ("register", lambda s: s.officials_register()),
    ("figures", lambda s: s.figure_facts()),
    ("assignments", lambda s: s.assignments(Filters(), sort="deadline", limit=10_000).items),
    ("newest", lambda s: [h.to_dict() for h in s.page(Filters(), limit=10_000).items]),
    ("newest_with_copies", lambda s: [h.to_dict() for h in s.page(ALL_ARTICLES, limit=10_000).items]),
    ("search", lambda s: sorted(h.id for h in s.search("Послание", limit=10_000))),
    ("search_kk", lambda s: sorted(h.id for h in s.search("жолдауын іске асыру", limit=10_000))),
    ("names", lambda s: s.similar_names("Бекбосынов")[:1]),
]


@pytest.mark.parametrize(("what", "read"), READS, ids=[r[0] for r in READS])
def test_sqlite_and_postgresql_hold_the_same_demo(
    stores: tuple[Store, Store], what: str, read: Callable[[Store], Any]
) -> None:
    sqlite, postgres = stores
    expected = read(sqlite)
    assert expected, f"{what}: the demo should give something to compare"
    assert read(postgres) == expected
