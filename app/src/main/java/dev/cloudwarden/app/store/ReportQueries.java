package dev.cloudwarden.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The landscape report's aggregations, in SQL both databases run: one pass over a period's incidents counts every
 * catalog row with {@code FILTER} (the rows are JSON text arrays: a row id is matched with its quotes), and the
 * percentiles are the databases' own ordered-set aggregates.
 */
final class ReportQueries {
    static final List<String> CATALOG_ROWS = List.of("T1", "T2", "T3", "T4", "T5", "A1", "A2", "A3", "A4", "A5", "A6",
            "M1", "M2", "M3", "M4", "M5", "M6");
    private static final int TOP = 10;

    private final Connections connections;
    private final Dialect dialect;

    ReportQueries(Connections connections, Dialect dialect) {
        this.connections = connections;
        this.dialect = dialect;
    }

    ReportFigures figures(Instant from, Instant to, List<String> entityTypes, Collection<String> containmentActions) {
        return figures(from, to, entityTypes, containmentActions, true);
    }

    /** Only what a trend compares: the incidents, their alerts, catalog rows, motives, mining hours and bytes. */
    ReportFigures trend(Instant from, Instant to) {
        return figures(from, to, List.of(), List.of(), false);
    }

    private ReportFigures figures(Instant from, Instant to, List<String> entityTypes, Collection<String> containmentActions,
                                  boolean whole) {
        return connections.read("count the report's figures", c -> {
            Map<String, Long> catalog = new LinkedHashMap<>();
            long incidents;
            double miningHours;
            ReportFigures.Exposure exposed;
            long alerts;
            StringBuilder sql = new StringBuilder("SELECT count(*), coalesce(sum(i.alert_count), 0)");
            for (String row : CATALOG_ROWS) {
                sql.append(", count(*) FILTER (WHERE ").append(column(row)).append(" LIKE ?)");
            }
            sql.append(", coalesce(sum(").append(seconds("i.last_at", "i.first_at"))
                    .append(") FILTER (WHERE i.actions_json LIKE '%\"A3\"%'), 0) / 3600.0")
                    .append(", coalesce(sum(i.bytes_exposed), 0), coalesce(sum(i.bytes_exposed) FILTER (WHERE i.actions_json LIKE '%\"A2\"%'), 0)")
                    .append(", count(*) FILTER (WHERE i.bytes_exposed > 0), count(*) FILTER (WHERE i.bytes_exposed IS NULL)")
                    .append(" FROM incidents i WHERE i.first_at >= ? AND i.first_at < ?");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int p = 0;
                for (String row : CATALOG_ROWS) {
                    ps.setString(++p, "%\"" + row + "\"%");
                }
                Sql.setTime(ps, ++p, from);
                Sql.setTime(ps, ++p, to);
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    incidents = r.getLong(1);
                    alerts = r.getLong(2);
                    for (int i = 0; i < CATALOG_ROWS.size(); i++) {
                        catalog.put(CATALOG_ROWS.get(i), r.getLong(i + 3));
                    }
                    int k = CATALOG_ROWS.size() + 3;
                    miningHours = r.getDouble(k);
                    exposed = new ReportFigures.Exposure(r.getLong(k + 1), r.getLong(k + 2), r.getLong(k + 3), r.getLong(k + 4));
                }
            }
            // the alerts of the period's incidents, from their rows: counting a period of a 10,000,000-alert table
            // took 6.5 s of the report's 23 (issue 15's bench)
            Map<String, Long> motives = grouped(c, "SELECT motive, count(*) FROM incidents WHERE first_at >= ? AND first_at < ? "
                    + "GROUP BY motive ORDER BY count(*) DESC, motive", from, to);
            if (!whole) {
                return new ReportFigures(from, to, incidents, alerts, catalog, motives, Map.of(), Map.of(), Map.of(), null,
                        null, 0, miningHours, exposed, 0, 0, Map.of());
            }
            Map<String, Long> severities = grouped(c, "SELECT severity, count(*) FROM incidents WHERE first_at >= ? AND first_at < ? "
                    + "GROUP BY severity ORDER BY max(severity_rank) DESC", from, to);
            Map<String, Long> techniques = grouped(c, "SELECT t.technique, count(*) FROM incident_techniques t JOIN incidents i "
                    + "ON i.id = t.incident_id WHERE i.first_at >= ? AND i.first_at < ? GROUP BY t.technique "
                    + "ORDER BY count(*) DESC, t.technique", from, to);
            Map<String, List<ReportFigures.Count>> top = top(c, entityTypes, from, to);
            double[] detect = percentiles(c, "SELECT " + percentileColumns(seconds("i.stored_at", "i.first_at"))
                    + " FROM incidents i WHERE i.first_at >= ? AND i.first_at < ?", List.of(), from, to);
            String contained = "SELECT s.incident_id, min(s.finished_at) AS at FROM response_steps s WHERE s.status = 'succeeded' "
                    + "AND s.action IN (" + Sql.placeholders(Math.max(1, containmentActions.size())) + ") GROUP BY s.incident_id";
            List<Object> actions = new ArrayList<>(containmentActions.isEmpty() ? List.of("-") : containmentActions);
            double[] contain = percentiles(c, "SELECT " + percentileColumns(seconds("k.at", "i.first_at")) + ", count(*) FROM incidents i JOIN ("
                    + contained + ") k ON k.incident_id = i.id WHERE i.first_at >= ? AND i.first_at < ?", actions, from, to);
            long containedCount = contain == null ? 0 : (long) contain[2];
            long[] responses = new long[2];
            try (PreparedStatement ps = c.prepareStatement("SELECT count(DISTINCT s.response_id), count(DISTINCT s.response_id) "
                    + "FILTER (WHERE s.action IN ('aws.ec2.snapshot_volumes', 'k8s.snapshot_pod') AND s.status = 'succeeded') "
                    + "FROM response_steps s JOIN incidents i ON i.id = s.incident_id WHERE i.first_at >= ? AND i.first_at < ?")) {
                Sql.setTime(ps, 1, from);
                Sql.setTime(ps, 2, to);
                try (ResultSet r = ps.executeQuery()) {
                    r.next();
                    responses[0] = r.getLong(1);
                    responses[1] = r.getLong(2);
                }
            }
            Map<String, Long> findings = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT count(*), "
                    + "count(*) FILTER (WHERE check_id LIKE '%MFA%' OR check_id LIKE '%ROOT%' OR check_id LIKE '%IAM%'), "
                    + "count(*) FILTER (WHERE check_id LIKE '%CLOUDTRAIL%' OR check_id LIKE '%FLOW_LOG%' OR check_id LIKE '%LOGGING%') "
                    + "FROM posture_findings WHERE status = 'open'");
                 ResultSet r = ps.executeQuery()) {
                r.next();
                findings.put("all", r.getLong(1));
                findings.put("identity", r.getLong(2));
                findings.put("logging", r.getLong(3));
            }
            return new ReportFigures(from, to, incidents, alerts, catalog, motives, severities, techniques, top, detect,
                    contain == null ? null : new double[] {contain[0], contain[1]}, containedCount, miningHours,
                    exposed, responses[0], responses[1], findings);
        });
    }

    private static String column(String row) {
        return switch (row.charAt(0)) {
            case 'T' -> "i.initial_access_json";
            case 'A' -> "i.actions_json";
            default -> "i.malware_json";
        };
    }

    /** Seconds from {@code start} to {@code end}, in the dialect's words. */
    private String seconds(String end, String start) {
        return dialect == Dialect.POSTGRESQL ? "EXTRACT(EPOCH FROM (" + end + " - " + start + "))"
                : "date_diff('millisecond', " + start + ", " + end + ") / 1000.0";
    }

    private static String percentileColumns(String expression) {
        return "percentile_cont(0.5) WITHIN GROUP (ORDER BY " + expression + "), "
                + "percentile_cont(0.9) WITHIN GROUP (ORDER BY " + expression + ")";
    }

    /** The median and 90th percentile (and any more columns), or null when no row was counted. */
    private static double[] percentiles(Connection c, String sql, List<Object> first, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 0;
            for (Object o : first) {
                ps.setObject(++p, o);
            }
            Sql.setTime(ps, ++p, from);
            Sql.setTime(ps, ++p, to);
            try (ResultSet r = ps.executeQuery()) {
                r.next();
                if (r.getObject(1) == null) {
                    return null;
                }
                int n = r.getMetaData().getColumnCount();
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    out[i] = r.getDouble(i + 1);
                }
                return out;
            }
        }
    }

    /**
     * The values of each entity type in the most incidents, all types in one pass over the period's entities (a
     * pass per type took 0.65 s each on 100,000 incidents), ranked per type by the window.
     */
    private static Map<String, List<ReportFigures.Count>> top(Connection c, List<String> types, Instant from, Instant to)
            throws SQLException {
        Map<String, List<ReportFigures.Count>> out = new LinkedHashMap<>();
        types.forEach(t -> out.put(t, new ArrayList<>()));
        if (types.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT entity_type, entity_value, n FROM ("
                + "SELECT e.entity_type, e.entity_value, count(*) AS n, row_number() OVER (PARTITION BY e.entity_type "
                + "ORDER BY count(*) DESC, e.entity_value) AS r FROM incident_entities e JOIN incidents i ON i.id = e.incident_id "
                + "WHERE e.entity_type IN (" + Sql.placeholders(types.size()) + ") AND i.first_at >= ? AND i.first_at < ? "
                + "GROUP BY e.entity_type, e.entity_value) ranked WHERE r <= " + TOP + " ORDER BY entity_type, r")) {
            int p = 0;
            for (String t : types) {
                ps.setString(++p, t);
            }
            Sql.setTime(ps, ++p, from);
            Sql.setTime(ps, ++p, to);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.get(r.getString(1)).add(new ReportFigures.Count(r.getString(2), r.getLong(3)));
                }
            }
        }
        return out;
    }

    private static Map<String, Long> grouped(Connection c, String sql, Instant from, Instant to) throws SQLException {
        Map<String, Long> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.setTime(ps, 1, from);
            Sql.setTime(ps, 2, to);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return out;
    }
}
