package dev.cloudwarden.app.store;

import java.time.Instant;

/**
 * An API token as stored (its hash is not shown): who may use it for what.
 *
 * @param lastUsed null when never used
 * @param revoked  null while it is valid
 */
public record ApiToken(long id, String name, Role role, Instant created, Instant lastUsed, Instant revoked) {
    public boolean isRevoked() {
        return revoked != null;
    }
}
