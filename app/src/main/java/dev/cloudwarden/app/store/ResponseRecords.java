package dev.cloudwarden.app.store;

import com.fasterxml.jackson.core.type.TypeReference;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Response state, approvals and the append-only audit trail. */
final class ResponseRecords {
    private static final TypeReference<Map<String, String>> OUTPUTS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Object>> PARAMETERS = new TypeReference<>() {
    };
    private static final String UPSERT = """
            INSERT INTO response_steps (response_id, step_key, incident_id, playbook_id, step_id, position, target, action,
                status, outputs_json, error, started_at, finished_at, updated_at) VALUES\s""";
    private static final String ON_CONFLICT = """
             ON CONFLICT (response_id, step_key) DO UPDATE SET position = excluded.position, status = excluded.status,
                outputs_json = excluded.outputs_json, error = excluded.error, started_at = excluded.started_at,
                finished_at = excluded.finished_at, updated_at = excluded.updated_at""";

    private final Connections connections;
    private final Clock clock;

    ResponseRecords(Connections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    List<ResponseStep> steps(String responseId) {
        return connections.read("read a response's steps", c -> {
            List<ResponseStep> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM response_steps WHERE response_id = ? ORDER BY position, step_key")) {
                ps.setString(1, responseId);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.add(step(r));
                    }
                }
            }
            return out;
        });
    }

    List<ResponseStep> stepsOfIncident(String incidentId) {
        return connections.read("read an incident's response steps", c -> {
            List<ResponseStep> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM response_steps WHERE incident_id = ? ORDER BY response_id, position, step_key")) {
                ps.setString(1, incidentId);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.add(step(r));
                    }
                }
            }
            return out;
        });
    }

    /** Saves a step's state and appends {@code audit} (may be null) in one transaction. */
    void save(ResponseStep s, ResponseEvent audit) {
        connections.write("save a response step", c -> {
            Sql.insertRows(c, UPSERT, "(" + Sql.placeholders(14) + ")", List.<Object[]>of(new Object[] {
                    s.responseId(), s.stepKey(), s.incidentId(), s.playbookId(), s.stepId(), s.position(), s.target(),
                    s.action(), s.status(), Sql.json(new java.util.TreeMap<>(s.outputs())), s.error(), s.startedAt(),
                    s.finishedAt(), Sql.micros(clock.instant())}), ON_CONFLICT);
            if (audit != null) {
                append(c, audit);
            }
            return null;
        });
    }

    void approve(ResponseEvent approval) {
        connections.write("approve a response step", c -> {
            Sql.insertRows(c, "INSERT INTO response_approvals (response_id, step_id, approver, approved_at) VALUES ",
                    "(?, ?, ?, ?)", List.<Object[]>of(new Object[] {approval.responseId(), approval.stepId(),
                            approval.actor(), Sql.micros(clock.instant())}), " ON CONFLICT DO NOTHING");
            append(c, approval);
            return null;
        });
    }

    /** The steps of a response that someone approved. */
    Set<String> approvals(String responseId) {
        return connections.read("read a response's approvals", c -> {
            Set<String> out = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT step_id FROM response_approvals WHERE response_id = ?")) {
                ps.setString(1, responseId);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
            }
            return out;
        });
    }

    void append(ResponseEvent line) {
        connections.write("append to the response trail", c -> {
            append(c, line);
            return null;
        });
    }

    private void append(Connection c, ResponseEvent l) throws SQLException {
        long id = Sql.nextId(c, "response_audit_ids");
        Sql.insertRows(c, "INSERT INTO response_audit (id, recorded_at, actor, incident_id, response_id, playbook_id, step_id, "
                        + "target, event, service, operation, parameters_json, request_id, ok, detail) VALUES ",
                "(" + Sql.placeholders(15) + ")", List.<Object[]>of(new Object[] {id, Sql.micros(clock.instant()),
                        l.actor(), l.incidentId(), l.responseId(), l.playbookId(), l.stepId(), l.target(), l.event(),
                        l.service(), l.operation(), l.parameters() == null ? null : Sql.json(l.parameters()),
                        l.requestId(), l.ok(), l.detail()}), "");
    }

    /** An incident's trail, oldest first. */
    List<ResponseAuditEntry> trail(String incidentId) {
        return connections.read("read a response trail", c -> {
            List<ResponseAuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM response_audit WHERE incident_id = ? ORDER BY id")) {
                ps.setString(1, incidentId);
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        String params = r.getString("parameters_json");
                        Object ok = r.getObject("ok");
                        out.add(new ResponseAuditEntry(r.getLong("id"), Sql.instant(r, "recorded_at"), r.getString("actor"),
                                r.getString("incident_id"), r.getString("response_id"), r.getString("playbook_id"),
                                r.getString("step_id"), r.getString("target"), r.getString("event"),
                                r.getString("service"), r.getString("operation"),
                                params == null ? null : read(params, PARAMETERS), r.getString("request_id"),
                                ok == null ? null : (Boolean) ok, r.getString("detail")));
                    }
                }
            }
            return out;
        });
    }

    private static ResponseStep step(ResultSet r) throws SQLException {
        return new ResponseStep(r.getString("response_id"), r.getString("step_key"), r.getString("incident_id"),
                r.getString("playbook_id"), r.getString("step_id"), r.getInt("position"), r.getString("target"),
                r.getString("action"), r.getString("status"), read(r.getString("outputs_json"), OUTPUTS),
                r.getString("error"), Sql.instant(r, "started_at"), Sql.instant(r, "finished_at"));
    }

    private static <T> T read(String json, TypeReference<T> type) {
        try {
            return Sql.JSON.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new StoreException("a malformed response record in the store: " + e.getOriginalMessage(), e);
        }
    }
}
