-- khaldun store, version 3: control claims extracted from each document, and each
-- place's control timeline derived from them across documents (reconcile/control.py).

CREATE TABLE control_claims (
    id             INTEGER PRIMARY KEY,
    document_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    ordinal        INTEGER NOT NULL,      -- position in the document's claim list
    kind           TEXT NOT NULL CHECK (kind IN ('gain', 'loss', 'hold', 'contest')),
    place_key      TEXT NOT NULL,         -- "gn:<geonames id>", else "pt:<cc>:<lat>:<lon>"
    place_name     TEXT,
    place_mention  TEXT,
    latitude       REAL,
    longitude      REAL,
    geonames_id    INTEGER,
    country_code   TEXT,
    controller     TEXT,                  -- gain: new holder; loss: the side leaving; hold: holder
    controller_side TEXT,
    counterpart    TEXT,
    claimant       TEXT,
    claimant_side  TEXT,
    stance         TEXT NOT NULL,
    date_start     TEXT,
    date_end       TEXT,
    date_precision TEXT,
    date_basis     TEXT,                  -- text | event | published; NULL when undated
    event_ordinal  INTEGER,               -- the transfer event of the same sentence
    sentence       TEXT NOT NULL,
    start          INTEGER NOT NULL,
    "end"          INTEGER NOT NULL,
    cue_start      INTEGER NOT NULL,
    cue_end        INTEGER NOT NULL,
    cue_text       TEXT NOT NULL
);
CREATE INDEX control_claims_document ON control_claims (document_id);
CREATE INDEX control_claims_place ON control_claims (place_key);

CREATE TABLE control_intervals (
    id           TEXT PRIMARY KEY,        -- hash of place_key and date_from: order-independent
    place_key    TEXT NOT NULL,
    place_name   TEXT,
    latitude     REAL,
    longitude    REAL,
    geonames_id  INTEGER,
    country_code TEXT,
    date_from    TEXT,
    date_to      TEXT,
    controller   TEXT,
    status       TEXT NOT NULL CHECK (status IN ('held', 'contested', 'unknown')),
    confidence   REAL
);
CREATE INDEX control_intervals_place ON control_intervals (place_key, date_from);

CREATE TABLE control_evidence (
    id          INTEGER PRIMARY KEY,
    interval_id TEXT NOT NULL REFERENCES control_intervals (id) ON DELETE CASCADE,
    document_id TEXT,
    event_key   TEXT,
    claim_id    TEXT,                     -- "<document id>:<claim ordinal>"
    url         TEXT,
    outlet      TEXT,
    published   TEXT,
    sentence    TEXT,
    start       INTEGER,
    "end"       INTEGER,
    source      TEXT,
    stance      TEXT,
    supports    INTEGER
);
CREATE INDEX control_evidence_interval ON control_evidence (interval_id);

-- Every name a place was mentioned by, for `khaldun control Palmyra` when the gazetteer says Tadmur.
CREATE TABLE control_places (
    place_key    TEXT PRIMARY KEY,
    name         TEXT,
    latitude     REAL,
    longitude    REAL,
    geonames_id  INTEGER,
    country_code TEXT,
    aliases      TEXT                     -- "|"-joined mentions, lowercased
);
