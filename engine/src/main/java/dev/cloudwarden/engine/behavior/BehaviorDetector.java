package dev.cloudwarden.engine.behavior;

import dev.cloudwarden.engine.alert.Alert;
import dev.cloudwarden.engine.event.Event;
import dev.cloudwarden.engine.state.KeyedProcessor;

import java.util.List;

/**
 * A behavioral detector: a keyed operator over events (Flink's {@code KeyedProcessFunction} shape, see
 * {@link KeyedProcessor}) plus the key extractor a runner partitions the stream by ({@code keyBy} in a Flink job).
 * Every state value is a record of plain data; the operator keeps nothing per key in fields.
 *
 * <p>All detectors decide in event-time timers, once the watermark says every event up to a time has arrived,
 * and aggregate in ways that do not depend on arrival order (sums, minima, sorted sets), so input out of order
 * within the allowed lateness alerts exactly as sorted input does.
 */
public interface BehaviorDetector extends KeyedProcessor<String, Event, Alert> {
    /** The rules its alerts carry (one per kind of finding). */
    List<BehaviorRule> rules();

    /** The key {@code event} is watched under, or null when this detector does not look at it. */
    String keyOf(Event event);
}
