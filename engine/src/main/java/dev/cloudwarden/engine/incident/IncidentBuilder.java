package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.state.InMemoryKeyedState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Groups alerts into incidents on event time, with the state in an {@link InMemoryKeyedState}; the operator
 * itself ({@link IncidentProcessor}) only speaks the keyed-state interface, so a Flink job can run it too.
 *
 * <p><b>Semantics</b> (see also the package documentation): two alerts belong to one incident when they
 * share a linking entity ({@link EntityExtractor#links}) and are at most {@link IncidentOptions#window()}
 * apart, and transitively: an alert that links two open incidents merges them, the older absorbing the
 * newer. An incident closes, and is handed to the caller, once the watermark shows that no alert within the
 * window of its last one can still come; its state is then gone. Closed incidents are final: nothing is
 * emitted for an incident before it closes.
 *
 * <p><b>Event time and lateness</b> as in {@link dev.cloudwarden.engine.sigma.correlate.CorrelationEngine}:
 * the watermark trails the latest time seen by the allowed lateness (minus 1 ms); alerts wait until it passes
 * them and are then handled in (time, id) order, so input out of order within the allowed lateness gives the
 * same incidents, with the same ids, as sorted input. Later alerts are handled at once and counted
 * ({@link #lateAlerts()}), never dropped.
 *
 * <p>Not thread-safe; one instance per alert stream.
 */
public final class IncidentBuilder {
    private static final String KEY = "";

    private final IncidentProcessor processor;
    private final InMemoryKeyedState<String> state = new InMemoryKeyedState<>(Comparator.naturalOrder());
    private final long latenessMillis;
    private long maxSeen = Long.MIN_VALUE;
    private long lateAlerts;

    public IncidentBuilder() {
        this(IncidentOptions.defaults());
    }

    public IncidentBuilder(IncidentOptions options) {
        this.processor = new IncidentProcessor(options);
        this.latenessMillis = options.allowedLateness().toMillis();
    }

    /** All incidents of {@code alerts}, in the order they close. */
    public static List<Incident> build(Iterable<Alert> alerts, IncidentOptions options) {
        IncidentBuilder b = new IncidentBuilder(options);
        List<Incident> out = new ArrayList<>();
        for (Alert a : alerts) {
            b.accept(a, out::add);
        }
        b.finish(out::add);
        return out;
    }

    /** One alert; incidents that this closes (event time moved on) go to {@code out}. */
    public void accept(Alert alert, Consumer<Incident> out) {
        if (alert.time().toEpochMilli() <= state.watermark()) {
            lateAlerts++;
        }
        state.processElement(KEY, alert, processor, out);
        advanceTo(alert.time(), out);
    }

    /** Event time moved on (any event or alert): incidents idle for a whole window close. */
    public void advanceTo(Instant eventTime, Consumer<Incident> out) {
        long t = eventTime.toEpochMilli();
        if (t > maxSeen) {
            maxSeen = t;
            state.advanceWatermark(maxSeen - latenessMillis - 1, processor, out);
        }
    }

    /** End of input: every alert still waiting is placed and every open incident closes. */
    public void finish(Consumer<Incident> out) {
        state.advanceWatermark(Long.MAX_VALUE, processor, out);
    }

    /** Alerts that came later than the allowed lateness (handled anyway, see the class documentation). */
    public long lateAlerts() {
        return lateAlerts;
    }

    /** The entity rules in use. */
    public EntityExtractor extractor() {
        return processor.extractor();
    }

    /** What the builder holds right now: keys, stored items (alerts waiting, open incidents, links, idle checks) and timers. */
    public StateSize stateSize() {
        return new StateSize(state.keyCount(), state.entryCount(), state.timerCount());
    }

    /** @see #stateSize() */
    public record StateSize(int keys, int entries, int timers) {
    }
}
