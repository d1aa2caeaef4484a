package dev.cloudwarden.engine.posture.map;

import java.util.List;
import java.util.Set;

/**
 * A detection as the map sees it: its name (null when it has none), title, tags, and the telemetry sources that can
 * feed it ({@code cloudtrail}, {@code vpcflow} ... : the ids of the engine's source types).
 */
public record DetectionRule(String name, String title, List<String> tags, Set<String> fedBy) {
    public DetectionRule {
        tags = List.copyOf(tags);
        fedBy = Set.copyOf(fedBy);
    }
}
