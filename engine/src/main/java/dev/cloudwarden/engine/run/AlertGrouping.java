package dev.cloudwarden.engine.run;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run groups alerts (dedup): matches of one rule with the same group key within a period become one alert
 * carrying their count, first and last time and a sample of their events. The anchors are Panther's dedup period
 * and Elastic's alert suppression. A rule may declare its own key and period ({@code grouping:} in the rule, see
 * {@link dev.cloudwarden.engine.sigma.model.RuleGrouping}); this holds the run's defaults.
 *
 * <p>Grouping changes what the sinks see, never what the detectors and incidents see: correlations and incidents
 * still get every match, and the counts of a run's alerts add up to its matches.
 *
 * @param enabled    false: every match is an alert of its own ({@code --no-dedup})
 * @param period     how long one alert takes matches, from its first; one hour by default
 * @param sampleSize at most this many events are kept per alert (a correlation's own events are kept whole)
 */
public record AlertGrouping(boolean enabled, Duration period, int sampleSize) {
    public static final Duration DEFAULT_PERIOD = Duration.ofHours(1);
    public static final int DEFAULT_SAMPLE_SIZE = 10;

    public AlertGrouping {
        Objects.requireNonNull(period, "period");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("grouping period must be positive: " + period);
        }
        if (sampleSize < 1) {
            throw new IllegalArgumentException("sample size must be at least 1: " + sampleSize);
        }
    }

    public static AlertGrouping defaults() {
        return new AlertGrouping(true, DEFAULT_PERIOD, DEFAULT_SAMPLE_SIZE);
    }

    /** Every match an alert of its own. */
    public static AlertGrouping off() {
        return new AlertGrouping(false, DEFAULT_PERIOD, DEFAULT_SAMPLE_SIZE);
    }

    public AlertGrouping withPeriod(Duration value) {
        return new AlertGrouping(enabled, value, sampleSize);
    }
}
