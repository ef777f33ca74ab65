-- Zholdau Monitor SQLite schema, version 3: what the API and dashboard read fast.
-- The articles table holds big rows (text, record, raw input), so counting or filtering 100 000 of
-- them would read the whole file: article_keys is a narrow copy of the columns that filters, sorts
-- and counts use, kept in step by triggers whoever writes the articles. Officials and assignments get
-- their own rows (filters, registers, the assignments table).
-- store_changes counts the writes to articles (triggers), so that every connection can tell whether
-- an aggregate it remembers is still true. zh_key() is registered by the store: case, ё/е and spacing
-- folded (base.official_key).

CREATE TABLE store_changes (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO store_changes (id, n) VALUES (1, 0);

CREATE TABLE article_keys (
    rowid INTEGER PRIMARY KEY,     -- = articles.rowid
    id TEXT NOT NULL,
    title TEXT,
    published TEXT,
    week TEXT,                     -- Monday of the publication week, YYYY-MM-DD
    month TEXT,                    -- YYYY-MM
    primary_region TEXT,
    lang TEXT,
    outlet TEXT,
    event_id TEXT,                 -- record.event_id (connect stages)
    duplicate_of TEXT              -- record.duplicate_of (connect stages)
);
CREATE INDEX article_keys_id ON article_keys(id);
CREATE INDEX article_keys_newest ON article_keys(coalesce(published, ''));
CREATE INDEX article_keys_region ON article_keys(primary_region, published);
CREATE INDEX article_keys_week ON article_keys(week);
CREATE INDEX article_keys_month ON article_keys(month);
CREATE INDEX article_keys_lang ON article_keys(lang);
CREATE INDEX article_keys_outlet ON article_keys(outlet);
CREATE INDEX article_keys_event ON article_keys(event_id);
CREATE INDEX article_keys_duplicate_of ON article_keys(duplicate_of);

CREATE TRIGGER article_keys_insert AFTER INSERT ON articles BEGIN
    INSERT OR REPLACE INTO article_keys
        (rowid, id, title, published, week, month, primary_region, lang, outlet, event_id, duplicate_of)
    VALUES (NEW.rowid, NEW.id, NEW.title, NEW.published, date(NEW.published, 'weekday 0', '-6 days'),
            substr(date(NEW.published), 1, 7), NEW.primary_region, NEW.lang, NEW.outlet,
            json_extract(NEW.record, '$.event_id'), json_extract(NEW.record, '$.duplicate_of'));
    UPDATE store_changes SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_keys_update AFTER UPDATE ON articles BEGIN
    UPDATE article_keys SET id = NEW.id, title = NEW.title, published = NEW.published,
        week = date(NEW.published, 'weekday 0', '-6 days'), month = substr(date(NEW.published), 1, 7),
        primary_region = NEW.primary_region, lang = NEW.lang, outlet = NEW.outlet,
        event_id = json_extract(NEW.record, '$.event_id'), duplicate_of = json_extract(NEW.record, '$.duplicate_of')
    WHERE rowid = NEW.rowid;
    UPDATE store_changes SET n = n + 1 WHERE id = 1;
END;

CREATE TRIGGER article_keys_delete AFTER DELETE ON articles BEGIN
    DELETE FROM article_keys WHERE rowid = OLD.rowid;
    UPDATE store_changes SET n = n + 1 WHERE id = 1;
END;

INSERT INTO article_keys
    (rowid, id, title, published, week, month, primary_region, lang, outlet, event_id, duplicate_of)
SELECT rowid, id, title, published, date(published, 'weekday 0', '-6 days'), substr(date(published), 1, 7),
       primary_region, lang, outlet, json_extract(record, '$.event_id'), json_extract(record, '$.duplicate_of')
FROM articles;

CREATE TABLE article_officials (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    name TEXT NOT NULL,            -- as the record spells it (nominative)
    name_key TEXT NOT NULL,        -- zh_key(name), what the official filter compares
    post TEXT,
    level TEXT,
    PRIMARY KEY (article_rowid, name)
);
CREATE INDEX article_officials_key ON article_officials(name_key);
CREATE INDEX article_officials_register ON article_officials(name, post, level, article_rowid);

CREATE TABLE article_assignments (
    article_rowid INTEGER NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx INTEGER NOT NULL,          -- position in the record's assignments list
    issuer TEXT,
    addressee TEXT,
    action TEXT,
    deadline TEXT,                 -- YYYY-MM-DD or NULL
    sentence TEXT,
    status TEXT,                   -- set by the follow-up linker, NULL until then
    PRIMARY KEY (article_rowid, idx)
);
CREATE INDEX article_assignments_deadline ON article_assignments(deadline);
CREATE INDEX article_assignments_status ON article_assignments(status);

-- rows for the articles already stored
INSERT OR IGNORE INTO article_officials (article_rowid, name, name_key, post, level)
SELECT a.rowid, json_extract(o.value, '$.name'), zh_key(json_extract(o.value, '$.name')),
       json_extract(o.value, '$.post'), json_extract(o.value, '$.level')
FROM articles a, json_each(a.record, '$.officials') o
WHERE json_type(o.value) = 'object' AND trim(coalesce(json_extract(o.value, '$.name'), '')) != '';

INSERT OR IGNORE INTO article_assignments (article_rowid, idx, issuer, addressee, action, deadline, sentence, status)
SELECT a.rowid, o.key, json_extract(o.value, '$.issuer'), json_extract(o.value, '$.addressee'),
       CASE json_type(o.value) WHEN 'object' THEN json_extract(o.value, '$.action') ELSE o.value END,
       json_extract(o.value, '$.deadline'), json_extract(o.value, '$.sentence'), json_extract(o.value, '$.status')
FROM articles a, json_each(a.record, '$.assignments') o;
