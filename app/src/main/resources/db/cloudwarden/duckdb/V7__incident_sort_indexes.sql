-- The incident queue's orders (issue 11) need no index in DuckDB: its ART indexes serve equality lookups only, and
-- it sorts a filtered set of incidents by a columnar scan (PostgreSQL's V7 adds B-trees in each order). This
-- version keeps both stores' schema versions equal.
SELECT 1;
