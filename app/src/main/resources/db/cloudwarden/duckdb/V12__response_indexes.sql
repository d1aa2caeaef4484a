-- An incident's trail (its page, its export) and a response's steps, by their first column.
CREATE INDEX response_audit_by_incident ON response_audit (incident_id, id);
CREATE INDEX response_steps_by_incident ON response_steps (incident_id);
