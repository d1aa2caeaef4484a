package dev.cloudwarden.app.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password and token guessing: after {@value #MAX_FAILURES} failed sign-ins from one address within
 * {@link #WINDOW}, that address is refused until the window has passed. Kept in memory (a restart forgets it), and
 * bounded: addresses with no recent failure are dropped.
 */
final class SignInThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);
    private static final int MAX_ADDRESSES = 100_000;

    private final ConcurrentHashMap<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    SignInThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Whether {@code address} may try now. */
    boolean allows(String address) {
        Deque<Instant> f = failures.get(address);
        if (f == null) {
            return true;
        }
        synchronized (f) {
            prune(f, clock.instant());
            return f.size() < MAX_FAILURES;
        }
    }

    void failed(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            Instant now = clock.instant();
            failures.values().removeIf(f -> {
                synchronized (f) {
                    prune(f, now);
                    return f.isEmpty();
                }
            });
        }
        Deque<Instant> f = failures.computeIfAbsent(address, k -> new ArrayDeque<>());
        synchronized (f) {
            f.addLast(clock.instant());
        }
    }

    void succeeded(String address) {
        failures.remove(address);
    }

    private static void prune(Deque<Instant> f, Instant now) {
        while (!f.isEmpty() && !f.peekFirst().isAfter(now.minus(WINDOW))) {
            f.removeFirst();
        }
    }
}
