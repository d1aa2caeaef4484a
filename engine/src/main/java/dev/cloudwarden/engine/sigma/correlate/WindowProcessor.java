package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.state.KeyedProcessor;
import dev.cloudwarden.engine.state.KeyedState;
import dev.cloudwarden.engine.state.ValueState;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The correlation operator, keyed by {@link GroupKey}. Out-of-order input is handled the way Flink's CEP
 * operator does it: a match is parked in its group's pending queue with a timer at its event time, and only handled
 * when the watermark passes that time. Matches therefore reach the window in event-time order whatever order
 * they came in, as long as they are not later than the watermark. Dropping late elements is the runner's
 * job, not this class's: {@link CorrelationEngine} drops base matches at or before its watermark and counts
 * them; a Flink wrapper would send elements with {@code timestamp <= currentWatermark()} to a side output
 * before calling {@link #processElement}. Chained alerts are never late there, being emitted before the
 * watermark that released them moves downstream.
 */
final class WindowProcessor implements KeyedProcessor<GroupKey, MatchInput, CorrelationHit> {
    static final String WINDOW_STATE = "correlation-window";

    private final List<CompiledCorrelation> correlations;

    WindowProcessor(List<CompiledCorrelation> correlations) {
        this.correlations = List.copyOf(correlations);
    }

    @Override
    public void processElement(MatchInput in, KeyedState<GroupKey> state, Consumer<CorrelationHit> out) {
        ValueState<WindowState> window = window(state);
        WindowState s = window.value();
        if (s == null) {
            s = new WindowState(correlations.get(state.currentKey().correlation()));
        }
        // one timer for all that waits, at the earliest time: the time of every match waiting is still handled, as
        // each firing registers the next (see onTimer), but a busy group keeps one timer, not one per second of the
        // allowed lateness
        long t = in.millis();
        boolean earliest = s.pending.isEmpty() || t < s.pending.firstTime();
        s.pending.add(in, t);
        window.update(s);
        if (earliest) {
            state.timers().registerEventTimeTimer(t);
        }
    }

    /** Either pending matches are due, or the oldest entry leaves the window, or a quiet period ends (or several). */
    @Override
    public void onTimer(long time, KeyedState<GroupKey> state, Consumer<CorrelationHit> out) {
        ValueState<WindowState> window = window(state);
        WindowState s = window.value();
        if (s == null) {
            return;
        }
        CompiledCorrelation c = correlations.get(state.currentKey().correlation());
        Window w = new Window(c, s);
        for (MatchInput in : due(s.pending, time)) {
            w.add(in, time, out);
        }
        w.evictBefore(time - c.spanMillis());
        if (!s.pending.isEmpty()) {
            state.timers().registerEventTimeTimer(s.pending.firstTime());
        }
        if (w.settle(time, state.timers())) {
            window.update(s);
        } else {
            window.clear();
        }
    }

    /**
     * Takes the pending matches at {@code time}: the oldest, since timers fire in time order. Several of one time
     * are processed in a fixed order, whatever order they arrived in (see {@link MatchInput#SAME_TIME_ORDER}).
     */
    private static List<MatchInput> due(MatchQueue pending, long time) {
        if (pending.isEmpty() || pending.firstTime() != time) {
            return List.of();
        }
        MatchInput first = pending.removeFirst();
        if (pending.isEmpty() || pending.firstTime() != time) {
            return List.of(first);
        }
        List<MatchInput> due = new ArrayList<>();
        due.add(first);
        while (!pending.isEmpty() && pending.firstTime() == time) {
            due.add(pending.removeFirst());
        }
        due.sort(MatchInput.SAME_TIME_ORDER);
        return due;
    }

    private static ValueState<WindowState> window(KeyedState<GroupKey> state) {
        return state.valueState(WINDOW_STATE, WindowState.class);
    }
}
