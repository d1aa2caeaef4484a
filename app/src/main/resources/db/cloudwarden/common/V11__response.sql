-- Response (issue 14): the state of each step of each response, so a rerun resumes where it stopped; the approvals
-- a destructive step waits for; and the response's audit trail, append-only: rows are only ever inserted (the
-- store has no statement that updates or deletes one; PostgreSQL also refuses it, see the vendor migration).

-- One row per step and target of a response (a response is one playbook run for one incident).
CREATE TABLE response_steps (
    response_id  VARCHAR NOT NULL,
    step_key     VARCHAR NOT NULL,               -- the step's id @ the target entity
    incident_id  VARCHAR NOT NULL,
    playbook_id  VARCHAR NOT NULL,
    step_id      VARCHAR NOT NULL,
    position     INTEGER NOT NULL,               -- the step's place in the plan
    target       VARCHAR NOT NULL,               -- the entity, type:value
    action       VARCHAR NOT NULL,
    status       VARCHAR NOT NULL,               -- planned, waiting_approval, running, succeeded, failed, skipped, undone
    outputs_json VARCHAR NOT NULL,               -- what the action returned (snapshot ids ...), for later steps and undo
    error        VARCHAR,
    started_at   TIMESTAMP,
    finished_at  TIMESTAMP,
    updated_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (response_id, step_key));

CREATE TABLE response_approvals (
    response_id VARCHAR NOT NULL,
    step_id     VARCHAR NOT NULL,                -- approves the step on every target
    approver    VARCHAR NOT NULL,
    approved_at TIMESTAMP NOT NULL,
    PRIMARY KEY (response_id, step_id));

CREATE SEQUENCE response_audit_ids START 1;
CREATE TABLE response_audit (
    id              BIGINT PRIMARY KEY,
    recorded_at     TIMESTAMP NOT NULL,
    actor           VARCHAR NOT NULL,
    incident_id     VARCHAR NOT NULL,
    response_id     VARCHAR NOT NULL,
    playbook_id     VARCHAR NOT NULL,
    step_id         VARCHAR,
    target          VARCHAR,
    event           VARCHAR NOT NULL,            -- planned, approved, started, call, succeeded, failed, skipped, undone
    service         VARCHAR,                     -- for a call: ec2, iam, kubernetes, host ...
    operation       VARCHAR,
    parameters_json VARCHAR,
    request_id      VARCHAR,
    ok              BOOLEAN,
    detail          VARCHAR);
