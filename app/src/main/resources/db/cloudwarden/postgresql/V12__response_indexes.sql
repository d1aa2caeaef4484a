-- An incident's trail (its page, its export) and a response's steps.
CREATE INDEX response_audit_by_incident ON response_audit (incident_id, id);
CREATE INDEX response_steps_by_incident ON response_steps (incident_id);

-- The audit trail is append-only: the database itself refuses to change or remove a row.
CREATE OR REPLACE FUNCTION response_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the response audit trail is append-only';
END;
$$;
CREATE TRIGGER response_audit_no_update BEFORE UPDATE OR DELETE ON response_audit
    FOR EACH ROW EXECUTE FUNCTION response_audit_append_only();
