-- Zholdau Monitor SQLite schema, version 5: the connect step (zholdau/connect): syndicated copies,
-- events, assignment follow-ups and the registers. Every row hangs off an article and goes with it
-- (ON DELETE CASCADE); `zholdau connect --recompute` empties these tables and builds them again.

-- one row per article the connect step has seen
CREATE TABLE connect_articles (
    article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    signature BLOB NOT NULL,       -- MinHash signature: 128 little-endian uint32
    shingles INTEGER NOT NULL,     -- size of the shingle set it summarises
    lang TEXT,
    published TEXT,
    order_key TEXT NOT NULL,       -- "YYYY-MM-DD HH:MM" (unknown parts as 9s): the earliest copy is the original
    root_rowid INTEGER,            -- the original when this article is a copy, else NULL
    event_id TEXT,
    embedding BLOB,                -- language-centred sentence embedding (float16), once one was needed
    connected_at TEXT NOT NULL
);
CREATE INDEX connect_articles_root ON connect_articles(root_rowid);

-- LSH: one key per band of the signature; articles sharing a key are candidate copies
CREATE TABLE connect_lsh (
    band_key INTEGER NOT NULL,
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_rowid)
) WITHOUT ROWID;
CREATE INDEX connect_lsh_article ON connect_lsh(article_rowid);

-- events (one meeting): the union of their members' facts, found by region and first date
CREATE TABLE connect_events (
    event_id TEXT PRIMARY KEY,
    region TEXT,
    first_day TEXT,
    last_day TEXT,
    data TEXT NOT NULL,            -- JSON: addresses, chairs, names, figures, places, langs, members, title
    vector BLOB,                   -- mean embedding of the members that have one
    updated_at TEXT NOT NULL
);
CREATE INDEX connect_events_block ON connect_events(region, first_day);

CREATE TABLE connect_event_members (
    article_rowid INTEGER PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    event_id TEXT NOT NULL,
    score REAL,                    -- NULL for the article that opened the event
    reasons TEXT                   -- the named parts of the score
);
CREATE INDEX connect_event_members_event ON connect_event_members(event_id);

-- assignments of original articles and articles that report on earlier ones (one row per region)
CREATE TABLE connect_assignments (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    region TEXT,
    published TEXT,
    deadline TEXT,
    data TEXT NOT NULL,            -- JSON: keys, numbers, measures, names, lang, event_id
    PRIMARY KEY (article_rowid, idx)
);
CREATE INDEX connect_assignments_block ON connect_assignments(region, published);

CREATE TABLE connect_reports (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    region TEXT NOT NULL,
    published TEXT,
    data TEXT NOT NULL,            -- JSON: windows (kind, keys, numbers, measures, names), recaps, regions
    PRIMARY KEY (article_rowid, region)
);
CREATE INDEX connect_reports_block ON connect_reports(region, published);

CREATE TABLE connect_links (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,  -- the assignment's article
    idx INTEGER NOT NULL,
    report_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    kind TEXT NOT NULL,            -- done | in_progress
    score REAL NOT NULL,
    reasons TEXT,
    evidence TEXT,                 -- the report's sentences that matched
    report_published TEXT,
    PRIMARY KEY (article_rowid, idx, report_rowid)
);
CREATE INDEX connect_links_report ON connect_links(report_rowid);

-- registers: officials seen (one row per article and person), figures classified as plan or report
CREATE TABLE connect_officials (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    person TEXT NOT NULL,          -- the name folded across kk/ru spellings
    name TEXT NOT NULL,            -- as the article spells it
    post_key TEXT NOT NULL DEFAULT '',
    post TEXT,
    level TEXT,
    region TEXT NOT NULL DEFAULT '',
    lang TEXT,
    published TEXT,
    PRIMARY KEY (article_rowid, person)
);
CREATE INDEX connect_officials_register ON connect_officials(person, post_key, region);

CREATE TABLE connect_figures (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    kind TEXT NOT NULL,            -- plan | report
    unit TEXT NOT NULL,
    measure TEXT,                  -- language-neutral key (lexicon.yaml), NULL when none was found
    value REAL NOT NULL,
    text TEXT,
    region TEXT,
    published TEXT,
    sentence TEXT,
    PRIMARY KEY (article_rowid, idx)
);
CREATE INDEX connect_figures_pair ON connect_figures(region, unit, measure, kind, published);

-- what a follow-up must share with its assignment (a number, a surname, a measure): the candidate index,
-- so a report is compared with the assignments it has something in common with, not with every
-- assignment of its region in three years
CREATE TABLE connect_anchors (
    side TEXT NOT NULL,            -- a: an assignment (idx = its index), r: a report (idx = -1)
    key TEXT NOT NULL,             -- "n:600", "p:бекбосын", "m:school"
    region TEXT NOT NULL,
    published TEXT NOT NULL,
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    PRIMARY KEY (side, key, region, published, article_rowid, idx)
) WITHOUT ROWID;
CREATE INDEX connect_anchors_article ON connect_anchors(article_rowid);
