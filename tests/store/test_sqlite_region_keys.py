"""Migration 0008: each article's region is a search key of SQLite's full-text indexes (column tags)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from zholdau.model import Article, Fact
from zholdau.store import Filters, StoredArticle, open_store

REGIONS = ("KZ-61", "KZ-33", "KZ-75")


def _article(n: int) -> StoredArticle:
    text = f"Номер {n}. Аким обсудил ремонт дорог{' и школы' if n % 2 else ''} по Посланию."
    art = Article(source=f"r-{n}.txt", raw_text=text, text=text, lang="ru")
    art.meta["published"] = Fact(f"2024-02-{n % 28 + 1:02d}")
    rec = art.to_record()
    rec["primary_region"] = REGIONS[n % 3] if n % 10 else None
    return StoredArticle(rec, text)


def _searches(db: str) -> dict[str, list[str]]:
    store = open_store(db)
    out = {
        f"{q} {region}": [h.source for h in store.search(q, Filters(region=region), limit=100)]
        for q in ("дорог", "школы", "Послание")
        for region in (None, *REGIONS)
    }
    store.close()
    return out


def test_a_version_7_store_gets_its_region_keys(tmp_path: Path) -> None:
    db = str(tmp_path / "v7.db")
    store = open_store(db)
    store.add_articles([_article(n) for n in range(60)])
    store.close()
    expected = _searches(db)
    assert expected["дорог KZ-61"] and set(expected["дорог KZ-61"]) < set(expected["дорог None"])
    con = sqlite3.connect(db, isolation_level=None)  # as schema version 7 left it: no tags column
    con.execute("DROP TRIGGER article_fts_region")
    for table in ("article_fts", "article_fts_recent"):
        con.execute(f"CREATE VIRTUAL TABLE {table}_v7 USING fts5(title, body)")
        con.execute(f"INSERT INTO {table}_v7 (rowid, title, body) SELECT rowid, title, body FROM {table}")
        con.execute(f"DROP TABLE {table}")
        con.execute(f"ALTER TABLE {table}_v7 RENAME TO {table}")
    con.execute("UPDATE schema_version SET version = 7")
    con.close()
    assert _searches(db) == expected  # opening migrates it
    con = sqlite3.connect(db)
    assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] >= 8
    tags = dict(con.execute("SELECT tags, count(*) FROM article_fts GROUP BY 1").fetchall())
    assert tags == {None: 6, "rkz61": 18, "rkz33": 18, "rkz75": 18}
    con.close()


def test_a_query_word_never_matches_a_region_key(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    store.add_articles([_article(n) for n in range(9)])
    assert store.search("rkz61") == []
    assert [h.source for h in store.search("дорог", Filters(region="KZ-61"))]
    assert store.search("дорог", Filters(region="KZ 61")) == []  # an odd code matches nothing, quietly
    store.close()
