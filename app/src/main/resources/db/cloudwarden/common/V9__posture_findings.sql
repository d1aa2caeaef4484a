-- Posture findings (issue 13): the failures of posture scans, kept current scan after scan, and the entities each
-- resource is (in the incident engine's words), so an incident's page shows the open findings of its entities.
-- A finding's id is the digest of what identifies it across scans: check, resource id and file (Finding.key).

CREATE SEQUENCE posture_scan_ids START 1;
CREATE TABLE posture_scans (
    id          BIGINT PRIMARY KEY,
    scanned_at  TIMESTAMP NOT NULL,
    actor       VARCHAR NOT NULL,
    roots_json  VARCHAR NOT NULL,                -- what was scanned: paths, or live sources
    files       INTEGER NOT NULL,                -- files (or live sources) read as configuration
    resources   INTEGER NOT NULL,
    checks      INTEGER NOT NULL,                -- checks run
    failed      INTEGER NOT NULL,                -- open failures found
    suppressed  INTEGER NOT NULL,
    passed      INTEGER NOT NULL,
    unknown     INTEGER NOT NULL,
    problems    INTEGER NOT NULL,                -- files or calls that could not be read
    opened      INTEGER NOT NULL,                -- findings new, or failing again, in this scan
    resolved    INTEGER NOT NULL);               -- findings this scan saw pass or saw gone

CREATE TABLE posture_findings (
    id                 VARCHAR PRIMARY KEY,
    check_id           VARCHAR NOT NULL,
    title              VARCHAR NOT NULL,
    severity           VARCHAR NOT NULL,
    severity_rank      SMALLINT NOT NULL,        -- 0 (informational) .. 4 (critical)
    framework          VARCHAR NOT NULL,
    resource_type      VARCHAR NOT NULL,
    resource           VARCHAR NOT NULL,         -- the id Checkov writes
    file               VARCHAR NOT NULL,
    line               INTEGER NOT NULL,
    layer              VARCHAR NOT NULL,
    owner              VARCHAR NOT NULL,
    status             VARCHAR NOT NULL,         -- open, suppressed or resolved
    suppression_reason VARCHAR,
    first_seen         TIMESTAMP NOT NULL,       -- the scan that first found it failing
    last_seen          TIMESTAMP NOT NULL,       -- the latest scan that found it failing
    resolved_at        TIMESTAMP,                -- when a scan saw it pass or its resource gone; null while failing
    last_scan          BIGINT NOT NULL,
    finding_json       VARCHAR NOT NULL);        -- the CLI's JSON of the finding (FindingJson), at its last failure

CREATE TABLE posture_finding_entities (
    finding_id   VARCHAR NOT NULL,
    entity_type  VARCHAR NOT NULL,
    entity_value VARCHAR NOT NULL,
    PRIMARY KEY (finding_id, entity_type, entity_value));
