-- The findings of an incident's entities (index-only, carrying the finding id); a scan's findings by file (what it
-- replaces); the open findings by severity.
CREATE INDEX posture_finding_entities_by_value ON posture_finding_entities (entity_type, entity_value, finding_id);
CREATE INDEX posture_findings_by_file ON posture_findings (file);
CREATE INDEX posture_findings_by_status ON posture_findings (status, severity_rank);
