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

    private static final String UPSERT = """
            INSERT INTO alerts (id, rule_id, rule_title, level, level_rank, time, first_seen, last_seen, match_count,
                group_key, tags_json, techniques_json, alert_json, status, assignee, triage_tags_json, stored_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', NULL, '[]', ?, ?)
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

    static void upsert(Connection c, Collection<Alert> alerts, Instant now) throws SQLException {
        List<String> ids = alerts.stream().map(Alert::id).toList();
        Set<String> added = Triage.missing(c, "alerts", ids);
        Map<String, Long> newTechniques = new TreeMap<>();
        try (PreparedStatement row = c.prepareStatement(UPSERT);
             PreparedStatement entity = c.prepareStatement("INSERT INTO alert_entities (alert_id, entity_type, entity_value, time) "
                     + "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
             PreparedStatement technique = c.prepareStatement("INSERT INTO alert_techniques (alert_id, technique, time) "
                     + "VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (Alert a : alerts) {
                List<String> techniques = techniques(a);
                bindRow(row, a, techniques, now);
                row.addBatch();
                for (Entity e : entities(a)) {
                    entity.setString(1, a.id());
                    entity.setString(2, e.type().id());
                    entity.setString(3, e.value());
                    Sql.setTime(entity, 4, a.time());
                    entity.addBatch();
                }
                if (added.contains(a.id())) {
                    for (String t : techniques) {
                        technique.setString(1, a.id());
                        technique.setString(2, t);
                        Sql.setTime(technique, 3, a.time());
                        technique.addBatch();
                        newTechniques.merge(t, 1L, Long::sum);
                    }
                }
            }
            row.executeBatch();
            entity.executeBatch();
            technique.executeBatch();
        }
        countTechniques(c, newTechniques);
    }

    /** The ATT&CK techniques an alert is counted under (from its rule's tags). */
    static List<String> techniques(Alert a) {
        return List.copyOf(Classification.techniques(a.tags()));
    }

    /** The entities an alert is found by (the entity filter's rows). */
    static List<Entity> entities(Alert a) {
        return ENTITIES.entities(a);
    }

    /** The engine's columns of one alert, in the order of {@link #UPSERT}'s first 13 parameters. */
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

    private static void bindRow(PreparedStatement ps, Alert a, List<String> techniques, Instant now) throws SQLException {
        Row r = Row.of(a, techniques);
        ps.setString(1, r.id());
        ps.setString(2, r.ruleId());
        Sql.setText(ps, 3, r.ruleTitle());
        Sql.setText(ps, 4, r.level());
        if (r.levelRank() == null) {
            ps.setNull(5, java.sql.Types.SMALLINT);
        } else {
            ps.setShort(5, r.levelRank());
        }
        Sql.setTime(ps, 6, r.time());
        Sql.setTime(ps, 7, r.firstSeen());
        Sql.setTime(ps, 8, r.lastSeen());
        ps.setLong(9, r.matchCount());
        Sql.setText(ps, 10, r.groupKey());
        ps.setString(11, r.tagsJson());
        ps.setString(12, r.techniquesJson());
        ps.setString(13, r.alertJson());
        Sql.setTime(ps, 14, now);
        Sql.setTime(ps, 15, now);
    }

    /** Adds newly stored alerts to the ATT&CK matrix's counts. */
    private static void countTechniques(Connection c, Map<String, Long> added) throws SQLException {
        if (added.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO technique_counts (technique, alerts) VALUES (?, ?) "
                + "ON CONFLICT (technique) DO UPDATE SET alerts = technique_counts.alerts + excluded.alerts")) {
            for (Map.Entry<String, Long> e : added.entrySet()) {
                ps.setString(1, e.getKey());
                ps.setLong(2, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
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
