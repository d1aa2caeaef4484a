package dev.cloudwarden.app.server;

import java.util.Optional;

/** Finds the caller a bearer token belongs to (the store keeps only the tokens' hashes); empty for an unknown or revoked token. */
@FunctionalInterface
public interface CallerLookup {
    Optional<Caller> byToken(String token);
}
