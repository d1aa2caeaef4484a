-- The incident queue's orders (issue 11): newest first (incidents_by_first, V3), most recently active, highest
-- score and most severe, each with its ties as IncidentSort breaks them, so a page of the queue in any order is an
-- index range scan from its cursor however many incidents are stored.
CREATE INDEX incidents_by_last ON incidents (last_at DESC, id DESC);
CREATE INDEX incidents_by_score ON incidents (score DESC, last_at DESC, id DESC);
CREATE INDEX incidents_by_severity ON incidents (severity_rank DESC, last_at DESC, id DESC);
