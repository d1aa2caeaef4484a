-- The findings of an incident's entities; a scan's findings by file (what it replaces); the open findings by
-- severity; an update's entity rows by finding (DuckDB's primary keys do not serve a lookup by the first column).
CREATE INDEX posture_finding_entities_by_value ON posture_finding_entities (entity_type, entity_value);
CREATE INDEX posture_finding_entities_by_finding ON posture_finding_entities (finding_id);
CREATE INDEX posture_findings_by_file ON posture_findings (file);
CREATE INDEX posture_findings_by_status ON posture_findings (status, severity_rank);
