-- Zholdau Monitor SQLite schema, version 1
CREATE TABLE runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    inputs TEXT NOT NULL,          -- JSON list of the paths/URLs given
    settings TEXT NOT NULL,        -- JSON of the settings used
    status TEXT NOT NULL DEFAULT 'running',
    ingested INTEGER NOT NULL DEFAULT 0,
    duplicates INTEGER NOT NULL DEFAULT 0,
    rejected INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    rowid INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,       -- hash of the normalised text
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    author TEXT,
    title TEXT,
    published TEXT,                -- YYYY-MM-DD or NULL
    lang TEXT,
    script TEXT,
    primary_region TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL,          -- JSON export record without "text"
    raw_text TEXT NOT NULL,        -- the decoded input before cleaning
    raw BLOB,                      -- zlib-compressed input bytes (JSONL line, HTML page, WARC payload, file)
    run_id INTEGER REFERENCES runs(id),
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_lang ON articles(lang);
CREATE INDEX articles_region ON articles(primary_region);
CREATE INDEX articles_source ON articles(source);
CREATE INDEX articles_outlet ON articles(outlet);

CREATE TABLE article_addresses (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    address TEXT NOT NULL,
    PRIMARY KEY (article_rowid, address)
);
CREATE INDEX article_addresses_address ON article_addresses(address);

CREATE TABLE article_regions (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    region TEXT NOT NULL,
    PRIMARY KEY (article_rowid, region)
);
CREATE INDEX article_regions_region ON article_regions(region);

CREATE TABLE article_topics (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    topic TEXT NOT NULL,
    PRIMARY KEY (article_rowid, topic)
);
CREATE INDEX article_topics_topic ON article_topics(topic);

CREATE TABLE rejections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    source TEXT NOT NULL,
    stage TEXT NOT NULL,
    message TEXT NOT NULL,
    raw BLOB,                      -- zlib-compressed bytes, or NULL when too big (see raw_pointer)
    raw_size INTEGER,
    raw_pointer TEXT,
    run_id INTEGER REFERENCES runs(id),
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    times_seen INTEGER NOT NULL DEFAULT 1,
    UNIQUE (source, stage)
);

-- search keys (see zholdau/textindex.py), rowid = articles.rowid
CREATE VIRTUAL TABLE article_fts USING fts5(title, body, tokenize = "unicode61 remove_diacritics 0");
