package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.Entity;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

/**
 * Bulk loading of alerts that are not stored yet, for benchmarks and imports of millions: the same rows the sink
 * writes ({@link AlertWrites.Row}, the same entities, techniques and JSON) into the same tables and indexes, but
 * through DuckDB's appender or PostgreSQL's {@code COPY} instead of row-by-row upserts, which store ~10,000,000
 * alerts too slowly. No upsert: an id already stored fails the load.
 */
final class AlertLoad {
    /** The alerts table's columns in their table order (the appender fills columns in that order). */
    private static final String ALERT_COLUMNS = "id, rule_id, rule_title, level, level_rank, time, first_seen, last_seen, "
            + "match_count, group_key, tags_json, techniques_json, alert_json, status, assignee, triage_tags_json, "
            + "stored_at, updated_at";

    private AlertLoad() {
    }

    /** Where one chunk's rows go. */
    private interface Rows {
        void alert(AlertWrites.Row r, Instant now) throws SQLException;

        void entity(String alertId, Entity e, Instant time) throws SQLException;

        void technique(String alertId, String technique, Instant time) throws SQLException;

        void finish() throws SQLException;
    }

    /** Writes up to {@code max} alerts from {@code alerts} on {@code c}; returns how many. */
    static int chunk(Connection c, Dialect dialect, Iterator<Alert> alerts, int max, Instant now) throws SQLException {
        Rows out = dialect == Dialect.DUCKDB ? new Appended(c) : new Copied(c);
        int n = 0;
        while (n < max && alerts.hasNext()) {
            Alert a = alerts.next();
            List<String> techniques = AlertWrites.techniques(a);
            out.alert(AlertWrites.Row.of(a, techniques), now);
            for (Entity e : AlertWrites.entities(a)) {
                out.entity(a.id(), e, a.time());
            }
            for (String t : techniques) {
                out.technique(a.id(), t, a.time());
            }
            n++;
        }
        out.finish();
        return n;
    }

    /**
     * Alerts a replication writes per transaction. DuckDB may checkpoint at each commit; with a commit per copy of
     * 100,000 alerts its fill slowed from ~430 to ~220 MB/min within 3 GB, with one per 1,000,000 it kept ~470
     * MB/min (both beside other work, so the cause is not pinned down); 1,000,000 alerts fit in memory.
     */
    private static final long REPLICATE_COMMIT = 1_000_000;

    /** The alert's child rows a copy repeats: each table with its columns between {@code alert_id} and {@code time}. */
    private static final String[][] CHILDREN = {
            {"alert_entities", "entity_type, entity_value"},
            {"alert_techniques", "technique"}};

