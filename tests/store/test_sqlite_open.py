"""Opening a SQLite store while another process holds the new file's write lock."""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

import pytest

from zholdau.errors import StoreError
from zholdau.store import open_store
from zholdau.store import sqlite as sqlite_store


def test_opening_waits_for_a_writer_holding_a_new_file(tmp_path: Path) -> None:
    """Switching a new file to write-ahead logging while another connection writes it: SQLite says
    "database is locked" at once (no busy timeout), which made one of several ingest processes started
    together on a new store fail. The store waits for the lock instead."""
    path = tmp_path / "new.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute("CREATE TABLE someone_elses (x)")
    release = threading.Timer(0.3, lambda: other.execute("COMMIT"))
    release.start()
    try:
        store = open_store(str(path))
        assert store.schema_version() >= 7
        mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
        assert mode == "wal"
        store.close()
    finally:
        release.join()
        other.close()


def _with_an_upgrade(monkeypatch: pytest.MonkeyPatch) -> None:
    """The program knows one schema version more than the store has (a trivial one)."""
    steps = sqlite_store.migrations("sqlite")
    upgrade = (steps[-1][0] + 1, "CREATE TABLE upgraded (x INTEGER);")
    monkeypatch.setattr(sqlite_store, "migrations", lambda prefix: [*steps, upgrade])
    monkeypatch.setattr(sqlite_store, "BUSY_SECONDS", 0.1)  # each try for the lock: a tenth of a second


def test_opening_waits_for_another_process_upgrading_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Upgrading a big store holds its write lock for minutes; another process opening it then waited
    SQLite's busy timeout (30 s) and failed with "database is locked". It now waits, and says why."""
    path = str(tmp_path / "old.db")
    open_store(path).close()
    _with_an_upgrade(monkeypatch)
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # the other process, upgrading
    release = threading.Timer(0.6, lambda: other.execute("COMMIT"))
    release.start()
    try:
        with caplog.at_level(logging.WARNING, logger="zholdau.store.sqlite"):
            store = open_store(path)
        assert store.schema_version() == sqlite_store.migrations("sqlite")[-1][0]
        store.close()
    finally:
        release.join()
        other.close()
    (warning,) = [r.getMessage() for r in caplog.records if "waiting for another process" in r.getMessage()]
    assert "upgrading it to schema version" in warning


def test_opening_names_the_lock_it_waited_for_when_it_gives_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(tmp_path / "stuck.db")
    open_store(path).close()
    _with_an_upgrade(monkeypatch)
    monkeypatch.setattr(sqlite_store, "UPGRADE_WAIT_SECONDS", 0.3)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # never released while the store is opened
    try:
        with pytest.raises(StoreError, match=r"must be upgraded to schema version .* another process"):
            open_store(path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    store = open_store(path)  # once the lock is free, the upgrade goes through
    assert store.schema_version() == sqlite_store.migrations("sqlite")[-1][0]
    store.close()
