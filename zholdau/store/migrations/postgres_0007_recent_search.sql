-- Zholdau Monitor PostgreSQL schema, version 7 (as sqlite_0007_recent_search.sql): the search keys of the
-- newest articles only, RECENT_ROWS to RECENT_ROWS * 5/4 of them (store.base.RECENT_ROWS). Search finds
-- a query's newest matches and ranks them here, where the GIN index returns tens of thousands of rows
-- for a common word rather than hundreds of thousands.
CREATE TABLE articles_recent (
    rowid bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    search tsvector NOT NULL
);
CREATE INDEX articles_recent_search ON articles_recent USING gin (search);
INSERT INTO articles_recent (rowid, search)
    SELECT rowid, search FROM articles WHERE rowid > (SELECT coalesce(max(rowid), 0) FROM articles) - 50000;
