package dev.cloudwarden.app.store;

import java.time.Instant;

/** A local user of the web UI: the password's hash is never shown (see {@link Passwords}). */
public record StoredUser(String name, Role role, String passwordHash, Instant created, Instant disabled) {
    public boolean isDisabled() {
        return disabled != null;
    }

    @Override
    public String toString() {
        return "StoredUser[" + name + ", " + role.id() + (disabled != null ? ", disabled" : "") + "]";
    }
}
