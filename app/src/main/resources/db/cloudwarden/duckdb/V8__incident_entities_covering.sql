-- PostgreSQL's V8 makes its entity index covering; DuckDB's ART indexes serve equality lookups only and cover
-- nothing, so this version only keeps both stores' schema versions equal.
COMMENT ON TABLE incident_entities IS 'The entities of each incident, for the queue filtered by an entity';
