package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.state.KeyedProcessor;
import dev.cloudwarden.engine.state.KeyedState;
import dev.cloudwarden.engine.state.MapState;

import java.util.List;
import java.util.function.Consumer;

/**
 * The correlation operator, keyed by {@link GroupKey}. Out-of-order input is handled the way Flink's CEP
 * operator does it: a match is parked in a per-time buffer with a timer at its event time, and only handled
 * when the watermark passes that time. Matches therefore reach the window in event-time order whatever order
 * they came in, as long as they are not later than the watermark. Dropping late elements is the runner's
 * job, not this class's: {@link CorrelationEngine} drops base matches at or before its watermark and counts
 * them; a Flink wrapper would send elements with {@code timestamp <= currentWatermark()} to a side output
 * before calling {@link #processElement}. Chained alerts are never late there, being emitted before the
 * watermark that released them moves downstream.
 */
final class WindowProcessor implements KeyedProcessor<GroupKey, MatchInput, CorrelationHit> {
    static final String PENDING_STATE = "correlation-pending";

    private final List<CompiledCorrelation> correlations;

    WindowProcessor(List<CompiledCorrelation> correlations) {
        this.correlations = List.copyOf(correlations);
    }

    @Override
    public void processElement(MatchInput in, KeyedState<GroupKey> state, Consumer<CorrelationHit> out) {
        MapState<Long, PendingBatch> pending = pending(state);
        long t = in.millis();
        PendingBatch batch = pending.get(t);
        pending.put(t, batch == null ? new PendingBatch(List.of(in)) : batch.plus(in));
        state.timers().registerEventTimeTimer(t);
    }

    /** Either a pending batch is due, or the oldest entry leaves the window, or a quiet period ends (or several). */
    @Override
    public void onTimer(long time, KeyedState<GroupKey> state, Consumer<CorrelationHit> out) {
        CompiledCorrelation c = correlations.get(state.currentKey().correlation());
        MapState<Long, PendingBatch> pending = pending(state);
        Window window = new Window(c, state);
        PendingBatch batch = pending.get(time);
        if (batch != null) {
            pending.remove(time);
            for (MatchInput in : batch.ordered()) {
                window.add(in, out);
            }
        }
        window.evictBefore(time - c.spanMillis());
        window.save(time, pending);
    }

    private static MapState<Long, PendingBatch> pending(KeyedState<GroupKey> state) {
        return state.mapState(PENDING_STATE, Long.class, PendingBatch.class);
    }
}
