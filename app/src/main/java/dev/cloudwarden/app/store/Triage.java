package dev.cloudwarden.app.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Triage changes on alerts and incidents, singly or in bulk: all or nothing, an audit row per changed target. */
final class Triage {
    /** Ids per statement: well below PostgreSQL's 65,535 parameters. */
    private static final int CHUNK = 1000;

    private final Connections connections;
    private final AuditLog audit;
    private final Clock clock;

    Triage(Connections connections, AuditLog audit, Clock clock) {
        this.connections = connections;
        this.audit = audit;
        this.clock = clock;
    }

    static String table(TargetKind kind) {
        return switch (kind) {
            case ALERT -> "alerts";
            case INCIDENT -> "incidents";
            default -> throw new IllegalArgumentException("only alerts and incidents are triaged, not " + kind.id());
        };
    }

    /**
     * Applies {@code patch} to every target of {@code ids}. A target whose state does not change gets no audit
     * row ({@link TriageResult#auditId()} 0). Unknown ids fail the whole change.
     */
    List<TriageResult> apply(String actor, TargetKind kind, java.util.Collection<String> ids, TriagePatch patch) {
        AuditLog.requireActor(actor);
        if (patch.isEmpty()) {
            throw new IllegalArgumentException("a triage change must set a status, an assignee or tags");
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        String table = table(kind);
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        return connections.write("triage " + table, c -> {
            Map<String, TriageState> before = states(c, table, unique);
            if (before.size() < unique.size()) {
                List<String> missing = unique.stream().filter(id -> !before.containsKey(id)).toList();
                throw new StoreException.NotFound(kind, missing);
            }
            List<TriageResult> results = new ArrayList<>(unique.size());
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
                    + " SET status = ?, assignee = ?, triage_tags_json = ?, updated_at = ? WHERE id = ?")) {
                for (String id : unique) {
                    TriageState was = before.get(id);
                    TriageState now = was.with(patch);
                    if (now.equals(was)) {
                        results.add(new TriageResult(id, was, now, 0));
                        continue;
                    }
                    ps.setString(1, now.status().id());
                    Sql.setText(ps, 2, now.assignee());
                    ps.setString(3, Sql.jsonList(now.tags()));
                    Sql.setTime(ps, 4, clock.instant());
                    ps.setString(5, id);
                    ps.executeUpdate();
                    long auditId = audit.record(c, actor, kind.id() + ".triage", kind, id, AuditLog.json(was), AuditLog.json(now));
                    results.add(new TriageResult(id, was, now, auditId));
                }
            }
            return results;
        });
    }

    /** The triage state of each of {@code ids} that exists in {@code table}. */
    static Map<String, TriageState> states(Connection c, String table, List<String> ids) throws SQLException {
        Map<String, TriageState> out = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            try (PreparedStatement ps = c.prepareStatement("SELECT id, status, assignee, triage_tags_json FROM " + table
                    + " WHERE id IN (" + Sql.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet r = ps.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), state(r));
                    }
                }
            }
        }
        return out;
    }

    /** The triage columns of the current row. */
    static TriageState state(ResultSet r) throws SQLException {
        return new TriageState(TriageStatus.of(r.getString("status")), r.getString("assignee"),
                Sql.list(r.getString("triage_tags_json")));
    }

    /** Whether each of {@code ids} exists in {@code table}: the ids that do not. */
    static Set<String> missing(Connection c, String table, List<String> ids) throws SQLException {
        Set<String> missing = new LinkedHashSet<>(ids);
        missing.removeAll(states(c, table, ids).keySet());
        return missing;
    }
}
