-- Zholdau Monitor SQLite schema, version 8: each article's region is a search key of its own.
-- Both full-text indexes get a third column, tags, holding the key "r" + the region code's letters and
-- digits in lower case (KZ-61 → rkz61; SQLiteStore._region_key). A search with a region filter adds
-- `tags : "rkz61"` to its MATCH, and FTS5 intersects the two lists of rows itself: before, every match of
-- the words was joined with its article_keys row to test the region, which for a word common overall but
-- rare in the region meant reading every match in the index (p99 0.66 s at 1 000 000 articles).
-- The query words keep to the title and body columns ({title body} : …), and bm25 weighs tags 0.
CREATE VIRTUAL TABLE article_fts_v8 USING fts5(title, body, tags, tokenize = "unicode61 remove_diacritics 0");
INSERT INTO article_fts_v8 (rowid, title, body, tags)
    SELECT f.rowid, f.title, f.body, 'r' || lower(replace(k.primary_region, '-', ''))
    FROM article_fts f LEFT JOIN article_keys k ON k.rowid = f.rowid;
DROP TABLE article_fts;
ALTER TABLE article_fts_v8 RENAME TO article_fts;

CREATE VIRTUAL TABLE article_fts_recent_v8 USING fts5(title, body, tags, tokenize = "unicode61 remove_diacritics 0");
INSERT INTO article_fts_recent_v8 (rowid, title, body, tags)
    SELECT f.rowid, f.title, f.body, 'r' || lower(replace(k.primary_region, '-', ''))
    FROM article_fts_recent f LEFT JOIN article_keys k ON k.rowid = f.rowid;
DROP TABLE article_fts_recent;
ALTER TABLE article_fts_recent_v8 RENAME TO article_fts_recent;

-- the key follows the region (set_field, a re-ingest): article_keys follows articles (migration 0003)
CREATE TRIGGER article_fts_region AFTER UPDATE OF primary_region ON article_keys
WHEN OLD.primary_region IS NOT NEW.primary_region BEGIN
    UPDATE article_fts SET tags = 'r' || lower(replace(NEW.primary_region, '-', '')) WHERE rowid = NEW.rowid;
    UPDATE article_fts_recent SET tags = 'r' || lower(replace(NEW.primary_region, '-', ''))
        WHERE rowid = NEW.rowid;
END;