    /**
     * Adds copies 1 to {@code copies - 1} of the alerts stored now (copy 0) with their entity and technique rows:
     * copy k has the ids {@code md5(id || ':' || k)} (32 hex digits, as the engine's ids) and every time moved by
     * k × {@code shiftSeconds}; every other column, the JSON included, is the original's. The originals are held
     * in temporary tables first, so each copy reads them and not the growing tables, and rows go in the
     * originals' order (time order, as a store receives them). Commits after about {@value #REPLICATE_COMMIT}
     * alerts. Returns the alerts added.
     */
    static long replicate(Connection c, int copies, long shiftSeconds) throws SQLException {
        long added = 0;
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMPORARY TABLE replicate_alerts AS SELECT * FROM alerts ORDER BY time, id");
            for (String[] child : CHILDREN) {
                s.execute("CREATE TEMPORARY TABLE replicate_" + child[0] + " AS SELECT * FROM " + child[0]
                        + " ORDER BY time, alert_id");
            }
            long originals;
            try (ResultSet r = s.executeQuery("SELECT count(*) FROM replicate_alerts")) {
                r.next();
                originals = r.getLong(1);
            }
            long copiesPerCommit = Math.max(1, REPLICATE_COMMIT / Math.max(1, originals));
            for (int k = 1; k < copies; k++) {
                // numbers this method computes, written as literals: DuckDB multiplies an interval by a 32-bit
                // integer only (a wider product fails), and whole seconds keep it in range (the caller checks)
                String id = "md5(o.alert_id || ':" + k + "')";
                String shift = "INTERVAL '1 second' * " + Math.multiplyExact(shiftSeconds, k);
                added += s.executeUpdate("INSERT INTO alerts (" + ALERT_COLUMNS + ") SELECT md5(o.id || ':" + k
                        + "'), rule_id, rule_title, level, level_rank, time + " + shift + ", first_seen + " + shift
                        + ", last_seen + " + shift + ", match_count, group_key, tags_json, techniques_json, alert_json, "
                        + "status, assignee, triage_tags_json, stored_at, updated_at FROM replicate_alerts o");
                for (String[] child : CHILDREN) {
                    s.executeUpdate("INSERT INTO " + child[0] + " (alert_id, " + child[1] + ", time) SELECT " + id
                            + ", " + child[1] + ", time + " + shift + " FROM replicate_" + child[0] + " o");
                }
                if (k % copiesPerCommit == 0) {
                    c.commit();
                }
            }
            s.execute("DROP TABLE replicate_alerts");
            for (String[] child : CHILDREN) {
                s.execute("DROP TABLE replicate_" + child[0]);
            }
        }
        return added;
    }

    /** Sets the ATT&CK matrix's counts, all time and per day, from the technique rows (a load does not keep them). */
    static void recountTechniques(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM technique_counts");
            s.executeUpdate("INSERT INTO technique_counts (technique, alerts) "
                    + "SELECT technique, count(*) FROM alert_techniques GROUP BY technique");
            s.executeUpdate("DELETE FROM technique_day_counts");
            s.executeUpdate("INSERT INTO technique_day_counts (day, technique, alerts) SELECT CAST(time AS DATE), "
                    + "technique, count(*) FROM alert_techniques GROUP BY CAST(time AS DATE), technique");
        }
    }

    private static final class Appended implements Rows {
        private final DuckDBAppender alerts;
        private final DuckDBAppender entities;
        private final DuckDBAppender techniques;

        Appended(Connection c) throws SQLException {
            DuckDBConnection duck = c.unwrap(DuckDBConnection.class);
            alerts = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "alerts");
            entities = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "alert_entities");
            techniques = duck.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "alert_techniques");
        }

        @Override
        public void alert(AlertWrites.Row r, Instant now) throws SQLException {
            alerts.beginRow();
            alerts.append(r.id()).append(r.ruleId());
            text(alerts, r.ruleTitle());
            text(alerts, r.level());
            if (r.levelRank() == null) {
                alerts.appendNull();
            } else {
                alerts.append(r.levelRank().shortValue());
            }
            alerts.append(Sql.timestamp(r.time())).append(Sql.timestamp(r.firstSeen())).append(Sql.timestamp(r.lastSeen()));
            alerts.append(r.matchCount());
            text(alerts, r.groupKey());
            alerts.append(r.tagsJson()).append(r.techniquesJson()).append(r.alertJson());
            alerts.append(TriageStatus.NEW.id()).appendNull().append("[]");
            alerts.append(Sql.timestamp(now)).append(Sql.timestamp(now));
            alerts.endRow();
        }

        private static void text(DuckDBAppender a, String s) throws SQLException {
            if (s == null) {
                a.appendNull();
            } else {
                a.append(s);
            }
        }

        @Override
        public void entity(String alertId, Entity e, Instant time) throws SQLException {
            entities.beginRow();
            entities.append(alertId).append(e.type().id()).append(e.value()).append(Sql.timestamp(time));
            entities.endRow();
        }

        @Override
        public void technique(String alertId, String technique, Instant time) throws SQLException {
            techniques.beginRow();
            techniques.append(alertId).append(technique).append(Sql.timestamp(time));
            techniques.endRow();
        }

        @Override
        public void finish() throws SQLException {
            alerts.close();
            entities.close();
            techniques.close();
        }
    }

    /** Rows gathered as CSV, one {@code COPY} per table at the end of the chunk. */
    private static final class Copied implements Rows {
        private final CopyManager copy;
        private final StringBuilder alerts = new StringBuilder();
        private final StringBuilder entities = new StringBuilder();
        private final StringBuilder techniques = new StringBuilder();

        Copied(Connection c) throws SQLException {
            copy = c.unwrap(PGConnection.class).getCopyAPI();
        }

        @Override
        public void alert(AlertWrites.Row r, Instant now) {
            csv(alerts, r.id(), r.ruleId(), r.ruleTitle(), r.level(), r.levelRank(), Sql.timestamp(r.time()),
                    Sql.timestamp(r.firstSeen()), Sql.timestamp(r.lastSeen()), r.matchCount(), r.groupKey(), r.tagsJson(),
                    r.techniquesJson(), r.alertJson(), TriageStatus.NEW.id(), null, "[]", Sql.timestamp(now),
                    Sql.timestamp(now));
        }

        @Override
        public void entity(String alertId, Entity e, Instant time) {
            csv(entities, alertId, e.type().id(), e.value(), Sql.timestamp(time));
        }

        @Override
        public void technique(String alertId, String technique, Instant time) {
            csv(techniques, alertId, technique, Sql.timestamp(time));
        }

        /** One CSV line: every value quoted (quotes doubled), null as an unquoted empty field (COPY's CSV null). */
        private static void csv(StringBuilder out, Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                if (values[i] != null) {
                    out.append('"').append(values[i].toString().replace("\"", "\"\"")).append('"');
                }
            }
            out.append('\n');
        }

        @Override
        public void finish() throws SQLException {
            copyIn("alerts (" + ALERT_COLUMNS + ")", alerts);
            copyIn("alert_entities (alert_id, entity_type, entity_value, time)", entities);
            copyIn("alert_techniques (alert_id, technique, time)", techniques);
        }

        private void copyIn(String table, StringBuilder rows) throws SQLException {
            try {
                copy.copyIn("COPY " + table + " FROM STDIN (FORMAT csv)", new StringReader(rows.toString()));
            } catch (IOException e) {
                throw new SQLException("cannot copy rows into " + table + ": " + e.getMessage(), e);
            }
        }
    }
}
