package dev.cloudwarden.engine.sigma.correlate;

import java.util.List;

/**
 * A group's window bookkeeping (state value). Entries live in a map state under consecutive sequence numbers
 * {@code firstSeq .. nextSeq-1}, in event-time order; the running aggregates describe exactly those entries.
 *
 * @param suppressedUntil  event time (ms) up to which the group stays quiet after an alert; MIN_VALUE: none
 * @param sum              sum of the entries' numbers (value_sum, value_avg)
 * @param distinct         distinct values among the entries (value_count)
 * @param perRule          entries per referenced rule (temporal)
 * @param chainStart       per rule position, the latest start (ms) of an in-order chain ending there
 *                         (temporal_ordered); MIN_VALUE: none
 * @param housekeeping     the eviction timer registered for this group; MIN_VALUE: none
 */
public record WindowMeta(long firstSeq, long nextSeq, long suppressedUntil, double sum, int distinct,
                         List<Integer> perRule, List<Long> chainStart, long housekeeping) {
    public WindowMeta {
        perRule = List.copyOf(perRule);
        chainStart = List.copyOf(chainStart);
    }
}
