-- Rules an analyst turned off (or on again) in a running service: the rule packs stay as shipped, and a rule missing
-- here runs. One row per rule ever switched; the audit log keeps who switched it when.
CREATE TABLE rule_states (
    rule_id    VARCHAR PRIMARY KEY,
    enabled    BOOLEAN NOT NULL,
    reason     VARCHAR,
    changed_by VARCHAR NOT NULL,
    changed_at TIMESTAMP NOT NULL);
