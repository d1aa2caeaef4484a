package dev.cloudwarden.app.store;

import java.util.Locale;
import java.util.Optional;

/** What a comment, a triage change or an audit row is about. */
public enum TargetKind {
    ALERT, INCIDENT, COMMENT, TOKEN, SUPPRESSION, HUNT, RULE, USER;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<TargetKind> parse(String id) {
        for (TargetKind k : values()) {
            if (k.id().equals(id)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
