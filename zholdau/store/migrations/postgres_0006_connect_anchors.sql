-- Zholdau Monitor PostgreSQL schema, version 6: the follow-up candidate index of the connect step
-- (connect_anchors, as in sqlite_0005_connect.sql, which has had it from the start).
-- What a follow-up must share with its assignment (a number, a surname, a measure): a report is
-- compared only with the assignments it has an anchor in common with, not with every assignment of
-- its region in three years. Rows hang off an article and go with it (ON DELETE CASCADE).

CREATE TABLE connect_anchors (
    side text COLLATE "C" NOT NULL,       -- a: an assignment (idx = its index), r: a report (idx = -1)
    key text COLLATE "C" NOT NULL,        -- "n:600", "p:бекбосын", "m:school"
    region text COLLATE "C" NOT NULL,
    published text COLLATE "C" NOT NULL,
    article_rowid bigint NOT NULL REFERENCES articles(rowid) ON DELETE CASCADE,
    idx integer NOT NULL,
    PRIMARY KEY (side, key, region, published, article_rowid, idx)
);
CREATE INDEX connect_anchors_article ON connect_anchors(article_rowid);

-- A database connected under version 5 has assignments and reports but no anchors: derive them from
-- the rows kept (the keys zholdau.connect.followup.assignment_anchors / report_anchors give: "n:" +
-- each number, "p:" + each surname, "m:" + each measure of the assignment or of every report window),
-- so the next incremental run still meets them. A window's text may hold a NUL, kept in the JSON as a
-- \u0000 escape that PostgreSQL refuses to parse: it is read as U+FFFD (as the store keeps NUL in text).
INSERT INTO connect_anchors (side, key, region, published, article_rowid, idx)
SELECT 'a', f.prefix || e.value, x.region, x.published, x.article_rowid, x.idx
FROM connect_assignments x
CROSS JOIN LATERAL (SELECT replace(x.data, E'\\u0000', E'\\ufffd')::json AS data) AS j
CROSS JOIN LATERAL (
    VALUES ('n:', j.data -> 'numbers'), ('p:', j.data -> 'names'), ('m:', j.data -> 'measures')
) AS f(prefix, items)
CROSS JOIN LATERAL json_array_elements_text(CASE WHEN json_typeof(f.items) = 'array' THEN f.items END) AS e(value)
WHERE x.region IS NOT NULL AND x.published IS NOT NULL
ON CONFLICT DO NOTHING;

INSERT INTO connect_anchors (side, key, region, published, article_rowid, idx)
SELECT 'r', f.prefix || e.value, x.region, x.published, x.article_rowid, -1
FROM connect_reports x
CROSS JOIN LATERAL (SELECT replace(x.data, E'\\u0000', E'\\ufffd')::json -> 'windows' AS windows) AS j
CROSS JOIN LATERAL json_array_elements(CASE WHEN json_typeof(j.windows) = 'array' THEN j.windows END) AS w(win)
CROSS JOIN LATERAL (
    VALUES ('n:', w.win -> 'numbers'), ('p:', w.win -> 'names'), ('m:', w.win -> 'measures')
) AS f(prefix, items)
CROSS JOIN LATERAL json_array_elements_text(CASE WHEN json_typeof(f.items) = 'array' THEN f.items END) AS e(value)
WHERE x.published IS NOT NULL
ON CONFLICT DO NOTHING;
