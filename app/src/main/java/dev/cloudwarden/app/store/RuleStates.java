package dev.cloudwarden.app.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Rules switched off and on in the store, each switch audited with the state before and after. */
final class RuleStates {
    private final Connections connections;
    private final AuditLog audit;
    private final Clock clock;

    RuleStates(Connections connections, AuditLog audit, Clock clock) {
        this.connections = connections;
        this.audit = audit;
        this.clock = clock;
    }

    RuleState set(String actor, String ruleId, boolean enabled, String reason) {
        AuditLog.requireActor(actor);
        if (ruleId == null || ruleId.isBlank()) {
            throw new IllegalArgumentException("a rule id is required");
        }
        return connections.write("switch a rule", c -> {
            RuleState was = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM rule_states WHERE rule_id = ?")) {
                ps.setString(1, ruleId);
                try (ResultSet r = ps.executeQuery()) {
                    if (r.next()) {
                        was = state(r);
                    }
                }
            }
            RuleState now = new RuleState(ruleId, enabled, reason, actor, Sql.micros(clock.instant()));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rule_states (rule_id, enabled, reason, changed_by, "
                    + "changed_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (rule_id) DO UPDATE SET enabled = excluded.enabled, "
                    + "reason = excluded.reason, changed_by = excluded.changed_by, changed_at = excluded.changed_at")) {
                ps.setString(1, ruleId);
                ps.setBoolean(2, enabled);
                ps.setString(3, reason);
                ps.setString(4, actor);
                Sql.setTime(ps, 5, now.changedAt());
                ps.executeUpdate();
            }
            // a rule never switched runs: that is its state before the first switch
            audit.record(c, actor, enabled ? "rule.enable" : "rule.disable", TargetKind.RULE, ruleId,
                    json(was != null ? was.enabled() : true, was != null ? was.reason() : null), json(enabled, reason));
            return now;
        });
    }

    List<RuleState> all() {
        return connections.read("list rule states", c -> {
            List<RuleState> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM rule_states ORDER BY rule_id");
                 ResultSet r = ps.executeQuery()) {
                while (r.next()) {
                    out.add(state(r));
                }
            }
            return out;
        });
    }

    private static RuleState state(ResultSet r) throws java.sql.SQLException {
        return new RuleState(r.getString("rule_id"), r.getBoolean("enabled"), r.getString("reason"),
                r.getString("changed_by"), Sql.instant(r, "changed_at"));
    }

    private static Map<String, Object> json(boolean enabled, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enabled", enabled);
        m.put("reason", reason);
        return m;
    }
}
