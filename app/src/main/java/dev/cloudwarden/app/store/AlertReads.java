package dev.cloudwarden.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alert lists, facets and the ATT&CK matrix. A list filtered by an entity (or else a technique) reads from that
 * child table, whose copy of the alert's time lets PostgreSQL walk one index range newest first and stop after a
 * page: the triage list of one principal does not sort that principal's every alert.
 */
final class AlertReads {
    static final String COLUMNS = "a.id, a.rule_id, a.rule_title, a.level, a.time, a.first_seen, a.last_seen, a.match_count, "
            + "a.group_key, a.tags_json, a.techniques_json, a.alert_json, a.status, a.assignee, a.triage_tags_json, a.updated_at";
    /** The facet lists' length: enough for every rule a screen shows. */
    /** Keys per {@code IN} list: well under both drivers' parameter limits. */
    private static final int KEYS_PER_QUERY = 500;
    private static final int FACET_VALUES = 100;
    private static final List<FacetQuery.Field> FACETS = List.of(
            new FacetQuery.Field("level", "", "coalesce(a.level, 'none')"), new FacetQuery.Field("status", "", "a.status"),
            new FacetQuery.Field("rule", "", "a.rule_id"),
            new FacetQuery.Field("technique", " JOIN alert_techniques ft ON ft.alert_id = a.id", "ft.technique"));

    private final Connections connections;

    AlertReads(Connections connections) {
        this.connections = connections;
    }

    static Filter filter(AlertQuery q) {
        Filter f;
        if (q.entity() != null) {
            f = new Filter("alert_entities d JOIN alerts a ON a.id = d.alert_id", "d.time", "d.alert_id")
                    .where("d.entity_type = ?", q.entity().type().id())
                    .where("d.entity_value = ?", q.entity().value());
        } else if (q.technique() != null) {
            f = new Filter("alert_techniques d JOIN alerts a ON a.id = d.alert_id", "d.time", "d.alert_id");
        } else {
            f = new Filter("alerts a", "a.time", "a.id");
        }
        if (q.technique() != null) {
            if (q.entity() == null) {
                f.where("d.technique = ?", q.technique());
            } else {
                f.where("EXISTS (SELECT 1 FROM alert_techniques t WHERE t.alert_id = a.id AND t.technique = ?)", q.technique());
            }
        }
        f.timeRange(q.from(), q.to());
        if (q.minLevel() != null) {
            f.where("a.level_rank >= ?", q.minLevel().ordinal());
        }
        if (q.ruleId() != null) {
            f.where("a.rule_id = ?", q.ruleId());
        }
        if (q.status() != null) {
            f.where("a.status = ?", q.status().id());
        }
        return f;
    }

    Page<StoredAlert> list(AlertQuery q) {
        Filter f = filter(q);
        return connections.read("list alerts", c -> f.page(c, COLUMNS, f.newest(), q.limit(), q.cursor(), AlertReads::row));
    }

    Facets facets(AlertQuery q) {
        Filter f = filter(q);
        return connections.read("count alerts", c -> FacetQuery.count(c, f, f.newest(), "a", "a.*", FACETS,
                Facets.FIRST, FACET_VALUES));
    }

    Map<String, Long> techniqueCounts(AlertQuery q) {
        Filter f = filter(q);
        return connections.read("count alerts by technique", c -> {
            if (onlyTimeRange(q)) {
                return countsInRange(c, Sql.micros(q.from()), Sql.micros(q.to()));
            }
            if (!f.isEmpty()) {
                return f.counts(c, " JOIN alert_techniques ft ON ft.alert_id = a.id", "ft.technique", 0);
            }
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT technique, alerts FROM technique_counts WHERE alerts > 0 ORDER BY alerts DESC, technique");
                 ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
            return out;
        });
    }

