package dev.cloudwarden.app.store;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.AlertCodec;
import dev.cloudwarden.engine.incident.Classification;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityExtractor;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Upserts of the engine's alerts on their deterministic ids. The engine's columns follow the alert; the count and
 * seen times only grow (a resumed run may re-emit a group from a later start); triage columns are never written.
 */
final class AlertWrites {
    /** Entities as the incident builder reads them, with its default configuration (the entity filter's vocabulary). */
    private static final EntityExtractor ENTITIES = EntityExtractor.defaults();

    private static final String UPSERT_INTO = """
            INSERT INTO alerts (id, rule_id, rule_title, level, level_rank, time, first_seen, last_seen, match_count,
                group_key, tags_json, techniques_json, alert_json, status, assignee, triage_tags_json, stored_at, updated_at)
            VALUES """;
    private static final String UPSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', NULL, '[]', ?, ?)";
    private static final int UPSERT_PARAMS = 15;
    private static final String UPSERT_ON_CONFLICT = """
            ON CONFLICT (id) DO UPDATE SET
                rule_title = excluded.rule_title, level = excluded.level, level_rank = excluded.level_rank,
                first_seen = LEAST(alerts.first_seen, excluded.first_seen),
                last_seen = GREATEST(alerts.last_seen, excluded.last_seen),
                alert_json = CASE WHEN excluded.match_count >= alerts.match_count THEN excluded.alert_json ELSE alerts.alert_json END,
                match_count = GREATEST(alerts.match_count, excluded.match_count),
                group_key = excluded.group_key, tags_json = excluded.tags_json, techniques_json = excluded.techniques_json,
                updated_at = excluded.updated_at""";

    private AlertWrites() {
    }

