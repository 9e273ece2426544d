-- khaldun store, version 2: event clusters (one real event and the reports of it), the
-- claims ledger of each cluster, and contradictions between sources (docs/reconcile.md).
-- Written by the reconcile stage "clusters"; identifiers derive from event keys
-- (document_id || ':' || ordinal), never from rowids, so they do not depend on the order
-- documents arrived in.

CREATE TABLE clusters (
    id              TEXT PRIMARY KEY,       -- hash of the smallest member event key
    event_type      TEXT,
    sub_event_type  TEXT,
    date_start      TEXT,
    date_end        TEXT,
    date_precision  TEXT,
    location_name   TEXT,
    latitude        REAL,
    longitude       REAL,
    geonames_id     INTEGER,
    country_code    TEXT,
    admin1          TEXT,
    actor1_name     TEXT,
    actor2_name     TEXT,
    reports         INTEGER,                -- documents
    sources         INTEGER,                -- independent sources (wire copies count once)
    fatalities_best INTEGER,
    fatalities_low  INTEGER,
    fatalities_high INTEGER,
    lead_event_key  TEXT,
    summary         TEXT
);
CREATE INDEX clusters_date ON clusters (date_start);
CREATE INDEX clusters_type ON clusters (event_type, sub_event_type);

CREATE TABLE cluster_members (
    event_key   TEXT PRIMARY KEY,
    cluster_id  TEXT NOT NULL,
    event_id    INTEGER REFERENCES events (id) ON DELETE CASCADE,
    document_id TEXT,
    source_key  TEXT,                       -- one per independent source: wire copies share one
    source_name TEXT,
    stance      TEXT,
    fatalities  INTEGER,
    date_start  TEXT,
    date_end    TEXT,
    component   TEXT                        -- the linked component the cluster was cut from
);
CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id);
CREATE INDEX cluster_members_event ON cluster_members (event_id);
CREATE INDEX cluster_members_component ON cluster_members (component);

-- Which wire story a document is a copy of (story_key: the smallest document id of the copies).
CREATE TABLE document_sources (
    document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    agency      TEXT,
    story_key   TEXT
);
CREATE INDEX document_sources_story ON document_sources (story_key);

CREATE TABLE contradictions (
    id          TEXT PRIMARY KEY,
    stage       TEXT NOT NULL,              -- 'clusters' | 'control'
    kind        TEXT NOT NULL,              -- 'toll' | 'occurrence' | 'control' | 'date'
    subject     TEXT,                       -- cluster id or place key
    place_name  TEXT,
    latitude    REAL,
    longitude   REAL,
    geonames_id INTEGER,
    date        TEXT,
    summary     TEXT
);
CREATE INDEX contradictions_subject ON contradictions (stage, subject);
CREATE INDEX contradictions_kind ON contradictions (kind);

CREATE TABLE contradiction_sides (
    id               INTEGER PRIMARY KEY,
    contradiction_id TEXT REFERENCES contradictions (id) ON DELETE CASCADE,
    document_id      TEXT,
    event_key        TEXT,
    claim_id         TEXT,
    source           TEXT,
    stance           TEXT,
    position         TEXT,                  -- what this side says
    sentence         TEXT,
    start            INTEGER,
    "end"            INTEGER
);
CREATE INDEX contradiction_sides_contradiction ON contradiction_sides (contradiction_id);

CREATE INDEX events_date_end ON events (date_end);
