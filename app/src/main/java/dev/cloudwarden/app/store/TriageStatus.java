package dev.cloudwarden.app.store;

import java.util.Locale;
import java.util.Optional;

/** Where an analyst has an alert or incident: every one starts {@link #NEW}. */
public enum TriageStatus {
    NEW, ACKNOWLEDGED, IN_PROGRESS, RESOLVED, FALSE_POSITIVE;

    /** The id the API and the store use: {@code in_progress}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TriageStatus> parse(String id) {
        for (TriageStatus s : values()) {
            if (s.id().equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    static TriageStatus of(String stored) {
        return parse(stored).orElseThrow(() -> new StoreException("unknown triage status in the store: " + stored));
    }
}
