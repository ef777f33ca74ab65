-- Zholdau Monitor PostgreSQL schema, version 5: the connect step (the same tables as sqlite_0005_connect.sql).
-- Every row hangs off an article and goes with it (ON DELETE CASCADE).

CREATE TABLE connect_articles (
    article_rowid bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    signature bytea NOT NULL,            -- MinHash signature: 128 little-endian uint32
    shingles integer NOT NULL,
    lang text COLLATE "C",
    published text COLLATE "C",
    order_key text COLLATE "C" NOT NULL, -- "YYYY-MM-DD HH:MM" (unknown parts as 9s): the earliest copy is the original
    root_rowid bigint,                   -- the original when this article is a copy, else NULL
    event_id text COLLATE "C",
    embedding bytea,                     -- language-centred sentence embedding (float16)
    connected_at text NOT NULL
);
CREATE INDEX connect_articles_root ON connect_articles(root_rowid);

CREATE TABLE connect_lsh (
    band_key bigint NOT NULL,
    article_rowid bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_rowid)
);
CREATE INDEX connect_lsh_article ON connect_lsh(article_rowid);

CREATE TABLE connect_events (
    event_id text COLLATE "C" PRIMARY KEY,
    region text COLLATE "C",
    first_day text COLLATE "C",
    last_day text COLLATE "C",
    data text NOT NULL,                  -- JSON: addresses, chairs, names, figures, places, langs, members, title
    vector bytea,                        -- mean embedding of the members that have one
    updated_at text NOT NULL
);
CREATE INDEX connect_events_block ON connect_events(region, first_day);

CREATE TABLE connect_event_members (
    article_rowid bigint PRIMARY KEY REFERENCES articles(rowid) ON DELETE CASCADE,
    event_id text COLLATE "C" NOT NULL,
    score double precision,              -- NULL for the article that opened the event
    reasons text
);
CREATE INDEX connect_event_members_event ON connect_event_members(event_id);

CREATE TABLE connect_assignments (
    article_rowid bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx integer NOT NULL,
    region text COLLATE "C",
    published text COLLATE "C",
    deadline text COLLATE "C",
    data text NOT NULL,                  -- JSON: keys, numbers, measures, names, lang, event_id
    PRIMARY KEY (article_rowid, idx)
);
CREATE INDEX connect_assignments_block ON connect_assignments(region, published);

CREATE TABLE connect_reports (
    article_rowid bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    region text COLLATE "C" NOT NULL,
    published text COLLATE "C",
    data text NOT NULL,                  -- JSON: windows, recaps, regions
    PRIMARY KEY (article_rowid, region)
);
CREATE INDEX connect_reports_block ON connect_reports(region, published);

CREATE TABLE connect_links (
    article_rowid bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,  -- the assignment's article
    idx integer NOT NULL,
    report_rowid bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    kind text COLLATE "C" NOT NULL,      -- done | in_progress
    score double precision NOT NULL,
    reasons text,
    evidence text,                       -- the report's sentences that matched
    report_published text COLLATE "C",
    PRIMARY KEY (article_rowid, idx, report_rowid)
);
CREATE INDEX connect_links_report ON connect_links(report_rowid);

CREATE TABLE connect_officials (
    article_rowid bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    person text COLLATE "C" NOT NULL,    -- the name folded across kk/ru spellings
    name text COLLATE "C" NOT NULL,      -- as the article spells it
    post_key text COLLATE "C" NOT NULL DEFAULT '',
    post text COLLATE "C",
    level text COLLATE "C",
    region text COLLATE "C" NOT NULL DEFAULT '',
    lang text COLLATE "C",
    published text COLLATE "C",
    PRIMARY KEY (article_rowid, person)
);
CREATE INDEX connect_officials_register ON connect_officials(person, post_key, region);

CREATE TABLE connect_figures (
    article_rowid bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx integer NOT NULL,
    kind text COLLATE "C" NOT NULL,      -- plan | report
    unit text COLLATE "C" NOT NULL,
    measure text COLLATE "C",            -- language-neutral key (lexicon.yaml), NULL when none was found
    value double precision NOT NULL,
    text text,
    region text COLLATE "C",
    published text COLLATE "C",
    sentence text,
    PRIMARY KEY (article_rowid, idx)
);
CREATE INDEX connect_figures_pair ON connect_figures(region, unit, measure, kind, published);
