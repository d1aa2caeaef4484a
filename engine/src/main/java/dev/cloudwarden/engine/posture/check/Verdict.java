package dev.cloudwarden.engine.posture.check;

import java.util.Locale;

/** What a check says of one resource. */
public enum Verdict {
    PASS,
    FAIL,
    /** The verdict depends on a value the configuration does not give (an unresolved variable, a computed id). */
    UNKNOWN,
    /** The check does not look at this resource (its {@code applies} condition is false): no finding. */
    NOT_APPLICABLE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
