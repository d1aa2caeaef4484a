package dev.cloudwarden.engine.state;

import java.time.Duration;

/**
 * A watermark that trails the latest event time seen by an allowed lateness (minus 1 ms, as Flink's
 * bounded-out-of-orderness generator does): input out of order by at most the lateness is complete up to it.
 * An element at or before the watermark is late. Shared by the local runners of the stateful operators (Sigma
 * correlations, behavioral detectors), so they agree on what "late" means.
 */
public final class BoundedLateness {
    private final long latenessMillis;
    private long maxSeen = Long.MIN_VALUE;

    public BoundedLateness(Duration allowedLateness) {
        if (allowedLateness.isNegative()) {
            throw new IllegalArgumentException("allowed lateness must not be negative: " + allowedLateness);
        }
        this.latenessMillis = saturatedMillis(allowedLateness);
    }

    /** Notes an event time; returns the watermark after it. */
    public long observe(long eventTimeMillis) {
        maxSeen = Math.max(maxSeen, eventTimeMillis);
        return watermark();
    }

    /** The latest event time seen; {@link Long#MIN_VALUE} before the first event. */
    public long latest() {
        return maxSeen;
    }

    /** Event time up to which input is complete; {@link Long#MIN_VALUE} before the first event. */
    public long watermark() {
        if (maxSeen <= Long.MIN_VALUE + latenessMillis) { // no event yet, or the lateness reaches back past all time
            return Long.MIN_VALUE;
        }
        return maxSeen - latenessMillis - 1;
    }

    private static long saturatedMillis(Duration d) {
        try {
            return d.toMillis();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }
}
