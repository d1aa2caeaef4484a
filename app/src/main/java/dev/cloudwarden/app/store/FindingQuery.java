package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.Entity;

/**
 * A filter over the stored posture findings, read most severe first, then most recently seen.
 *
 * @param status      open, suppressed or resolved; null for open and suppressed (what still fails)
 * @param minSeverity this severity or above; null for all
 * @param layer       one responsibility layer ({@code iaas}, {@code containers} ...); null for all
 * @param checkId     one check; null for all
 * @param entity      findings of a resource that is this entity; null for all
 * @param cursor      {@link Page#next()} of the previous page, or null
 */
public record FindingQuery(String status, Level minSeverity, String layer, String checkId, Entity entity, int limit,
                           String cursor) {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public FindingQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
        }
        if (status != null && !status.equals(StoredFinding.OPEN) && !status.equals(StoredFinding.SUPPRESSED)
                && !status.equals(StoredFinding.RESOLVED)) {
            throw new IllegalArgumentException("status must be open, suppressed or resolved: " + status);
        }
    }

    /** Every finding that still fails, first page. */
    public static FindingQuery failing() {
        return new FindingQuery(null, null, null, null, null, DEFAULT_LIMIT, null);
    }

    public FindingQuery withStatus(String s) {
        return new FindingQuery(s, minSeverity, layer, checkId, entity, limit, cursor);
    }

    public FindingQuery withMinSeverity(Level l) {
        return new FindingQuery(status, l, layer, checkId, entity, limit, cursor);
    }

    public FindingQuery withLayer(String l) {
        return new FindingQuery(status, minSeverity, l, checkId, entity, limit, cursor);
    }

    public FindingQuery withCheck(String id) {
        return new FindingQuery(status, minSeverity, layer, id, entity, limit, cursor);
    }

    public FindingQuery withEntity(Entity e) {
        return new FindingQuery(status, minSeverity, layer, checkId, e, limit, cursor);
    }

    public FindingQuery withLimit(int n) {
        return new FindingQuery(status, minSeverity, layer, checkId, entity, n, cursor);
    }

    public FindingQuery withCursor(String c) {
        return new FindingQuery(status, minSeverity, layer, checkId, entity, limit, c);
    }
}
