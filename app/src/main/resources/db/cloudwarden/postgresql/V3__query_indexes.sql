-- PostgreSQL's indexes for the queries the server runs most (issue 10's benchmark: the newest alerts of one
-- principal, the matrix, the alert list newest first): B-trees in the order the queries read, so a page of 100
-- is an index range scan however many alerts are stored. Only columns that never change for a row are indexed.
CREATE INDEX alerts_by_time ON alerts (time DESC, id DESC);
CREATE INDEX alerts_by_rule ON alerts (rule_id, time DESC, id DESC);
CREATE INDEX alert_entities_by_value ON alert_entities (entity_type, entity_value, time DESC, alert_id DESC);
CREATE INDEX alert_techniques_by_technique ON alert_techniques (technique, time DESC, alert_id DESC);
CREATE INDEX incidents_by_first ON incidents (first_at DESC, id DESC);
CREATE INDEX incident_alerts_by_alert ON incident_alerts (alert_id);
CREATE INDEX incident_entities_by_value ON incident_entities (entity_type, entity_value);
CREATE INDEX comments_by_target ON comments (target_kind, target_id, created_at);
CREATE INDEX audit_by_target ON audit_log (target_kind, target_id, id);
