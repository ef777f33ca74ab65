"""Opening a SQLite store while another process holds the new file's write lock."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

from zholdau.store import open_store


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
