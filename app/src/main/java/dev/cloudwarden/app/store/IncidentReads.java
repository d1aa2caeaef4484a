package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.incident.Entity;
import dev.cloudwarden.engine.incident.EntityType;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Incident lists, facets, and one incident with its alerts, entities and timeline. */
final class IncidentReads {
    private static final String COLUMNS = "i.*";
    /**
     * A list's columns: all but the engine's incident JSON (tens of kilobytes for a large incident, with every
     * alert), which one incident's read carries; a list row has it null.
     */
    private static final String LIST_COLUMNS = "i.id, i.first_at, i.last_at, i.severity, i.severity_rank, i.score, i.alert_count, "
            + "i.initial_access_json, i.actions_json, i.malware_json, i.motive, i.techniques_json, i.tactics_json, "
            + "CAST(NULL AS VARCHAR) AS incident_json, i.engine_state, i.status, i.assignee, i.triage_tags_json, "
            + "i.updated_at";
    private static final int FACET_VALUES = 100;
    private static final List<FacetQuery.Field> FACETS = List.of(new FacetQuery.Field("severity", "", "i.severity"),
            new FacetQuery.Field("status", "", "i.status"), new FacetQuery.Field("motive", "", "i.motive"),
            new FacetQuery.Field("technique", " JOIN incident_techniques ft ON ft.incident_id = i.id", "ft.technique"));

    private final Connections connections;

    IncidentReads(Connections connections) {
        this.connections = connections;
    }

    static Filter filter(IncidentQuery q) {
        Filter f = new Filter("incidents i", "i.first_at", "i.id").timeRange(q.from(), q.to());
        if (q.entity() != null) {
            f.where("EXISTS (SELECT 1 FROM incident_entities e WHERE e.incident_id = i.id AND e.entity_type = ? "
                    + "AND e.entity_value = ?)", q.entity().type().id(), q.entity().value());
        }
        if (q.technique() != null) {
            f.where("EXISTS (SELECT 1 FROM incident_techniques t WHERE t.incident_id = i.id AND t.technique = ?)", q.technique());
        }
        if (q.alertId() != null) {
            f.where("EXISTS (SELECT 1 FROM incident_alerts ia WHERE ia.incident_id = i.id AND ia.alert_id = ?)", q.alertId());
        }
        if (q.minSeverity() != null) {
            f.where("i.severity_rank >= ?", q.minSeverity().ordinal());
        }
        if (q.status() != null) {
            f.where("i.status = ?", q.status().id());
        }
        return f;
    }

    Page<StoredIncident> list(IncidentQuery q) {
        Filter f = filter(q);
        return connections.read("list incidents", c -> f.page(c, LIST_COLUMNS, q.sort().order(), q.limit(), q.cursor(),
                IncidentReads::row));
    }

    Facets facets(IncidentQuery q, int first) {
        return connections.read("count incidents", c -> FacetQuery.count(c, filter(q), q.sort().order(), "i",
                LIST_COLUMNS, FACETS, first, FACET_VALUES));
    }

    Optional<IncidentDetail> detail(String id) {
        return connections.read("read an incident", c -> {
            Optional<StoredIncident> incident = one(c, id);
            if (incident.isEmpty()) {
                return Optional.empty();
            }
            List<StoredAlert> alerts = AlertReads.ofIncident(c, id);
            return Optional.of(new IncidentDetail(incident.get(), alerts, entities(c, id), timeline(c, id, alerts), List.of(), List.of(), List.of()));
        });
    }

    private static Optional<StoredIncident> one(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM incidents i WHERE i.id = ?")) {
            ps.setString(1, id);
            try (ResultSet r = ps.executeQuery()) {
                return r.next() ? Optional.of(row(r)) : Optional.empty();
            }
        }
    }

    private static List<Entity> entities(Connection c, String id) throws SQLException {
        List<Entity> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT entity_type, entity_value FROM incident_entities WHERE incident_id = ?")) {
            ps.setString(1, id);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new Entity(entityType(r.getString(1)), r.getString(2)));
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    static EntityType entityType(String id) {
        try {
            return EntityType.valueOf(id.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new StoreException("unknown entity type in the store: " + id, e);
        }
    }

    /** Alerts at their first match, comments, and audited changes of the incident, oldest first. */
    private static List<IncidentDetail.TimelineEntry> timeline(Connection c, String id, List<StoredAlert> alerts)
            throws SQLException {
        List<IncidentDetail.TimelineEntry> out = new ArrayList<>();
        for (StoredAlert a : alerts) {
            out.add(new IncidentDetail.TimelineEntry(a.firstSeen(), "alert", a.id(), null,
                    a.ruleTitle() != null ? a.ruleTitle() : a.ruleId()));
        }
        for (Comment m : Comments.of(c, TargetKind.INCIDENT, id)) {
            out.add(new IncidentDetail.TimelineEntry(m.created(), "comment", Long.toString(m.id()), m.author(), m.body()));
        }
        for (AuditEntry e : AuditLog.of(c, TargetKind.INCIDENT, id)) {
            out.add(new IncidentDetail.TimelineEntry(e.at(), "audit", Long.toString(e.id()), e.actor(), e.action()));
        }
        out.sort(Comparator.comparing(IncidentDetail.TimelineEntry::at));
        return out;
    }

    static StoredIncident row(ResultSet r) throws SQLException {
        return new StoredIncident(r.getString("id"), Sql.instant(r, "first_at"), Sql.instant(r, "last_at"),
                Sql.level(r.getString("severity")), r.getInt("score"), r.getInt("alert_count"),
                Sql.list(r.getString("initial_access_json")), Sql.list(r.getString("actions_json")),
                Sql.list(r.getString("malware_json")), r.getString("motive"), Sql.list(r.getString("techniques_json")),
                Sql.list(r.getString("tactics_json")), "open".equals(r.getString("engine_state")),
                r.getString("incident_json"), Triage.state(r), Sql.instant(r, "updated_at"));
    }
}
