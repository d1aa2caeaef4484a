package dev.cloudwarden.app.live;

import java.time.Clock;
import java.time.Instant;

/** Counters of one live input: written by its reading thread and its checkpoints, read by health checks. */
public final class LiveStats {
    private final String input;
    private final String lagUnit;
    private final Clock clock;
    private long followed;
    private long bytesRead;
    private long events;
    private long rejected;
    private long skipped;
    private long lag;
    private String lastError;
    private Instant lastErrorAt;
    private Instant lastCommitted;

    public LiveStats(String input, String lagUnit, Clock clock) {
        this.input = input;
        this.lagUnit = lagUnit;
        this.clock = clock;
    }

    public synchronized InputHealth health() {
        return new InputHealth(input, followed, bytesRead, events + rejected + skipped, events, rejected, lag, lagUnit,
                lastError, lastErrorAt, lastCommitted);
    }

    synchronized void event() {
        events++;
    }

    synchronized void rejected(String message) {
        rejected++;
        error(message);
    }

    synchronized void skipped() {
        skipped++;
    }

    public synchronized void bytesRead(long n) {
        bytesRead += n;
    }

    public synchronized void followed(long n) {
        followed = n;
    }

    public synchronized void lag(long n) {
        lag = n;
    }

    /** A problem worth showing (messages quote attacker-controlled names: shown as data, never interpreted). */
    public synchronized void error(String message) {
        lastError = message;
        lastErrorAt = clock.instant();
    }

    synchronized void committed() {
        lastCommitted = clock.instant();
    }
}
