"""One store fixture per backend: every test in tests/contract runs against each of them.

The PostgreSQL run uses a fresh database on the session's throwaway server (tests/pg_server.py);
without the server binaries those tests fail and say to run `make system-postgres`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from zholdau.store import Store, open_store

BACKENDS = ["sqlite", "postgres"]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "contract.db")
    if request.param == "postgres":
        return str(request.getfixturevalue("pg_url"))
    raise AssertionError(request.param)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    s = open_store(store_url)
    yield s
    s.close()


def run_sql(url: str, sql: str) -> None:
    """Run one statement on a store's database behind the store's back (to fake what it must refuse)."""
    if url.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.encode("utf-8"))
        return
    con = sqlite3.connect(url)
    with con:
        con.execute(sql)
    con.close()


@pytest.fixture
def raw_sql() -> Callable[[str, str], None]:
    """:func:`run_sql`, for tests that change a database behind the store's back."""
    return run_sql
