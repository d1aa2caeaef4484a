package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.Entity;

import java.time.Instant;

/**
 * Which alerts to list, newest first: every field that is null does not filter. Start from {@link #all()} and
 * narrow with the {@code with...} methods.
 *
 * @param from     alerts at or after this time (the alert's time: its first match)
 * @param to       alerts before this time
 * @param minLevel alerts of this level or above (alerts without a level are left out when it is set)
 * @param entity   alerts naming this entity (principal, ip, access-key...)
 * @param limit    page size, 1 to {@value #MAX_LIMIT}
 * @param cursor   {@link Page#next()} of the previous page; null for the first page
 */
public record AlertQuery(Instant from, Instant to, Level minLevel, String ruleId, Entity entity, TriageStatus status,
                         String technique, int limit, String cursor) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public AlertQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
        }
    }

    public static AlertQuery all() {
        return new AlertQuery(null, null, null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    public AlertQuery withTime(Instant from, Instant to) {
        return new AlertQuery(from, to, minLevel, ruleId, entity, status, technique, limit, cursor);
    }

    public AlertQuery withMinLevel(Level level) {
        return new AlertQuery(from, to, level, ruleId, entity, status, technique, limit, cursor);
    }

    public AlertQuery withRule(String rule) {
        return new AlertQuery(from, to, minLevel, rule, entity, status, technique, limit, cursor);
    }

    public AlertQuery withEntity(Entity e) {
        return new AlertQuery(from, to, minLevel, ruleId, e, status, technique, limit, cursor);
    }

    public AlertQuery withStatus(TriageStatus s) {
        return new AlertQuery(from, to, minLevel, ruleId, entity, s, technique, limit, cursor);
    }

    public AlertQuery withTechnique(String t) {
        return new AlertQuery(from, to, minLevel, ruleId, entity, status, t, limit, cursor);
    }

    public AlertQuery withLimit(int n) {
        return new AlertQuery(from, to, minLevel, ruleId, entity, status, technique, n, cursor);
    }

    public AlertQuery after(String pageCursor) {
        return new AlertQuery(from, to, minLevel, ruleId, entity, status, technique, limit, pageCursor);
    }
}
