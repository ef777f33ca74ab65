-- Zholdau Monitor SQLite schema, version 4: the crawler's state (zholdau crawl / zholdau watch).
-- A crawl killed and started again reads this to fetch nothing twice: every URL it ever discovered,
-- by its canonical form, with what happened to it and the validators for a conditional GET.

CREATE TABLE crawl_urls (
    url TEXT PRIMARY KEY,          -- canonical URL (zholdau.crawl.urls.canonical)
    host TEXT NOT NULL,            -- origin: scheme://host[:port], the unit of politeness
    kind TEXT NOT NULL,            -- page | feed | sitemap
    source TEXT,                   -- id of the source that discovered it
    state TEXT NOT NULL,           -- pending | fetched | retry | failed | blocked | alias | old
    lastmod TEXT,                  -- date given by the feed or sitemap (ISO), if any
    discovered_at TEXT NOT NULL,
    fetched_at TEXT,
    next_fetch_at TEXT,            -- when a retry is due (state retry)
    attempts INTEGER NOT NULL DEFAULT 0,
    http_status INTEGER,
    etag TEXT,                     -- validators of the last 200 response, sent back as If-None-Match
    last_modified TEXT,            -- ... and If-Modified-Since
    final_url TEXT,                -- the URL to request: as discovered, then where redirects ended
    canonical_url TEXT,            -- the page's <link rel=canonical> (canonicalised) when it differs
    article_id TEXT,               -- the article it became
    message TEXT                   -- why it failed, was blocked or is an alias
);
CREATE INDEX crawl_urls_due ON crawl_urls(kind, state, next_fetch_at);
CREATE INDEX crawl_urls_source ON crawl_urls(source, kind, state);

CREATE TABLE crawl_hosts (
    host TEXT PRIMARY KEY,         -- origin: scheme://host[:port]
    robots_status INTEGER,         -- HTTP status of /robots.txt (NULL: could not be fetched)
    robots TEXT,                   -- its body as fetched
    robots_fetched_at TEXT,
    paused_until TEXT,             -- a Retry-After the host asked for, kept across restarts
    updated_at TEXT NOT NULL
);
