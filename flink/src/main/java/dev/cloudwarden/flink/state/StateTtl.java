package dev.cloudwarden.flink.state;

import dev.cloudwarden.engine.run.RunConfig;
import dev.cloudwarden.engine.sigma.model.CorrelationRule;

import java.io.Serializable;
import java.time.Duration;

/**
 * How long Flink keeps a key's state without a write, per operator: a safety net under the engine's own eviction,
 * never in its way. The engine forgets a key by event-time timers (a correlation group once its window slid past, a
 * baseline after its idle expiry, a group at its period's end, an incident a window after its last alert), so state
 * is bounded as long as the watermark moves. Flink's TTL runs on wall time: it catches keys whose timers a stalled
 * watermark never fires, and is set well beyond the event time the engine holds a key (twice the horizon plus the
 * lateness, a day at least), so that on a live stream, where event time follows the clock, it never drops state the
 * engine still needs.
 *
 * @param ttl the time to live; null: none (state lives until the engine clears it)
 */
public record StateTtl(Duration ttl) implements Serializable {
    private static final Duration FLOOR = Duration.ofDays(1);

    public static final StateTtl NONE = new StateTtl(null);

    /** The TTL for an operator that holds a key for {@code horizon} of event time after its last write. */
    public static StateTtl beyond(Duration horizon, RunConfig config) {
        Duration t = horizon.plus(config.allowedLateness()).multipliedBy(2);
        return new StateTtl(t.compareTo(FLOOR) < 0 ? FLOOR : t);
    }

    /** Correlations: the longest window. */
    public static StateTtl correlations(RunConfig config) {
        Duration longest = config.rules().correlations().stream().map(CorrelationRule::timespan)
                .filter(java.util.Objects::nonNull).max(Duration::compareTo).orElse(Duration.ZERO);
        return beyond(longest, config);
    }

    /** Behavioral detectors: their idle expiry. */
    public static StateTtl behavior(RunConfig config) {
        return beyond(config.behavior().idleExpiry(), config);
    }

    /** Grouping: the run's period (a rule's own period, when longer, is held by its timer). */
    public static StateTtl grouping(RunConfig config) {
        return beyond(config.grouping().period(), config);
    }

    /** Incidents: the linking window (an open incident is rewritten with each alert it takes). */
    public static StateTtl incidents(RunConfig config) {
        return config.incidents() == null ? NONE : beyond(config.incidents().options().window(), config);
    }

    org.apache.flink.api.common.state.StateTtlConfig flinkConfig() {
        return org.apache.flink.api.common.state.StateTtlConfig.newBuilder(ttl)
                .setUpdateType(org.apache.flink.api.common.state.StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(org.apache.flink.api.common.state.StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
    }
}
