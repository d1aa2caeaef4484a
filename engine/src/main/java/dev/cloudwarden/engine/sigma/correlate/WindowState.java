package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.sigma.model.CorrelationRule.Type;
import dev.cloudwarden.engine.state.CountedState;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * All that one group holds (state value, one per group): the matches waiting for the watermark, the window's
 * matches and the running aggregates over exactly those. One compact object rather than a value and maps keyed by
 * time and by sequence number: a match waits the whole allowed lateness before its timer comes, by then its group's
 * state is out of the cache, and every separate map and boxed key was one more miss (they were most of what a scan
 * of an auth.log spent in correlations). Mutable; {@link Window} updates it after each callback, as keyed state asks.
 */
final class WindowState implements CountedState {
    static final long NONE = Long.MIN_VALUE;

    /** Matches whose time the watermark has not passed yet, in time order (same-time ones in arrival order). */
    final MatchQueue pending = new MatchQueue();
    /** The window: matches already counted, in event-time order, the oldest first to leave. */
    final MatchQueue entries = new MatchQueue();
    /** Entries per referenced rule (temporal; null for other types: groups come and go, a bare count needs none). */
    final int[] perRule;
    /**
     * Per rule position, the latest start (ms) of an in-order chain ending there (temporal_ordered; null for other
     * types); NONE: none.
     */
    final long[] chainStart;
    /** Entries per value of the condition's field (value_count, rarity); null when the type reads no values. */
    final Map<String, Integer> values;
    /** Sum of the entries' numbers (value_sum, value_avg). */
    double sum;
    /** Event time (ms) up to which the group stays quiet after an alert; NONE: none. */
    long suppressedUntil = NONE;
    /** The eviction timer registered for this group; NONE: none. */
    long housekeeping = NONE;

    WindowState(CompiledCorrelation c) {
        this.perRule = c.type() == Type.TEMPORAL ? new int[c.ruleCount()] : null;
        this.chainStart = c.type() == Type.TEMPORAL_ORDERED ? new long[c.ruleCount()] : null;
        if (chainStart != null) {
            Arrays.fill(chainStart, NONE);
        }
        this.values = c.tracksValues() ? new HashMap<>() : null;
    }

    /** Whether the group can be forgotten: nothing waiting, nothing in the window, not quiet. */
    boolean isEmpty() {
        return pending.isEmpty() && entries.isEmpty() && suppressedUntil == NONE;
    }

    @Override
    public int items() {
        // the bookkeeping, the matches and the distinct values, as the maps it replaces counted them
        return 1 + pending.size() + entries.size() + (values == null ? 0 : values.size());
    }
}
