-- Zholdau Monitor SQLite schema, version 2: the instructions of each Address and its implementation plan
CREATE TABLE address_instructions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    address TEXT NOT NULL,         -- Address id (its delivery date)
    source TEXT NOT NULL,          -- text-ru, text-kk, plan-ru or plan-kk
    item TEXT NOT NULL,            -- the item number as a string: 1..n for a text, the plan's own numbering
    position INTEGER NOT NULL,     -- order within the address and source
    lang TEXT,
    body TEXT,                     -- the responsible body as written
    deadline TEXT,
    text TEXT NOT NULL,            -- the instruction sentence or the plan's measure
    data TEXT NOT NULL,            -- JSON of the whole item
    loaded_at TEXT NOT NULL,
    UNIQUE (address, source, item)
);
CREATE INDEX address_instructions_address ON address_instructions(address, source, position);
