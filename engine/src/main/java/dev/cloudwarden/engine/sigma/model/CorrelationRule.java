package dev.cloudwarden.engine.sigma.model;

import dev.cloudwarden.engine.alert.Level;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A Sigma correlation rule (meta-rule over other rules' matches).
 *
 * @param rules     referenced rules by id or name, in order (order matters for temporal_ordered)
 * @param groupBy   fields (or aliases) whose values scope the correlation; empty means one global group
 * @param aliases   alias name → (rule name → field name in that rule's events)
 * @param condition count/value condition; null for temporal types without one (all rules must match)
 * @param generate  whether the referenced rules also alert on their own
 */
public record CorrelationRule(
        String title,
        String id,
        String name,
        String status,
        String description,
        Level level,
        List<String> tags,
        Type type,
        List<String> rules,
        List<String> groupBy,
        Duration timespan,
        Map<String, Map<String, String>> aliases,
        Threshold condition,
        boolean generate,
        SourceLocation source) {

    public CorrelationRule {
        tags = List.copyOf(tags);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        aliases = Map.copyOf(aliases);
    }

    /** Correlation types of the specification (v2.1, including the value aggregations). */
    public enum Type {
        EVENT_COUNT, VALUE_COUNT, TEMPORAL, TEMPORAL_ORDERED, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE, VALUE_MEDIAN;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Types whose condition names a {@code field} to aggregate. */
        public boolean needsField() {
            return this != EVENT_COUNT && this != TEMPORAL && this != TEMPORAL_ORDERED;
        }
    }

    /** Comparison operators of a correlation condition. */
    public enum Op { GT, GTE, LT, LTE, EQ, NEQ }

    /**
     * The condition: every bound must hold (a range is two bounds), over the count or the aggregated
     * {@code field}. {@code percentile} is set for value_percentile.
     */
    public record Threshold(Map<Op, Double> bounds, String field, Double percentile) {
        public Threshold {
            bounds = Map.copyOf(bounds);
        }

        public boolean test(double value) {
            for (Map.Entry<Op, Double> b : bounds.entrySet()) {
                double v = b.getValue();
                boolean ok = switch (b.getKey()) {
                    case GT -> value > v;
                    case GTE -> value >= v;
                    case LT -> value < v;
                    case LTE -> value <= v;
                    case EQ -> value == v;
                    case NEQ -> value != v;
                };
                if (!ok) {
                    return false;
                }
            }
            return true;
        }
    }
}
