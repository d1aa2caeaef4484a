-- The intel tables, as the first release's hand-written migration 1 created them (a store of that release is
-- baselined at this version instead of running it again; see StoreSchema).
CREATE TABLE intel_indicators (
    source            VARCHAR NOT NULL,
    id                VARCHAR NOT NULL,
    type              VARCHAR NOT NULL,
    value             VARCHAR NOT NULL,
    confidence        INTEGER,
    labels            VARCHAR[] NOT NULL,
    valid_from        TIMESTAMP,
    valid_until       TIMESTAMP,
    kill_chain_phases VARCHAR[] NOT NULL,
    description       VARCHAR,
    imported_at       TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    expired_at        TIMESTAMP,
    PRIMARY KEY (source, id));

CREATE TABLE intel_feeds (
    name           VARCHAR PRIMARY KEY,
    kind           VARCHAR NOT NULL,
    url            VARCHAR,
    added_after    VARCHAR,
    last_import_at TIMESTAMP,
    last_imported  BIGINT,
    last_updated   BIGINT,
    last_unchanged BIGINT,
    last_skipped   BIGINT,
    last_expired   BIGINT,
    last_problems  BIGINT);

CREATE TABLE intel_sightings (
    source       VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    count        BIGINT NOT NULL,
    first_seen   TIMESTAMP NOT NULL,
    last_seen    TIMESTAMP NOT NULL,
    PRIMARY KEY (source, indicator_id));
