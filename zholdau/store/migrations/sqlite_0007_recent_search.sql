-- Zholdau Monitor SQLite schema, version 7: a search index of the newest articles only.
-- article_fts_recent holds the same keys as article_fts for every article from some rowid on (a suffix
-- of article_fts, RECENT_ROWS to RECENT_ROWS * 5/4 rows; see store.base.RECENT_ROWS and
-- SQLiteStore._prune_recent). Search ranks a common word in it, where bm25 counts its matches in tens of
-- thousands of articles rather than in all of them.
CREATE VIRTUAL TABLE article_fts_recent USING fts5(title, body, tokenize = "unicode61 remove_diacritics 0");
INSERT INTO article_fts_recent (rowid, title, body)
    SELECT rowid, title, body FROM article_fts
    WHERE rowid > (SELECT coalesce(max(rowid), 0) FROM article_fts) - 50000;
