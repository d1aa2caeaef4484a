package dev.cloudwarden.app.hunt;

import java.time.Duration;

/**
 * How much one hunt may take.
 *
 * @param maxRows rows returned at most; the rest are not fetched and the result says {@code truncated}
 * @param timeout the statement is cancelled after this long (fetching included)
 */
public record HuntLimits(int maxRows, Duration timeout) {
    public static final HuntLimits DEFAULT = new HuntLimits(1000, Duration.ofSeconds(30));

    public HuntLimits {
        if (maxRows < 1) {
            throw new IllegalArgumentException("the row limit must be at least 1, got " + maxRows);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout must be positive, got " + timeout);
        }
    }
}
