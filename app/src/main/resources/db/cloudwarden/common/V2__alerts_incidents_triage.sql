-- The platform store (issue 10): grouped alerts, incidents, triage, comments, audit, suppressions, saved hunts,
-- ingest offsets and API tokens. One schema for DuckDB and PostgreSQL: only types and statements both accept.
-- Times are UTC TIMESTAMPs (microseconds); lists are JSON array text; *_json columns hold the engine's codec output.
-- No foreign keys: DuckDB checks them eagerly inside a transaction, and the sinks write in batches whose order
-- the engine decides; the store's code keeps the references (it deletes children with their parent).

CREATE TABLE alerts (
    id               VARCHAR PRIMARY KEY,        -- the engine's deterministic alert id
    rule_id          VARCHAR NOT NULL,
    rule_title       VARCHAR,
    level            VARCHAR,                    -- informational..critical, null when the rule has none
    level_rank       SMALLINT,                   -- 0 (informational) .. 4 (critical), for the minimum-level filter
    time             TIMESTAMP NOT NULL,         -- the first match's time: never changes for an id
    first_seen       TIMESTAMP NOT NULL,
    last_seen        TIMESTAMP NOT NULL,
    match_count      BIGINT NOT NULL,
    group_key        VARCHAR,
    tags_json        VARCHAR NOT NULL,           -- the rule's tags
    techniques_json  VARCHAR NOT NULL,           -- ATT&CK technique ids from the tags
    alert_json       VARCHAR NOT NULL,           -- AlertCodec, with the events' original records
    status           VARCHAR NOT NULL,           -- triage: new, acknowledged, in_progress, resolved, false_positive
    assignee         VARCHAR,
    triage_tags_json VARCHAR NOT NULL,
    stored_at        TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL);

-- The entities of each alert (for the entity filter and the triage list of one principal); time is copied from
-- the alert so "newest alerts of one principal" reads one index range in time order.
CREATE TABLE alert_entities (
    alert_id     VARCHAR NOT NULL,
    entity_type  VARCHAR NOT NULL,
    entity_value VARCHAR NOT NULL,
    time         TIMESTAMP NOT NULL,
    PRIMARY KEY (alert_id, entity_type, entity_value));

-- One row per (alert, technique): the technique filter and the ATT&CK matrix over a filtered set.
CREATE TABLE alert_techniques (
    alert_id  VARCHAR NOT NULL,
    technique VARCHAR NOT NULL,
    time      TIMESTAMP NOT NULL,
    PRIMARY KEY (alert_id, technique));

-- The ATT&CK matrix over all alerts, kept current as alerts are first stored, so the unfiltered matrix reads a
-- few hundred rows instead of counting millions.
CREATE TABLE technique_counts (
    technique VARCHAR PRIMARY KEY,
    alerts    BIGINT NOT NULL);

CREATE TABLE incidents (
    id                  VARCHAR PRIMARY KEY,     -- the engine's deterministic incident id
    first_at            TIMESTAMP NOT NULL,
    last_at             TIMESTAMP NOT NULL,
    severity            VARCHAR NOT NULL,
    severity_rank       SMALLINT NOT NULL,
    score               INTEGER NOT NULL,
    alert_count         INTEGER NOT NULL,
    initial_access_json VARCHAR NOT NULL,        -- catalog rows T1-T5
    actions_json        VARCHAR NOT NULL,        -- catalog rows A1-A6
    malware_json        VARCHAR NOT NULL,        -- catalog rows M1-M6
    motive              VARCHAR NOT NULL,
    techniques_json     VARCHAR NOT NULL,
    tactics_json        VARCHAR NOT NULL,
    incident_json       VARCHAR NOT NULL,        -- IncidentCodec of the latest update
    engine_state        VARCHAR NOT NULL,        -- open (opened or updated) or closed
    status              VARCHAR NOT NULL,
    assignee            VARCHAR,
    triage_tags_json    VARCHAR NOT NULL,
    stored_at           TIMESTAMP NOT NULL,
    updated_at          TIMESTAMP NOT NULL);

CREATE TABLE incident_alerts (
    incident_id VARCHAR NOT NULL,
    alert_id    VARCHAR NOT NULL,
    position    INTEGER NOT NULL,                -- kill-chain order within the incident
    PRIMARY KEY (incident_id, alert_id));

CREATE TABLE incident_entities (
    incident_id  VARCHAR NOT NULL,
    entity_type  VARCHAR NOT NULL,
    entity_value VARCHAR NOT NULL,
    PRIMARY KEY (incident_id, entity_type, entity_value));

CREATE TABLE incident_techniques (
    incident_id VARCHAR NOT NULL,
    technique   VARCHAR NOT NULL,
    PRIMARY KEY (incident_id, technique));

CREATE SEQUENCE comment_ids START 1;
CREATE TABLE comments (
    id          BIGINT PRIMARY KEY,
    target_kind VARCHAR NOT NULL,                -- alert or incident
    target_id   VARCHAR NOT NULL,
    author      VARCHAR NOT NULL,
    body        VARCHAR NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    edited_at   TIMESTAMP);

-- Every earlier text of an edited comment.
CREATE TABLE comment_edits (
    comment_id    BIGINT NOT NULL,
    edited_at     TIMESTAMP NOT NULL,
    editor        VARCHAR NOT NULL,
    previous_body VARCHAR NOT NULL);

CREATE SEQUENCE audit_ids START 1;
CREATE TABLE audit_log (
    id          BIGINT PRIMARY KEY,
    changed_at  TIMESTAMP NOT NULL,
    actor       VARCHAR NOT NULL,
    action      VARCHAR NOT NULL,
    target_kind VARCHAR NOT NULL,
    target_id   VARCHAR NOT NULL,
    before_json VARCHAR,
    after_json  VARCHAR);

CREATE SEQUENCE suppression_ids START 1;
CREATE TABLE suppressions (
    id         BIGINT PRIMARY KEY,
    title      VARCHAR NOT NULL,
    rules_json VARCHAR NOT NULL,                 -- rule ids it applies to
    selection  VARCHAR NOT NULL,                 -- the Sigma selection (YAML) over the alert's event
    reason     VARCHAR NOT NULL,
    expires_at TIMESTAMP,
    author     VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL);

CREATE TABLE saved_hunts (
    name       VARCHAR PRIMARY KEY,
    kind       VARCHAR NOT NULL,                 -- sql or sigma
    query_text VARCHAR NOT NULL,
    owner      VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL);

-- Where each live input is in each file it reads; the identity tells a rotated or truncated file from the same one.
CREATE TABLE ingest_offsets (
    input_name  VARCHAR NOT NULL,
    file_key    VARCHAR NOT NULL,
    byte_offset BIGINT NOT NULL,
    line_number BIGINT NOT NULL,
    device      VARCHAR,
    inode       VARCHAR,
    file_size   BIGINT,
    fingerprint VARCHAR,                          -- a digest of the file's first bytes
    resume_state VARCHAR,                         -- what the input needs to resume (JSON it writes and reads itself)
    updated_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (input_name, file_key));

CREATE SEQUENCE token_ids START 1;
CREATE TABLE api_tokens (
    id           BIGINT PRIMARY KEY,
    name         VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,               -- viewer, analyst, responder, admin
    token_sha256 VARCHAR NOT NULL UNIQUE,        -- hex SHA-256 of the token; the token itself is never stored
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    revoked_at   TIMESTAMP);