    static void upsert(Connection c, Collection<Alert> given, Instant now) throws SQLException {
        // one row per id, its latest form: a statement may not update the same row twice
        Map<String, Alert> latest = new java.util.LinkedHashMap<>();
        given.forEach(a -> latest.put(a.id(), a));
        List<Alert> alerts = List.copyOf(latest.values());
        List<String> ids = alerts.stream().map(Alert::id).toList();
        Set<String> added = Triage.missing(c, "alerts", ids);
        Map<String, Long> newTechniques = new TreeMap<>();
        Map<List<Object>, Long> newTechniqueDays = new java.util.HashMap<>();
        for (int from = 0; from < alerts.size(); from += Sql.ROWS_PER_STATEMENT) {
            List<Alert> chunk = alerts.subList(from, Math.min(alerts.size(), from + Sql.ROWS_PER_STATEMENT));
            String sql = UPSERT_INTO + String.join(", ", java.util.Collections.nCopies(chunk.size(), UPSERT_ROW))
                    + "\n" + UPSERT_ON_CONFLICT;
            try (PreparedStatement rows = c.prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    bindRow(rows, i * UPSERT_PARAMS, chunk.get(i), techniques(chunk.get(i)), now);
                }
                rows.execute();
            }
        }
        List<Object[]> entityRows = new ArrayList<>();
        List<Object[]> techniqueRows = new ArrayList<>();
        Set<String> seen = new java.util.HashSet<>();
        for (Alert a : alerts) {
            List<String> techniques = techniques(a);
            for (Entity e : entities(a)) {
                if (seen.add(a.id() + '\u001f' + e.type().id() + '\u001f' + e.value())) {
                    entityRows.add(new Object[] {a.id(), e.type().id(), e.value(), a.time()});
                }
            }
            if (added.contains(a.id())) {
                for (String t : techniques) {
                    techniqueRows.add(new Object[] {a.id(), t, a.time()});
                    newTechniques.merge(t, 1L, Long::sum);
                    newTechniqueDays.merge(List.of(day(a.time()), t), 1L, Long::sum);
                }
            }
        }
        Sql.insertRows(c, "INSERT INTO alert_entities (alert_id, entity_type, entity_value, time) VALUES ", "(?, ?, ?, ?)",
                entityRows, " ON CONFLICT DO NOTHING");
        Sql.insertRows(c, "INSERT INTO alert_techniques (alert_id, technique, time) VALUES ", "(?, ?, ?)", techniqueRows,
                " ON CONFLICT DO NOTHING");
        countTechniques(c, newTechniques, newTechniqueDays);
    }

    /** The UTC day of an alert's time: its row in {@code technique_day_counts}. */
    static java.time.LocalDate day(Instant time) {
        return java.time.LocalDate.ofInstant(time, java.time.ZoneOffset.UTC);
    }

    /** The ATT&CK techniques an alert is counted under (from its rule's tags). */
    static List<String> techniques(Alert a) {
        return List.copyOf(Classification.techniques(a.tags()));
    }

    /** The entities an alert is found by (the entity filter's rows). */
    static List<Entity> entities(Alert a) {
        return ENTITIES.entities(a);
    }

    /** The engine's columns of one alert, in the order of {@link #UPSERT_ROW}'s first 13 parameters. */
    record Row(String id, String ruleId, String ruleTitle, String level, Short levelRank, Instant time,
               Instant firstSeen, Instant lastSeen, long matchCount, String groupKey, String tagsJson,
               String techniquesJson, String alertJson) {
        static Row of(Alert a, List<String> techniques) {
            Alert.Occurrences o = a.occurrences();
            return new Row(a.id(), a.ruleId(), a.ruleTitle(), a.level() == null ? null : a.level().id(),
                    a.level() == null ? null : (short) a.level().ordinal(), a.time(), o.firstSeen(), o.lastSeen(),
                    o.count(), o.groupKey(), Sql.jsonList(a.tags()), Sql.jsonList(techniques), json(a));
        }
    }

    /** One row's parameters, after the {@code base} parameters of the rows before it in the statement. */
    private static void bindRow(PreparedStatement ps, int base, Alert a, List<String> techniques, Instant now)
            throws SQLException {
        Row r = Row.of(a, techniques);
        ps.setString(base + 1, r.id());
        ps.setString(base + 2, r.ruleId());
        Sql.setText(ps, base + 3, r.ruleTitle());
        Sql.setText(ps, base + 4, r.level());
        if (r.levelRank() == null) {
            ps.setNull(base + 5, java.sql.Types.SMALLINT);
        } else {
            ps.setShort(base + 5, r.levelRank());
        }
        Sql.setTime(ps, base + 6, r.time());
        Sql.setTime(ps, base + 7, r.firstSeen());
        Sql.setTime(ps, base + 8, r.lastSeen());
        ps.setLong(base + 9, r.matchCount());
        Sql.setText(ps, base + 10, r.groupKey());
        ps.setString(base + 11, r.tagsJson());
        ps.setString(base + 12, r.techniquesJson());
        ps.setString(base + 13, r.alertJson());
        Sql.setTime(ps, base + 14, now);
        Sql.setTime(ps, base + 15, now);
    }

    /** Adds newly stored alerts to the ATT&CK matrix's counts, over all time and per day. */
    private static void countTechniques(Connection c, Map<String, Long> added, Map<List<Object>, Long> addedPerDay)
            throws SQLException {
        Sql.insertRows(c, "INSERT INTO technique_counts (technique, alerts) VALUES ", "(?, ?)",
                added.entrySet().stream().map(e -> new Object[] {e.getKey(), e.getValue()}).toList(),
                " ON CONFLICT (technique) DO UPDATE SET alerts = technique_counts.alerts + excluded.alerts");
        Sql.insertRows(c, "INSERT INTO technique_day_counts (day, technique, alerts) VALUES ", "(?, ?, ?)",
                addedPerDay.entrySet().stream()
                        .map(e -> new Object[] {e.getKey().get(0), e.getKey().get(1), e.getValue()}).toList(),
                " ON CONFLICT (day, technique) DO UPDATE SET alerts = technique_day_counts.alerts + excluded.alerts");
    }

    /** The alert as the engine's codec writes it, with the events' original records (the evidence). */
    static String json(Alert a) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Sql.JSON.getFactory().createGenerator(out)) {
            AlertCodec.write(a, g, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write alert " + a.id() + " as JSON", e);
        }
        return out.toString();
    }
}
