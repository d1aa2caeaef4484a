package dev.cloudwarden.app.store;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.incident.Classification;
import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.ExposedBytes;
import dev.cloudwarden.engine.incident.Incident;
import dev.cloudwarden.engine.incident.IncidentCodec;
import dev.cloudwarden.engine.incident.IncidentUpdate;
import dev.cloudwarden.engine.incident.Tactic;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps incidents current from the engine's updates. The engine's columns and an incident's alerts, entities and
 * techniques follow its latest update; triage columns are never written by the engine, except that a merge
 * carries the merged-away incident's triage to the incident that absorbed it (see {@link #merge}).
 */
final class IncidentWrites {
    static final String ENGINE = "engine";

    private static final String UPSERT = """
            INSERT INTO incidents (id, first_at, last_at, severity, severity_rank, score, alert_count, initial_access_json,
                actions_json, malware_json, motive, techniques_json, tactics_json, incident_json, engine_state, bytes_exposed,
                status, assignee, triage_tags_json, stored_at, updated_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', NULL, '[]', ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                first_at = excluded.first_at, last_at = excluded.last_at, severity = excluded.severity,
                severity_rank = excluded.severity_rank, score = excluded.score, alert_count = excluded.alert_count,
                initial_access_json = excluded.initial_access_json, actions_json = excluded.actions_json,
                malware_json = excluded.malware_json, motive = excluded.motive, techniques_json = excluded.techniques_json,
                tactics_json = excluded.tactics_json, incident_json = excluded.incident_json,
                engine_state = excluded.engine_state, bytes_exposed = excluded.bytes_exposed, updated_at = excluded.updated_at""";

    private IncidentWrites() {
    }

    /** An opened, updated or closed incident: its row and its alerts, entities and techniques as they now are. */
    static void upsert(Connection c, IncidentUpdate u, Instant now) throws SQLException {
        Incident i = u.incident();
        Classification k = i.classification();
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setString(1, i.id());
            Sql.setTime(ps, 2, i.first());
            Sql.setTime(ps, 3, i.last());
            ps.setString(4, i.severity().id());
            ps.setShort(5, (short) i.severity().ordinal());
            ps.setInt(6, i.score());
            ps.setInt(7, i.size());
            ps.setString(8, Sql.jsonList(k.initialAccess()));
            ps.setString(9, Sql.jsonList(k.actions()));
            ps.setString(10, Sql.jsonList(k.malware()));
            ps.setString(11, k.motive().id());
            ps.setString(12, Sql.jsonList(i.techniques()));
            ps.setString(13, Sql.jsonList(i.tactics().stream().map(Tactic::id).toList()));
            ps.setString(14, json(u));
            ps.setString(15, u.kind() == IncidentUpdate.Kind.CLOSED ? "closed" : "open");
            ps.setLong(16, ExposedBytes.of(i).bytes());
            Sql.setTime(ps, 17, now);
            Sql.setTime(ps, 18, now);
            ps.executeUpdate();
        }
        deleteChildren(c, i.id());
        // many rows to a statement: the DuckDB driver runs a JDBC batch one statement per row
        List<Object[]> alertRows = new ArrayList<>();
        int position = 0;
        for (Alert a : i.alerts()) {
            alertRows.add(new Object[] {i.id(), a.id(), position++});
        }
        Sql.insertRows(c, "INSERT INTO incident_alerts (incident_id, alert_id, position) VALUES ", "(?, ?, ?)",
                alertRows, " ON CONFLICT DO NOTHING");
        Sql.insertRows(c, "INSERT INTO incident_entities (incident_id, entity_type, entity_value) VALUES ",
                "(?, ?, ?)", i.entities().stream().map(e -> new Object[] {i.id(), e.type().id(), e.value()}).toList(),
                " ON CONFLICT DO NOTHING");
        Sql.insertRows(c, "INSERT INTO incident_techniques (incident_id, technique) VALUES ", "(?, ?)",
                i.techniques().stream().map(t -> new Object[] {i.id(), t}).toList(), " ON CONFLICT DO NOTHING");
    }

    /**
     * An incident merged into another: it is removed, its comments move to the absorbing incident, and its triage
     * is carried over: all of it when the absorbing incident has none yet (new, unassigned, untagged), else its
     * tags are added and its assignee fills an empty one. Both changes are audited with the actor {@code engine}.
     */
    static void merge(Connection c, IncidentUpdate u, AuditLog audit) throws SQLException {
        String from = u.id();
        String into = u.mergedInto();
        Map<String, TriageState> states = Triage.states(c, "incidents", List.of(from, into));
        TriageState was = states.get(from);
        deleteChildren(c, from);
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM incidents WHERE id = ?")) {
            ps.setString(1, from);
            ps.executeUpdate();
        }
        Comments.move(c, TargetKind.INCIDENT, from, into);
        audit.record(c, ENGINE, "incident.merged", TargetKind.INCIDENT, from,
                was == null ? null : AuditLog.json(was), Map.of("merged_into", into));
        TriageState target = states.get(into);
        if (was == null || target == null || was.equals(TriageState.INITIAL)) {
            return;
        }
        TriageState carried = target.equals(TriageState.INITIAL) ? was : union(target, was);
        if (carried.equals(target)) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE incidents SET status = ?, assignee = ?, triage_tags_json = ? WHERE id = ?")) {
            ps.setString(1, carried.status().id());
            Sql.setText(ps, 2, carried.assignee());
            ps.setString(3, Sql.jsonList(carried.tags()));
            ps.setString(4, into);
            ps.executeUpdate();
        }
        audit.record(c, ENGINE, "incident.triage", TargetKind.INCIDENT, into, AuditLog.json(target), AuditLog.json(carried));
    }

    private static TriageState union(TriageState target, TriageState merged) {
        Set<String> tags = new LinkedHashSet<>(target.tags());
        tags.addAll(merged.tags());
        return new TriageState(target.status(), target.assignee() != null ? target.assignee() : merged.assignee(),
                List.copyOf(tags));
    }

    private static void deleteChildren(Connection c, String incidentId) throws SQLException {
        for (String table : List.of("incident_alerts", "incident_entities", "incident_techniques")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE incident_id = ?")) {
                ps.setString(1, incidentId);
                ps.executeUpdate();
            }
        }
    }

    /** The update as the engine's codec writes it (its alerts without raw records: those are on the alerts). */
    private static String json(IncidentUpdate u) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = Sql.JSON.getFactory().createGenerator(out)) {
            IncidentCodec.write(u, g, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write incident " + u.id() + " as JSON", e);
        }
        return out.toString();
    }
}
