package dev.cloudwarden.app.store;

import java.util.Locale;
import java.util.Optional;

/**
 * What an API token may do, in rising order: each role may do everything the roles before it may. Viewers read;
 * analysts triage and comment; responders also run responses; admins also manage tokens, suppressions and settings.
 */
public enum Role {
    VIEWER, ANALYST, RESPONDER, ADMIN;

    /** Whether this role may do what {@code required} may. */
    public boolean allows(Role required) {
        return compareTo(required) >= 0;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String id) {
        for (Role r : values()) {
            if (r.id().equals(id)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
