package dev.cloudwarden.app.hunt;

import java.time.Duration;

/**
 * When the archive writes a batch.
 *
 * @param batchEvents events per batch: fewer, larger files read faster; 100,000 events are about 10-40 MB of
 *                    Parquet and what the staging table holds in memory meanwhile
 * @param batchDelay  the longest an event waits in the buffer, so a quiet service's events still reach hunts soon
 */
public record ArchiveOptions(int batchEvents, Duration batchDelay) {
    public ArchiveOptions {
        if (batchEvents < 1) {
            throw new IllegalArgumentException("batchEvents must be at least 1, got " + batchEvents);
        }
        if (batchDelay.isNegative()) {
            throw new IllegalArgumentException("batchDelay must not be negative, got " + batchDelay);
        }
    }

    public static ArchiveOptions defaults() {
        return new ArchiveOptions(100_000, Duration.ofMinutes(1));
    }
}