    /**
     * The matrix over [{@code from}, {@code to}) (either may be null: open): the whole UTC days in it summed from
     * {@code technique_day_counts}, the partial days at its ends counted from the technique rows, which carry the
     * alert's time (no join with the wide alert rows). Counting every technique row of a 30-day range took over a
     * second in PostgreSQL at 10,000,000 alerts (issue 10's bench); this reads a few thousand day rows and at most
     * two days of technique rows.
     */
    private static Map<String, Long> countsInRange(Connection c, Instant from, Instant to) throws SQLException {
        LocalDate firstDay = from == null ? null : AlertWrites.day(from.minusNanos(1)).plusDays(1);
        LocalDate endDay = to == null ? null : AlertWrites.day(to);
        Map<String, Long> sum = new HashMap<>();
        if (firstDay != null && endDay != null && !firstDay.isBefore(endDay)) {
            exactCounts(c, from, to).forEach((t, n) -> sum.merge(t, n, Long::sum));
        } else {
            dayCounts(c, firstDay, endDay).forEach((t, n) -> sum.merge(t, n, Long::sum));
            if (from != null && from.isBefore(startOf(firstDay))) {
                exactCounts(c, from, startOf(firstDay)).forEach((t, n) -> sum.merge(t, n, Long::sum));
            }
            if (to != null && startOf(endDay).isBefore(to)) {
                exactCounts(c, startOf(endDay), to).forEach((t, n) -> sum.merge(t, n, Long::sum));
            }
        }
        Map<String, Long> out = new LinkedHashMap<>();
        sum.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    private static Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Technique rows in [{@code from}, {@code to}) counted one by one. */
    private static Map<String, Long> exactCounts(Connection c, Instant from, Instant to) throws SQLException {
        return new Filter("alert_techniques ft", "ft.time", "ft.alert_id").timeRange(from, to)
                .counts(c, "", "ft.technique", 0);
    }

    /** The per-day counts of the days from {@code first} up to (not including) {@code end}; null: unbounded. */
    private static Map<String, Long> dayCounts(Connection c, LocalDate first, LocalDate end) throws SQLException {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (first != null) {
            where.add("day >= ?");
            params.add(first);
        }
        if (end != null) {
            where.add("day < ?");
            params.add(end);
        }
        Map<String, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT technique, sum(alerts) FROM technique_day_counts"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " GROUP BY technique")) {
            Sql.bind(ps, params);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return out;
    }

    /** Whether {@code q} selects by a time range alone: the matrix then needs only the technique rows. */
    private static boolean onlyTimeRange(AlertQuery q) {
        return (q.from() != null || q.to() != null) && q.entity() == null && q.technique() == null
                && q.minLevel() == null && q.ruleId() == null && q.status() == null;
    }

    Optional<StoredAlert> one(String id) {
        return connections.read("read an alert", c -> byIds(c, "SELECT " + COLUMNS + " FROM alerts a WHERE a.id = ?", id)
                .stream().findFirst());
    }

    /** The alerts of one incident in their position (kill-chain) order. */
    /**
     * An incident's alerts in kill-chain order: their ids first, then the alerts by primary key. Not a join: DuckDB
     * would hash-join the whole alerts table (300 ms for an incident at 200,000 alerts), where a list of keys is an
     * index lookup in both stores.
     */
    static List<StoredAlert> ofIncident(Connection c, String incidentId) throws SQLException {
        List<String> ids = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT alert_id FROM incident_alerts WHERE incident_id = ? ORDER BY position")) {
            ps.setString(1, incidentId);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    ids.add(r.getString(1));
                }
            }
        }
        Map<String, StoredAlert> byId = new java.util.HashMap<>();
        for (int from = 0; from < ids.size(); from += KEYS_PER_QUERY) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + KEYS_PER_QUERY));
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts a WHERE a.id IN ("
                    + String.join(", ", java.util.Collections.nCopies(part.size(), "?")) + ")")) {
                Sql.bind(ps, List.copyOf(part));
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        StoredAlert a = row(r);
                        byId.put(a.id(), a);
                    }
                }
            }
        }
        return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
    }

    private static List<StoredAlert> byIds(Connection c, String sql, String param) throws SQLException {
        List<StoredAlert> out = new java.util.ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, param);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(row(r));
                }
            }
        }
        return out;
    }

    static StoredAlert row(ResultSet r) throws SQLException {
        return new StoredAlert(r.getString("id"), r.getString("rule_id"), r.getString("rule_title"),
                Sql.level(r.getString("level")), Sql.instant(r, "time"), Sql.instant(r, "first_seen"),
                Sql.instant(r, "last_seen"), r.getLong("match_count"), r.getString("group_key"),
                Sql.list(r.getString("tags_json")), Sql.list(r.getString("techniques_json")), r.getString("alert_json"),
                Triage.state(r), Sql.instant(r, "updated_at"));
    }
}
