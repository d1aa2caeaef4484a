-- The incident queue's orders (issue 11) need no index in DuckDB: its ART indexes serve equality lookups only, and
-- it sorts a filtered set of incidents by a columnar scan (PostgreSQL's V7 adds B-trees in each order). This
-- version keeps both stores' schema versions equal, and says so where the schema can be read.
COMMENT ON TABLE incidents IS 'Incidents; the queue reads them newest first or by last activity, score or severity';
