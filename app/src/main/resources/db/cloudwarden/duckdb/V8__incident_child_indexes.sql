-- An incident's rows by incident id: every incident update deletes and rewrites its alert, entity and technique
-- rows, and an incident's page reads its alert ids. The primary keys (incident id, ...) do not serve a lookup by
-- the first column alone in DuckDB, so each of those statements scanned the whole table: writing 10,000
-- incidents of 35 alerts each took over 25 minutes (issue 11's page bench). PostgreSQL's V8 instead makes its
-- entity index cover the incident id (its primary keys already serve these lookups).
CREATE INDEX incident_alerts_by_incident ON incident_alerts (incident_id);
CREATE INDEX incident_entities_by_incident ON incident_entities (incident_id);
CREATE INDEX incident_techniques_by_incident ON incident_techniques (incident_id);
