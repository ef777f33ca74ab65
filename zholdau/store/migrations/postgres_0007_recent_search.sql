-- Zholdau Monitor PostgreSQL schema, version 7 (as sqlite_0007_recent_search.sql): the search keys and
-- the filterable columns of the newest articles only, RECENT_ROWS to RECENT_ROWS * 5/4 of them
-- (store.base.RECENT_ROWS). Search takes a query's newest matches from its GIN index (a bitmap of tens
-- of thousands of rows for a common word, not hundreds of thousands) and ranks them here; the filters
-- read the same row, so no join with the wide articles table is needed until the page of results.
CREATE TABLE articles_recent (
    rowid bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    published text COLLATE "C",
    lang text COLLATE "C",
    primary_region text COLLATE "C",
    outlet text COLLATE "C",
    duplicate_of text COLLATE "C",
    search tsvector NOT NULL
);
CREATE INDEX articles_recent_search ON articles_recent USING gin (search);

-- the filterable columns follow the article (the connect step sets duplicate_of after the insert)
CREATE FUNCTION zh_articles_recent_follow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE articles_recent SET published = NEW.published, lang = NEW.lang,
        primary_region = NEW.primary_region, outlet = NEW.outlet, duplicate_of = NEW.duplicate_of
    WHERE rowid = NEW.rowid;
    RETURN NULL;
END $$;
CREATE TRIGGER articles_recent_follow AFTER UPDATE OF published, lang, primary_region, outlet, duplicate_of
    ON articles FOR EACH ROW
    WHEN (OLD.published IS DISTINCT FROM NEW.published OR OLD.lang IS DISTINCT FROM NEW.lang
          OR OLD.primary_region IS DISTINCT FROM NEW.primary_region OR OLD.outlet IS DISTINCT FROM NEW.outlet
          OR OLD.duplicate_of IS DISTINCT FROM NEW.duplicate_of)
    EXECUTE FUNCTION zh_articles_recent_follow();

INSERT INTO articles_recent (rowid, published, lang, primary_region, outlet, duplicate_of, search)
    SELECT rowid, published, lang, primary_region, outlet, duplicate_of, search FROM articles
    WHERE rowid > (SELECT coalesce(max(rowid), 0) FROM articles) - 50000;
