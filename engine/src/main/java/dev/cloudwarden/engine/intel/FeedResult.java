package dev.cloudwarden.engine.intel;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What reading a feed gave: the indicators, and the problems with their locations. A feed is never all or
 * nothing: a bad object is a problem, the others are still indicators.
 *
 * @param skipped         objects read on purpose without an indicator (STIX objects of other types, MISP attributes
 *                        of types CloudWarden does not match), so that counts add up
 * @param skippedByReason the same count broken down by reason ({@code "stix type identity"},
 *                        {@code "misp type regkey|value"}), sorted by reason; empty when a reader gives no breakdown
 */
public record FeedResult(String source, List<Indicator> indicators, List<FeedProblem> problems, int skipped,
                         Map<String, Integer> skippedByReason) {
    public FeedResult {
        indicators = List.copyOf(indicators);
        problems = List.copyOf(problems);
        skippedByReason = Collections.unmodifiableMap(new TreeMap<>(skippedByReason));
    }

    /** A result without a breakdown of what was skipped. */
    public FeedResult(String source, List<Indicator> indicators, List<FeedProblem> problems, int skipped) {
        this(source, indicators, problems, skipped, Map.of());
    }

    /** How many of the indicators no longer apply at {@code time} (their {@code validUntil} is at or before it). */
    public long expiredAt(Instant time) {
        return indicators.stream().filter(i -> i.validUntil() != null && !time.isBefore(i.validUntil())).count();
    }
}
