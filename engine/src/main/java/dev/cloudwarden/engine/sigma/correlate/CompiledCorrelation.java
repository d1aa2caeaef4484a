package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;
import dev.cloudwarden.engine.sigma.model.CorrelationRule.Type;

/**
 * A correlation ready to run.
 *
 * @param index      its position in the plan (part of every {@link GroupKey})
 * @param key        the id its alerts carry: the rule's id, or {@code file#title} like detection rules
 * @param spanMillis the timespan
 */
public record CompiledCorrelation(int index, String key, CorrelationRule rule, long spanMillis) {

    static CompiledCorrelation of(int index, CorrelationRule rule) {
        return new CompiledCorrelation(index, RuleSet.key(rule), rule, rule.timespan().toMillis());
    }

    Type type() {
        return rule.type();
    }

    int ruleCount() {
        return rule.rules().size();
    }

    /**
     * value_percentile with a {@code percentile} in its condition measures that percentile of the numbers;
     * without one it follows the specification's example and measures how rare the event's value is.
     */
    boolean measuresRarity() {
        return type() == Type.VALUE_PERCENTILE && rule.condition().percentile() == null;
    }

    /** Whether the window counts its entries per value of the condition's field (value_count, rarity). */
    boolean tracksValues() {
        return type() == Type.VALUE_COUNT || measuresRarity();
    }

    /** Whether the window keeps the sum of its entries' numbers (value_sum, value_avg). */
    boolean sumsNumbers() {
        return type() == Type.VALUE_SUM || type() == Type.VALUE_AVG;
    }

    /**
     * Whether an entry leaving the window changes an aggregate: per-rule counts (temporal), the sum or the values.
     * The window's size, the chain starts of temporal_ordered and the numbers of percentiles need nothing of it.
     */
    boolean aggregatesEntries() {
        return type() == Type.TEMPORAL || sumsNumbers() || tracksValues();
    }

    /** Whether a match without the condition's field can take part. */
    boolean accepts(MatchInput in) {
        return switch (type()) {
            case EVENT_COUNT, TEMPORAL, TEMPORAL_ORDERED -> true;
            case VALUE_COUNT -> in.value() != null;
            case VALUE_PERCENTILE -> measuresRarity() ? in.value() != null : in.number() != null;
            case VALUE_SUM, VALUE_AVG, VALUE_MEDIAN -> in.number() != null;
        };
    }

    /** Whether the measured value fires: the condition's bounds, or every rule seen for temporal without one. */
    boolean holds(double measured) {
        CorrelationRule.Threshold t = rule.condition();
        return t == null ? measured >= ruleCount() : t.test(measured);
    }
}
