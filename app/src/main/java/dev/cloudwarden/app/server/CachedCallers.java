package dev.cloudwarden.app.server;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers who a token belongs to for a short while: looking a token up in the store also records its last use,
 * a write that would otherwise queue behind the detection run's writes on every request. A revoked token is refused
 * within {@code ttl}; an unknown one is looked up every time (it is not remembered).
 */
final class CachedCallers implements CallerLookup {
    private record Known(Caller caller, long until) {
    }

    private final CallerLookup store;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    CachedCallers(CallerLookup store, Duration ttl) {
        this.store = store;
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public Optional<Caller> byToken(String token) {
        long now = System.nanoTime();
        Known k = known.get(token);
        if (k != null && now - k.until() < 0) {
            return Optional.of(k.caller());
        }
        Optional<Caller> found = store.byToken(token);
        if (found.isPresent()) {
            if (known.size() > 10_000) { // tokens are few; a flood of distinct valid ones only costs lookups
                known.clear();
            }
            known.put(token, new Known(found.get(), now + ttlNanos));
        } else {
            known.remove(token);
        }
        return found;
    }
}
