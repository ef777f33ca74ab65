-- Zholdau Monitor PostgreSQL schema, version 3: what the API and dashboard read fast
-- (the same tables as sqlite_0003_reads.sql). Every PostgreSQL database is created by a program
-- that already has this version, so there are no older rows to fill in here.

CREATE TABLE article_officials (
    article_rowid bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    name text COLLATE "C" NOT NULL,      -- as the record spells it (nominative)
    name_key text COLLATE "C" NOT NULL,  -- base.official_key(name), what the official filter compares
    post text COLLATE "C",
    level text COLLATE "C",
    PRIMARY KEY (article_rowid, name)
);
CREATE INDEX article_officials_key ON article_officials(name_key);
CREATE INDEX article_officials_register ON article_officials(name, post, level);
-- fuzzy look-up of names (Store.similar_names): trigrams of the folded name
CREATE INDEX article_officials_trgm ON article_officials USING gin (name_key gin_trgm_ops);

CREATE TABLE article_assignments (
    article_rowid bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx integer NOT NULL,                -- position in the record's assignments list
    issuer text,
    addressee text,
    action text,
    deadline text COLLATE "C",           -- YYYY-MM-DD or NULL
    sentence text,
    status text COLLATE "C",             -- set by the follow-up linker, NULL until then
    PRIMARY KEY (article_rowid, idx)
);
CREATE INDEX article_assignments_deadline ON article_assignments(deadline);
CREATE INDEX article_assignments_status ON article_assignments(status);

-- links filled in by the connect stages; SQLite reads them from the JSON record, here they are
-- columns kept in step with the record (the record is text, see 0001)
ALTER TABLE articles ADD COLUMN event_id text COLLATE "C";
ALTER TABLE articles ADD COLUMN duplicate_of text COLLATE "C";
CREATE INDEX articles_event ON articles(event_id);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

-- covering index for counts per region / date / language / outlet
CREATE INDEX articles_facets ON articles(primary_region, published, lang, outlet);
-- newest-first listing with keyset paging (undated articles sort as '')
CREATE INDEX articles_newest ON articles((coalesce(published, '')), rowid);

-- the Monday of the publication week (YYYY-MM-DD), NULL for a missing or malformed date
CREATE FUNCTION zh_week(published text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
    IF published IS NULL OR published !~ '^\d{4}-\d{2}-\d{2}' THEN
        RETURN NULL;
    END IF;
    RETURN to_char(date_trunc('week', substr(published, 1, 10)::date), 'YYYY-MM-DD');
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;
