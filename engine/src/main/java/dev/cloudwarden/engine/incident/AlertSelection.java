package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.alert.Level;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Which alerts form incidents: those at {@code threshold} and above, and CloudWarden's own low-level signatures
 * (rules curated for the threat catalog, tagged {@code cloudwarden.*}), but not community hunting rules below
 * the threshold, which fire on routine activity (SigmaHQ's AssumeRole rule matches every assumed-role call).
 * Informational alerts never form incidents.
 */
public record AlertSelection(Level threshold) implements Predicate<Alert> {
    public static final Level DEFAULT_THRESHOLD = Level.MEDIUM;

    public AlertSelection {
        Objects.requireNonNull(threshold, "threshold");
    }

    public static AlertSelection defaults() {
        return new AlertSelection(DEFAULT_THRESHOLD);
    }

    @Override
    public boolean test(Alert a) {
        if (a.level() == null) {
            return false;
        }
        if (a.level().compareTo(threshold) >= 0) {
            return true;
        }
        boolean curated = a.tags().stream().anyMatch(t -> t.startsWith("cloudwarden."));
        return curated && a.level().compareTo(Level.LOW) >= 0;
    }
}
