package dev.cloudwarden.engine.sigma.correlate;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.sigma.load.RuleSet;
import dev.cloudwarden.engine.detect.EventDetector;
import dev.cloudwarden.engine.detect.RuleMatches;
import dev.cloudwarden.engine.state.InMemoryKeyedState;
import dev.cloudwarden.engine.state.KeyedProcessor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Runs a rule set's Sigma correlations over the matches of its detection rules, on event time, with the
 * state in an {@link InMemoryKeyedState}. The operator itself ({@link WindowProcessor}) only speaks the keyed
 * state interface and the routing is {@link CorrelationStage}'s, which a Flink job runs too; this class is the local
 * runner around them: it feeds matches to their groups and correlation alerts back to the correlations chained on
 * them, in one state. The watermark comes from the detection run (its one lateness
 * bound).
 *
 * <p><b>Event time and lateness.</b> A match waits until the watermark passes its time, so any input that is
 * out of order by at most the run's allowed lateness gives the same alerts as sorted input. A match at or
 * before the watermark is late: dropped and counted ({@link #lateInputs()}).
 *
 * <p><b>Semantics</b> (one contract for every type, see the package documentation): a window is the
 * timespan ending at each match, both ends inclusive; a group fires when the window ending at a match meets
 * the condition, then stays quiet until that window has slid past the firing match (at most one alert per
 * group per timespan); alert ids hash the correlation key and the texts of the contributing events. An alert
 * carries the time of the match that completed it and comes out as the watermark passes that match.
 *
 * <p>Not thread-safe; one instance per run.
 */
public final class CorrelationEngine implements EventDetector {
    private final CorrelationStage stage;
    private final KeyedProcessor<GroupKey, MatchInput, CorrelationHit> processor;
    private final InMemoryKeyedState<GroupKey> state = new InMemoryKeyedState<>(Comparator.naturalOrder());
    private final List<CorrelationHit> hits = new ArrayList<>();
    private final Consumer<CorrelationStage.Input> feed = this::feed;
    private long lateMatches;

    public CorrelationEngine(RuleSet rules) {
        this.stage = CorrelationStage.of(rules);
        this.processor = stage.newProcessor();
    }

    /**
     * Keys of the detection rules whose own alerts are withheld: referenced by a correlation and none of the
     * correlations referencing them says {@code generate: true}.
     */
    public static Set<String> silencedRules(RuleSet rules) {
        return CorrelationPlan.of(rules).silencedRules;
    }

    /** Whether the rule set has any correlation that can run. */
    public boolean isEmpty() {
        return stage.isEmpty();
    }

    @Override
    public String name() {
        return "correlations";
    }

    /** Detection rules matched an event (listed in {@code matches}); they feed the correlations referencing them. */
    @Override
    public void process(Event event, RuleMatches matches, Consumer<Alert> out) {
        if (event.time().toEpochMilli() <= state.watermark()) {
            lateMatches += stage.listenedMatches(matches);
        } else {
            stage.route(event, matches, feed);
        }
    }

    /** Event time is complete up to {@code watermark}: windows and buffers up to it settle. */
    @Override
    public void advanceWatermark(long watermark, Consumer<Alert> out) {
        if (watermark > state.watermark()) {
            state.advanceWatermark(watermark);
            settle(out);
        }
    }

    /** Matches dropped because they came later than the allowed lateness. */
    @Override
    public long lateInputs() {
        return lateMatches;
    }

    /** Correlations that cannot run (reference cycles), with the reason. */
    public List<String> problems() {
        return stage.problems();
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
                Alert alert = stage.emitted(hit);
                if (alert != null) {
                    out.accept(alert);
                }
                stage.chain(hit, feed);
            }
        }
    }

    private void feed(CorrelationStage.Input routed) {
        state.processElement(routed.key(), routed.match(), processor, hits::add);
    }
}
