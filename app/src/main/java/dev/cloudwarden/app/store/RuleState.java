package dev.cloudwarden.app.store;

import java.time.Instant;
import java.util.Objects;

/** A rule an analyst switched off or on again, with why, by whom and when. */
public record RuleState(String ruleId, boolean enabled, String reason, String changedBy, Instant changedAt) {
    public RuleState {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(changedBy, "changedBy");
        Objects.requireNonNull(changedAt, "changedAt");
    }
}
