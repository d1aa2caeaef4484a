-- The ATT&CK matrix per UTC day (issue 10's bench at 10,000,000 alerts): the matrix over a time range ("the last
-- 30 days") sums the whole days in it from here and counts only its partial first and last day from
-- alert_techniques, instead of counting every technique row in the range (millions; over a second in
-- PostgreSQL). Kept current with technique_counts by the same writes; a store upgraded to it is counted here once.
CREATE TABLE technique_day_counts (
    day       DATE NOT NULL,
    technique VARCHAR NOT NULL,
    alerts    BIGINT NOT NULL,
    PRIMARY KEY (day, technique));

INSERT INTO technique_day_counts (day, technique, alerts)
    SELECT CAST(time AS DATE), technique, count(*) FROM alert_techniques GROUP BY CAST(time AS DATE), technique;
