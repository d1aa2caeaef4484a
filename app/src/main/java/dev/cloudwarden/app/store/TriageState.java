package dev.cloudwarden.app.store;

import java.util.List;
import java.util.Objects;

/**
 * What analysts set on an alert or incident; the engine never changes it.
 *
 * @param assignee null when nobody is assigned
 * @param tags     the analysts' tags (not the rule's), in the order given, without duplicates
 */
public record TriageState(TriageStatus status, String assignee, List<String> tags) {
    public static final TriageState INITIAL = new TriageState(TriageStatus.NEW, null, List.of());

    public TriageState {
        Objects.requireNonNull(status, "status");
        tags = List.copyOf(new java.util.LinkedHashSet<>(tags));
    }

    /** This state with {@code patch} applied. */
    public TriageState with(TriagePatch patch) {
        return new TriageState(patch.status() != null ? patch.status() : status,
                patch.changesAssignee() ? patch.assignee() : assignee,
                patch.tags() != null ? patch.tags() : tags);
    }
}
