-- marsad store, schema 1. Plain SQL, applied once in a transaction by marsad.store.db.migrate;
-- later changes go in 0002_*.sql and so on, never by editing this file.
--
-- Every article keeps its whole Document (zlib-compressed JSON, Document.from_json round-trips
-- it) and its raw input (the page's HTML); the fact tables below repeat what the web UI and the
-- API query, with offsets into Document.text so any fact can be highlighted where it was said.

CREATE TABLE ingest_runs (
    id          INTEGER PRIMARY KEY,
    started     TEXT NOT NULL,          -- ISO 8601 UTC
    finished    TEXT,                   -- NULL while running, or when the run was killed
    sources     TEXT NOT NULL,          -- JSON list of the SOURCE arguments
    added       INTEGER NOT NULL DEFAULT 0,
    revised     INTEGER NOT NULL DEFAULT 0,
    duplicates  INTEGER NOT NULL DEFAULT 0,
    unchanged   INTEGER NOT NULL DEFAULT 0,
    failed      INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,  -- the store's id of this revision (stable)
    key           TEXT NOT NULL,        -- identity: URL, given id, file path or content hash
    revision      INTEGER NOT NULL,     -- 1, 2, … for changed articles at the same key
    current       INTEGER NOT NULL,     -- 1 for the latest revision of its key
    doc_id        TEXT NOT NULL,        -- Document.id
    url           TEXT,
    origin        TEXT NOT NULL,        -- where it was read: path, path:line, URL, archive#URL
    source        TEXT,
    title         TEXT,
    published     TEXT,                 -- YYYY-MM-DD or NULL
    day           TEXT NOT NULL,        -- published, else the day it was ingested: for windows
    input_hash    TEXT NOT NULL,        -- hash of the input as read (idempotence)
    content_hash  TEXT NOT NULL,        -- normalised body hash (exact duplicates)
    duplicate_of  INTEGER REFERENCES articles(id),  -- exact copy of that article (no own facts)
    group_id      INTEGER NOT NULL,     -- near-duplicate group: counted once in every tally
    story_id      INTEGER,
    run_id        INTEGER REFERENCES ingest_runs(id),
    ingested      TEXT NOT NULL,        -- ISO 8601 UTC
    chars         INTEGER NOT NULL,
    raw_type      TEXT,                 -- media type of the raw input, when it is kept
    etag          TEXT,
    last_modified TEXT
);
CREATE UNIQUE INDEX articles_key_revision ON articles(key, revision);
CREATE INDEX articles_key_hash ON articles(key, input_hash);
CREATE INDEX articles_content ON articles(content_hash) WHERE current = 1;
CREATE INDEX articles_url ON articles(url) WHERE url IS NOT NULL;
CREATE INDEX articles_doc_id ON articles(doc_id);
CREATE INDEX articles_day ON articles(day) WHERE current = 1;
CREATE INDEX articles_story ON articles(story_id, day);
CREATE INDEX articles_group ON articles(group_id);

-- The large parts of an article, apart so that the articles table stays narrow and quick to scan.
CREATE TABLE article_blobs (
    article_id    INTEGER PRIMARY KEY REFERENCES articles(id),
    doc           BLOB NOT NULL,        -- zlib(Document JSON): the whole Document, as analysed
    view          BLOB NOT NULL,        -- zlib(JSON of the text and sentences): what snippets and timelines read
    raw           BLOB,                 -- zlib(raw input bytes), NULL when it equals the text
    search_keys   BLOB                  -- zlib(indexed search keys), to remove the row from FTS later
);

CREATE TABLE near_duplicates (
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    other_id    INTEGER NOT NULL REFERENCES articles(id),
    similarity  REAL NOT NULL,
    PRIMARY KEY (article_id, other_id)
) WITHOUT ROWID;
CREATE INDEX near_duplicates_other ON near_duplicates(other_id);

-- MinHash signatures and their LSH band keys (marsad.ingest.dedupe).
CREATE TABLE minhash (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id),
    signature   BLOB NOT NULL
);
CREATE TABLE lsh_bands (
    band_key    INTEGER NOT NULL,
    article_id  INTEGER NOT NULL,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;

CREATE TABLE ingest_errors (
    id       INTEGER PRIMARY KEY,
    run_id   INTEGER REFERENCES ingest_runs(id),
    at       TEXT NOT NULL,
    origin   TEXT NOT NULL,
    kind     TEXT NOT NULL,              -- input, decode, fetch, component, store
    reason   TEXT NOT NULL
);
CREATE INDEX ingest_errors_run ON ingest_errors(run_id);

-- Cross-document entities (marsad.link.resolve) ----------------------------------------------

CREATE TABLE entities (
    id             INTEGER PRIMARY KEY,
    type           TEXT NOT NULL,        -- PERSON, ORG, LOC
    name           TEXT NOT NULL,        -- Arabic display name (the fullest form seen)
    latin          TEXT NOT NULL,
    key            TEXT NOT NULL,        -- folded name (marsad.link.names)
    partial        INTEGER NOT NULL DEFAULT 0,  -- a lone surname not (yet) tied to a full name
    articles       INTEGER NOT NULL DEFAULT 0,  -- distinct near-duplicate groups mentioning it
    mentions       INTEGER NOT NULL DEFAULT 0,
    first_day      TEXT,
    last_day       TEXT,
    merged_into    INTEGER REFERENCES entities(id)
);
CREATE INDEX entities_busy ON entities(articles DESC) WHERE merged_into IS NULL;
CREATE INDEX entities_type_key ON entities(type, key);

CREATE TABLE entity_aliases (
    entity_id  INTEGER NOT NULL REFERENCES entities(id),
    type       TEXT NOT NULL,
    key        TEXT NOT NULL,            -- folded form
    alias      TEXT NOT NULL,            -- as written (first seen)
    count      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (type, key, entity_id)
) WITHOUT ROWID;
CREATE INDEX entity_aliases_entity ON entity_aliases(entity_id);

CREATE TABLE entity_tokens (             -- blocking for fuzzy matching: name token -> entity
    type       TEXT NOT NULL,
    token      TEXT NOT NULL,
    entity_id  INTEGER NOT NULL,
    position   INTEGER NOT NULL,         -- 0 first, -1 last, 1 middle
    PRIMARY KEY (type, token, entity_id)
) WITHOUT ROWID;

CREATE TABLE entity_titles (
    entity_id  INTEGER NOT NULL,
    title      TEXT NOT NULL,
    key        TEXT NOT NULL,
    count      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (entity_id, key)
) WITHOUT ROWID;

-- One row per Document entity: the article's own id for it and the store's entity.
CREATE TABLE doc_entities (
    article_id  INTEGER NOT NULL REFERENCES articles(id),
    local_id    TEXT NOT NULL,
    entity_id   INTEGER NOT NULL REFERENCES entities(id),
    type        TEXT NOT NULL,
    canonical   TEXT NOT NULL,
    latin       TEXT NOT NULL,
    title       TEXT,
    mentions    INTEGER NOT NULL,
    confidence  REAL NOT NULL,
    day         TEXT NOT NULL,             -- the article's day, so "latest articles of X" is one index walk
    PRIMARY KEY (article_id, local_id)
) WITHOUT ROWID;
CREATE INDEX doc_entities_entity ON doc_entities(entity_id, day);
CREATE INDEX doc_entities_entity_article ON doc_entities(entity_id, article_id);  -- search filters by id range

CREATE TABLE mentions (
    article_id  INTEGER NOT NULL,
    local_id    TEXT NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    sentence    INTEGER NOT NULL          -- index into Document.sentences
);
CREATE INDEX mentions_article ON mentions(article_id, local_id);

-- Facts with their spans --------------------------------------------------------------------

CREATE TABLE dates (
    article_id  INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       TEXT NOT NULL,
    mod         TEXT,
    kind        TEXT NOT NULL,
    sentence    INTEGER NOT NULL,
    first_day   TEXT,                    -- the value as an interval of days (marsad.link.timex)
    last_day    TEXT
);
CREATE INDEX dates_article ON dates(article_id);

CREATE TABLE quantities (
    article_id  INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    value       REAL NOT NULL,
    unit        TEXT,
    qualifier   TEXT NOT NULL
);
CREATE INDEX quantities_article ON quantities(article_id);

CREATE TABLE quotes (
    article_id     INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    speaker_local  TEXT,
    speaker_id     INTEGER,               -- entities.id
    speaker_text   TEXT,
    cue            TEXT,
    direct         INTEGER NOT NULL,
    confidence     REAL NOT NULL,
    day            TEXT NOT NULL            -- the article's day
);
CREATE INDEX quotes_article ON quotes(article_id);
CREATE INDEX quotes_speaker ON quotes(speaker_id, day);

CREATE TABLE events (
    article_id     INTEGER NOT NULL,
    idx            INTEGER NOT NULL,      -- position in Document.events
    type           TEXT NOT NULL,
    mode           TEXT,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger_text   TEXT NOT NULL,
    sentence       INTEGER NOT NULL,
    actor_id       INTEGER,
    actor_text     TEXT,
    target_id      INTEGER,
    target_text    TEXT,
    location_id    INTEGER,
    location_text  TEXT,
    date           TEXT,
    first_day      TEXT,                  -- the event's date as days; the article's day if none
    last_day       TEXT,
    dated          INTEGER NOT NULL,      -- 1 when the article gives the date, 0 when inferred
    negated        INTEGER NOT NULL,
    modality       TEXT NOT NULL,
    confidence     REAL NOT NULL
);
CREATE INDEX events_article ON events(article_id);
CREATE INDEX events_actor ON events(actor_id, first_day);
CREATE INDEX events_target ON events(target_id, first_day);
CREATE INDEX events_location ON events(location_id, first_day);
CREATE INDEX events_type ON events(type, article_id);

CREATE TABLE commitments (
    article_id     INTEGER NOT NULL,
    idx            INTEGER NOT NULL,
    who_id         INTEGER,
    who_text       TEXT,
    what_start     INTEGER NOT NULL,
    what_end       INTEGER NOT NULL,
    what_text      TEXT NOT NULL,
    due            TEXT NOT NULL,
    due_mod        TEXT,
    due_first      TEXT,
    due_last       TEXT,                  -- the last day the commitment can still be kept
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    trigger_text   TEXT NOT NULL
);
CREATE INDEX commitments_article ON commitments(article_id);
CREATE INDEX commitments_who ON commitments(who_id, due_first);

-- Stories (marsad.link.stories) ---------------------------------------------------------------

CREATE TABLE stories (
    id          INTEGER PRIMARY KEY,
    title       TEXT,
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    articles    INTEGER NOT NULL DEFAULT 0,   -- distinct near-duplicate groups
    updated     TEXT NOT NULL
);
CREATE INDEX stories_last ON stories(last_day);

CREATE TABLE story_entities (
    story_id   INTEGER NOT NULL,
    entity_id  INTEGER NOT NULL,
    weight     INTEGER NOT NULL,
    last_day   TEXT NOT NULL,
    PRIMARY KEY (entity_id, story_id)
) WITHOUT ROWID;
CREATE INDEX story_entities_story ON story_entities(story_id);
CREATE INDEX story_entities_recent ON story_entities(entity_id, last_day);

-- Full-text search over normalised, clitic-stripped keys (marsad.store.keys). Contentless: the
-- text is in the Document; search_keys in articles keeps what was indexed so a superseded
-- revision can be deleted from the index.
CREATE VIRTUAL TABLE article_fts USING fts5(title, body, content='', tokenize='unicode61 remove_diacritics 0');
