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
                List<String> techniques = List.copyOf(Classification.techniques(a.tags()));
                bindRow(row, a, techniques, now);
                row.addBatch();
                for (Entity e : ENTITIES.entities(a)) {
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

    private static void bindRow(PreparedStatement ps, Alert a, List<String> techniques, Instant now) throws SQLException {
        Alert.Occurrences o = a.occurrences();
        ps.setString(1, a.id());
        ps.setString(2, a.ruleId());
        Sql.setText(ps, 3, a.ruleTitle());
        Sql.setText(ps, 4, a.level() == null ? null : a.level().id());
        if (a.level() == null) {
            ps.setNull(5, java.sql.Types.SMALLINT);
        } else {
            ps.setShort(5, (short) a.level().ordinal());
        }
        Sql.setTime(ps, 6, a.time());
        Sql.setTime(ps, 7, o.firstSeen());
        Sql.setTime(ps, 8, o.lastSeen());
        ps.setLong(9, o.count());
        Sql.setText(ps, 10, o.groupKey());
        ps.setString(11, Sql.jsonList(a.tags()));
        ps.setString(12, Sql.jsonList(techniques));
        ps.setString(13, json(a));
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
