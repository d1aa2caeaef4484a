package dev.cloudwarden.app.store;

import dev.cloudwarden.engine.alert.Level;
import dev.cloudwarden.engine.incident.Entity;

import java.time.Instant;
import java.util.List;

/**
 * A posture finding as the store keeps it across scans.
 *
 * @param status            open, suppressed (a failure someone accepted) or resolved (a later scan saw it pass, or
 *                          its resource gone)
 * @param suppressionReason why it is accepted; null unless suppressed
 * @param resolvedAt        when a scan saw it resolved; null while it fails
 * @param entities          the entities its resource is (what joins it to incidents)
 * @param findingJson       the CLI's JSON of the finding at its latest failure
 */
public record StoredFinding(String id, String checkId, String title, Level severity, String framework,
                            String resourceType, String resource, String file, int line, String layer, String owner,
                            String status, String suppressionReason, Instant firstSeen, Instant lastSeen,
                            Instant resolvedAt, long lastScan, List<Entity> entities, String findingJson) {
    public StoredFinding {
        entities = List.copyOf(entities);
    }

    public static final String OPEN = "open";
    public static final String SUPPRESSED = "suppressed";
    public static final String RESOLVED = "resolved";
}
