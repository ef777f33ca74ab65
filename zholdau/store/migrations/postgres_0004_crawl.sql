-- Zholdau Monitor PostgreSQL schema, version 4: the crawler's state (the same tables as sqlite_0004_crawl.sql).
CREATE TABLE crawl_urls (
    url text COLLATE "C" PRIMARY KEY,    -- canonical URL (zholdau.crawl.urls.canonical)
    host text COLLATE "C" NOT NULL,      -- origin: scheme://host[:port], the unit of politeness
    kind text COLLATE "C" NOT NULL,      -- page | feed | sitemap
    source text COLLATE "C",             -- id of the source that discovered it
    state text COLLATE "C" NOT NULL,     -- pending | fetched | retry | failed | blocked | alias | old
    lastmod text COLLATE "C",            -- date given by the feed or sitemap (ISO), if any
    discovered_at text COLLATE "C" NOT NULL,
    fetched_at text COLLATE "C",
    next_fetch_at text COLLATE "C",      -- when a retry is due (state retry)
    attempts integer NOT NULL DEFAULT 0,
    http_status integer,
    etag text,                           -- validators of the last 200 response, sent back as If-None-Match
    last_modified text,                  -- ... and If-Modified-Since
    final_url text,                      -- where redirects ended
    canonical_url text,                  -- the page's <link rel=canonical> (canonicalised) when it differs
    article_id text COLLATE "C",         -- the article it became
    message text                         -- why it failed, was blocked or is an alias
);
CREATE INDEX crawl_urls_due ON crawl_urls(kind, state, next_fetch_at);
CREATE INDEX crawl_urls_source ON crawl_urls(source, kind, state);

CREATE TABLE crawl_hosts (
    host text COLLATE "C" PRIMARY KEY,   -- origin: scheme://host[:port]
    robots_status integer,               -- HTTP status of /robots.txt (NULL: could not be fetched)
    robots text,                         -- its body as fetched
    robots_fetched_at text,
    paused_until text,                   -- a Retry-After the host asked for, kept across restarts
    updated_at text NOT NULL
);
