-- khaldun store, version 1: documents, the records extracted from them, and
-- full-text search. Every record carries character offsets into documents.text.

CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    hash        TEXT UNIQUE,              -- normalised-text hash; NULL for error rows
    url         TEXT,
    outlet      TEXT,
    title       TEXT,
    published   TEXT,                     -- YYYY-MM-DD
    author      TEXT,
    origin      TEXT,                     -- the path, URL or "-" it came from
    language    TEXT,
    status      TEXT NOT NULL CHECK (status IN ('ok', 'skipped', 'error')),
    error       TEXT,                     -- why status is 'error'
    skip_reason TEXT,                     -- why status is 'skipped'
    text        TEXT,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_status ON documents (status);
CREATE INDEX documents_origin ON documents (origin);

CREATE TABLE events (
    id                INTEGER PRIMARY KEY,
    document_id       TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal           INTEGER NOT NULL,   -- position in the document's event list (salience)
    event_type        TEXT NOT NULL,
    sub_event_type    TEXT NOT NULL,
    actor1_name       TEXT,
    actor1_mention    TEXT,
    actor1_inter      INTEGER,
    actor2_name       TEXT,
    actor2_mention    TEXT,
    actor2_inter      INTEGER,
    location_name     TEXT,
    location_mention  TEXT,
    latitude          REAL,
    longitude         REAL,
    geonames_id       INTEGER,
    country_code      TEXT,
    admin1            TEXT,
    geo_precision     INTEGER,
    date_start        TEXT,
    date_end          TEXT,
    date_precision    TEXT,
    date_text         TEXT,
    fatalities        INTEGER,
    source_name       TEXT NOT NULL,
    stance            TEXT NOT NULL CHECK (stance IN ('asserted', 'claimed', 'denied', 'hedged')),
    cue               TEXT,
    evidence_start    INTEGER NOT NULL,
    evidence_end      INTEGER NOT NULL,
    evidence_sentence TEXT NOT NULL,
    trigger_start     INTEGER,
    trigger_end       INTEGER,
    trigger_text      TEXT,
    confidence        REAL
);
CREATE INDEX events_document ON events (document_id);
CREATE INDEX events_type ON events (event_type, sub_event_type);
CREATE INDEX events_date ON events (date_start);

CREATE TABLE actors (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    name        TEXT NOT NULL,
    actor_id    TEXT,                     -- registry id; NULL when not in the registry
    inter       INTEGER,
    country     TEXT,
    generic     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_document ON actors (document_id);
CREATE INDEX actors_name ON actors (name);

CREATE TABLE places (
    id            INTEGER PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start         INTEGER NOT NULL,
    "end"         INTEGER NOT NULL,
    text          TEXT NOT NULL,
    name          TEXT NOT NULL,
    latitude      REAL,
    longitude     REAL,
    geonames_id   INTEGER,
    country_code  TEXT,
    admin1        TEXT,
    feature       TEXT,
    geo_precision INTEGER,
    relation      TEXT
);
CREATE INDEX places_document ON places (document_id);
CREATE INDEX places_name ON places (name);

CREATE TABLE attributions (
    id            INTEGER PRIMARY KEY,
    document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    source_start  INTEGER,
    source_end    INTEGER,
    source_text   TEXT,
    source_name   TEXT,
    cue_start     INTEGER NOT NULL,
    cue_end       INTEGER NOT NULL,
    cue_text      TEXT NOT NULL,
    content_start INTEGER NOT NULL,
    content_end   INTEGER NOT NULL,
    stance        TEXT NOT NULL
);
CREATE INDEX attributions_document ON attributions (document_id);

CREATE TABLE dates (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    text        TEXT NOT NULL,
    start_date  TEXT,
    end_date    TEXT,
    precision   TEXT
);
CREATE INDEX dates_document ON dates (document_id);

-- Full-text search over titles and texts, kept in step with documents by triggers.
CREATE VIRTUAL TABLE documents_fts USING fts5 (document_id UNINDEXED, title, text);

CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents WHEN new.text IS NOT NULL BEGIN
    INSERT INTO documents_fts (document_id, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    DELETE FROM documents_fts WHERE document_id = old.id;
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    DELETE FROM documents_fts WHERE document_id = old.id;
    INSERT INTO documents_fts (document_id, title, text) SELECT new.id, new.title, new.text
        WHERE new.text IS NOT NULL;
END;
