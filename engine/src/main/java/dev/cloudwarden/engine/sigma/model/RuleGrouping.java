package dev.cloudwarden.engine.sigma.model;

import java.time.Duration;
import java.util.List;

/**
 * A rule's own alert grouping, from its custom attribute (Sigma allows attributes beyond the specification's):
 * <pre>
 * grouping:
 *   by: [eventName, sourceIPAddress]   # what two matches must share to be one alert
 *   period: 30m                        # how long one alert takes matches (s, m, h, d)
 * </pre>
 * Either part may be left out and then comes from the run's defaults. The anchors are Panther's dedup string and
 * period and Elastic's alert suppression.
 *
 * @param by     record fields (dotted paths) or the run's named keys ({@code actor}, {@code account},
 *               {@code src_ip}, {@code dst_ip}, {@code dst_host}, {@code operation}); empty for the default key
 * @param period null for the run's period
 */
public record RuleGrouping(List<String> by, Duration period) {
    public RuleGrouping {
        by = List.copyOf(by);
        if (period != null && (period.isNegative() || period.isZero())) {
            throw new IllegalArgumentException("grouping period must be positive: " + period);
        }
    }
}
