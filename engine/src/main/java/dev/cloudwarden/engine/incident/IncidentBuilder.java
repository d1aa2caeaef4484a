package dev.cloudwarden.engine.incident;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.state.BoundedLateness;
import dev.cloudwarden.engine.state.InMemoryKeyedState;

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
 * newer. An incident closes once the watermark shows that no alert within the window of its last one can still
 * come; its state is then gone. Every change leaves as an {@link IncidentUpdate}.
 *
 * <p><b>Event time.</b> The detection run drives the watermark ({@link #advanceWatermark}): alerts wait until it
 * passes them and are then handled in (time, id) order, so input out of order within the run's lateness gives
 * the same incidents, with the same ids, as sorted input. Later alerts are handled at once and counted
 * ({@link #lateAlerts()}), never dropped. {@link #build} runs a finished list of alerts with its own watermark
 * ({@link IncidentOptions#allowedLateness()} behind the latest alert).
 *
 * <p>Not thread-safe; one instance per alert stream.
 */
public final class IncidentBuilder {
    private static final String KEY = "";

    private final IncidentProcessor processor;
    private final InMemoryKeyedState<String> state = new InMemoryKeyedState<>(Comparator.naturalOrder());
    private long lateAlerts;

    public IncidentBuilder() {
        this(IncidentOptions.defaults());
    }

    /** The options' allowed lateness is used by {@link #build} only; a run passes its own watermark. */
    public IncidentBuilder(IncidentOptions options) {
        this(options, true);
    }

    /** @param liveUpdates also emit opened, updated and merged incidents, not only closed ones */
    public IncidentBuilder(IncidentOptions options, boolean liveUpdates) {
        this.processor = new IncidentProcessor(options, liveUpdates);
    }

    /** The final (closed) incidents of a finished list of alerts, in the order they close. */
    public static List<Incident> build(Iterable<Alert> alerts, IncidentOptions options) {
        IncidentBuilder b = new IncidentBuilder(options, false);
        BoundedLateness lateness = new BoundedLateness(options.allowedLateness());
        List<Incident> out = new ArrayList<>();
        Consumer<IncidentUpdate> closed = u -> {
            if (u.kind() == IncidentUpdate.Kind.CLOSED) {
                out.add(u.incident());
            }
        };
        for (Alert a : alerts) {
            b.add(a, closed);
            b.advanceWatermark(lateness.observe(a.time().toEpochMilli()), closed);
        }
        b.advanceWatermark(Long.MAX_VALUE, closed);
        return out;
    }

    /** One alert; it waits for the watermark to pass its time unless it is already late. */
    public void add(Alert alert, Consumer<IncidentUpdate> out) {
        if (alert.time().toEpochMilli() <= state.watermark()) {
            lateAlerts++;
        }
        state.processElement(KEY, alert, processor, out);
    }

    /**
     * Alerts are complete up to {@code watermark} (epoch ms; {@link Long#MAX_VALUE} at the end of input): waiting
     * alerts are placed and incidents idle for a whole window close.
     */
    public void advanceWatermark(long watermark, Consumer<IncidentUpdate> out) {
        if (watermark > state.watermark()) {
            state.advanceWatermark(watermark, processor, out);
        }
    }

    /** Alerts that came later than the watermark (handled anyway, see the class documentation). */
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
