package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.Entity;

import java.time.Instant;

/**
 * Which incidents to list, and in which order (newest first by their first alert, unless sorted otherwise): every
 * filter that is null does not filter. Start from {@link #all()} and narrow with the {@code with...} methods.
 *
 * @param from        incidents whose first alert is at or after this time
 * @param to          incidents whose first alert is before this time
 * @param minSeverity incidents of this severity or above
 * @param entity      incidents naming this entity
 * @param alertId     incidents holding this alert
 * @param limit       page size, 1 to {@value AlertQuery#MAX_LIMIT}
 * @param sort        the order, never null
 * @param cursor      {@link Page#next()} of the previous page (in the same order); null for the first page
 */
public record IncidentQuery(Instant from, Instant to, Level minSeverity, Entity entity, TriageStatus status,
                            String technique, String alertId, IncidentSort sort, int limit, String cursor) {
    public IncidentQuery {
        java.util.Objects.requireNonNull(sort, "sort");
        if (limit < 1 || limit > AlertQuery.MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + AlertQuery.MAX_LIMIT + ": " + limit);
        }
    }

    public static IncidentQuery all() {
        return new IncidentQuery(null, null, null, null, null, null, null, IncidentSort.FIRST, AlertQuery.DEFAULT_LIMIT, null);
    }

    public IncidentQuery withTime(Instant from, Instant to) {
        return new IncidentQuery(from, to, minSeverity, entity, status, technique, alertId, sort, limit, cursor);
    }

    public IncidentQuery withMinSeverity(Level level) {
        return new IncidentQuery(from, to, level, entity, status, technique, alertId, sort, limit, cursor);
    }

    public IncidentQuery withEntity(Entity e) {
        return new IncidentQuery(from, to, minSeverity, e, status, technique, alertId, sort, limit, cursor);
    }

    public IncidentQuery withStatus(TriageStatus s) {
        return new IncidentQuery(from, to, minSeverity, entity, s, technique, alertId, sort, limit, cursor);
    }

    public IncidentQuery withTechnique(String t) {
        return new IncidentQuery(from, to, minSeverity, entity, status, t, alertId, sort, limit, cursor);
    }

    public IncidentQuery withLimit(int n) {
        return new IncidentQuery(from, to, minSeverity, entity, status, technique, alertId, sort, n, cursor);
    }

    public IncidentQuery after(String pageCursor) {
        return new IncidentQuery(from, to, minSeverity, entity, status, technique, alertId, sort, limit, pageCursor);
    }

    /** Sorted by {@code s}; a cursor of another order does not carry over, so the list starts again from the top. */
    public IncidentQuery sortedBy(IncidentSort s) {
        return new IncidentQuery(from, to, minSeverity, entity, status, technique, alertId, s, limit,
                s == sort ? cursor : null);
    }

    public IncidentQuery withAlert(String id) {
        return new IncidentQuery(from, to, minSeverity, entity, status, technique, id, sort, limit, cursor);
    }
}
