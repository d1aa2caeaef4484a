package dev.cloudwarden.engine.sigma.coverage;

import dev.cloudwarden.engine.event.SourceType;
import dev.cloudwarden.engine.alert.Level;

import java.util.Set;

/**
 * A detection or correlation rule as coverage lists it.
 *
 * @param id          its key: the rule's id, or {@code file#title} when it has none
 * @param level       null when the rule declares none
 * @param correlation whether it is a correlation rule
 * @param fedBy       the parsed sources that feed it; for a correlation, those feeding the rules it counts
 */
public record CoveringRule(String id, String title, Level level, boolean correlation, Set<SourceType> fedBy) {
    public CoveringRule {
        fedBy = Set.copyOf(fedBy);
    }

    public boolean fed() {
        return !fedBy.isEmpty();
    }
}
