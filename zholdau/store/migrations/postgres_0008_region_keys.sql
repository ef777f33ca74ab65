-- Zholdau Monitor PostgreSQL schema, version 8 (as sqlite_0008_region_keys.sql, which puts each article's
-- region among its search keys): the recent articles of a region, newest first. A search with a region
-- filter can then read the region's rows in order and test their keys, or AND this index's rows with the
-- GIN bitmap; the planner chooses (PostgresStore._ranked leaves a narrow filter to it).
CREATE INDEX articles_recent_region ON articles_recent(primary_region, rowid);
