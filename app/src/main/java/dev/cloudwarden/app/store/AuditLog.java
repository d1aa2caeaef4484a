package dev.cloudwarden.app.store;

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

/** The audit log: every change written in the transaction of the change itself, and its listing. */
final class AuditLog {
    /** Newest change first: ids rise with time. */
    private static final ListOrder ORDER = new ListOrder("audit",
            List.of(new ListOrder.Key("id", "id", ListOrder.Kind.NUMBER)));
    private final Connections connections;
    private final Clock clock;

    AuditLog(Connections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
    }

    /** Writes one audit row on {@code c} (inside the change's transaction); returns its id. */
    long record(Connection c, String actor, String action, TargetKind kind, String targetId, Object before, Object after)
            throws SQLException {
        requireActor(actor);
        long id = Sql.nextId(c, "audit_ids");
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (id, changed_at, actor, action, target_kind, target_id, "
                + "before_json, after_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, id);
            Sql.setTime(ps, 2, clock.instant());
            ps.setString(3, actor);
            ps.setString(4, action);
            ps.setString(5, kind.id());
            ps.setString(6, targetId);
            Sql.setText(ps, 7, before == null ? null : Sql.json(before));
            Sql.setText(ps, 8, after == null ? null : Sql.json(after));
            ps.executeUpdate();
        }
        return id;
    }

    static void requireActor(String actor) {
        if (actor == null || actor.isBlank()) {
            throw new IllegalArgumentException("every change needs an actor (who made it)");
        }
    }

    /** A triage state as the audit log shows it. */
    static Map<String, Object> json(TriageState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", s.status().id());
        m.put("assignee", s.assignee());
        m.put("tags", s.tags());
        return m;
    }

    Page<AuditEntry> list(TargetKind kind, String targetId, int limit, String cursor) {
        if (limit < 1 || limit > AlertQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + AlertQuery.MAX_LIMIT + ": " + limit);
        }
        if (targetId != null && kind == null) {
            throw new IllegalArgumentException("a target id needs its kind");
        }
        List<Object> params = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (kind != null) {
            where.append(" AND target_kind = ?");
            params.add(kind.id());
        }
        if (targetId != null) {
            where.append(" AND target_id = ?");
            params.add(targetId);
        }
        if (cursor != null) {
            where.append(" AND id < ?");
            params.add(Cursor.decode(cursor, ORDER).values().get(0));
        }
        params.add(limit + 1);
        String sql = "SELECT * FROM audit_log" + where + " ORDER BY id DESC LIMIT ?";
        List<AuditEntry> rows = connections.read("list the audit log", c -> query(c, sql, params));
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        AuditEntry last = rows.get(limit - 1);
        return new Page<>(rows.subList(0, limit), new Cursor(ORDER.name(), List.of(last.id())).encode());
    }

    /** The changes to one target, oldest first (an incident's timeline). */
    static List<AuditEntry> of(Connection c, TargetKind kind, String targetId) throws SQLException {
        return query(c, "SELECT * FROM audit_log WHERE target_kind = ? AND target_id = ? ORDER BY id",
                List.of(kind.id(), targetId));
    }

    private static List<AuditEntry> query(Connection c, String sql, List<Object> params) throws SQLException {
        List<AuditEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Sql.bind(ps, params);
            try (ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(new AuditEntry(r.getLong("id"), Sql.instant(r, "changed_at"), r.getString("actor"), r.getString("action"),
                            TargetKind.parse(r.getString("target_kind")).orElseThrow(), r.getString("target_id"),
                            r.getString("before_json"), r.getString("after_json")));
                }
            }
        }
        return out;
    }
}
