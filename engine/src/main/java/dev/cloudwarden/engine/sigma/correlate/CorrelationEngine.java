package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.load.LoadedRule;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.state.BoundedLateness;
import dev.cloudwarden.engine.state.InMemoryKeyedState;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs a rule set's Sigma correlations over the matches of its detection rules, on event time, with the
 * state in an {@link InMemoryKeyedState}. The operator itself ({@link WindowProcessor}) only speaks the keyed
 * state interface; this class is the local runner around it: it routes matches to groups, keeps the
 * watermark, and feeds correlation alerts to the correlations chained on them.
 *
 * <p><b>Event time and lateness.</b> The watermark trails the latest event time seen by the allowed
 * lateness (minus 1 ms, as Flink's bounded-out-of-orderness generator does). A match waits until the watermark
 * passes its time, so any input that is out of order by at most the allowed lateness gives the same alerts
 * as sorted input. A match at or before the watermark is late: dropped and counted ({@link #lateMatches()}).
 *
 * <p><b>Semantics</b> (one contract for every type, see the package documentation): a window is the
 * timespan ending at each match, both ends inclusive; a group fires when the window ending at a match meets
 * the condition, then stays quiet until that window has slid past the firing match (at most one alert per
 * group per timespan); alert ids hash the correlation key and the texts of the contributing events.
 *
 * <p>Not thread-safe; one instance per input stream.
 */
public final class CorrelationEngine {
    /** CloudTrail delivers most events within 15 minutes and files overlap in time by about as much. */
    public static final Duration DEFAULT_ALLOWED_LATENESS = Duration.ofMinutes(15);

    private final CorrelationPlan plan;
    private final WindowProcessor processor;
    private final InMemoryKeyedState<GroupKey> state = new InMemoryKeyedState<>(Comparator.naturalOrder());
    private final BoundedLateness lateness;
    private final List<CorrelationHit> hits = new ArrayList<>();
    private long lateMatches;

    public CorrelationEngine(RuleSet rules) {
        this(rules, DEFAULT_ALLOWED_LATENESS);
    }

    public CorrelationEngine(RuleSet rules, Duration allowedLateness) {
        this.lateness = new BoundedLateness(allowedLateness);
        this.plan = CorrelationPlan.of(rules);
        this.processor = new WindowProcessor(plan.correlations);
    }

    /** Whether any correlation references {@code rule}: its matches should be passed to {@link #accept}. */
    public boolean consumes(LoadedRule rule) {
        return plan.byRule.containsKey(rule.key());
    }

    /**
     * Whether {@code rule}'s own alerts are withheld: it is referenced by a correlation and none of the
     * correlations referencing it says {@code generate: true}.
     */
    public boolean silences(LoadedRule rule) {
        return plan.silencedRules.contains(rule.key());
    }

    /** A detection rule matched an event. Correlation alerts that this completes go to {@code out}. */
    public void accept(LoadedRule rule, Event event, Consumer<Alert> out) {
        List<Subscription> subs = plan.byRule.get(rule.key());
        if (subs != null) {
            if (event.time().toEpochMilli() <= state.watermark()) {
                lateMatches++;
            } else {
                for (Subscription s : subs) {
                    feed(s.route(event.time(), List.of(event)));
                }
            }
        }
        advanceTo(event.time(), out);
    }

    /** Event time moved on (any event, matched or not): windows and buffers up to the new watermark settle. */
    public void advanceTo(Instant eventTime, Consumer<Alert> out) {
        state.advanceWatermark(lateness.observe(eventTime.toEpochMilli()));
        settle(out);
    }

    /** End of input: everything still buffered is processed, and all state is released. */
    public void finish(Consumer<Alert> out) {
        state.advanceWatermark(Long.MAX_VALUE);
        settle(out);
    }

    /** Matches dropped because they came later than the allowed lateness. */
    public long lateMatches() {
        return lateMatches;
    }

    /** Correlations that cannot run (reference cycles), with the reason. */
    public List<String> problems() {
        return plan.problems;
    }

    /** What the engine holds right now: group keys, stored items and timers. */
    public StateSize stateSize() {
        return new StateSize(state.keyCount(), state.entryCount(), state.timerCount());
    }

    /** @see #stateSize() */
    public record StateSize(int keys, int entries, int timers) {
    }

    /**
     * Fires due timers one timestamp at a time, emitting and chaining the alerts of each timestamp before the
     * next fires, so a chained correlation receives its inputs in event-time order too.
     */
    private void settle(Consumer<Alert> out) {
        while (state.fireEarliest(processor, hits::add)) {
            List<CorrelationHit> due = List.copyOf(hits);
            hits.clear();
            for (CorrelationHit hit : due) {
                if (!plan.silencedCorrelations[hit.correlation()]) {
                    out.accept(hit.alert());
                }
                for (Subscription s : plan.byCorrelation.get(hit.correlation())) {
                    feed(s.route(hit.alert().time(), hit.alert().events()));
                }
            }
        }
    }

    private void feed(Subscription.Routed routed) {
        if (routed != null) {
            state.processElement(routed.key(), routed.input(), processor, hits::add);
        }
    }
}
