-- DuckDB's indexes: only for equality lookups, the one use DuckDB's ART indexes have (sorting and time ranges
-- are served by its columnar scans and min/max zone maps, and every secondary index costs memory and insert
-- time over 10,000,000 alerts). The entity lookup is the triage list's "alerts of one principal".
CREATE INDEX alert_entities_by_value ON alert_entities (entity_type, entity_value);
CREATE INDEX incident_alerts_by_alert ON incident_alerts (alert_id);
CREATE INDEX incident_entities_by_value ON incident_entities (entity_type, entity_value);
CREATE INDEX comments_by_target ON comments (target_kind, target_id);
CREATE INDEX audit_by_target ON audit_log (target_kind, target_id);
