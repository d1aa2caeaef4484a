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

    /** Sets the ATT&CK matrix's counts from the technique rows (after a load, which does not keep them current). */
    static void recountTechniques(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM technique_counts");
            s.executeUpdate("INSERT INTO technique_counts (technique, alerts) "
                    + "SELECT technique, count(*) FROM alert_techniques GROUP BY technique");
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
